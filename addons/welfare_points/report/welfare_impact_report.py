from odoo import api, fields, models
from odoo.addons.outsourcing_retention.engine.pulse import MIN_GROUP
from odoo.addons.outsourcing_retention.models.retention_small_group_report import HiddenFloat
from odoo.tools import SQL

from ..models.welfare_benefit import CATEGORIES

# Days before and after the redemption compared (three months).
WINDOW_DAYS = 90


class WelfareImpactReport(models.Model):
    """Absence and renewal risk in the 3 months before and after a redemption.

    One row per company, benefit category and month of the reference day: the
    approved or fulfilled redemptions (an employee's first of a category on a
    day) of that month, and one row per company for the employees with a wallet
    who never redeemed, compared over the same windows around the day 3 months
    ago. It shows an association, not a cause: people who redeem may differ from
    those who do not in many other ways.

    The suite's under-5 rule, as in retention.pulse.report
    (retention.small.group.report): a row built from fewer than MIN_GROUP
    employees shows no figure, and its hidden ``shown_*`` sums are 0, so every
    aggregate (read_group, pivot, graph, XML-RPC) is recomputed from rows of 5 or
    more only: neither grouping nor subtracting two totals reveals a small row.
    """

    _name = "welfare.impact.report"
    _description = "Welfare Impact (Association)"
    _auto = False
    _order = "month desc, category"
    _rec_name = "category"
    _depends = {
        "welfare.redemption": ["state", "date_requested", "employee_id", "company_id", "benefit_id"],
        "welfare.benefit": ["category"],
        "welfare.points.account": ["employee_id", "company_id"],
    }

    #: field name -> (numerator column, denominator column); both 0 in a hidden row.
    _hidden_figures = {
        "absence_before": ("shown_absence_before", "shown_count"),
        "absence_after": ("shown_absence_after", "shown_count"),
        "risk_before": ("shown_risk_before", "shown_risk_before_count"),
        "risk_after": ("shown_risk_after", "shown_risk_after_count"),
        "high_risk_before": ("shown_high_before", "shown_risk_before_count"),
        "high_risk_after": ("shown_high_after", "shown_risk_after_count"),
    }

    month = fields.Date(readonly=True, help="First day of the month of the redemptions.")
    company_id = fields.Many2one("res.company", readonly=True)
    category = fields.Selection(
        [*CATEGORIES, ("none", "Did Not Redeem")], string="Benefit Category", readonly=True
    )
    redeemed = fields.Boolean(readonly=True)
    employee_count = fields.Integer(string="Employees", readonly=True, aggregator="sum")
    redemption_count = fields.Integer(string="Redemptions", readonly=True, aggregator="sum")
    is_hidden = fields.Boolean(
        string="Hidden (under 5)",
        readonly=True,
        help="Fewer than 5 employees: no figure is shown, and none enters a total.",
    )
    absence_before = HiddenFloat(
        string="Absence Days Before",
        readonly=True,
        aggregator="avg",
        help="Validated time off in the 3 months before. Empty under 5 employees.",
    )
    absence_after = HiddenFloat(
        string="Absence Days After",
        readonly=True,
        aggregator="avg",
        help="Validated time off in the 3 months after. Empty under 5 employees.",
    )
    risk_before = HiddenFloat(
        string="Risk Score Before",
        readonly=True,
        aggregator="avg",
        help="Average renewal-risk score in the 3 months before (100: no risk). Empty under 5 employees.",
    )
    risk_after = HiddenFloat(
        string="Risk Score After",
        readonly=True,
        aggregator="avg",
        help="Average renewal-risk score in the 3 months after. Empty under 5 employees.",
    )
    high_risk_before = HiddenFloat(
        string="High Risk Before (%)",
        readonly=True,
        aggregator="avg",
        help="Share of high-risk scores before. Empty under 5 employees.",
    )
    high_risk_after = HiddenFloat(
        string="High Risk After (%)",
        readonly=True,
        aggregator="avg",
        help="Share of high-risk scores after. Empty under 5 employees.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            WITH refs AS (
                SELECT r.employee_id, r.company_id, b.category, r.date_requested::date AS date,
                       TRUE AS redeemed
                  FROM welfare_redemption r
                  JOIN welfare_benefit b ON b.id = r.benefit_id
                 WHERE r.state IN ('approved', 'fulfilled')
              GROUP BY r.employee_id, r.company_id, b.category, r.date_requested::date
                 UNION ALL
                SELECT a.employee_id, a.company_id, 'none',
                       (NOW() AT TIME ZONE 'UTC')::date - %(window)s, FALSE
                  FROM welfare_points_account a
                 WHERE NOT EXISTS (SELECT 1 FROM welfare_redemption r
                                    WHERE r.employee_id = a.employee_id
                                      AND r.state IN ('approved', 'fulfilled'))
            ), facts AS (
                SELECT refs.*,
                       COALESCE((SELECT SUM(l.number_of_days) FROM hr_leave l
                                  WHERE l.employee_id = refs.employee_id AND l.state = 'validate'
                                    AND l.request_date_from >= refs.date - %(window)s
                                    AND l.request_date_from < refs.date), 0) AS absence_before,
                       COALESCE((SELECT SUM(l.number_of_days) FROM hr_leave l
                                  WHERE l.employee_id = refs.employee_id AND l.state = 'validate'
                                    AND l.request_date_from >= refs.date
                                    AND l.request_date_from < refs.date + %(window)s), 0) AS absence_after,
                       before.risk AS risk_before, before.high AS high_before,
                       after.risk AS risk_after, after.high AS high_after
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
            ), buckets AS (
                SELECT company_id, category, date_trunc('month', date)::date AS month,
                       bool_or(redeemed) AS redeemed,
                       COUNT(DISTINCT employee_id) AS employee_count,
                       COUNT(*) AS redemption_count,
                       SUM(absence_before) AS absence_before, SUM(absence_after) AS absence_after,
                       SUM(risk_before) AS risk_before, COUNT(risk_before) AS risk_before_count,
                       SUM(high_before) AS high_before,
                       SUM(risk_after) AS risk_after, COUNT(risk_after) AS risk_after_count,
                       SUM(high_after) AS high_after
                  FROM facts
              GROUP BY company_id, category, date_trunc('month', date)
            ), marked AS (
                SELECT buckets.*, employee_count >= %(min)s AS shown FROM buckets
            )
            SELECT ROW_NUMBER() OVER (ORDER BY company_id, month, category) AS id,
                   company_id, category, month, redeemed, employee_count,
                   CASE WHEN redeemed THEN redemption_count ELSE 0 END AS redemption_count,
                   NOT shown AS is_hidden,
                   CASE WHEN shown THEN ROUND((absence_before / redemption_count)::numeric, 2)::float
                        END AS absence_before,
                   CASE WHEN shown THEN ROUND((absence_after / redemption_count)::numeric, 2)::float
                        END AS absence_after,
                   CASE WHEN shown AND risk_before_count > 0
                        THEN ROUND((risk_before / risk_before_count)::numeric, 2)::float END AS risk_before,
                   CASE WHEN shown AND risk_after_count > 0
                        THEN ROUND((risk_after / risk_after_count)::numeric, 2)::float END AS risk_after,
                   CASE WHEN shown AND risk_before_count > 0
                        THEN ROUND((high_before / risk_before_count)::numeric, 2)::float
                        END AS high_risk_before,
                   CASE WHEN shown AND risk_after_count > 0
                        THEN ROUND((high_after / risk_after_count)::numeric, 2)::float
                        END AS high_risk_after,
                   CASE WHEN shown THEN redemption_count ELSE 0 END AS shown_count,
                   CASE WHEN shown THEN absence_before ELSE 0 END AS shown_absence_before,
                   CASE WHEN shown THEN absence_after ELSE 0 END AS shown_absence_after,
                   CASE WHEN shown THEN COALESCE(risk_before, 0) ELSE 0 END AS shown_risk_before,
                   CASE WHEN shown THEN risk_before_count ELSE 0 END AS shown_risk_before_count,
                   CASE WHEN shown THEN COALESCE(high_before, 0) ELSE 0 END AS shown_high_before,
                   CASE WHEN shown THEN COALESCE(risk_after, 0) ELSE 0 END AS shown_risk_after,
                   CASE WHEN shown THEN risk_after_count ELSE 0 END AS shown_risk_after_count,
                   CASE WHEN shown THEN COALESCE(high_after, 0) ELSE 0 END AS shown_high_after
              FROM marked
            """,
            window=WINDOW_DAYS,
            min=MIN_GROUP,
        )

    def _read_group_select(self, aggregate_spec, query):
        fname = aggregate_spec.split(":")[0]
        if fname in self._hidden_figures:
            # Checks the field access and the aggregate function like the standard one.
            super()._read_group_select(aggregate_spec, query)
            numerator, denominator = self._hidden_figures[fname]
            table = SQL.identifier(self._table)
            return SQL(
                "CASE WHEN SUM(%(table)s.%(den)s) > 0 THEN "
                "ROUND((SUM(%(table)s.%(num)s) / SUM(%(table)s.%(den)s))::numeric, 2)::float END",
                table=table,
                num=SQL.identifier(numerator),
                den=SQL.identifier(denominator),
            )
        return super()._read_group_select(aggregate_spec, query)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        # XML-RPC cannot marshal None: a hidden figure comes back as False.
        groups = super().read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy
        )
        for group in groups:
            for fname in self._hidden_figures:
                if fname in group and group[fname] is None:
                    group[fname] = False
        return groups
