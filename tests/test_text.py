"""Tests for analysis.corpus.text: furniture rules, paragraphs and sentences as offsets."""

from __future__ import annotations

import time

import pytest

from analysis.corpus.text import (
    Furniture,
    find_furniture,
    segment,
    split_paragraphs,
    split_sentences,
)

BODY_1 = "The Senate passed the bill on Tuesday after a long debate."
BODY_2 = "Officials said the measure would take effect next year."


def furniture_lines(text: str) -> list[tuple[str, str]]:
    return [(f.rule, text[f.start : f.end]) for f in find_furniture(text)]


def paragraph_texts(text: str) -> list[str]:
    return [text[p.start : p.end] for p in split_paragraphs(text)]


def sentence_texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in segment(text)[2]]


def check_offsets(text: str) -> None:
    """Every span is a non-empty, stripped slice; sentences nest in their paragraphs."""
    furniture, paragraphs, sentences = segment(text)
    for span in [*furniture, *paragraphs, *sentences]:
        piece = text[span.start : span.end]
        assert piece and piece == piece.strip()
        assert "\n" not in piece and "\r" not in piece
    assert [p.index for p in paragraphs] == list(range(len(paragraphs)))
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for sentence in sentences:
        paragraph = paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
    for item in furniture:
        assert not any(p.start < item.end and item.start < p.end for p in paragraphs)


# ---------------------------------------------------------------------------
# Furniture rules: each line sits between two body paragraphs
# ---------------------------------------------------------------------------

POSITIVE = [
    ("read_time", "4 minute read"),
    ("read_time", "5 min read"),
    ("read_more", "Read More: Xi Jinping’s Visit to Russia Isn’t Really About Peace"),
    ("read_more", "Read more:"),
    ("read_more", "READ MORE: Why the vote matters"),
    ("related", "Related: The job market is strong. Here's the asterisk."),
    ("related", "SEE ALSO: Senate leaders strike a budget deal"),
    ("related", "( Also on POLITICO: Obama, Romney spar over jobs numbers)"),
    ("related", "More:Trump again changes tone on trade talks"),
    ("related", "More On This..."),
    ("more_from", "More Must-Reads from TIME"),
    ("more_from", "Visit Business Insider's homepage for more stories."),
    ("contact", "Contact us at letters@time.com"),
    ("contact", "Write to Jane Roe at jane.roe@example.com"),
    ("contact", "Send letters to: letters@example-times.com."),
    ("source", "source: cnn.com"),
    ("corrections", "*For corrections please email [email\u00a0protected]*"),
    ("signup", "Sign up for our newsletter to get the best stories delivered to your inbox."),
    ("signup", "Sign up for Daily Newsletters Manage Newsletters"),
    ("signup", "Subscribe to our podcast at iTunes."),
    ("signup", "Get the Morning Briefing newsletter"),
    ("signup", "Want FOX News First in your inbox every day? Sign up here."),
    ("advertisement", "Advertisement"),
    ("advertisement", "ADVERTISEMENT"),
    ("advertisement", "Advertisement Continue reading the main story"),
    ("advertisement", "Story Continued Below"),
    ("caption", "Enlarge this image toggle caption Alex Wong/Getty Images Alex Wong/Getty Images"),
    ("caption", "Image copyright Reuters Image caption Protesters gathered outside the court"),
    ("caption", "Protesters march in Portland on Aug. 4. (Photo by Jane Roe/Getty Images)"),
    ("caption", "Getty Images"),
    ("caption", "Image: Yonat Shimron / RNS"),
    (
        "caption",
        "Photos: The storm's path The storm flooded Lumberton on October 10. Hide Caption 1 of 2"
        " Photos: The storm's path Crews repair lines. Hide Caption 2 of 2",
    ),
    ("caption", '"We will rebuild," the mayor told the crowd. Hide Caption 2 of 6 Photos: Storm'),
    ("media", "Slideshow (4 Images)"),
    ("media", "CLOSE The county board voted on Tuesday to close two rural clinics. Time"),
    ("click_here", "Click here to get the app."),
    ("click_here", "CLICK HERE TO GET THE FOX NEWS APP"),
    ("click_here", "Don't see the graphic above? Click here."),
    ("social", "Follow us on Twitter"),
    ("social", "Share this article"),
    ("social", "- Follow the Ticker on Twitter: @PoliticalTicker"),
    ("social", "Read or Share this story: https://usat.ly/2pvvoJR"),
    ("copyright", "Copyright © 2019 The Washington Times, LLC. Click here for reprint permission."),
    ("copyright", "© 2018 Tribune Content Agency, LLC"),
    ("copyright", "Copyright 2013 The Associated Press. All rights reserved."),
    ("watch", "Watch: The senator's full interview"),
    ("watch", "JUST WATCHED Rubio on immigration Replay More Videos ... MUST WATCH Rubio 02:39"),
    ("contributor", "The Associated Press contributed to this report."),
    ("contributor", "Contributing: Jane Roe, USA TODAY"),
    ("contributor", "Reporting by Jane Roe; Editing by John Doe"),
    ("disclaimer", "The opinions expressed by columnists are their own."),
    ("timestamp", "Updated at 3:11 p.m. ET"),
    ("timestamp", "This article is more than 2 years old"),
    ("separator", "___"),
    ("separator", "* * *"),
    ("byline", "By Jane Roe, CNN"),
]


@pytest.mark.parametrize(("rule", "line"), POSITIVE)
def test_furniture_rule_claims_line(rule: str, line: str) -> None:
    text = f"{BODY_1}\n\n{line}\n\n{BODY_2}\n"
    assert furniture_lines(text) == [(rule, line)]
    assert paragraph_texts(text) == [BODY_1, BODY_2]
    check_offsets(text)


NEGATIVE = [
    "Read more about the plan in the report, officials said.",
    "Related issues will be discussed on Friday, the spokesman said.",
    "More than 200 people attended the rally.",
    "Sign up for the program ended on Monday, officials said.",
    "Subscribe to that view and you will be disappointed, he said.",
    "Advertisement revenue fell 5% last year.",
    "Copyright law has not kept up with the internet, experts say.",
    "Watch what happens next, he warned.",
    "Follow the money, the prosecutor told the jury.",
    "Share prices fell after the tweet.",
    "He contributed to the campaign in 2016.",
    "By Monday, the line had snaked down the court steps.",
    "Source: a person familiar with the talks said the deal was close.",
    "The source of the leak has not been identified.",
    "Contact with the rebels was lost on Tuesday.",
    "Photo identification is required at polling places.",
    "Close to 300 families left the valley before the flood, the mayor said.",
    "CLOSE ties between the two firms worried the regulator, the filing said.",
    "Here’s what else to know",
    "Why there’s debate",
    "The views of voters expressed in the poll were mixed.",
    "The site read: “Parents, click here to read the booklet,” and was later changed.",
]


@pytest.mark.parametrize("line", NEGATIVE)
def test_furniture_rules_leave_prose_alone(line: str) -> None:
    text = f"{BODY_1}\n\n{line}\n\n{BODY_2}"
    assert find_furniture(text) == []
    assert paragraph_texts(text) == [BODY_1, line, BODY_2]


def test_breadcrumbs_only_at_the_head() -> None:
    text = "• World\n  • diplomacy\n\nXi Arrives in Moscow, Giving Putin Boost Amid War\n\n"
    text += f"{BODY_1}\n\n• Taxes\n\n{BODY_2}"
    assert furniture_lines(text) == [("breadcrumb", "• World"), ("breadcrumb", "• diplomacy")]
    assert paragraph_texts(text)[-2:] == ["Taxes", BODY_2]


@pytest.mark.parametrize("crumb", ["Russia /", "Home > Politics > Congress", "News › World"])
def test_breadcrumb_paths(crumb: str) -> None:
    text = f"{crumb}\n\nChinese President Xi Jinping Arrives in Moscow to Meet Putin\n\n{BODY_1}"
    assert furniture_lines(text) == [("breadcrumb", crumb)]


def test_the_headlines_under_a_list_of_links_are_its_links() -> None:
    text = (
        "The storm is coming.\n\nMore hurricane coverage:\n\n• Matthew batters Florida coast"
        "\n\n• 2.5 million expected to lose power\n\nZandi estimates that losses could reach "
        "$70 billion.\n\nFlorida braces for direct hit"
    )
    found = [(text[f.start : f.end], f.rule) for f in find_furniture(text)]
    assert found == [
        ("More hurricane coverage:", "related"),
        ("• Matthew batters Florida coast", "related"),
        ("• 2.5 million expected to lose power", "related"),
    ]


def test_a_related_coverage_line_without_a_colon_is_a_link() -> None:
    text = (
        "The spokesman said all data had been deleted.\n\n"
        "Related Coverage Vermont says to probe Zentra, Halvern Foods\n\n"
        "Related coverage of the hearing drew more readers than the hearing did."
    )
    assert furniture_lines(text) == [
        ("related", "Related Coverage Vermont says to probe Zentra, Halvern Foods")
    ]


def test_a_newsletter_box_pasted_as_one_long_line_is_a_sign_up() -> None:
    box = (
        "Morning Widgets A daily briefing on politics and widgets — weekday mornings, in your "
        "inbox. Email Sign Up By signing up you agree to receive email newsletters or alerts "
        "from the Gazette. You can unsubscribe at any time. This site is protected by reCAPTCHA "
        "and the Google Privacy Policy and Terms of Service apply."
    )
    text = f"The council met on Monday.\n\n{box}\n\nIt voted to close the plant."
    assert furniture_lines(text) == [("signup", box)]


def test_a_caption_closed_by_a_bar_and_its_credit_is_a_caption() -> None:
    captions = [
        "Supporters reach to shake his hand at a rally in Portland. | AP Photo",
        "The senator campaigning for the governor in 1968. | Jo Ng",
        "Critics worry the rollout has left them vulnerable. | AP Photos Deadline tests patience",
    ]
    text = "\n\n".join(["The council met on Monday.", *captions, "It voted | to close it."])
    assert furniture_lines(text) == [("caption", c) for c in captions]


def test_a_line_opening_with_sign_up_for_is_a_sign_up() -> None:
    text = (
        "The council met on Monday.\n\n( Sign up for the Gazette’s Morning Widgets tip sheet)"
        "\n\nSign up for our Wine Club today. Did you know you can support us by drinking wine?"
    )
    assert [rule for rule, _ in furniture_lines(text)] == ["signup", "signup"]


def test_outlet_and_dash_lines_are_a_dateline() -> None:
    text = (
        "China's Xi arrives in Moscow\n\n\n\nCNN\n\u00a0—\u00a0\n\nXi Jinping has landed in Moscow."
    )
    assert furniture_lines(text) == [("dateline", "CNN"), ("dateline", "—")]
    assert paragraph_texts(text) == [
        "China's Xi arrives in Moscow",
        "Xi Jinping has landed in Moscow.",
    ]


def test_name_and_outlet_lines_are_a_byline() -> None:
    text = (
        "Jane Roe\n\nUSA TODAY\n\nWASHINGTON – The Senate voted 51-49 on Tuesday to pass the bill."
    )
    furniture, paragraphs, sentences = segment(text)
    assert [(f.rule, text[f.start : f.end]) for f in furniture] == [
        ("byline", "Jane Roe"),
        ("byline", "USA TODAY"),
        ("dateline", "WASHINGTON –"),
    ]
    assert text[paragraphs[0].start :].startswith("The Senate voted")
    assert text[sentences[0].start : sentences[0].end].startswith("The Senate voted")


@pytest.mark.parametrize(
    ("prefix", "rest"),
    [
        ("WASHINGTON (AP) —", "The Senate voted on Tuesday to pass the bill."),
        ("MANCHESTER, N.H. —", "Voters lined up before dawn on Tuesday morning."),
        ("(CNN) --", "The White House said on Monday that talks would resume."),
        ("New Delhi (CNN) --", "India said on Monday that it would reopen the border."),
        ("BERLIN—", "Germany said on Monday that it would send more aid to Ukraine."),
    ],
)
def test_dateline_prefix_is_cut_from_first_paragraph(prefix: str, rest: str) -> None:
    text = f"A headline about the news of the day\n\n{prefix} {rest} More follows.\n"
    furniture, paragraphs, sentences = segment(text)
    assert [(f.rule, text[f.start : f.end]) for f in furniture] == [("dateline", prefix)]
    assert text[paragraphs[1].start : paragraphs[1].end] == f"{rest} More follows."
    assert text[sentences[1].start : sentences[1].end] == rest
    check_offsets(text)


def test_dateline_prefix_needs_capitals_and_a_dash() -> None:
    for line in [
        "NATO — the military alliance — met on Monday.",
        "Washington — The talks resumed.",
    ]:
        assert find_furniture(f"{line} Officials spoke.") == []


def test_only_furniture() -> None:
    text = "Advertisement\n\n4 minute read\n\nsource: cnn.com\n"
    furniture, paragraphs, sentences = segment(text)
    assert [f.rule for f in furniture] == ["advertisement", "read_time", "source"]
    assert paragraphs == [] and sentences == []


def test_rule_length_limits_keep_long_prose() -> None:
    line = "Click here, she said, " + "and the crowd kept on cheering for the senator " * 6 + "."
    assert find_furniture(line) == []


# ---------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------


def test_one_paragraph_per_line_and_blank_lines() -> None:
    text = f"  {BODY_1}  \n{BODY_2}\n\n\n   \nLast line without newline"
    assert paragraph_texts(text) == [BODY_1, BODY_2, "Last line without newline"]
    check_offsets(text)


def test_bullet_markers_are_not_in_the_span() -> None:
    text = "Here’s what else to know\n- First point.\n• Second point.\n* Third point.\n-5 degrees."
    assert paragraph_texts(text) == [
        "Here’s what else to know",
        "First point.",
        "Second point.",
        "Third point.",
        "-5 degrees.",
    ]


def test_crlf_line_endings() -> None:
    text = f"Advertisement\r\n\r\n{BODY_1}\r\n\r\n{BODY_2}\r\n"
    furniture, paragraphs, _ = segment(text)
    assert [text[f.start : f.end] for f in furniture] == ["Advertisement"]
    assert [text[p.start : p.end] for p in paragraphs] == [BODY_1, BODY_2]
    check_offsets(text)


def test_empty_and_blank_text() -> None:
    assert segment("") == ([], [], [])
    assert segment(" \n\n\t\n") == ([], [], [])
    assert split_sentences("") == []


def test_given_furniture_is_respected() -> None:
    text = f"{BODY_1}\n{BODY_2}"
    marked = [Furniture(0, len(BODY_1), "custom")]
    assert [text[p.start : p.end] for p in split_paragraphs(text, marked)] == [BODY_2]


# ---------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------


def spans(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. and its allies rejected it. The U.K. agreed.",
            ["The U.S. and its allies rejected it.", "The U.K. agreed."],
        ),
        ("It met at the U.N. Security Council on Monday.", None),
        ("The invasion began on Feb. 24, 2022, and it continues.", None),
        ("Sen. Jane Roe and Rep. John Doe met Gov. Ann Lee and Dr. Ray Sun.", None),
        ("Mr. and Mrs. Smith met Ms. Jones, Gen. Milley and Lt. Col. Vindman.", None),
        ("John F. Kennedy admired J.R.R. Tolkien and Martin Luther King Jr. Day.", None),
        ("Apple Inc. and Acme Corp. beat Foo Co. and Bar Ltd. in St. Louis.", None),
        ("He wore No. 5 vs. the Jets, e.g. on Sunday, i.e. at home, etc. and so on.", None),
        ("The meeting starts at 10 a.m. and ends at 4 p.m. on Friday.", None),
        (
            "It ended at 4 p.m. The crowd left.",
            ["It ended at 4 p.m.", "The crowd left."],
        ),
        ("Growth was 3.5% and the deficit hit $1.2 billion in 2019.", None),
        ("They talked for 4½ hours — longer than planned — about the war.", None),
        (
            "He paused... Then he spoke. The room went quiet… Nobody moved.",
            ["He paused...", "Then he spoke.", "The room went quiet…", "Nobody moved."],
        ),
        ("The plan … would fail, he said.", None),
        ("It must be decisive and overwhelming . . . victory and nothing less.", None),
        (
            "I did not . . . have . . . relations with her . . . Nobody asked.",
            ["I did not . . . have . . . relations with her . . .", "Nobody asked."],
        ),
        (
            "S&P upgraded the state. … The real story is Brown.",
            ["S&P upgraded the state. …", "The real story is Brown."],
        ),
        ('He told him to shut up. "', None),
        ("… The start came late. Then it ended.", ["… The start came late.", "Then it ended."]),
        (
            "Is it over? Not yet! We will see.",
            ["Is it over?", "Not yet!", "We will see."],
        ),
        ("Headline without a full stop", None),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str] | None) -> None:
    assert spans(text) == (expected if expected is not None else [text])


@pytest.mark.parametrize("text", ["…", ". . .", '"', "[…]"])
def test_a_paragraph_of_punctuation_alone_has_no_sentence(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He said: “One. Two.” Then he left.",
            ["He said: “One.", "Two.”", "Then he left."],
        ),
        (
            '“This visit will be fruitful.” he said. "We agree," she said.',
            ["“This visit will be fruitful.” he said.", '"We agree," she said.'],
        ),
        (
            "“We will win,” he said. “No doubt about it.”",
            ["“We will win,” he said.", "“No doubt about it.”"],
        ),
        (
            "‘China has upheld an objective position,’ he added. Beijing agreed.",
            ["‘China has upheld an objective position,’ he added.", "Beijing agreed."],
        ),
        (
            "‘We don’t support a ceasefire.’ Kirby said so on Friday.",
            ["‘We don’t support a ceasefire.’", "Kirby said so on Friday."],
        ),
        (
            "'It is done.' She waved. \"Why?\" he asked.",
            ["'It is done.'", "She waved.", '"Why?" he asked.'],
        ),
        (
            "Putin called the tie “the cornerstone of stability.” Xi agreed.",
            ["Putin called the tie “the cornerstone of stability.”", "Xi agreed."],
        ),
        (
            "The talks (held in Moscow.) ended. Officials left.",
            ["The talks (held in Moscow.) ended.", "Officials left."],
        ),
    ],
)
def test_quotes_close_their_sentence(text: str, expected: list[str]) -> None:
    result = spans(text)
    assert result == expected
    for sentence in result:
        assert sentence[0] not in "”’"


def test_quote_sentences_simple() -> None:
    assert spans("“One. Two.” Then.") == ["“One.", "Two.”", "Then."]
    assert spans("“Is it?”, he asked.") == ["“Is it?”, he asked."]


def test_split_sentences_window_and_trim() -> None:
    text = "xx   First one. Second one.   yy"
    found = split_sentences(text, 2, len(text) - 2)
    assert [text[a:b] for a, b in found] == ["First one.", "Second one."]


def test_list_numbers_do_not_split() -> None:
    assert spans("1. The first point. 2. The second.") == ["1. The first point.", "2. The second."]


def test_sentences_never_cross_paragraphs() -> None:
    text = "First line without stop\nSecond line. Third sentence"
    _, _, sentences = segment(text)
    assert [(s.paragraph, text[s.start : s.end]) for s in sentences] == [
        (0, "First line without stop"),
        (1, "Second line."),
        (1, "Third sentence"),
    ]


# ---------------------------------------------------------------------------
# Excerpts in the style of real scraped pages
# ---------------------------------------------------------------------------

TIME_EXCERPT = (
    "• World\n  • diplomacy\n\nXi Arrives in Moscow, Giving Putin Boost Amid War in Ukraine\n\n"
    "4 minute read\n\n"
    "Chinese President Xi Jinping arrived in Moscow Monday for talks with Russian counterpart "
    "Vladimir Putin including on Beijing’s proposals to end the war in Ukraine.\n\n"
    "Read More: Xi Jinping’s Visit to Russia Isn’t Really About Bringing Peace to Ukraine\n\n"
    "For Putin, Xi is by far the most significant international leader to visit since the Feb. 24, "
    "2022 invasion, which triggered Europe’s deadliest war since World War II and waves of "
    "sanctions by the US and its allies. Xi’s arrival comes just days after the International "
    "Criminal Court issued a warrant for Putin’s arrest on charges of war crimes.\n\n"
    "More Must-Reads from TIME\n\nContact us at letters@time.com"
)

CNN_EXCERPT = (
    "China's Xi arrives in Moscow for first visit since Russia invaded Ukraine\n\n\n\n"
    "CNN\n\u00a0—\u00a0\n\n"
    "Xi Jinping has landed in Moscow for meetings with Vladimir Putin, the first time China’s "
    "leader has visited his neighbor and close strategic partner since Russia began its "
    "unprovoked invasion of Ukraine.\n\n"
    "“Of course, exhaustive explanations will be given by President Putin, so that [Chinese] "
    "President Xi Jinping can get a first-hand view of the current situation from the Russian "
    "side,” he added.\n\nsource: cnn.com"
)

DAILY_WIRE_EXCERPT = (
    "Russia /\n\nChinese President Xi Jinping Arrives in Moscow to Meet with President Vladimir "
    "Putin\n\nXi called the trip a 'journey of friendship'\n\n\n"
    "“Dear friend, welcome to Russia,” said Putin to Xi after the pair shook hands. Putin is "
    "courting Chinese support amid the ongoing conflict with Ukraine.\u00a0\n\n"
    "*For corrections please email [email\u00a0protected]*"
)

BULLET_EXCERPT = (
    "The two leaders went on to speak for 4½ hours about relations between their countries.\n"
    "Here’s what else to know\n"
    "- China has not formally endorsed Russia’s invasion. In an article published in a Russian "
    "newspaper ahead of the visit, Xi said Beijing has “always taken an objective and impartial "
    "position” on the conflict.\n"
    "- Secretary of State Antony Blinken said Xi’s visit indicated an unwillingness to hold Russia "
    "to account."
)

SINGLE_QUOTE_EXCERPT = (
    "Xi described his trip as a ‘journey of friendship, cooperation and peace’, though China has "
    "been criticised by Western nations.\n"
    "‘We certainly don’t support calls for a ceasefire that would simply benefit Russia,’ he said, "
    "using China’s official acronym — the People’s Republic of China.\n"
)


def test_time_excerpt() -> None:
    furniture, paragraphs, sentences = segment(TIME_EXCERPT)
    assert [f.rule for f in furniture] == [
        "breadcrumb",
        "breadcrumb",
        "read_time",
        "read_more",
        "more_from",
        "contact",
    ]
    assert len(paragraphs) == 3
    assert TIME_EXCERPT[paragraphs[0].start : paragraphs[0].end].startswith("Xi Arrives")
    texts = [TIME_EXCERPT[s.start : s.end] for s in sentences]
    assert texts[2].endswith("by the US and its allies.")
    assert texts[3].startswith("Xi’s arrival")
    check_offsets(TIME_EXCERPT)


def test_cnn_excerpt() -> None:
    furniture, paragraphs, sentences = segment(CNN_EXCERPT)
    assert [(f.rule, CNN_EXCERPT[f.start : f.end]) for f in furniture] == [
        ("dateline", "CNN"),
        ("dateline", "—"),
        ("source", "source: cnn.com"),
    ]
    assert CNN_EXCERPT[paragraphs[1].start :].startswith("Xi Jinping has landed")
    assert CNN_EXCERPT[sentences[-1].start : sentences[-1].end].endswith("side,” he added.")
    check_offsets(CNN_EXCERPT)


def test_daily_wire_excerpt() -> None:
    furniture, paragraphs, sentences = segment(DAILY_WIRE_EXCERPT)
    assert [f.rule for f in furniture] == ["breadcrumb", "corrections"]
    assert len(paragraphs) == 3
    last = DAILY_WIRE_EXCERPT[sentences[-1].start : sentences[-1].end]
    assert last == "Putin is courting Chinese support amid the ongoing conflict with Ukraine."
    check_offsets(DAILY_WIRE_EXCERPT)


def test_bullet_excerpt() -> None:
    furniture, paragraphs, sentences = segment(BULLET_EXCERPT)
    assert furniture == []
    texts = [BULLET_EXCERPT[p.start : p.end] for p in paragraphs]
    assert texts[1] == "Here’s what else to know"
    assert texts[2].startswith("China has not formally")
    assert [s.paragraph for s in sentences] == [0, 1, 2, 2, 3]
    check_offsets(BULLET_EXCERPT)


def test_single_quote_excerpt() -> None:
    texts = sentence_texts(SINGLE_QUOTE_EXCERPT)
    assert len(texts) == 2
    assert texts[1].startswith("‘We certainly") and texts[1].endswith("Republic of China.")


# ---------------------------------------------------------------------------
# Robustness
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        TIME_EXCERPT,
        CNN_EXCERPT,
        DAILY_WIRE_EXCERPT,
        BULLET_EXCERPT,
        "no newline at end. really",
        "\ufeffBOM first line.\u200b\n\u00a0\u00a0Indented with NBSP.\u00a0",
        "...\n!!!\n“”\n- \n•\n",
    ],
)
def test_offsets_are_exact(text: str) -> None:
    check_offsets(text)


@pytest.mark.parametrize(
    "unit",
    ["a. ", "U.S. ", "... ", "Click here " * 3 + "\n", "WASHINGTON — ", "x" * 50 + "\n", "“‘ "],
)
def test_pathological_input_is_fast(unit: str) -> None:
    text = unit * (200_000 // len(unit))
    began = time.perf_counter()
    segment(text)
    assert time.perf_counter() - began < 5.0
