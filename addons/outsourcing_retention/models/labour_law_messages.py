"""The labour-law engine's issues in the user's language.

The texts live in one place, ``engine/labour_law.py`` (``MESSAGES`` and ``REASONS``,
marked with ``_lt`` so that the .pot export collects them); this module only
translates them at run time through ``env._``, which finds the translation in this
addon's .po files.
"""

from ..engine.labour_law import MESSAGES


def issue_message(env, issue):
    """The message of an engine ``Issue`` in ``env``'s language."""
    params = {
        key: str(value) if value is not None else "" for key, value in issue.message_params(env._).items()
    }
    return env._(MESSAGES[issue.code], **params)
