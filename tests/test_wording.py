"""Counts are written as words agree with them: "1 article", "2 articles", never "article(s)"."""

from analysis.wording import plural


def test_plural_agrees_with_the_count():
    assert plural(1, "article") == "1 article"
    assert plural(0, "article") == "0 articles"
    assert plural(12399, "article") == "12,399 articles"
    assert plural(2, "story", "stories") == "2 stories"
    assert plural(1, "story", "stories") == "1 story"
