from odoo import fields, models


class RetentionVendorReviewCriterion(models.Model):
    _name = "retention.vendor.review.criterion"
    _description = "Vendor Review Criterion"
    _order = "sequence, id"

    template_id = fields.Many2one(
        "retention.vendor.review.template", required=True, index=True, ondelete="cascade"
    )
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    weight = fields.Integer(required=True, help="Share of the criterion in the total, out of 100.")
    company_id = fields.Many2one(related="template_id.company_id", store=True, index=True)

    _sql_constraints = [
        ("weight_range", "CHECK(weight >= 0 AND weight <= 100)", "A weight must be between 0 and 100."),
    ]
