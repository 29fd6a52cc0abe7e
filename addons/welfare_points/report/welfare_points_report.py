from odoo import fields, models
from odoo.tools import SQL

from ..models.welfare_points_line import FUNDING, KINDS


class WelfarePointsReport(models.Model):
    """Points issued, redeemed and expired by month, company, client and site, with their value.

    One row per ledger line; the client and site are those of the employee's
    assignment on the line's date. The value is the points times the company's
    point value, so the sum over all lines is the outstanding liability.
    Regional managers read the rows of their sites only, without employees.
    """

    _name = "welfare.points.report"
    _description = "Welfare Points Analysis"
    _auto = False
    _order = "date desc"
    _depends = {
        "welfare.points.line": [
            "date",
            "company_id",
            "employee_id",
            "kind",
            "funding",
            "funding_partner_id",
            "earning_rule_id",
            "points",
            "reversed_line_id",
        ],
        "retention.assignment": ["employee_id", "state", "date_start", "date_end", "client_id", "site_id"],
    }

    date = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True, groups="welfare_points.group_welfare_officer")
    client_id = fields.Many2one("res.partner", readonly=True)
    site_id = fields.Many2one("retention.client.site", string="Client Site", readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    funding = fields.Selection(FUNDING, string="Funded By", readonly=True)
    funding_partner_id = fields.Many2one("res.partner", string="Charged Back To", readonly=True)
    earning_rule_id = fields.Many2one("welfare.earning.rule", readonly=True)
    points = fields.Integer(string="Net Points", readonly=True)
    issued = fields.Integer(string="Points Issued", readonly=True)
    redeemed = fields.Integer(string="Points Redeemed", readonly=True)
    expired = fields.Integer(string="Points Expired", readonly=True)
    value = fields.Monetary(
        readonly=True,
        help="Net points times the company's point value: summed, the liability.",
    )
    charged_back_value = fields.Monetary(
        string="Value Charged Back",
        readonly=True,
        help="Value of the points a client funds, net of reversals.",
    )

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT l.id, l.date, l.company_id, c.currency_id, l.employee_id,
                   asg.client_id, asg.site_id, l.kind, l.funding, l.funding_partner_id,
                   l.earning_rule_id, l.points,
                   CASE WHEN l.kind IN ('earned', 'adjusted') AND l.points > 0 THEN l.points
                        WHEN l.kind = 'reversed' AND rev.kind IN ('earned', 'adjusted') THEN l.points
                        ELSE 0 END AS issued,
                   CASE WHEN l.kind = 'redeemed' THEN -l.points
                        WHEN l.kind = 'reversed' AND rev.kind = 'redeemed' THEN -l.points
                        ELSE 0 END AS redeemed,
                   CASE WHEN l.kind = 'expired' THEN -l.points ELSE 0 END AS expired,
                   l.points * COALESCE(c.welfare_point_value, 0) AS value,
                   CASE WHEN COALESCE(l.funding, rev.funding) = 'client'
                        THEN l.points * COALESCE(c.welfare_point_value, 0) ELSE 0 END AS charged_back_value
              FROM welfare_points_line l
              JOIN res_company c ON c.id = l.company_id
         LEFT JOIN welfare_points_line rev ON rev.id = l.reversed_line_id
         LEFT JOIN LATERAL (
                   SELECT a.client_id, a.site_id
                     FROM retention_assignment a
                    WHERE a.employee_id = l.employee_id
                      AND a.state != 'cancelled'
                      AND a.date_start <= l.date
                      AND (a.date_end IS NULL OR a.date_end >= l.date)
                 ORDER BY a.date_start DESC, a.id DESC
                    LIMIT 1
                   ) asg ON TRUE
            """
        )
