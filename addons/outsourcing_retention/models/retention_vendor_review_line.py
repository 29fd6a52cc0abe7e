from odoo import api, fields, models


class RetentionVendorReviewLine(models.Model):
    _name = "retention.vendor.review.line"
    _description = "Vendor Review Score"
    _order = "sequence, id"

    review_id = fields.Many2one("retention.vendor.review", required=True, index=True, ondelete="cascade")
    name = fields.Char(string="Criterion", required=True)
    sequence = fields.Integer(default=10)
    weight = fields.Integer(required=True)
    score = fields.Float(digits=(5, 2), help="Between 0 and 100.")
    note = fields.Char()
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)

    _sql_constraints = [
        ("weight_range", "CHECK(weight >= 0 AND weight <= 100)", "A weight must be between 0 and 100."),
        ("score_range", "CHECK(score >= 0 AND score <= 100)", "A score must be between 0 and 100."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.review_id._check_not_done()
        return lines

    def write(self, vals):
        self.review_id._check_not_done()
        res = super().write(vals)
        if "review_id" in vals:
            self.review_id._check_not_done()
        return res

    def unlink(self):
        self.review_id._check_not_done()
        return super().unlink()
