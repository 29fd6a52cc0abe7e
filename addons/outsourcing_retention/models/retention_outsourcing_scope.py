from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetentionOutsourcingScope(models.Model):
    """One process or job of a programme's scope: duties, service standard, headcount, period."""

    _name = "retention.outsourcing.scope"
    _description = "Outsourcing Scope Line"
    _inherit = ["retention.input.mixin"]
    _order = "programme_id, sequence, id"
    _check_company_auto = True

    programme_id = fields.Many2one(
        "retention.outsourcing.programme", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="programme_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Process", required=True, help="The process or service outsourced.")
    job_id = fields.Many2one("hr.job", string="Job Position", check_company=True)
    duties = fields.Text()
    service_standard = fields.Text(help="The service level the provider commits to.")
    headcount = fields.Integer(required=True, default=1)
    date_start = fields.Date(string="Start Date")
    date_end = fields.Date(string="End Date")

    _sql_constraints = [
        ("headcount_positive", "CHECK(headcount >= 0)", "The headcount of a scope line cannot be negative."),
    ]

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for line in self:
            if line.date_start and line.date_end and line.date_end < line.date_start:
                raise ValidationError(
                    self.env._("The scope line %(line)s ends before it starts.", line=line.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        scopes = super().create(vals_list)
        scopes.programme_id._retention_update_cost_goals()
        return scopes

    def write(self, vals):
        self._check_input(vals)
        programmes = self.programme_id
        res = super().write(vals)
        if {"headcount", "programme_id"} & vals.keys():
            (programmes | self.programme_id)._retention_update_cost_goals()
        return res

    def unlink(self):
        programmes = self.programme_id
        res = super().unlink()
        programmes.exists()._retention_update_cost_goals()
        return res
