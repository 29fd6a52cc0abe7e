from odoo import api, fields, models, tools
from odoo.tools import SQL

from ..engine.risk_scorecard import SubScore

# A snapshot holds at most this many drivers: a line's id is score_id * LINES_PER_SCORE + position.
LINES_PER_SCORE = 64


class RetentionRiskScoreLine(models.Model):
    """One driver's sub-score in a snapshot, with what explains it.

    A read-only view over the snapshot's ``driver_data`` (one JSON array per
    snapshot): the monthly job writes a hundred thousand snapshots, and a table
    of four or more lines each, with a foreign-key check per line, was most of its
    database time. Reading lines by snapshot stays an index lookup on the snapshot.
    """

    _name = "retention.risk.score.line"
    _description = "Risk Score Driver"
    _auto = False
    _order = "score_id, sub_score, id"

    score_id = fields.Many2one("retention.risk.score", readonly=True)
    driver_id = fields.Many2one("retention.risk.driver", readonly=True)
    employee_id = fields.Many2one(related="score_id.employee_id")
    company_id = fields.Many2one("res.company", readonly=True)
    sub_score = fields.Float(digits=(5, 1), readonly=True)
    has_data = fields.Boolean(readonly=True)
    weight = fields.Float(
        digits=(5, 1),
        readonly=True,
        help="The driver's share of the total after spreading drivers without data.",
    )
    explanation_code = fields.Char(readonly=True)
    explanation_params = fields.Json(readonly=True)
    explanation = fields.Char(compute="_compute_explanation")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT s.id::bigint * %(per_score)s + d.position AS id,
                           s.id AS score_id,
                           s.company_id,
                           (d.line->>0)::int AS driver_id,
                           (d.line->>1)::numeric AS sub_score,
                           (d.line->>2)::boolean AS has_data,
                           (d.line->>3)::numeric AS weight,
                           d.line->>4 AS explanation_code,
                           d.line->5 AS explanation_params
                      FROM retention_risk_score s
                CROSS JOIN LATERAL jsonb_array_elements(s.driver_data) WITH ORDINALITY AS d(line, position)
                )
                """,
                table=SQL.identifier(self._table),
                per_score=LINES_PER_SCORE,
            )
        )

    @api.depends("explanation_code", "explanation_params")
    @api.depends_context("lang")
    def _compute_explanation(self):
        Driver = self.env["retention.risk.driver"]
        for line in self:
            sub = SubScore(line.sub_score, line.explanation_code or "", line.explanation_params or {})
            line.explanation = Driver._risk_explanation(sub)
