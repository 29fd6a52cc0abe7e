"""A plausible past for the demo database: monthly signals of people who stayed and who left.

The learned attrition model trains on months of scored history and on who left
afterwards. A fresh demo database has neither, so "Train" would only say that
there is not enough history. This module simulates that past, for the demo
only, as raw monthly signals (training counts, review scores, eNPS answers,
mood, absence days, days since the last HR contact) and turns them into
sub-scores with the scorecard's own driver functions, so every simulated
snapshot carries the same explanations as a real one.

The simulation is deliberately imperfect: leavers' engagement falls in the
months before they go, but some people who stay go through a dip too, and
every signal is noisy, so neither the scorecard nor a model can be perfect.
Deterministic for a given seed.
"""

import random
from dataclasses import dataclass

from . import risk_scorecard as rs

SURNAMES = tuple("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓") + tuple(
    "曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN_NAMES = tuple(
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 建华 文 华 金凤 志强 海燕 "  # noqa: SIM905
    "晓东 雪梅 建国 丹 萍 鹏 辉 玲 红梅 宇 浩 佳怡 子轩 欣怡 梓涵 俊杰 思远 嘉豪 雨桐".split()
)


@dataclass(frozen=True)
class Person:
    """``leaves_at``: index of the month the person left (0 = the oldest simulated month), or None."""

    key: object
    leaves_at: int | None = None


def chinese_names(count, seed=0):
    """``count`` distinct, plausible Chinese names, deterministic for ``seed``."""
    rng = random.Random(seed)
    pool = [surname + given for surname in SURNAMES for given in GIVEN_NAMES]
    if count > len(pool):
        raise ValueError(f"at most {len(pool)} distinct names")
    return rng.sample(pool, count)


def _clip(value, low, high):
    return max(low, min(high, value))


def _engagement(rng, months, leaves_at):
    """Monthly engagement 0-1: a personal level, noise, a fall before leaving or a passing dip."""
    level = _clip(rng.gauss(0.72, 0.12), 0.35, 0.95)
    curve = [level] * months
    if leaves_at is not None:
        fall_months = rng.randint(2, 6)
        depth = rng.uniform(0.15, 0.45)
        for month in range(max(0, leaves_at - fall_months), min(leaves_at, months)):
            progress = (month - (leaves_at - fall_months) + 1) / fall_months
            curve[month] = level - depth * progress
    elif rng.random() < 0.2:
        # People who stay have bad months too: the false alarms any score must live with.
        start = rng.randrange(months)
        depth = rng.uniform(0.1, 0.35)
        for month in range(start, min(start + rng.randint(2, 4), months)):
            curve[month] = level - depth
    return [_clip(value + rng.gauss(0, 0.05), 0.0, 1.0) for value in curve]


def simulate(people, months, seed=0, contact_window=90):
    """{person key: [(month index, {driver code: SubScore}), ...]} for the months each person was there.

    ``months``: how many months to simulate, index 0 the oldest. A leaver has
    snapshots up to the month before ``leaves_at``.
    """
    if months < 1:
        raise ValueError("simulate at least one month")
    result = {}
    for person in people:
        if person.leaves_at is not None and not 0 <= person.leaves_at <= months:
            raise ValueError(f"{person.key}: leaves_at must be between 0 and {months}")
        # One generator per person, seeded from the run's seed and the person's position, so a
        # person's past does not change when others are added.
        rng = random.Random(f"{seed}:{person.key}")
        curve = _engagement(rng, months, person.leaves_at)
        end = months if person.leaves_at is None else person.leaves_at
        required = rng.randint(0, 4)
        answers_pulse = rng.random() < 0.7  # the others never consented to keep their answers
        usual_absence = rng.uniform(0.2, 1.5)
        reviews, enps, mood, absences = [], [], [], []
        days_since_contact = rng.randint(0, 60)
        history = []
        for month in range(end):
            engagement = curve[month]
            reviews.append(round(_clip(45 + 55 * engagement + rng.gauss(0, 5), 0, 100), 1))
            if answers_pulse:
                if month % 3 == 0:
                    enps.append(int(_clip(round(11 * engagement - 0.5 + rng.gauss(0, 1.2)), 0, 10)))
                mood.append(round(_clip(1 + 4 * engagement + rng.gauss(0, 0.3), 1, 5), 2))
            absent = max(0.0, rng.gauss(usual_absence + 4 * max(0.0, 0.6 - engagement), 0.6))
            days_since_contact = 0 if rng.random() < 0.35 else days_since_contact + 30
            completed = sum(rng.random() < engagement + 0.1 for _ in range(required))
            subs = {
                "training": rs.training_subscore(required, completed),
                "performance": rs.performance_subscore(reviews[-6:]),
                "intention": rs.intention_subscore(
                    enps=enps[-2:],
                    mood=mood[-2:],
                    absence_recent=round(absent, 1),
                    absence_history=absences[-6:],
                ),
                "contact": rs.contact_subscore(days_since_contact, contact_window),
            }
            absences.append(round(absent, 1))
            history.append((month, subs))
        result[person.key] = history
    return result
