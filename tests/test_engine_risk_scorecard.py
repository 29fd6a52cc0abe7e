import pytest
from outsourcing_retention.engine import risk_scorecard as rs

S = rs.SubScore


def subs(training=None, performance=None, intention=None, contact=None):
    values = {"training": training, "performance": performance, "intention": intention, "contact": contact}
    return {code: S(value, code) for code, value in values.items()}


@pytest.mark.parametrize(
    ("training", "performance", "intention", "contact", "total", "band"),
    [
        (100, 100, 100, 100, 100.0, rs.LOW),
        (0, 0, 0, 0, 0.0, rs.HIGH),
        (50, 80, 60, 0, 59.0, rs.HIGH),  # 15 + 32 + 12 + 0
        (100, 50, 100, 100, 80.0, rs.LOW),
        (100, 40, 80, 100, 72.0, rs.MEDIUM),
        (60, 60, 60, 60, 60.0, rs.MEDIUM),  # exactly the alert threshold is not below it
        (59.9, 59.9, 59.9, 59.9, 59.9, rs.HIGH),
        # no data: the weight is spread over the others, never counted as zero risk
        (None, 50, 100, 100, 71.4, rs.MEDIUM),  # (40*50 + 20*100 + 10*100) / 70
        (None, None, None, 0, 0.0, rs.HIGH),
        (None, 100, None, None, 100.0, rs.LOW),
        (None, None, None, None, None, rs.NO_DATA),
    ],
)
def test_total_and_band(training, performance, intention, contact, total, band):
    card = rs.score(subs(training, performance, intention, contact))
    assert card.total == (pytest.approx(total) if total is not None else None)
    assert card.band == band


def test_effective_weights_sum_to_100_without_missing_drivers():
    card = rs.score(subs(None, 50, 100, 100))
    assert set(card.effective_weights) == {"performance", "intention", "contact"}
    assert sum(card.effective_weights.values()) == pytest.approx(100)
    assert card.effective_weights["performance"] == pytest.approx(400 / 7)


@pytest.mark.parametrize(
    ("values", "top"),
    [
        ((100, 100, 100, 100), ()),
        ((0, 100, 100, 100), ("training",)),
        ((50, 50, 50, 50), ("performance", "training")),  # 40*50 > 30*50
        ((100, 100, 0, 0), ("intention", "contact")),
        ((100, 75, 50, 100), ("intention", "performance")),  # 20*50=1000 == 40*25=1000: tie by code
        ((None, 90, 100, 0), ("contact", "performance")),
    ],
)
def test_top_drivers(values, top):
    assert rs.score(subs(*values)).top_drivers == top


def test_custom_weights_and_bands():
    weights = {"training": 0, "performance": 50, "intention": 50, "contact": 0}
    card = rs.score(subs(0, 80, 60, 0), weights=weights, bands=rs.Bands(high_below=50, medium_below=70))
    assert card.total == 70.0
    assert card.band == rs.LOW
    assert "training" not in card.effective_weights


@pytest.mark.parametrize(
    "weights",
    [
        {"training": 30, "performance": 40, "intention": 20, "contact": 20},
        {"training": -10, "performance": 70, "intention": 20, "contact": 20},
        {"training": 50, "performance": 40},
    ],
)
def test_bad_weights(weights):
    with pytest.raises(ValueError):
        rs.score(subs(50, 50, 50, 50) if len(weights) == 4 else {"training": S(1, "x")}, weights=weights)


def test_unknown_driver_and_out_of_range():
    with pytest.raises(ValueError):
        rs.score({"points": S(50, "x")})
    with pytest.raises(ValueError):
        rs.score(subs(101, 50, 50, 50))
    with pytest.raises(ValueError):
        rs.Bands(high_below=80, medium_below=60)


def test_extra_driver_from_another_addon():
    weights = {"training": 30, "performance": 30, "intention": 20, "contact": 10, "points": 10}
    card = rs.score({**subs(100, 100, 100, 100), "points": S(0, "points_idle")}, weights=weights)
    assert card.total == 90.0
    assert card.top_drivers == ("points",)


@pytest.mark.parametrize(
    ("required", "completed", "value", "code"),
    [
        (None, None, None, "training_no_data"),
        (0, 0, 100.0, "training_none_required"),
        (4, 4, 100.0, "training_complete"),
        (4, 1, 25.0, "training_missing"),
        (3, 0, 0.0, "training_missing"),
        (2, 5, 100.0, "training_complete"),  # extra training does not go above 100
    ],
)
def test_training(required, completed, value, code):
    sub = rs.training_subscore(required, completed)
    assert (sub.score, sub.code) == (value, code)


def test_training_refuses_negative():
    with pytest.raises(ValueError):
        rs.training_subscore(-1, 0)


@pytest.mark.parametrize(
    ("scores", "value", "code", "months"),
    [
        ([], None, "performance_no_data", None),
        (None, None, "performance_no_data", None),
        ([85], 85.0, "performance_level", None),
        ([70, 80, 90], 90.0, "performance_level", None),
        ([90, 85, 80], 80.0, "performance_level", None),  # two falls: not yet the pattern
        ([95, 90, 85, 80], 40.0, "performance_falling", 3),  # three falls cap at 40
        ([95, 90, 85, 30], 30.0, "performance_falling", 3),  # below the cap stays
        ([99, 95, 90, 85, 80], 40.0, "performance_falling", 4),
        ([95, 90, 90, 85], 85.0, "performance_level", None),  # a flat month breaks the run
        ([60, None, 70], 70.0, "performance_level", None),  # missing months are skipped
    ],
)
def test_performance(scores, value, code, months):
    sub = rs.performance_subscore(scores)
    assert (sub.score, sub.code) == (value, code)
    assert sub.params.get("months") == months


def test_performance_falling_explains_from_and_to():
    sub = rs.performance_subscore([88, 82, 75, 61])
    assert sub.params == {"months": 3, "from": 88.0, "to": 61.0}


def test_performance_rule_is_configurable():
    sub = rs.performance_subscore([90, 85, 80], rs.PerformanceRule(falling_months=2, falling_cap=50))
    assert (sub.score, sub.code) == (50, "performance_falling")


@pytest.mark.parametrize(
    ("kwargs", "value", "signs"),
    [
        ({}, None, None),
        ({"enps": [9, 10]}, 100.0, ()),
        ({"enps": [9, 6]}, 60.0, ("enps_detractor", "enps_falling")),
        ({"enps": [5]}, 75.0, ("enps_detractor",)),
        ({"enps": [10, 8]}, 85.0, ("enps_falling",)),
        ({"mood": [4.2, 3.5]}, 85.0, ("mood_falling",)),
        ({"mood": [4.2, 3.9]}, 100.0, ()),
        ({"absence_recent": 6, "absence_history": [1, 2, 1, 0]}, 75.0, ("absence_unusual",)),
        ({"absence_recent": 2, "absence_history": [1, 2, 1, 0]}, 100.0, ()),
        ({"absence_recent": 6, "absence_history": [1, 2]}, None, None),  # too little history: no data
        ({"keyword_severities": []}, 100.0, ()),
        ({"keyword_severities": ["high", "low"]}, 75.0, ("keyword_alerts",)),
        (
            {
                "enps": [8, 3],
                "mood": [4, 2],
                "absence_recent": 9,
                "absence_history": [1, 1, 2],
                "keyword_severities": ["high", "high"],
            },
            0.0,
            ("enps_detractor", "enps_falling", "mood_falling", "absence_unusual", "keyword_alerts"),
        ),
    ],
)
def test_intention(kwargs, value, signs):
    sub = rs.intention_subscore(**kwargs)
    assert sub.score == value
    if signs is None:
        assert sub.code == "intention_no_data"
    else:
        assert sub.params["signs"] == signs


def test_intention_refuses_bad_input():
    with pytest.raises(ValueError):
        rs.intention_subscore(enps=[11])
    with pytest.raises(ValueError):
        rs.intention_subscore(keyword_severities=["catastrophic"])


@pytest.mark.parametrize(
    ("days", "value", "code"),
    [
        (None, 0.0, "contact_never"),
        (0, 100.0, "contact_recent"),
        (30, 100.0, "contact_recent"),
        (60, 50.0, "contact_recent"),
        (89, 1.7, "contact_recent"),
        (90, 0.0, "contact_overdue"),
        (400, 0.0, "contact_overdue"),
    ],
)
def test_contact(days, value, code):
    sub = rs.contact_subscore(days)
    assert (sub.score, sub.code) == (value, code)


def test_contact_refuses_bad_input():
    with pytest.raises(ValueError):
        rs.contact_subscore(-1)
    with pytest.raises(ValueError):
        rs.contact_subscore(10, window=0)


def test_consecutive_falls():
    assert rs.consecutive_falls([]) == 0
    assert rs.consecutive_falls([5]) == 0
    assert rs.consecutive_falls([5, 4, 3]) == 2
    assert rs.consecutive_falls([3, 4, 3]) == 1


@pytest.mark.parametrize(
    ("values", "min_coverage", "band", "coverage"),
    [
        ((None, None, None, 0), 30, rs.NO_DATA, 10),  # HR contact alone says too little
        ((None, None, 100, 0), 30, rs.MEDIUM, 30),  # intention and contact: enough
        ((None, 20, None, None), 50, rs.NO_DATA, 40),
        ((None, 20, None, None), 40, rs.HIGH, 40),
        ((0, 0, 0, 0), 100, rs.HIGH, 100),
    ],
)
def test_minimum_coverage(values, min_coverage, band, coverage):
    card = rs.score(subs(*values), min_coverage=min_coverage)
    assert card.band == band
    assert card.coverage == coverage
    assert card.total is not None  # kept for information
