from odoo import fields, models, tools
from odoo.tools import SQL

from ..engine.results import MIN_GROUP

DIMENSIONS = [
    ("category", "Category"),
    ("site", "Client Site"),
    ("client", "Client"),
    ("firm", "Law Firm"),
    ("month", "Month"),
]


class LegalCaseReport(models.Model):
    """Anonymous results of the legal aid, for HR and regional managers (the under-5 rule).

    One row per value of one dimension (category, site, client, firm or month of the
    request) and company, counting the cases; a row counting fewer than five cases is
    left out, so that no row, nor any sum of rows, points at fewer than five people.
    Nothing identifies a case: no employee, no reference, no facts. Compare rows of
    one dimension only (the action filters on one).
    """

    _name = "legal.case.report"
    _description = "Legal Aid Results (anonymous)"
    _auto = False
    _order = "dimension, case_count desc"

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    dimension = fields.Selection(DIMENSIONS, readonly=True)
    category_id = fields.Many2one("legal.case.category", readonly=True)
    site_id = fields.Many2one("retention.client.site", string="Client Site", readonly=True)
    client_id = fields.Many2one("res.partner", readonly=True)
    firm_id = fields.Many2one("legal.law.firm", string="Law Firm", readonly=True)
    month = fields.Date(readonly=True)
    case_count = fields.Integer(string="Cases", readonly=True, aggregator="sum")
    closed_count = fields.Integer(string="Closed with an Outcome", readonly=True, aggregator="sum")
    won_count = fields.Integer(string="Won or Partly Won", readonly=True, aggregator="sum")
    win_rate = fields.Float(string="Win Rate (%)", digits=(5, 1), readonly=True, aggregator=None)
    amount_claimed = fields.Monetary(string="Claimed", readonly=True, aggregator="sum")
    amount_awarded = fields.Monetary(string="Awarded", readonly=True, aggregator="sum")
    amount_recovered = fields.Monetary(string="Recovered", readonly=True, aggregator="sum")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(table)s AS (
                    SELECT row_number() OVER (ORDER BY dimension, key) AS id, g.*,
                           CASE WHEN closed_count > 0
                                THEN round(100.0 * won_count / closed_count, 1) END AS win_rate
                      FROM (
                        SELECT CASE
                                 WHEN GROUPING(c.category_id) = 0 THEN 'category'
                                 WHEN GROUPING(c.site_id) = 0 THEN 'site'
                                 WHEN GROUPING(c.client_id) = 0 THEN 'client'
                                 WHEN GROUPING(c.firm_id) = 0 THEN 'firm'
                                 ELSE 'month'
                               END AS dimension,
                               concat_ws('-', c.category_id, c.site_id, c.client_id, c.firm_id,
                                         date_trunc('month', c.date_request)::date) AS key,
                               c.company_id,
                               c.category_id,
                               c.site_id,
                               c.client_id,
                               c.firm_id,
                               date_trunc('month', c.date_request)::date AS month,
                               COUNT(*) AS case_count,
                               COUNT(*) FILTER (WHERE c.stage = 'closed' AND c.outcome IS NOT NULL)
                                   AS closed_count,
                               COUNT(*) FILTER (
                                   WHERE c.stage = 'closed' AND c.outcome IN ('won', 'partly_won')
                               ) AS won_count,
                               SUM(c.amount_claimed) AS amount_claimed,
                               SUM(c.amount_awarded) AS amount_awarded,
                               SUM(c.amount_recovered) AS amount_recovered
                          FROM legal_case c
                      GROUP BY GROUPING SETS (
                               (c.company_id, c.category_id),
                               (c.company_id, c.site_id),
                               (c.company_id, c.client_id),
                               (c.company_id, c.firm_id),
                               (c.company_id, date_trunc('month', c.date_request)::date)
                      )
                        HAVING COUNT(*) >= %(min_group)s
                      ) g
                     WHERE g.category_id IS NOT NULL OR g.site_id IS NOT NULL OR g.client_id IS NOT NULL
                        OR g.firm_id IS NOT NULL OR g.month IS NOT NULL
                )
                """,
                table=SQL.identifier(self._table),
                min_group=MIN_GROUP,
            )
        )
