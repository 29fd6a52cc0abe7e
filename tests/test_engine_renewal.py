import pytest
from outsourcing_retention.engine import renewal


@pytest.mark.parametrize(
    ("value", "stages"),
    [
        ("30,15,7", (30, 15, 7)),
        ("7,30,15", (30, 15, 7)),
        (" 60, 30,7 ", (60, 30, 7)),
        ("30,30", (30,)),
        ("1", (1,)),
    ],
)
def test_parse_stage_days(value, stages):
    assert renewal.parse_stage_days(value) == stages


@pytest.mark.parametrize("value", ["abc", "30,,7", "0", "-5", "30;15", "", None, "7.5", "３０", 30, ["30"]])
def test_parse_stage_days_refuses(value):
    with pytest.raises(ValueError):
        renewal.parse_stage_days(value)


def test_broken_settings_fall_back():
    assert renewal.stages_or_default("x") == renewal.DEFAULT_REMINDER_STAGES
    assert renewal.stages_or_default("15,7") == (15, 7)
    assert renewal.notify_stages("") == ()
    assert renewal.notify_stages(None) == ()
    assert renewal.notify_stages("x") == ()
    assert renewal.notify_stages("30") == (30,)
