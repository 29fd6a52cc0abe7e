import statistics

import pytest
from outsourcing_retention.engine import risk_history as rh
from outsourcing_retention.engine import risk_scorecard as rs


def _totals(history, last=None):
    cards = [rs.score({c: s for c, s in subs.items() if s.score is not None}) for _m, subs in history]
    return [card.total for card in cards[-last:] if last] if last else [card.total for card in cards]


def test_deterministic_for_a_seed():
    people = [rh.Person(i, leaves_at=10 if i % 4 == 0 else None) for i in range(20)]
    assert rh.simulate(people, 18, seed=7) == rh.simulate(people, 18, seed=7)
    assert rh.simulate(people, 18, seed=7) != rh.simulate(people, 18, seed=8)


def test_a_person_does_not_change_when_others_are_added():
    alone = rh.simulate([rh.Person("a")], 12, seed=1)
    crowd = rh.simulate([rh.Person(i) for i in range(30)] + [rh.Person("a")], 12, seed=1)
    assert alone["a"] == crowd["a"]


def test_leavers_have_history_only_until_they_leave():
    history = rh.simulate([rh.Person("x", leaves_at=5), rh.Person("y")], 12)
    assert [month for month, _subs in history["x"]] == [0, 1, 2, 3, 4]
    assert [month for month, _subs in history["y"]] == list(range(12))
    assert rh.simulate([rh.Person("z", leaves_at=0)], 12)["z"] == []


def test_every_sub_score_is_a_real_driver_verdict():
    history = rh.simulate([rh.Person(i, leaves_at=None if i % 2 else 9) for i in range(40)], 12)
    for months in history.values():
        for _month, subs in months:
            assert set(subs) == set(rs.DEFAULT_WEIGHTS)
            for code, sub in subs.items():
                assert sub.code.startswith(code)
                assert sub.score is None or 0 <= sub.score <= 100


def test_leavers_score_lower_before_leaving_but_not_perfectly():
    people = [rh.Person(i, leaves_at=14 if i < 60 else None) for i in range(300)]
    history = rh.simulate(people, 18, seed=3)
    leavers = [statistics.mean(_totals(history[i], last=2)) for i in range(60)]
    stayers = [statistics.mean(_totals(history[i])[12:14]) for i in range(60, 300)]
    assert statistics.mean(leavers) < statistics.mean(stayers) - 5
    # ... yet some stayers score lower than some leavers: the score is a signal, not an oracle.
    assert min(stayers) < max(leavers)


@pytest.mark.parametrize(("months", "leaves_at"), [(0, None), (12, 13), (12, -1)])
def test_bad_input(months, leaves_at):
    with pytest.raises(ValueError):
        rh.simulate([rh.Person("p", leaves_at=leaves_at)], months)


def test_chinese_names_are_distinct():
    names = rh.chinese_names(200, seed=2)
    assert len(set(names)) == 200
    assert names == rh.chinese_names(200, seed=2)
    with pytest.raises(ValueError):
        rh.chinese_names(10**6)
