"""Peak resident memory of this process, stage by stage (Linux; nothing elsewhere).

The kernel keeps the high-water mark of resident memory (``VmHWM`` in
``/proc/self/status``); writing 5 to ``/proc/self/clear_refs`` resets it to
the current resident size, so the peak of each stage can be read off on its
own. A build records these figures in its manifest, beside the seconds.

Between stages, :func:`release` hands freed memory back to the system: without it the
C allocator keeps the pages of a stage's freed intermediates, so every stage would
start from the previous one's high-water mark instead of from what is still held.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from contextlib import suppress
from functools import cache
from pathlib import Path

_STATUS = Path("/proc/self/status")
_CLEAR = Path("/proc/self/clear_refs")


def peak_mb() -> float | None:
    """This process's peak resident memory since the last ``reset_peak``, in MB."""
    return _status_mb("VmHWM:")


def resident_mb() -> float | None:
    """This process's resident memory now, in MB."""
    return _status_mb("VmRSS:")


def _status_mb(field: str) -> float | None:
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith(field):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


@cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def release() -> None:
    """Collect unreachable objects and return the allocator's free pages to the system
    (glibc's ``malloc_trim``; only the collection elsewhere)."""
    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


def reset_peak() -> None:
    """Start a new peak from the current resident memory (when the system allows)."""
    with suppress(OSError):
        _CLEAR.write_text("5")


class StagePeaks:
    """Peak resident MB of each stage: call ``enter(stage)`` as each stage begins (freed
    memory is released first, so a stage's peak is its own and what is still held)."""

    def __init__(self) -> None:
        self.peaks: dict[str, float] = {}
        self._stage = ""

    def enter(self, stage: str) -> None:
        """Close the current stage (record its peak) and start ``stage``."""
        if self._stage:
            peak = peak_mb()
            if peak is not None:
                self.peaks[self._stage] = max(self.peaks.get(self._stage, 0.0), peak)
        release()
        reset_peak()
        self._stage = stage
