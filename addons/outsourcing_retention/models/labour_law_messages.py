"""Translated texts of the labour-law engine's issues.

The engine (``engine/labour_law.py``) reports issues as codes with values and
has English texts only; the words users read come from here, through
``env._`` so that they are exported to the .pot and shown in the user's language.
"""


def issue_message(env, issue):
    params = issue.params
    reason = {
        "ten_years": env._("ten years of continuous service"),
        "two_fixed_terms": env._("two consecutive fixed-term contracts"),
    }.get(params.get("reason"), params.get("reason"))
    texts = {
        "end_before_start": lambda: env._(
            "The contract ends on %(date_end)s, before it starts on %(date_start)s.",
            date_end=params.get("date_end"),
            date_start=params.get("date_start"),
        ),
        "missing_end_date": lambda: env._("A fixed-term contract needs an end date."),
        "end_date_on_open_ended": lambda: env._("An open-ended contract has no end date."),
        "wage_not_positive": lambda: env._("The monthly wage must be positive."),
        "probation_too_long": lambda: env._(
            "a probation of %(probation_months)s months exceeds the limit of %(limit)s months for "
            "this contract term (Labour Contract Law art. 19).",
            probation_months=params.get("probation_months"),
            limit=params.get("limit"),
        ),
        "probation_short_term": lambda: env._(
            "A contract of less than three months cannot include probation (Labour Contract Law art. 19)."
        ),
        "probation_task_based": lambda: env._(
            "A contract for the completion of a task cannot include probation (Labour Contract Law art. 19)."
        ),
        "probation_repeated": lambda: env._(
            "Probation was already agreed in an earlier contract: the same employer may agree probation "
            "with an employee only once (Labour Contract Law art. 19)."
        ),
        "open_ended_required": lambda: env._(
            "The employee is entitled to an open-ended contract (Labour Contract Law art. 14: %(reason)s) "
            "and has not asked for a fixed term: only an open-ended contract may be offered.",
            reason=reason,
        ),
        "fixed_term_requested": lambda: env._(
            "The employee is entitled to an open-ended contract (Labour Contract Law art. 14: %(reason)s) "
            "but asked for a fixed term: keep the employee's written request on file.",
            reason=reason,
        ),
        "wage_lower_than_current": lambda: env._(
            "The offered wage %(wage)s is lower than the current wage %(current_wage)s: if the employee "
            "refuses these worse terms and the contract ends, economic compensation is owed "
            "(Labour Contract Law art. 46).",
            wage=params.get("wage"),
            current_wage=params.get("current_wage"),
        ),
        "renewal_gap": lambda: env._(
            "The offer leaves %(gap_days)s days without a contract after the current one ends: the gap "
            "breaks the continuity counted for art. 14 and may be seen as evading it.",
            gap_days=params.get("gap_days"),
        ),
    }
    text = texts.get(issue.code)
    return text() if text else issue.message
