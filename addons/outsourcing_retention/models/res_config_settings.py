from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    retention_reminder_days = fields.Char(related="company_id.retention_reminder_days", readonly=False)
    retention_notify_employee_days = fields.Char(
        related="company_id.retention_notify_employee_days", readonly=False
    )
    retention_risk_alert_threshold = fields.Float(
        related="company_id.retention_risk_alert_threshold", readonly=False
    )
    retention_risk_medium_threshold = fields.Float(
        related="company_id.retention_risk_medium_threshold", readonly=False
    )
    retention_risk_horizon_days = fields.Integer(
        related="company_id.retention_risk_horizon_days", readonly=False
    )
    retention_risk_min_coverage = fields.Float(
        related="company_id.retention_risk_min_coverage", readonly=False
    )
