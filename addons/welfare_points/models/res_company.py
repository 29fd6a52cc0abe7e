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

    welfare_boost_points = fields.Integer(
        string="Benefit Boost Points",
        default=200,
        help="Points a retention intervention with the Benefit Boost measure credits to the employee, "
        "funded by the company (an intervention may set its own number).",
    )
    welfare_point_value = fields.Float(
        string="Value of a Point",
        digits=(16, 4),
        default=0.1,
        help="The value of one point in the company currency: the outstanding points times this "
        "value is the liability shown in the reports.",
    )

    welfare_insurance_deduction_limit = fields.Float(
        string="Yearly Health Insurance Deduction",
        default=2400.0,
        help="Qualifying commercial health insurance is deductible from wage income up to this amount "
        "per employee and year (¥2,400 under 财税〔2017〕39号).",
    )

    @api.constrains(
        "welfare_insurance_deduction_limit",
        "welfare_officer_post_limit",
        "welfare_expiry_notice_days",
        "welfare_auto_approve_points",
        "welfare_boost_points",
        "welfare_point_value",
    )
    def _check_welfare_limits(self):
        for company in self:
            values = (
                company.welfare_officer_post_limit,
                company.welfare_expiry_notice_days,
                company.welfare_auto_approve_points,
                company.welfare_boost_points,
                company.welfare_point_value,
                company.welfare_insurance_deduction_limit,
            )
            if min(values) < 0:
                raise ValidationError(
                    self.env._("Welfare posting limits and notice days cannot be negative.")
                )
