from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    welfare_officer_post_limit = fields.Integer(
        related="company_id.welfare_officer_post_limit", readonly=False
    )
    welfare_auto_approve_points = fields.Integer(
        related="company_id.welfare_auto_approve_points", readonly=False
    )
    welfare_expiry_notice_days = fields.Integer(
        related="company_id.welfare_expiry_notice_days", readonly=False
    )
    welfare_boost_points = fields.Integer(related="company_id.welfare_boost_points", readonly=False)
    welfare_point_value = fields.Float(related="company_id.welfare_point_value", readonly=False)
    welfare_insurance_deduction_limit = fields.Float(
        related="company_id.welfare_insurance_deduction_limit", readonly=False
    )
