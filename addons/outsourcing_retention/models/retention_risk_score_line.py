from odoo import api, fields, models

from ..engine.risk_scorecard import SubScore


class RetentionRiskScoreLine(models.Model):
    """One driver's sub-score in a snapshot, with what explains it."""

    _name = "retention.risk.score.line"
    _description = "Risk Score Driver"
    _order = "score_id, sub_score, id"
    # Written only by the scoring job, four or more per employee and month, never edited:
    # no create/write columns, and the company comes from the snapshot. Every foreign key
    # costs a check per inserted row, most of the time of the insert.
    _log_access = False

    score_id = fields.Many2one("retention.risk.score", required=True, index=True, ondelete="cascade")
    driver_id = fields.Many2one("retention.risk.driver", required=True, ondelete="restrict")
    employee_id = fields.Many2one(related="score_id.employee_id")
    company_id = fields.Many2one(related="score_id.company_id")
    sub_score = fields.Float(digits=(5, 1))
    has_data = fields.Boolean()
    weight = fields.Float(
        digits=(5, 1), help="The driver's share of the total after spreading drivers without data."
    )
    explanation_code = fields.Char()
    explanation_params = fields.Json()
    explanation = fields.Char(compute="_compute_explanation")

    @api.depends("explanation_code", "explanation_params")
    @api.depends_context("lang")
    def _compute_explanation(self):
        Driver = self.env["retention.risk.driver"]
        for line in self:
            sub = SubScore(line.sub_score, line.explanation_code or "", line.explanation_params or {})
            line.explanation = Driver._risk_explanation(sub)
