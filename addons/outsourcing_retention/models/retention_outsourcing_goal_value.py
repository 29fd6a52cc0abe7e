from odoo import api, fields, models


class RetentionOutsourcingGoalValue(models.Model):
    """The value of a goal the suite does not measure, entered for a period."""

    _name = "retention.outsourcing.goal.value"
    _description = "Goal Value"
    _inherit = ["retention.input.mixin"]
    _order = "goal_id, date desc, id desc"

    goal_id = fields.Many2one("retention.outsourcing.goal", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="goal_id.company_id", store=True, index=True)
    date = fields.Date(string="Period End", required=True, default=fields.Date.context_today)
    value = fields.Float(required=True)
    note = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        values = super().create(vals_list)
        values.goal_id._update_from_data()
        return values

    def write(self, vals):
        self._check_input(vals)
        res = super().write(vals)
        self.goal_id._update_from_data()
        return res
