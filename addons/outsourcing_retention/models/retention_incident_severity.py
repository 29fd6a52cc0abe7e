from odoo import fields, models


class RetentionIncidentSeverity(models.Model):
    """A severity of client incidents with its response-time target (editable data)."""

    _name = "retention.incident.severity"
    _description = "Incident Severity"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    target_minutes = fields.Integer(
        string="Response Target (minutes)",
        required=True,
        default=60,
        help="Minutes from the report to the provider's first response.",
    )

    _sql_constraints = [
        ("target_positive", "CHECK(target_minutes > 0)", "A response target must be at least one minute."),
    ]
