from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    retention_reminder_days = fields.Char(related="company_id.retention_reminder_days", readonly=False)
    retention_notify_employee_days = fields.Char(
        related="company_id.retention_notify_employee_days", readonly=False
    )
