import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.i18n import format_list

from ..engine import risk_scorecard

# {name} placeholders of a talking-point template; anything else stays as written,
# so a template edited in the UI can never reach attributes or methods.
PLACEHOLDER = re.compile(r"\{(\w+)\}")


class RetentionRiskDriver(models.Model):
    """One driver of the renewal-risk scorecard, and the hook other addons extend.

    Adding a driver: create a record whose ``code`` names a method
    ``_risk_driver_<code>(employees, on_date)`` on this model (an addon adds it
    with ``_inherit = "retention.risk.driver"``). The method returns
    ``{employee_id: engine.risk_scorecard.SubScore}`` for the whole recordset in
    a constant number of queries; an employee left out has "no data" for that
    driver and its weight is spread over the others.
    """

    _name = "retention.risk.driver"
    _description = "Risk Driver"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Technical code: the scorecard calls the method _risk_driver_<code> to get the values.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    weight = fields.Float(
        required=True,
        help="Share of the total score in percent. The weights of the active drivers must sum to 100.",
    )
    window_days = fields.Integer(
        string="Window (days)",
        default=90,
        help="How far back the driver looks: days without HR contact before the score falls to 0, "
        "or the absence window compared with the employee's own history.",
    )
    description = fields.Text(translate=True)
    talking_point = fields.Text(
        translate=True,
        help="Shown in the alert when this driver is among the weakest. Placeholders in braces, "
        "such as {days} or {last_contact}, are filled in with the employee's own facts.",
    )
    has_source = fields.Boolean(
        string="Data Source Installed",
        compute="_compute_has_source",
        help="Whether an installed module provides this driver's values.",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "A risk driver code must be unique."),
        (
            "weight_range",
            "check(weight >= 0 and weight <= 100)",
            "A driver's weight must be between 0 and 100.",
        ),
    ]

    @api.depends("code")
    def _compute_has_source(self):
        for driver in self:
            driver.has_source = bool(driver.code) and hasattr(self, "_risk_driver_" + driver.code)

    @api.constrains("code")
    def _check_code(self):
        for driver in self:
            if not re.fullmatch(r"[a-z][a-z0-9_]*", driver.code or ""):
                raise ValidationError(
                    self.env._(
                        'The code "%(code)s" must use lowercase letters, digits and underscores only.',
                        code=driver.code,
                    )
                )

    @api.model
    def _check_active_weights(self):
        """The active drivers, once their weights are known to sum to 100."""
        drivers = self.search([])
        total = sum(drivers.mapped("weight"))
        if not drivers or round(total, 6) != risk_scorecard.TOTAL_WEIGHT:
            raise UserError(
                self.env._(
                    "The weights of the active risk drivers must sum to 100 (now %(total)s). "
                    "Correct them in Retention > Configuration > Risk Drivers.",
                    total=round(total, 2),
                )
            )
        return drivers

    def _risk_values(self, employees, on_date):
        """{code: {employee_id: SubScore}} for every driver in ``self``."""
        values = {}
        for driver in self:
            method = getattr(self, "_risk_driver_" + driver.code, None)
            values[driver.code] = method(employees, on_date, driver) if method else {}
        return values

    # ------------------------------------------------------------ default drivers
    # training has no source in this module: career_paths adds it by overriding the method.

    def _risk_driver_training(self, employees, on_date, driver):
        return {}

    def _risk_driver_performance(self, employees, on_date, driver):
        """Confirmed monthly review totals over the window, oldest first (one query).

        Plain SQL (the job runs as the cron's superuser, who has no record rules to
        apply): averages per month come back as one array per employee.
        """
        start = on_date - timedelta(days=max(driver.window_days, 1))
        self.env["retention.performance.review"].flush_model(
            ["employee_id", "state", "period", "total_score"]
        )
        rows = self.env.execute_query(
            SQL(
                """
                SELECT employee_id, array_agg(score ORDER BY month)
                  FROM (SELECT employee_id, date_trunc('month', period) AS month, AVG(total_score) AS score
                          FROM retention_performance_review
                         WHERE employee_id = ANY(%s)
                           AND state = 'confirmed'
                           AND total_score IS NOT NULL
                           AND period > %s
                           AND period <= %s
                      GROUP BY 1, 2) monthly
              GROUP BY employee_id
                """,
                employees.ids,
                start,
                on_date,
            )
        )
        return {
            employee_id: risk_scorecard.performance_subscore([float(score) for score in scores])
            for employee_id, scores in rows
        }

    def _risk_driver_intention(self, employees, on_date, driver):
        """Turnover intention: unusual absence against the employee's own history,
        the pulse answers the employee agreed to have kept, and open keyword alerts.

        Validated time off in the last window is compared with the four windows
        before it, counting only windows after the employee was hired. eNPS and
        mood come only from kept pulse answers (separate consent, PIPL art. 29):
        an anonymous answer never reaches a person's score.
        """
        window = max(driver.window_days, 1)
        windows = 5
        start = on_date - timedelta(days=window * windows)
        # One query: days of validated leave per employee and window (0 = the latest).
        self.env["hr.leave"].flush_model(["employee_id", "state", "request_date_from", "number_of_days"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT l.employee_id,
                       LEAST(((%(on_date)s::date - l.request_date_from) / %(window)s)::int, %(last)s),
                       SUM(l.number_of_days)
                  FROM hr_leave l
                 WHERE l.employee_id = ANY(%(ids)s)
                   AND l.state = 'validate'
                   AND l.request_date_from > %(start)s
                   AND l.request_date_from <= %(on_date)s
              GROUP BY 1, 2
                """,
                on_date=on_date,
                window=window,
                last=windows - 1,
                ids=employees.ids,
                start=start,
            )
        )
        days = {}
        for employee_id, index, total in rows:
            days.setdefault(employee_id, [0.0] * windows)[index] = float(total or 0)
        hired = self._risk_hire_dates(employees)
        # window i covers ]on_date - (i+1)*window, on_date - i*window]; it counts once fully after hiring
        starts = [(i, on_date - timedelta(days=window * (i + 1))) for i in range(1, windows)]
        empty = [0.0] * windows
        pulses = self._risk_pulse_answers(employees, on_date - timedelta(days=window), on_date)
        alerts = self._risk_keyword_alerts(employees, on_date - timedelta(days=window))
        result = {}
        for employee_id in employees.ids:
            per_window = days.get(employee_id, empty)
            hire = hired.get(employee_id)
            history = [per_window[i] for i, start in starts if hire is None or hire <= start]
            enps, mood = pulses.get(employee_id, ((), ()))
            result[employee_id] = risk_scorecard.intention_subscore(
                enps=enps,
                mood=mood,
                absence_recent=per_window[0],
                absence_history=history,
                keyword_severities=alerts.get(employee_id),
            )
        return result

    def _risk_pulse_answers(self, employees, date_from, date_to):
        """{employee_id: (eNPS answers, mood answers)}, oldest first, from kept pulse answers (one query)."""
        self.env["retention.pulse.response"].flush_model(["employee_id", "kind", "period", "enps", "mood"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT employee_id,
                       array_agg(enps ORDER BY period, id) FILTER (WHERE enps IS NOT NULL),
                       array_agg(mood ORDER BY period, id) FILTER (WHERE mood IS NOT NULL)
                  FROM retention_pulse_response
                 WHERE employee_id = ANY(%s) AND kind = 'pulse' AND period > %s AND period <= %s
              GROUP BY employee_id
                """,
                employees.ids,
                date_from,
                date_to,
            )
        )
        return {employee_id: (enps or (), mood or ()) for employee_id, enps, mood in rows}

    def _risk_keyword_alerts(self, employees, date_from):
        """{employee_id: severities of the keyword alerts raised since ``date_from`` and not handled}."""
        self.env["retention.pulse.alert"].flush_model(["employee_id", "state", "severity"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT employee_id, array_agg(severity)
                  FROM retention_pulse_alert
                 WHERE employee_id = ANY(%s)
                   AND state IN ('new', 'acknowledged')
                   AND create_date::date > %s
              GROUP BY employee_id
                """,
                employees.ids,
                date_from,
            )
        )
        return dict(rows)

    def _risk_hire_dates(self, employees):
        """{employee_id: date of the first contract}, one query."""
        self.env["hr.contract"].flush_model(["employee_id", "state", "date_start"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT employee_id, MIN(date_start) FROM hr_contract
                 WHERE employee_id = ANY(%s) AND state != 'cancel' AND active
              GROUP BY employee_id
                """,
                employees.ids,
            )
        )
        return dict(rows)

    def _risk_driver_contact(self, employees, on_date, driver):
        """Days since the last HR contact: calendar meetings the employee attended."""
        last = self._risk_last_contacts(employees, on_date)
        return {
            employee.id: risk_scorecard.contact_subscore(
                (on_date - last[employee.id]).days if employee.id in last else None,
                window=max(driver.window_days, 1),
            )
            for employee in employees
        }

    def _risk_last_contacts(self, employees, on_date):
        """{employee_id: date of the last contact}: the HR talk log and past calendar meetings."""
        last = self.env["hr.employee"]._retention_last_contacts(employees)
        return {employee_id: day for employee_id, day in last.items() if day <= on_date}

    # ------------------------------------------------------------ explanations

    def _risk_explanation(self, sub):
        """One line, in the user's language, explaining a sub-score (engine code + params)."""
        _ = self.env._
        p = sub.params or {}
        texts = {
            "training_no_data": lambda: _("No training data."),
            "training_none_required": lambda: _("No required training."),
            "training_complete": lambda: _("All %(required)s required trainings completed.", **p),
            "training_missing": lambda: _(
                "%(missing)s of %(required)s required trainings not completed.", **p
            ),
            "performance_no_data": lambda: _("No performance review yet."),
            "performance_level": lambda: _("Latest performance score %(score)s.", **p),
            "performance_falling": lambda: _(
                "Performance fell %(months)s months in a row, from %(from)s to %(to)s.", **p
            ),
            "intention_no_data": lambda: _("Not enough history to judge turnover intention."),
            "intention_none": lambda: _("No sign of turnover intention."),
            "intention_signs": lambda: _(
                "Signs of turnover intention: %(signs)s.", signs=self._risk_signs(p)
            ),
            "contact_never": lambda: _("No HR contact recorded."),
            "contact_recent": lambda: _("Last HR contact %(days)s days ago.", **p),
            "contact_overdue": lambda: _("No HR contact for %(days)s days.", **p),
        }
        text = texts.get(sub.code)
        return text() if text else sub.code

    def _risk_signs(self, params):
        _ = self.env._
        names = {
            "enps_detractor": _("low eNPS"),
            "enps_falling": _("eNPS falling"),
            "mood_falling": _("mood falling"),
            "absence_unusual": _("%(days)s more days absent than usual", days=params.get("absence_excess")),
            "keyword_alerts": _("%(count)s keyword alerts", count=params.get("alerts")),
        }
        return format_list(self.env, [names.get(sign, sign) for sign in params.get("signs", ())])

    def _risk_talking_point(self, facts):
        """The talking point with its {placeholders} filled from ``facts`` (unknown ones left as is)."""
        self.ensure_one()
        template = self.talking_point or ""
        return PLACEHOLDER.sub(lambda m: str(facts.get(m.group(1), m.group(0))), template)
