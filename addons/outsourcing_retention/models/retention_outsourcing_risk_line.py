from odoo import api, fields, models

from .retention_outsourcing_risk_item import RISK_CODES

SCORES = [(str(score), str(score)) for score in range(6)]


class RetentionOutsourcingRiskLine(models.Model):
    """A scored item of a programme's risk checklist, with its mitigation."""

    _name = "retention.outsourcing.risk.line"
    _description = "Outsourcing Risk Line"
    _inherit = ["retention.input.mixin"]
    _order = "programme_id, sequence, id"

    programme_id = fields.Many2one(
        "retention.outsourcing.programme", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="programme_id.company_id", store=True, index=True)
    item_id = fields.Many2one("retention.outsourcing.risk.item", string="Checklist Item", ondelete="set null")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    code = fields.Selection(RISK_CODES, string="Risk Area", required=True, default="other")
    weight = fields.Float(default=1.0)
    score = fields.Selection(
        SCORES, string="Risk Level", default="0", help="0: no risk, 5: the highest risk."
    )
    effective_score = fields.Integer(
        compute="_compute_effective_score",
        help="The score counted: raised to 4 for legal compliance while the dispatch cap is breached.",
    )
    mitigation = fields.Text()
    mitigation_owner_id = fields.Many2one("res.users", domain="[('share', '=', False)]")
    mitigation_deadline = fields.Date()
    mitigation_done = fields.Boolean()

    _sql_constraints = [
        ("weight_positive", "CHECK(weight >= 0)", "A risk weight cannot be negative."),
    ]

    @api.depends("programme_id", "score", "code")
    def _compute_effective_score(self):
        results = self.programme_id._business_case_results()
        for line in self:
            programme = line.programme_id
            lines = list(programme.risk_line_ids)
            if programme.id in results and line in lines:
                line.effective_score = results[programme.id][1]["scores"][lines.index(line)]
            else:
                line.effective_score = int(line.score or 0)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_input(vals)
        return super().write(vals)
