"""Renewal reminders: the settings HR types and the stages they give.

Pure Python (no ``odoo`` import), unit-tested by the repository's pytest.
"""

DEFAULT_REMINDER_STAGES = (30, 15, 7)


def parse_stage_days(value):
    """The stages of ``value`` ("30,15,7") as a tuple of distinct positive ints, largest first.

    Raises ValueError on anything else (empty items, zero, negatives, words, non-strings).
    """
    if value is not None and not isinstance(value, str):
        raise ValueError(f"stage days must be a string, not {type(value).__name__}")
    items = [item.strip() for item in (value or "").split(",")]
    if not all(item.isdigit() and item.isascii() and int(item) > 0 for item in items):
        raise ValueError(value)
    return tuple(sorted({int(item) for item in items}, reverse=True))


def stages_or_default(value, default=DEFAULT_REMINDER_STAGES):
    """The stages of ``value``, or ``default`` when it cannot be read (a broken setting)."""
    try:
        return parse_stage_days(value)
    except ValueError:
        return tuple(default)


def notify_stages(value):
    """The stages at which the employee is notified: none when ``value`` is empty or broken."""
    if not (value or "").strip():
        return ()
    return stages_or_default(value, ())
