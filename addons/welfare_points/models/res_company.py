from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    welfare_officer_post_limit = fields.Integer(
        string="Welfare Officer Posting Limit",
        default=500,
        help="The most points a welfare officer may credit to one employee in one posting by hand. "
        "Welfare managers have no limit.",
    )
    welfare_expiry_notice_days = fields.Integer(
        string="Points Expiry Notice Days",
        default=30,
        help="Points whose validity ends within this many days are shown as expiring soon.",
    )

    @api.constrains("welfare_officer_post_limit", "welfare_expiry_notice_days")
    def _check_welfare_limits(self):
        for company in self:
            if company.welfare_officer_post_limit < 0 or company.welfare_expiry_notice_days < 0:
                raise ValidationError(self.env._("Welfare posting limits and notice days cannot be negative."))
