import pytest
from career_paths.engine.contest import rank_scores, recommended


@pytest.mark.parametrize(
    ("scores", "ranks"),
    [
        ({}, {}),
        ({"a": 95, "b": 90, "c": 90, "d": 80}, {"a": 1, "b": 2, "c": 2, "d": 4}),
        ({"a": 0, "b": 0}, {"a": 1, "b": 1}),
        ({"a": 70.5, "b": 88.25}, {"a": 2, "b": 1}),
    ],
)
def test_competition_ranking(scores, ranks):
    assert rank_scores(scores) == ranks


@pytest.mark.parametrize("score", [-1, "90", None, True])
def test_bad_scores_are_refused(score):
    with pytest.raises(ValueError):
        rank_scores({"a": score})


def test_recommended_top_ranks_include_ties():
    ranks = {"a": 1, "b": 2, "c": 2, "d": 4}
    assert recommended(ranks, 2) == {"a", "b", "c"}
    assert recommended(ranks, 0) == set()
    with pytest.raises(ValueError):
        recommended(ranks, -1)
