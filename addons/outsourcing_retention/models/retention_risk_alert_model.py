from odoo import api, fields, models


class RetentionRiskAlert(models.Model):
    """Alerts raised by the learned model, while its evaluation beats the scorecard's."""

    _inherit = "retention.risk.alert"

    raised_by = fields.Selection(
        [("scorecard", "Scorecard"), ("model", "Learned Model")],
        default="scorecard",
        required=True,
        readonly=True,
    )
    model_probability = fields.Float(
        related="score_id.model_probability",
        string="Model Probability",
        groups="hr.group_hr_user,outsourcing_retention.group_retention_manager",
    )

    @api.model
    def _risk_raise_alerts(self, scores):
        alerts = super()._risk_raise_alerts(scores)
        flagged = scores.filtered(
            lambda s: (
                s.band != "high"
                and s.contract_id
                and s.contract_date_end
                and 0 <= s.days_to_contract_end <= s.company_id.retention_risk_horizon_days
                and s._risk_model_flags()
            )
        )
        if not flagged:
            return alerts
        # One alert per contract and band: the model's alerts share the "high" band.
        existing = self.with_context(active_test=False).search_read(
            [("contract_id", "in", flagged.contract_id.ids), ("band", "=", "high")], ["contract_id"]
        )
        alerted = {row["contract_id"][0] for row in existing}
        flagged = flagged.filtered(lambda s: s.contract_id.id not in alerted)
        if not flagged:
            return alerts
        new = self.with_context(tracking_disable=True, mail_create_nolog=True).create(
            [
                {
                    "employee_id": score.employee_id.id,
                    "company_id": score.company_id.id,
                    "contract_id": score.contract_id.id,
                    "contract_date_end": score.contract_date_end,
                    "score_id": score.id,
                    "total": score.total,
                    "band": "high",
                    "raised_by": "model",
                    "site_id": score.site_id.id,
                    "hr_responsible_id": score.contract_id.hr_responsible_id.id,
                }
                for score in flagged
            ]
        )
        new._risk_schedule_activities()
        return alerts | new
