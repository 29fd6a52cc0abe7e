from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine.renewal import notify_stages, parse_stage_days, stages_or_default


class ResCompany(models.Model):
    _inherit = "res.company"

    retention_reminder_days = fields.Char(
        string="Renewal Reminder Days",
        default="30,15,7",
        required=True,
        help="Days before a contract ends at which HR gets a renewal reminder, comma separated.",
    )
    retention_notify_employee_days = fields.Char(
        string="Employee Notice Days",
        default="30",
        help="Reminder stages at which the employee is also notified of the renewal intent, "
        "comma separated (some cities require 30 days' notice). Leave empty to never notify.",
    )

    @api.constrains("retention_reminder_days", "retention_notify_employee_days")
    def _check_retention_reminder_days(self):
        for company in self:
            values = [company.retention_reminder_days]
            if (company.retention_notify_employee_days or "").strip():
                values.append(company.retention_notify_employee_days)
            stages = []
            for value in values:
                try:
                    stages.append(parse_stage_days(value))
                except ValueError as error:
                    raise ValidationError(
                        self.env._(
                            "Reminder days must be positive whole numbers separated by commas, "
                            'such as "30,15,7", not "%(value)s".',
                            value=value or "",
                        )
                    ) from error
            if len(stages) == 2 and not set(stages[1]) <= set(stages[0]):
                raise ValidationError(
                    self.env._(
                        "The employee is notified at reminder stages only: %(notify)s must be "
                        "among the reminder days %(reminders)s.",
                        notify=company.retention_notify_employee_days,
                        reminders=company.retention_reminder_days,
                    )
                )

    def _retention_reminder_stages(self):
        """The reminder stages in days, largest first; the default when the value is broken."""
        self.ensure_one()
        return stages_or_default(self.retention_reminder_days)

    def _retention_notify_employee_stages(self):
        self.ensure_one()
        return notify_stages(self.retention_notify_employee_days)
