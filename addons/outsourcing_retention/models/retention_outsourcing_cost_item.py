from odoo import fields, models

SIDES = [("inhouse", "In-house"), ("outsourcing", "Outsourcing")]
METHODS = [
    ("per_head_month", "Per Head and Month"),
    ("percent_of_wages", "Percent of Wages"),
    ("lump_sum", "Lump Sum"),
    ("turnover", "Per Replacement (Turnover)"),
]


class RetentionOutsourcingCostItem(models.Model):
    """A configurable cost line of the business case, with its default rate or amount."""

    _name = "retention.outsourcing.cost.item"
    _description = "Outsourcing Cost Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    side = fields.Selection(SIDES, required=True, default="inhouse")
    method = fields.Selection(METHODS, required=True, default="per_head_month")
    value = fields.Float(
        string="Default Value",
        help="An amount (per head and month, lump sum, per replacement) or a percentage of the "
        "side's wages (social insurance, housing fund, overhead at the configured rates).",
    )
    is_wage = fields.Boolean(
        string="Wage Base", help="The line is part of the wages on which percentages are computed."
    )

    _sql_constraints = [
        ("value_positive", "CHECK(value >= 0)", "A cost value cannot be negative."),
    ]

    def _line_values(self):
        self.ensure_one()
        return {
            "item_id": self.id,
            "name": self.name,
            "sequence": self.sequence,
            "side": self.side,
            "method": self.method,
            "value": self.value,
            "is_wage": self.is_wage,
        }
