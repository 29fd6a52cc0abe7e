from odoo import fields, models, tools
from odoo.tools import SQL

from ..engine import dispatch


class RetentionDispatchCompliance(models.Model):
    """Dispatched headcount against the 10 % cap, per provider company and client."""

    _name = "retention.dispatch.compliance"
    _description = "Dispatch Compliance"
    _auto = False
    _order = "breach desc, dispatch_ratio desc"

    company_id = fields.Many2one("res.company", readonly=True)
    client_id = fields.Many2one("res.partner", readonly=True)
    dispatched_count = fields.Integer(string="Dispatched Workers", readonly=True)
    client_workforce = fields.Integer(string="Own Workforce", readonly=True, aggregator="max")
    dispatch_ratio = fields.Float(
        readonly=True,
        aggregator="max",
        digits=(16, 4),
        help="Dispatched workers over the total workforce (own plus dispatched).",
    )
    # The same ratio as a percentage with one decimal, as HR reads and reports it (10.9, not 0.1089).
    dispatch_percent = fields.Float(
        string="Dispatch %",
        readonly=True,
        aggregator="max",
        digits=(16, 1),
        help="Dispatched workers over the total workforce (own plus dispatched), in percent.",
    )
    dispatch_cap = fields.Integer(string="Max Dispatched", readonly=True, aggregator="max")
    breach = fields.Boolean(string="Cap Breached", readonly=True)
    temporary_overrun_count = fields.Integer(readonly=True)

    def _query(self):
        ratio = dispatch.DISPATCH_CAP_RATIO
        # Same formula as dispatch.max_dispatched: d <= r * own / (1 - r), rounded down.
        cap = SQL("FLOOR(%s * COALESCE(p.client_workforce, 0) / (1 - %s))::integer", ratio, ratio)
        return SQL(
            """
            WITH pairs AS (
                SELECT DISTINCT s.company_id, s.client_id
                  FROM retention_client_site s
            ), dispatched AS (
                SELECT a.company_id, a.client_id,
                       COUNT(*) AS dispatched_count,
                       COUNT(*) FILTER (WHERE a.temporary_overrun) AS temporary_overrun_count
                  FROM retention_assignment a
                 WHERE a.employment_mode = 'dispatch' AND a.state IN ('planned', 'active')
                 GROUP BY a.company_id, a.client_id
            )
            SELECT ROW_NUMBER() OVER (ORDER BY pairs.company_id, pairs.client_id) AS id,
                   pairs.company_id,
                   pairs.client_id,
                   COALESCE(d.dispatched_count, 0) AS dispatched_count,
                   COALESCE(p.client_workforce, 0) AS client_workforce,
                   CASE WHEN COALESCE(d.dispatched_count, 0) + COALESCE(p.client_workforce, 0) > 0
                        THEN COALESCE(d.dispatched_count, 0)::numeric
                             / (COALESCE(d.dispatched_count, 0) + COALESCE(p.client_workforce, 0))
                        ELSE 0 END AS dispatch_ratio,
                   CASE WHEN COALESCE(d.dispatched_count, 0) + COALESCE(p.client_workforce, 0) > 0
                        THEN ROUND(COALESCE(d.dispatched_count, 0)::numeric * 100
                             / (COALESCE(d.dispatched_count, 0) + COALESCE(p.client_workforce, 0)), 1)
                        ELSE 0 END AS dispatch_percent,
                   %(cap)s AS dispatch_cap,
                   COALESCE(d.dispatched_count, 0) > %(cap)s AS breach,
                   COALESCE(d.temporary_overrun_count, 0) AS temporary_overrun_count
              FROM pairs
              JOIN res_partner p ON p.id = pairs.client_id
              LEFT JOIN dispatched d
                ON d.company_id = pairs.company_id AND d.client_id = pairs.client_id
            """,
            cap=cap,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
