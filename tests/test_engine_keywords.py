import random

import pytest
from outsourcing_retention.engine import keywords as kw

KEYWORDS = [
    ("pay_delay", "拖欠工资"),
    ("pay_late", "工资晚发"),
    ("quit_zh", "不想干了"),
    ("overtime_zh", "加班太多"),
    ("scolded", "被骂"),
    ("quit", "quit"),
    ("unpaid", "unpaid"),
    ("no_ot_pay", "no overtime pay"),
    ("dont_want", "don't want to stay"),
    ("ot", "OT"),
    ("fullwidth", "ＢＵＬＬＹ"),
]


def keys(text, keywords=KEYWORDS):
    return kw.KeywordMatcher(keywords).match(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Chinese: substrings, anywhere.
        ("我真的不想干了啊", ["quit_zh"]),
        ("老板拖欠工资三个月，还经常被骂", ["pay_delay", "scolded"]),
        ("这个月工资晚发了，加班太多", ["pay_late", "overtime_zh"]),
        ("工资按时发，挺好的", []),
        # English: case-insensitive, on word boundaries.
        ("I will QUIT.", ["quit"]),
        ("Quit", ["quit"]),
        ("this job is quite fine", []),
        ("quitting is not an option", []),
        ("we were UNPAID for weeks", ["unpaid"]),
        ("No   overtime\tpay again", ["no_ot_pay"]),
        ("I don't want to stay here", ["dont_want"]),
        ("too much OT!", ["ot"]),
        ("nothing to report, got a lot done", []),  # "ot" inside words
        # Full-width / half-width (NFKC) both ways.
        ("我想ＱＵＩＴ了", ["quit"]),
        ("they bully me", ["fullwidth"]),
        ("ｎｏ　ｏｖｅｒｔｉｍｅ　ｐａｙ", ["no_ot_pay"]),
        # English next to Chinese is on a boundary.
        ("我想quit了", ["quit"]),
        # Empty input.
        ("", []),
        (None, []),
    ],
)
def test_match(text, expected):
    assert keys(text) == expected


def test_keys_in_input_order_once_each():
    keywords = [("b", "被骂"), ("a", "quit"), ("b", "挨骂")]
    assert keys("quit 被骂 挨骂", keywords) == ["b", "a"]


def test_empty_terms_are_ignored():
    matcher = kw.KeywordMatcher([("x", "  "), ("y", ""), ("z", "加班")])
    assert len(matcher) == 1
    assert matcher.match("加班") == ["z"]


def test_normalize():
    assert kw.normalize("  ＡＢＣ\u3000Déf  ") == "abc déf"
    assert kw.has_cjk("abc加班") and not kw.has_cjk("abc")


def test_matcher_agrees_with_the_naive_reference():
    rng = random.Random(7)
    vocabulary = ["加班", "工资", "拖欠", "quit", "pay", "late", "不想", "干了", "ot", "boss", "被骂", "好"]
    keywords = [(index, "".join(rng.sample(vocabulary, rng.randint(1, 2)))) for index in range(60)]
    keywords += [(100 + index, " ".join(rng.sample(vocabulary[3:6], 2))) for index in range(10)]
    matcher = kw.KeywordMatcher(keywords)
    for _ in range(300):
        text = rng.choice([" ", ""]).join(rng.choices(vocabulary + ["，", "!", "Quite", "ＱＵＩＴ"], k=12))
        assert sorted(matcher.match(text)) == sorted(kw.naive_match(keywords, text)), text
