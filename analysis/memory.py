"""Peak resident memory of this process, stage by stage (Linux; nothing elsewhere).

The kernel keeps the high-water mark of resident memory (``VmHWM`` in
``/proc/self/status``); writing 5 to ``/proc/self/clear_refs`` resets it to
the current resident size, so the peak of each stage can be read off on its
own. A build records these figures in its manifest, beside the seconds.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

_STATUS = Path("/proc/self/status")
_CLEAR = Path("/proc/self/clear_refs")


def peak_mb() -> float | None:
    """This process's peak resident memory since the last ``reset_peak``, in MB."""
    try:
        for line in _STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def reset_peak() -> None:
    """Start a new peak from the current resident memory (when the system allows)."""
    with suppress(OSError):
        _CLEAR.write_text("5")


class StagePeaks:
    """Peak resident MB of each stage: call ``enter(stage)`` as each stage begins."""

    def __init__(self) -> None:
        self.peaks: dict[str, float] = {}
        self._stage = ""

    def enter(self, stage: str) -> None:
        """Close the current stage (record its peak) and start ``stage``."""
        if self._stage:
            peak = peak_mb()
            if peak is not None:
                self.peaks[self._stage] = max(self.peaks.get(self._stage, 0.0), peak)
        reset_peak()
        self._stage = stage
