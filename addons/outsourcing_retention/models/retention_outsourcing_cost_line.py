from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .retention_outsourcing_cost_item import METHODS, SIDES


class RetentionOutsourcingCostLine(models.Model):
    """A cost line of a programme's business case; its amount is computed by the engine."""

    _name = "retention.outsourcing.cost.line"
    _description = "Outsourcing Cost Line"
    _inherit = ["retention.input.mixin"]
    _order = "programme_id, side, sequence, id"

    programme_id = fields.Many2one(
        "retention.outsourcing.programme", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="programme_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="programme_id.currency_id")
    item_id = fields.Many2one("retention.outsourcing.cost.item", string="Cost Item", ondelete="set null")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    side = fields.Selection(SIDES, required=True, default="inhouse")
    method = fields.Selection(METHODS, required=True, default="per_head_month")
    value = fields.Float(help="An amount, or a percentage of the side's wages.")
    is_wage = fields.Boolean(string="Wage Base")
    amount = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_amount",
        help="Computed over the programme's headcount and months.",
    )

    _sql_constraints = [
        ("value_positive", "CHECK(value >= 0)", "A cost value cannot be negative."),
    ]

    @api.depends("programme_id", "side", "method", "value", "is_wage")
    def _compute_amount(self):
        results = self.programme_id._business_case_results()
        for line in self:
            programme = line.programme_id
            comparison = results.get(programme.id, ({"lines": []},))[0]
            lines = list(programme.cost_line_ids)
            line.amount = comparison["lines"][lines.index(line)] if line in lines else 0.0

    def _check_value(self, name, value):
        """Checked before anything is written; the table's CHECK constraint holds it too."""
        if (value or 0) < 0:
            raise ValidationError(self.env._("The cost line %(line)s cannot be negative.", line=name))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        for vals in vals_list:
            self._check_value(vals.get("name"), vals.get("value"))
        lines = super().create(vals_list)
        lines.programme_id._retention_update_cost_goals()
        return lines

    def write(self, vals):
        self._check_input(vals)
        if "value" in vals:
            for line in self:
                self._check_value(vals.get("name", line.name), vals["value"])
        programmes = self.programme_id
        res = super().write(vals)
        (programmes | self.programme_id)._retention_update_cost_goals()
        return res

    def unlink(self):
        programmes = self.programme_id
        res = super().unlink()
        programmes.exists()._retention_update_cost_goals()
        return res
