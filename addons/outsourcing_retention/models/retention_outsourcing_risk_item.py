from odoo import api, fields, models

RISK_CODES = [
    ("quality", "Service Quality"),
    ("security", "Information Security"),
    ("legal", "Legal Compliance"),
    ("core", "Impact on Core Business"),
    ("acceptance", "Internal Acceptance"),
    ("other", "Other"),
]


class RetentionOutsourcingRiskItem(models.Model):
    """An item of the configurable outsourcing risk checklist, with its weight."""

    _name = "retention.outsourcing.risk.item"
    _description = "Outsourcing Risk Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    code = fields.Selection(
        RISK_CODES,
        string="Risk Area",
        required=True,
        default="other",
        help="Legal Compliance is scored 4 at least while the client's dispatch cap is breached.",
    )
    weight = fields.Float(default=1.0)
    guidance = fields.Text(translate=True, help="What to check when scoring this item.")

    _sql_constraints = [
        ("weight_positive", "CHECK(weight >= 0)", "A risk weight cannot be negative."),
    ]

    def _line_values(self):
        self.ensure_one()
        return {
            "item_id": self.id,
            "name": self.name,
            "sequence": self.sequence,
            "code": self.code,
            "weight": self.weight,
        }

    @api.model
    def _risk_limits(self):
        """(medium from, high from) on the 0-100 risk total, from the system parameters."""
        params = self.env["ir.config_parameter"].sudo()
        # sudo: two configured thresholds, no personal data.
        try:
            medium = float(params.get_param("outsourcing_retention.programme_risk_medium", 40))
            high = float(params.get_param("outsourcing_retention.programme_risk_high", 70))
        except ValueError:
            medium, high = 40.0, 70.0
        if not 0 <= medium <= high <= 100:
            medium, high = 40.0, 70.0
        return medium, high
