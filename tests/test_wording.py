"""Counts are written as words agree with them: "1 article", "2 articles", never "article(s)"."""

from analysis.wording import plural, quoted


def test_plural_agrees_with_the_count():
    assert plural(1, "article") == "1 article"
    assert plural(0, "article") == "0 articles"
    assert plural(12399, "article") == "12,399 articles"
    assert plural(2, "story", "stories") == "2 stories"
    assert plural(1, "story", "stories") == "1 story"


def test_no_message_writes_a_count_as_word_s():
    import ast
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    files = [root / "dashboard.py"]
    files += [
        path for folder in ("analysis", "ui", "pages") for path in (root / folder).rglob("*.py")
    ]
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and re.search(r"[a-z]\(s\)", text):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {text[:60]!r}")
    assert not found, "\n".join(found)


def test_every_says_both_for_two_and_all_n_for_more():
    from analysis.wording import every

    assert every(2, "article") == "both articles"
    assert every(3, "article") == "all 3 articles"
    assert every(1200, "outlet") == "all 1,200 outlets"
    assert every(2) == "both" and every(4) == "all 4"


def test_quoted_adds_no_marks_to_a_quotation():
    assert quoted("China released a plan") == "“China released a plan”"
    assert quoted("“Dear friend,” said Putin") == "“Dear friend,” said Putin"
    assert quoted('"Dear friend," said Putin') == '"Dear friend," said Putin'
    assert quoted("") == "“”"
