from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import risk_scorecard
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

    retention_risk_alert_threshold = fields.Float(
        string="Risk Alert Below",
        default=60.0,
        help="A risk score below this is high risk and raises an alert when the contract ends soon.",
    )
    retention_risk_medium_threshold = fields.Float(
        string="Medium Risk Below",
        default=75.0,
        help="A risk score below this (and not below the alert threshold) is medium risk.",
    )
    retention_risk_min_coverage = fields.Float(
        string="Minimum Data Coverage (%)",
        default=30.0,
        help="A score is banded (and may raise an alert) only when the drivers with data for the "
        "person weigh at least this much; otherwise its band is No Data.",
    )
    retention_risk_horizon_days = fields.Integer(
        string="Risk Alert Horizon (days)",
        default=90,
        help="Alerts are raised for contracts ending within this many days.",
    )

    @api.constrains(
        "retention_risk_alert_threshold",
        "retention_risk_medium_threshold",
        "retention_risk_horizon_days",
        "retention_risk_min_coverage",
    )
    def _check_retention_risk_settings(self):
        for company in self:
            if not (
                0
                <= company.retention_risk_alert_threshold
                <= company.retention_risk_medium_threshold
                <= risk_scorecard.MAX_SCORE
            ):
                raise ValidationError(
                    self.env._("Risk thresholds must satisfy 0 ≤ alert threshold ≤ medium threshold ≤ 100.")
                )
            if not 0 <= company.retention_risk_min_coverage <= 100:
                raise ValidationError(
                    self.env._("The minimum data coverage is a percentage between 0 and 100.")
                )
            if company.retention_risk_horizon_days <= 0:
                raise ValidationError(self.env._("The risk alert horizon must be a positive number of days."))

    def _retention_risk_bands(self):
        self.ensure_one()
        return risk_scorecard.Bands(
            high_below=self.retention_risk_alert_threshold,
            medium_below=self.retention_risk_medium_threshold,
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
