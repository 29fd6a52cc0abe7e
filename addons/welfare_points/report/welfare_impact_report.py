from odoo import fields, models
from odoo.tools import SQL

from ..models.welfare_benefit import CATEGORIES

# Days before and after the redemption compared (three months).
WINDOW_DAYS = 90


class WelfareImpactReport(models.Model):
    """Absence and renewal risk in the 3 months before and after a redemption.

    One row per approved or fulfilled redemption (the employee's first of its
    category on a day), and one row per employee with a wallet who never
    redeemed, compared over the same windows around the day 3 months ago.
    It shows an association, not a cause: people who redeem may differ from
    those who do not in many other ways.
    """

    _name = "welfare.impact.report"
    _description = "Welfare Impact (Association)"
    _auto = False
    _order = "date desc"
    _depends = {
        "welfare.redemption": ["state", "date_requested", "employee_id", "company_id", "benefit_id"],
        "welfare.benefit": ["category"],
        "welfare.points.account": ["employee_id", "company_id"],
    }

    date = fields.Date(string="Reference Day", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    employee_id = fields.Many2one(
        "hr.employee", readonly=True, groups="outsourcing_retention.group_retention_manager"
    )
    category = fields.Selection(
        [*CATEGORIES, ("none", "Did Not Redeem")], string="Benefit Category", readonly=True
    )
    redeemed = fields.Boolean(readonly=True)
    absence_before = fields.Float(
        string="Absence Days Before",
        readonly=True,
        aggregator="avg",
        help="Validated time off in the 3 months before.",
    )
    absence_after = fields.Float(
        string="Absence Days After",
        readonly=True,
        aggregator="avg",
        help="Validated time off in the 3 months after.",
    )
    risk_before = fields.Float(
        string="Risk Score Before",
        readonly=True,
        aggregator="avg",
        help="Average renewal-risk score in the 3 months before (100: no risk).",
    )
    risk_after = fields.Float(
        string="Risk Score After",
        readonly=True,
        aggregator="avg",
        help="Average renewal-risk score in the 3 months after.",
    )
    high_risk_before = fields.Float(
        string="High Risk Before (%)",
        readonly=True,
        aggregator="avg",
        help="Share of high-risk scores before.",
    )
    high_risk_after = fields.Float(
        string="High Risk After (%)", readonly=True, aggregator="avg", help="Share of high-risk scores after."
    )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH refs AS (
                SELECT MIN(r.id) AS id, r.employee_id, r.company_id, b.category,
                       r.date_requested::date AS date, TRUE AS redeemed
                  FROM welfare_redemption r
                  JOIN welfare_benefit b ON b.id = r.benefit_id
                 WHERE r.state IN ('approved', 'fulfilled')
              GROUP BY r.employee_id, r.company_id, b.category, r.date_requested::date
                 UNION ALL
                SELECT -a.id, a.employee_id, a.company_id, 'none',
                       (NOW() AT TIME ZONE 'UTC')::date - %(window)s, FALSE
                  FROM welfare_points_account a
                 WHERE NOT EXISTS (SELECT 1 FROM welfare_redemption r
                                    WHERE r.employee_id = a.employee_id
                                      AND r.state IN ('approved', 'fulfilled'))
            )
            SELECT refs.id, refs.date, refs.company_id, refs.employee_id, refs.category, refs.redeemed,
                   COALESCE((SELECT SUM(l.number_of_days) FROM hr_leave l
                              WHERE l.employee_id = refs.employee_id AND l.state = 'validate'
                                AND l.request_date_from >= refs.date - %(window)s
                                AND l.request_date_from < refs.date), 0) AS absence_before,
                   COALESCE((SELECT SUM(l.number_of_days) FROM hr_leave l
                              WHERE l.employee_id = refs.employee_id AND l.state = 'validate'
                                AND l.request_date_from >= refs.date
                                AND l.request_date_from < refs.date + %(window)s), 0) AS absence_after,
                   before.risk AS risk_before, before.high AS high_risk_before,
                   after.risk AS risk_after, after.high AS high_risk_after
              FROM refs
         LEFT JOIN LATERAL (
                   SELECT AVG(s.total) AS risk, 100.0 * AVG((s.band = 'high')::int) AS high
                     FROM retention_risk_score s
                    WHERE s.employee_id = refs.employee_id
                      AND s.date >= refs.date - %(window)s AND s.date < refs.date
                   ) before ON TRUE
         LEFT JOIN LATERAL (
                   SELECT AVG(s.total) AS risk, 100.0 * AVG((s.band = 'high')::int) AS high
                     FROM retention_risk_score s
                    WHERE s.employee_id = refs.employee_id
                      AND s.date >= refs.date AND s.date < refs.date + %(window)s
                   ) after ON TRUE
            """,
            window=WINDOW_DAYS,
        )
