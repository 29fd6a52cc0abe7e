from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine import vendor_review
from .res_partner import VENDOR_STATUSES

PERIOD_MONTHS = {"quarterly": 3, "half_yearly": 6}
# What the form shows read-only once a review is validated; the model refuses it too.
LOCKED_WHEN_DONE = {
    "vendor_id",
    "company_id",
    "template_id",
    "reviewer_id",
    "period_type",
    "period_start",
    "period_end",
    "line_ids",
    "rectification_plan",
    "rectification_deadline",
    "state",
    "result",
}


class RetentionVendorReview(models.Model):
    _name = "retention.vendor.review"
    _description = "Vendor Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "retention.input.mixin"]
    _order = "period_end desc, id desc"
    _check_company_auto = True

    vendor_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_outsourcing_vendor', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    period_type = fields.Selection(
        [("quarterly", "Quarterly"), ("half_yearly", "Half-yearly")],
        required=True,
        default="quarterly",
    )
    period_start = fields.Date(required=True)
    period_end = fields.Date(
        compute="_compute_period_end", store=True, readonly=False, required=True, precompute=True
    )
    template_id = fields.Many2one(
        "retention.vendor.review.template",
        check_company=True,
        default=lambda self: self._default_template_id(),
    )
    reviewer_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, domain="[('share', '=', False)]"
    )
    line_ids = fields.One2many("retention.vendor.review.line", "review_id", string="Scores", copy=True)
    total_score = fields.Float(
        string="Total", compute="_compute_total_score", store=True, digits=(5, 2), aggregator="avg"
    )
    proposed_result = fields.Selection(
        VENDOR_STATUSES,
        compute="_compute_proposed_result",
        help="The result the review gets if validated now.",
    )
    result = fields.Selection(VENDOR_STATUSES, readonly=True, copy=False, tracking=True, index=True)
    rectification_plan = fields.Text(help="Required to validate a review that ends in a warning.")
    rectification_deadline = fields.Date()
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    note = fields.Html()

    @api.model
    def _default_template_id(self):
        """The first active template of the current company or shared by all companies."""
        return self.env["retention.vendor.review.template"].search(
            [("company_id", "in", [False, self.env.company.id])], limit=1
        )

    @api.depends("vendor_id.name", "period_start", "period_end")
    def _compute_display_name(self):
        for review in self:
            review.display_name = self.env._(
                "%(vendor)s: %(start)s - %(end)s",
                vendor=review.vendor_id.name or "",
                start=review.period_start or "",
                end=review.period_end or "",
            )

    @api.depends("period_type", "period_start")
    def _compute_period_end(self):
        for review in self:
            if review.period_start:
                months = PERIOD_MONTHS[review.period_type or "quarterly"]
                review.period_end = review.period_start + relativedelta(months=months, days=-1)

    @api.depends("line_ids.weight", "line_ids.score")
    def _compute_total_score(self):
        for review in self:
            try:
                review.total_score = vendor_review.weighted_total(
                    (line.weight, line.score) for line in review.line_ids
                )
            except ValueError:
                review.total_score = 0.0

    @api.depends("total_score", "template_id", "vendor_id", "period_end", "line_ids")
    def _compute_proposed_result(self):
        for review in self:
            review.proposed_result = review._result_now() if review.line_ids else False

    @api.constrains("period_start", "period_end")
    def _check_period(self):
        for review in self:
            if review.period_end < review.period_start:
                raise ValidationError(
                    self.env._(
                        "The review period of %(vendor)s ends on %(end)s, before it starts on %(start)s.",
                        vendor=review.vendor_id.display_name,
                        end=review.period_end,
                        start=review.period_start,
                    )
                )

    @api.constrains("line_ids")
    def _check_weights(self):
        for review in self.filtered("line_ids"):
            try:
                vendor_review.check_weights(review.line_ids.mapped("weight"))
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The weights of the review %(review)s must sum to 100, not %(total)s.",
                        review=review.display_name,
                        total=sum(review.line_ids.mapped("weight")),
                    )
                ) from error

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id and self.state == "draft":
            self.line_ids = [Command.clear()] + self._line_commands(self.template_id)

    @api.model
    def _line_commands(self, template):
        return [
            Command.create(
                {"name": criterion.name, "weight": criterion.weight, "sequence": criterion.sequence}
            )
            for criterion in template.criterion_ids
        ]

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        Template = self.env["retention.vendor.review.template"]
        for vals in vals_list:
            if vals.get("template_id") and not vals.get("line_ids"):
                vals["line_ids"] = self._line_commands(Template.browse(vals["template_id"]))
        return super().create(vals_list)

    def write(self, vals):
        self._check_input(vals)
        if LOCKED_WHEN_DONE & vals.keys() and not self.env.context.get("retention_review_state_write"):
            if "state" in vals or "result" in vals:
                raise UserError(self.env._("Use the buttons to validate or reopen a vendor review."))
            self._check_not_done()
        return super().write(vals)

    def unlink(self):
        self._check_not_done()
        return super().unlink()

    def _check_not_done(self):
        done = self.filtered(lambda review: review.state == "done")
        if done:
            raise UserError(
                self.env._(
                    "The review %(review)s is validated: reopen it (retention managers) before changing it.",
                    review=done[0].display_name,
                )
            )

    def _previous_review(self):
        """The vendor's latest validated review ending before this one."""
        self.ensure_one()
        return self.search(
            [
                ("vendor_id", "=", self.vendor_id.id),
                ("company_id", "=", self.company_id.id),
                ("state", "=", "done"),
                ("period_end", "<", self.period_end),
                ("id", "!=", self.id or 0),
            ],
            order="period_end desc, id desc",
            limit=1,
        )

    def _result_now(self):
        self.ensure_one()
        previous = self._previous_review() if self.vendor_id and self.period_end else self.browse()
        try:
            return vendor_review.review_result(
                self.total_score, self.template_id._thresholds(), previous.result or None
            )
        except ValueError:
            return False

    def action_done(self):
        for review in self:
            if review.state != "draft":
                raise UserError(
                    self.env._("The review %(review)s is already validated.", review=review.display_name)
                )
            if not review.line_ids:
                raise UserError(
                    self.env._("The review %(review)s has no scores.", review=review.display_name)
                )
            try:
                total = vendor_review.weighted_total((line.weight, line.score) for line in review.line_ids)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The review %(review)s needs weights summing to 100 and scores between 0 and 100.",
                        review=review.display_name,
                    )
                ) from error
            previous = review._previous_review()
            result = vendor_review.review_result(
                total, review.template_id._thresholds(), previous.result or None
            )
            if result == vendor_review.WARNING and not (
                (review.rectification_plan or "").strip() and review.rectification_deadline
            ):
                raise UserError(
                    self.env._(
                        "The review %(review)s ends in a warning (%(total)s / 100): give a "
                        "rectification plan and its deadline before validating it.",
                        review=review.display_name,
                        total=total,
                    )
                )
            review.with_context(retention_review_state_write=True).write({"state": "done", "result": result})
            if result == vendor_review.ELIMINATED and previous.result == vendor_review.WARNING:
                review.message_post(
                    body=self.env._(
                        "Second consecutive warning: %(vendor)s is eliminated.",
                        vendor=review.vendor_id.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def action_draft(self):
        """Reopen validated reviews: a retention manager's decision, recorded in the chatter."""
        if not self.env.user.has_group("outsourcing_retention.group_retention_manager"):
            raise AccessError(self.env._("Only a retention manager may reopen a validated vendor review."))
        for review in self:
            if review.state != "done":
                raise UserError(
                    self.env._(
                        "The review %(review)s is not validated: there is nothing to reopen.",
                        review=review.display_name,
                    )
                )
        self.with_context(retention_review_state_write=True).write({"state": "draft", "result": False})
        return True
