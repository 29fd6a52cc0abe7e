from odoo import fields, models


class RetentionRenewalReminder(models.Model):
    """One reminder stage done for one contract: each stage fires once per contract."""

    _name = "retention.renewal.reminder"
    _description = "Contract Renewal Reminder"
    _order = "date_sent desc, id desc"
    _rec_name = "contract_id"

    contract_id = fields.Many2one("hr.contract", required=True, index=True, ondelete="cascade")
    employee_id = fields.Many2one(related="contract_id.employee_id", store=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    stage_days = fields.Integer(string="Stage (days before end)", required=True, aggregator=False)
    date_sent = fields.Date(required=True, default=fields.Date.context_today)
    fired = fields.Boolean(
        string="Reminder Sent",
        help="Unset when the stage had already passed when it was first reached, "
        "and a smaller stage was sent instead.",
    )
    employee_notified = fields.Boolean()

    _sql_constraints = [
        (
            "contract_stage_unique",
            "unique(contract_id, stage_days)",
            "Each reminder stage is sent only once per contract.",
        ),
    ]
