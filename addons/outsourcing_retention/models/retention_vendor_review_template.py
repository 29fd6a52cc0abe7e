from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import vendor_review


class RetentionVendorReviewTemplate(models.Model):
    _name = "retention.vendor.review.template"
    _description = "Vendor Review Template"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the template with every company."
    )
    criterion_ids = fields.One2many(
        "retention.vendor.review.criterion", "template_id", string="Criteria", copy=True
    )
    total_weight = fields.Integer(compute="_compute_total_weight")
    threshold_preferred = fields.Float(
        string="Preferred From", default=90, help="Lowest total (out of 100) of a preferred vendor."
    )
    threshold_approved = fields.Float(
        string="Approved From", default=75, help="Lowest total (out of 100) of an approved vendor."
    )
    threshold_warning = fields.Float(
        string="Warning From",
        default=60,
        help="Lowest total (out of 100) of a vendor kept under warning; below it the vendor is "
        "eliminated, as on a second consecutive warning.",
    )

    @api.depends("criterion_ids.weight")
    def _compute_total_weight(self):
        for template in self:
            template.total_weight = sum(template.criterion_ids.mapped("weight"))

    @api.constrains("criterion_ids")
    def _check_weights(self):
        for template in self.filtered("criterion_ids"):
            try:
                vendor_review.check_weights(template.criterion_ids.mapped("weight"))
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The weights of the criteria of %(template)s must sum to 100, not %(total)s.",
                        template=template.display_name,
                        total=template.total_weight,
                    )
                ) from error

    @api.constrains("threshold_preferred", "threshold_approved", "threshold_warning")
    def _check_thresholds(self):
        for template in self:
            try:
                vendor_review.check_thresholds(template._thresholds())
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The thresholds of %(template)s must be between 0 and 100, with warning <= "
                        "approved <= preferred.",
                        template=template.display_name,
                    )
                ) from error

    def _thresholds(self):
        if not self:
            return vendor_review.DEFAULT_THRESHOLDS
        self.ensure_one()
        return vendor_review.Thresholds(
            self.threshold_preferred, self.threshold_approved, self.threshold_warning
        )
