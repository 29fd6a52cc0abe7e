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
    welfare_auto_approve_points = fields.Integer(
        string="Auto-approve Redemptions up to",
        default=200,
        help="Redemptions of benefits costing up to this many points are approved at once; "
        "dearer ones wait for a welfare manager.",
    )
    welfare_expiry_notice_days = fields.Integer(
        string="Points Expiry Notice Days",
        default=30,
        help="Points whose validity ends within this many days are shown as expiring soon.",
    )

    @api.constrains("welfare_officer_post_limit", "welfare_expiry_notice_days", "welfare_auto_approve_points")
    def _check_welfare_limits(self):
        for company in self:
            values = (
                company.welfare_officer_post_limit,
                company.welfare_expiry_notice_days,
                company.welfare_auto_approve_points,
            )
            if min(values) < 0:
                raise ValidationError(
                    self.env._("Welfare posting limits and notice days cannot be negative.")
                )
