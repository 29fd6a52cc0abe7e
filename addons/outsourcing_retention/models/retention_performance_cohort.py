from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import performance


class RetentionPerformanceCohort(models.Model):
    _name = "retention.performance.cohort"
    _description = "Performance Cohort"
    _inherit = ["mail.thread"]
    _order = "period desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    period = fields.Date(
        required=True,
        tracking=True,
        default=lambda self: performance.first_of_month(fields.Date.context_today(self)),
        help="The month ranked (stored as its first day).",
    )
    scope = fields.Selection(
        [("department", "Department"), ("site", "Client Site")], required=True, default="site", tracking=True
    )
    department_id = fields.Many2one("hr.department", check_company=True, tracking=True)
    site_id = fields.Many2one("retention.client.site", check_company=True, tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    min_size = fields.Integer(
        string="Minimum Size",
        default=performance.DEFAULT_MIN_COHORT,
        required=True,
        help="A smaller cohort is not ranked: everyone is placed in the middle tier.",
    )
    review_ids = fields.One2many("retention.performance.review", "cohort_id", string="Reviews", readonly=True)
    review_count = fields.Integer(compute="_compute_counts")
    top_count = fields.Integer(compute="_compute_counts")
    middle_count = fields.Integer(compute="_compute_counts")
    bottom_count = fields.Integer(compute="_compute_counts")
    confirmed_date = fields.Datetime(readonly=True, copy=False)
    confirmed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    shares_used = fields.Char(
        readonly=True, copy=False, help="Top/middle/bottom shares at the last confirmation."
    )

    _sql_constraints = [
        ("min_size_positive", "CHECK(min_size >= 1)", "The minimum cohort size is at least 1."),
    ]

    def init(self):
        # One cohort per scope and month (partial unique indexes: the other scope is empty).
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS retention_performance_cohort_site_uniq "
            "ON retention_performance_cohort (company_id, period, site_id) WHERE scope = 'site'"
        )
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS retention_performance_cohort_department_uniq "
            "ON retention_performance_cohort (company_id, period, department_id) WHERE scope = 'department'"
        )

    @api.depends("scope", "site_id.name", "department_id.name", "period")
    def _compute_name(self):
        for cohort in self:
            unit = cohort.site_id if cohort.scope == "site" else cohort.department_id
            cohort.name = "%s %s" % (
                unit.name or "",
                cohort.period.strftime("%Y-%m") if cohort.period else "",
            )

    @api.depends("review_ids.tier")
    def _compute_counts(self):
        for cohort in self:
            tiers = cohort.review_ids.mapped("tier")
            cohort.review_count = len(cohort.review_ids)
            cohort.top_count = tiers.count("top")
            cohort.middle_count = tiers.count("middle")
            cohort.bottom_count = tiers.count("bottom")

    @api.constrains("scope", "site_id", "department_id", "period")
    def _check_scope(self):
        for cohort in self:
            if cohort.scope == "site" and (not cohort.site_id or cohort.department_id):
                raise ValidationError(self.env._("A site cohort needs a site and no department."))
            if cohort.scope == "department" and (not cohort.department_id or cohort.site_id):
                raise ValidationError(self.env._("A department cohort needs a department and no site."))
            if cohort.period.day != 1:
                raise ValidationError(self.env._("The period of a cohort is a month: its first day."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("period"):
                vals["period"] = performance.first_of_month(fields.Date.to_date(vals["period"]))
        return super().create(vals_list)

    def write(self, vals):
        if self.filtered(lambda c: c.state == "confirmed") and {
            "scope",
            "site_id",
            "department_id",
            "period",
        } & set(vals):
            raise UserError(self.env._("The scope and month of a confirmed cohort cannot change."))
        return super().write(vals)

    def _member_domain(self):
        self.ensure_one()
        unit = (
            ("site_id", "=", self.site_id.id)
            if self.scope == "site"
            else ("department_id", "=", self.department_id.id)
        )
        return [
            ("company_id", "=", self.company_id.id),
            ("period", "=", self.period),
            unit,
            "|",
            ("cohort_id", "=", False),
            ("cohort_id", "=", self.id),
        ]

    def action_confirm(self):
        """Rank the cohort's reviews, assign their tiers and actions, confirm them.

        Idempotent: reconfirming changes only the reviews whose tier changes, and
        only those are passed to ``_retention_on_tiers_confirmed``. Reviews already
        ranked in another cohort (the other scope) are left out.
        """
        Review = self.env["retention.performance.review"]
        Tier = self.env["retention.performance.tier"]
        shares = Tier._retention_shares()
        tiers = Tier.search([])
        for cohort in self:
            reviews = Review.search(cohort._member_domain())
            drafts = reviews.filtered(lambda r: r.state == "draft")
            if drafts:
                raise UserError(
                    self.env._(
                        "Submit or delete the draft reviews first: %(reviews)s",
                        reviews=", ".join(drafts.mapped("display_name")),
                    )
                )
            if not reviews:
                raise UserError(
                    self.env._("The cohort %(cohort)s has no submitted review.", cohort=cohort.name)
                )
            assigned = performance.assign_tiers(
                {review.id: review.total_score for review in reviews}, shares, cohort.min_size
            )
            changed = reviews.filtered(lambda r, assigned=assigned: r.tier != assigned[r.id])
            unchanged = reviews - changed
            for code in performance.TIERS:
                subset = changed.filtered(lambda r, code=code, assigned=assigned: assigned[r.id] == code)
                if subset:
                    subset.with_context(retention_cohort_confirm=True).write(
                        {"tier": code, "cohort_id": cohort.id, "state": "confirmed"}
                    )
            unchanged.filtered(
                lambda r, cohort=cohort: r.state != "confirmed" or r.cohort_id != cohort
            ).with_context(retention_cohort_confirm=True).write(
                {"cohort_id": cohort.id, "state": "confirmed"}
            )
            changed._retention_apply_tier_actions(tiers)
            cohort.write(
                {
                    "state": "confirmed",
                    "confirmed_date": fields.Datetime.now(),
                    "confirmed_by_id": self.env.uid,
                    "shares_used": "/".join(f"{share:g}" for share in shares),
                }
            )
            if changed:
                changed._retention_on_tiers_confirmed()
        return True

    def action_view_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "outsourcing_retention.retention_performance_review_action"
        )
        action["domain"] = [("cohort_id", "=", self.id)]
        action["context"] = {}
        return action
