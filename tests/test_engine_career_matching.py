import random

import pytest
from career_paths.engine.matching import (
    VERSION,
    Candidate,
    Position,
    Weights,
    candidate_from_mapping,
    naive_rank_candidates,
    rank_candidates,
    rank_positions,
    score,
)

WELDER = Position(
    "welder",
    city="苏州",
    track="professional",
    skills=(("welding", 80, 1), ("safety", 40, 1)),
    certificates=(("electrician", "", 0),),
)
ELECTRICIAN = ("electrician", "", 0)


def keys(matches):
    return [match.candidate for match in matches]


@pytest.mark.parametrize(
    ("label", "candidate", "expected"),
    [
        (
            "everything met, same city, both preferences",
            Candidate(
                "a",
                "苏州",
                {"welding": 80, "safety": 40},
                (ELECTRICIAN,),
                frozenset({"professional"}),
                frozenset({"苏州"}),
            ),
            {"score": 100.0, "readiness": 100.0, "eligible": True, "same_city": True, "preference": 1.0},
        ),
        (
            # half-way to welding: a quarter of the skill share lost; 70 * 0.75 = 52.5
            "half-way, other city, no preferences",
            Candidate("b", "上海", {"welding": 40, "safety": 40}, (ELECTRICIAN,)),
            {"score": 52.5, "readiness": 75.0, "eligible": True, "same_city": False, "preference": 0.0},
        ),
        (
            # surplus in safety cannot hide the missing welding
            "surplus capped",
            Candidate("c", "苏州", {"safety": 100}, (ELECTRICIAN,)),
            {"score": 50.0, "readiness": 50.0, "eligible": True, "same_city": True, "preference": 0.0},
        ),
        (
            "missing certificate: not eligible, still scored",
            Candidate("d", "苏州", {"welding": 80, "safety": 40}),
            {"score": 85.0, "readiness": 100.0, "eligible": False, "same_city": True, "preference": 0.0},
        ),
        (
            "desired city only",
            Candidate("e", "上海", {}, (ELECTRICIAN,), frozenset(), frozenset({"苏州"})),
            {"score": 7.5, "readiness": 0.0, "eligible": True, "same_city": False, "preference": 0.5},
        ),
    ],
)
def test_score_parts(label, candidate, expected):
    match = score(WELDER, candidate)
    for name, value in expected.items():
        assert getattr(match, name) == value, (label, name)


def test_matched_and_missing_requirements_are_named():
    match = score(WELDER, Candidate("x", "", {"welding": 40, "safety": 60}))
    assert match.matched == (("safety", 40, 60),)
    assert match.missing == (("welding", 80, 40),)
    assert match.missing_certificates == ("electrician",)


def test_certificate_of_a_family_at_a_higher_rank_counts():
    position = Position("p", certificates=(("level3", "skill", 3),))
    assert score(position, Candidate("x", certificates=(("level2", "skill", 4),))).eligible
    assert not score(position, Candidate("y", certificates=(("level4", "skill", 2),))).eligible


def test_no_requirement_means_fully_ready():
    assert score(Position("p"), Candidate("x")).readiness == 100.0


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        (Weights(100, 0, 0), 50.0),
        (Weights(0, 100, 0), 100.0),
        (Weights(1, 1, 0), 75.0),
    ],
)
def test_weights_are_shares(weights, expected):
    candidate = Candidate("x", "苏州", {"welding": 80}, (ELECTRICIAN,))
    assert score(WELDER, candidate, weights).score == expected


@pytest.mark.parametrize(
    "weights",
    [
        {"skills": -1},
        {"skills": "70"},
        {"skills": 0, "city": 0, "preferences": 0},
        {"city": True},
    ],
)
def test_bad_weights_are_refused(weights):
    with pytest.raises(ValueError):
        Weights(**weights)


def test_version_names_the_weights():
    assert Weights().version == f"{VERSION} skills=70 city=15 preferences=15"


@pytest.mark.parametrize(
    "position",
    [
        Position("p", skills=(("s", 120, 1),)),
        Position("p", skills=(("s", 50, 0),)),
        Position("p", skills=(("s", 50, -2),)),
    ],
)
def test_bad_requirements_are_refused(position):
    with pytest.raises(ValueError):
        score(position, Candidate("x"))


def test_ranking_order_eligible_first_then_score_then_key():
    candidates = [
        Candidate("d", "苏州", {"welding": 80, "safety": 40}),  # 85, not eligible
        Candidate("b", "苏州", {"welding": 40, "safety": 40}, (ELECTRICIAN,)),  # 67.5
        Candidate("a", "苏州", {"welding": 40, "safety": 40}, (ELECTRICIAN,)),  # 67.5, key a first
        Candidate("z", "上海", {}, (ELECTRICIAN,)),  # 0
    ]
    ranked = rank_candidates([WELDER], candidates, limit=10)["welder"]
    assert keys(ranked) == ["a", "b", "z", "d"]
    assert keys(rank_candidates([WELDER], candidates, limit=2)["welder"]) == ["a", "b"]


def test_untouched_candidates_fill_the_list():
    position = Position("p", city="北京", skills=(("rare", 50, 1),))
    candidates = [Candidate(f"c{i}", "上海") for i in range(5)]
    assert keys(rank_candidates([position], candidates, limit=3)["p"]) == ["c0", "c1", "c2"]


def test_a_certified_untouched_candidate_beats_an_uncertified_touched_one():
    candidates = [Candidate("touched", "苏州", {"welding": 80}), Candidate("quiet", "", {}, (ELECTRICIAN,))]
    assert keys(rank_candidates([WELDER], candidates, limit=1)["welder"]) == ["quiet"]


def test_protected_attributes_change_nothing():
    """Age, gender, ethnicity, 户籍 and marital status never reach the ranking."""
    base = {
        "key": "x",
        "city": "苏州",
        "skills": {"welding": 60},
        "certificates": [ELECTRICIAN],
        "desired_tracks": ["professional"],
    }
    plain = candidate_from_mapping(base)
    for extra in (
        {"age": 58, "gender": "female"},
        {"ethnicity": "回族", "hukou": "农业户口", "household_registration": "甘肃"},
        {"marital": "married", "children": 3, "birthday": "1968-01-01"},
    ):
        assert candidate_from_mapping({**base, **extra}) == plain
        assert score(WELDER, candidate_from_mapping({**base, **extra})) == score(WELDER, plain)


def _random_world(seed, people=400, positions=30):
    rnd = random.Random(seed)
    skills = [f"s{i}" for i in range(12)]
    cities = ["苏州", "上海", "南京", "无锡", ""]
    certs = [("c1", "", 0), ("l3", "skill", 3), ("l2", "skill", 4)]
    candidates = [
        Candidate(
            f"e{i:04d}",
            rnd.choice(cities),
            {s: rnd.choice((20, 40, 60, 80, 100)) for s in rnd.sample(skills, rnd.randint(0, 5))},
            tuple(rnd.sample(certs, rnd.randint(0, 2))),
            frozenset(rnd.sample(["management", "professional"], rnd.randint(0, 1))),
            frozenset(rnd.sample(cities[:4], rnd.randint(0, 2))),
        )
        for i in range(people)
    ]
    open_positions = [
        Position(
            f"p{j}",
            rnd.choice(cities),
            rnd.choice(["management", "professional", None]),
            tuple(
                (s, rnd.choice((20, 40, 60, 80)), rnd.choice((1, 2)))
                for s in rnd.sample(skills, rnd.randint(0, 4))
            ),
            tuple(rnd.sample(certs, rnd.randint(0, 1))),
        )
        for j in range(positions)
    ]
    return open_positions, candidates


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("limit", [1, 5, 25])
@pytest.mark.parametrize("weights", [Weights(), Weights(10, 50, 40), Weights(100, 0, 0), Weights(0, 1, 1)])
def test_indexed_ranking_equals_the_naive_reference(seed, limit, weights):
    positions, candidates = _random_world(seed)
    assert rank_candidates(positions, candidates, limit, weights) == naive_rank_candidates(
        positions, candidates, limit, weights
    )


def test_reverse_direction_best_positions_for_one_person():
    suzhou = Position("suzhou", city="苏州", skills=(("welding", 80, 1),))
    shanghai = Position("shanghai", city="上海", skills=(("welding", 80, 1),))
    locked = Position("locked", city="苏州", skills=(("welding", 40, 1),), certificates=(ELECTRICIAN,))
    person = Candidate("x", "苏州", {"welding": 80})
    ranked = rank_positions(person, [shanghai, locked, suzhou], limit=3)
    assert [m.position for m in ranked] == ["suzhou", "shanghai", "locked"]
    assert [m.position for m in rank_positions(person, [shanghai, locked, suzhou], limit=1)] == ["suzhou"]
