import pytest
from legal_aid.engine.matching import Firm, Place, parse_cities, suggest

SUZHOU = Place("苏州", "JS")
NANJING = Place("南京", "JS")


def firm(name, cities="", provinces=(), categories=("wages",), open_cases=0, capacity=0, engaged=()):
    return Firm(
        name,
        name,
        parse_cities(cities),
        frozenset(provinces),
        frozenset(categories),
        open_cases,
        capacity,
        frozenset(engaged),
    )


def names(suggestions):
    return [s.firm.name for s in suggestions]


@pytest.mark.parametrize(
    ("case", "firms", "places", "category", "opposing", "expected"),
    [
        ("city match", [firm("A", "苏州"), firm("B", "上海")], [SUZHOU], "wages", None, ["A"]),
        (
            "employer's domicile also competent",
            [firm("A", "苏州"), firm("B", "南京")],
            [SUZHOU, NANJING],
            "wages",
            None,
            ["A", "B"],
        ),
        ("province when no city listed", [firm("A", provinces={"JS"})], [SUZHOU], "wages", None, ["A"]),
        (
            "cities listed: province alone not enough",
            [firm("A", "无锡", {"JS"})],
            [SUZHOU],
            "wages",
            None,
            [],
        ),
        ("specialty", [firm("A", "苏州", categories=("dismissal",))], [SUZHOU], "wages", None, []),
        ("any specialty", [firm("A", "苏州", categories=())], [SUZHOU], None, None, ["A"]),
        ("full firm skipped", [firm("A", "苏州", open_cases=5, capacity=5)], [SUZHOU], "wages", None, []),
        (
            "least loaded first",
            [
                firm("A", "苏州", open_cases=8, capacity=10),
                firm("B", "苏州", open_cases=1, capacity=10),
                firm("C", "苏州", open_cases=3, capacity=0),
            ],
            [SUZHOU],
            "wages",
            None,
            ["C", "B", "A"],
        ),
        (
            "conflict of interest",
            [firm("A", "苏州", engaged={"client"}), firm("B", "苏州")],
            [SUZHOU],
            "wages",
            "client",
            ["B"],
        ),
        ("no place", [firm("A", "苏州")], [Place()], "wages", None, []),
    ],
)
def test_suggest(case, firms, places, category, opposing, expected):
    assert names(suggest(firms, places, category, opposing)) == expected, case


def test_parse_cities():
    assert parse_cities("苏州, 昆山，无锡、南通") == {"苏州", "昆山", "无锡", "南通"}
    assert parse_cities(None) == frozenset()


def test_negative_load_refused():
    with pytest.raises(ValueError):
        suggest([firm("A", "苏州", open_cases=-1)], [SUZHOU], "wages")
