import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine import performance
from .retention_performance_tier import TIERS

REVIEW_STATES = [("draft", "Draft"), ("submitted", "Submitted"), ("confirmed", "Confirmed")]
# Fields the cohort writes when it confirms; nobody else may change a confirmed review.
LOCKED_FIELDS = {
    "employee_id",
    "period",
    "template_id",
    "line_ids",
    "strengths",
    "improvements",
    "suggestions",
    "state",
    "tier",
    "cohort_id",
    "bonus_percent",
    "promotion_flag",
    "training_offer",
    "reviewer_id",
}


class RetentionPerformanceReview(models.Model):
    _name = "retention.performance.review"
    _description = "Performance Review"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "period desc, employee_id"
    _check_company_auto = True
    _rec_names_search = ["employee_id.name"]

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True, check_company=True, ondelete="restrict"
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        index=True,
    )
    period = fields.Date(
        required=True,
        index=True,
        tracking=True,
        default=lambda self: performance.first_of_month(fields.Date.context_today(self)),
        help="The month reviewed (stored as its first day).",
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        precompute=True,
        readonly=False,
        index=True,
    )
    site_id = fields.Many2one(
        "retention.client.site",
        compute="_compute_site_id",
        store=True,
        precompute=True,
        readonly=False,
        index=True,
        check_company=True,
        help="The site where the employee worked in the period (from the assignments).",
    )
    template_id = fields.Many2one("retention.performance.template", string="KPI Template", check_company=True)
    line_ids = fields.One2many("retention.performance.review.line", "review_id", string="KPIs", copy=True)
    total_score = fields.Float(compute="_compute_total_score", store=True, digits=(5, 2), aggregator="avg")
    reviewer_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, tracking=True, domain="[('share', '=', False)]"
    )
    mentor_id = fields.Many2one(
        "res.users",
        domain="[('share', '=', False)]",
        help="Follows the improvement plan when the employee is placed in the bottom tier "
        "(default: the employee's coach, then manager, then the reviewer).",
    )
    state = fields.Selection(
        REVIEW_STATES, default="draft", required=True, readonly=True, copy=False, tracking=True, index=True
    )
    strengths = fields.Text()
    improvements = fields.Text(string="What to Improve")
    suggestions = fields.Text()
    cohort_id = fields.Many2one("retention.performance.cohort", readonly=True, copy=False, index=True)
    tier = fields.Selection(TIERS, readonly=True, copy=False, tracking=True, index=True)
    bonus_percent = fields.Float(string="Suggested Bonus (%)", readonly=True, copy=False)
    promotion_flag = fields.Boolean(string="Promotion Candidate", readonly=True, copy=False)
    training_offer = fields.Char(readonly=True, copy=False)

    _sql_constraints = [
        ("employee_period_uniq", "unique(employee_id, period)", "An employee has one review per month."),
    ]

    @api.depends("employee_id.name", "period")
    def _compute_display_name(self):
        for review in self:
            review.display_name = self.env._(
                "%(employee)s, %(period)s",
                employee=review.employee_id.name or "",
                period=review.period.strftime("%Y-%m") if review.period else "",
            )

    @api.depends("employee_id")
    def _compute_company_id(self):
        for review in self:
            review.company_id = review.employee_id.company_id or review.company_id or self.env.company

    @api.depends("employee_id")
    def _compute_department_id(self):
        for review in self:
            review.department_id = review.employee_id.department_id

    @api.depends("employee_id", "period")
    def _compute_site_id(self):
        reviews = self.filtered(lambda r: r.employee_id and r.period)
        sites = reviews._retention_sites()
        for review in self:
            review.site_id = sites.get(review.id, self.env["retention.client.site"])

    def _retention_sites(self):
        """Review id -> the site of the employee's latest assignment overlapping the period."""
        return self._retention_sites_for([(review.id, review.employee_id, review.period) for review in self])

    @api.model
    def _retention_sites_for(self, items):
        """Map each key of ``items`` ((key, employee, period) triples) to a site, in one query."""
        if not items:
            return {}
        ends = [period + relativedelta(months=1, days=-1) for _key, _employee, period in items]
        # sudo: reviewers may not read every assignment; only the site of the
        # reviewed employee's own assignment is read here.
        assignments = (
            self.env["retention.assignment"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", [employee.id for _key, employee, _period in items]),
                    ("state", "!=", "cancelled"),
                    ("date_start", "<=", max(ends)),
                    "|",
                    ("date_end", "=", False),
                    ("date_end", ">=", min(period for _key, _employee, period in items)),
                ],
                order="date_start desc",
            )
        )
        result = {}
        for (key, employee, period), end in zip(items, ends, strict=True):
            for assignment in assignments:
                if (
                    assignment.employee_id == employee
                    and assignment.date_start <= end
                    and (not assignment.date_end or assignment.date_end >= period)
                ):
                    result[key] = assignment.site_id.with_env(self.env)
                    break
        return result

    @api.depends("line_ids.weight", "line_ids.score")
    def _compute_total_score(self):
        for review in self:
            try:
                review.total_score = performance.total_score(
                    (line.weight, line.score) for line in review.line_ids
                )
            except ValueError:
                review.total_score = 0.0

    @api.constrains("line_ids")
    def _check_weights(self):
        for review in self.filtered("line_ids"):
            try:
                performance.check_weights(review.line_ids.mapped("weight"))
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The KPI weights of %(review)s must sum to 100, not %(total)s.",
                        review=review.display_name,
                        total=sum(review.line_ids.mapped("weight")),
                    )
                ) from error

    @api.constrains("period")
    def _check_period(self):
        for review in self:
            if review.period.day != 1:
                raise ValidationError(
                    self.env._(
                        "The period of a review is a month: its first day, not %(date)s.", date=review.period
                    )
                )

    # ------------------------------------------------------------------ CRUD
    @api.model
    def _retention_normalize(self, vals):
        if vals.get("period"):
            vals["period"] = performance.first_of_month(fields.Date.to_date(vals["period"]))
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._retention_normalize(dict(vals)) for vals in vals_list]
        reviews = super().create(vals_list)
        reviews.filtered(lambda r: r.template_id and not r.line_ids)._retention_fill_from_template()
        return reviews

    def write(self, vals):
        vals = self._retention_normalize(dict(vals))
        if not self.env.context.get("retention_cohort_confirm") and LOCKED_FIELDS & set(vals):
            self._retention_check_editable()
        template_changed = "template_id" in vals and "line_ids" not in vals
        result = super().write(vals)
        if template_changed:
            self.filtered("template_id")._retention_fill_from_template(replace=True)
        return result

    def unlink(self):
        self._retention_check_editable()
        return super().unlink()

    def _retention_check_editable(self):
        if self.env.context.get("retention_cohort_confirm"):
            return
        if self.filtered(lambda r: r.state == "confirmed"):
            raise UserError(
                self.env._(
                    "A confirmed review cannot be changed. A retention manager can set it back to "
                    "submitted, then reconfirm its cohort."
                )
            )

    def _retention_fill_from_template(self, replace=False):
        for review in self:
            commands = [Command.clear()] if replace else []
            commands += [
                Command.create(
                    {
                        "kpi_id": line.kpi_id.id,
                        "sequence": line.sequence,
                        "weight": line.weight,
                        "target": line.target,
                    }
                )
                for line in review.template_id.line_ids
            ]
            review.line_ids = commands

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id:
            self.line_ids = [Command.clear()] + [
                Command.create(
                    {
                        "kpi_id": line.kpi_id.id,
                        "sequence": line.sequence,
                        "weight": line.weight,
                        "target": line.target,
                        "rule": line.kpi_id.rule,
                        "cap": line.kpi_id.cap,
                        "bands": line.kpi_id.bands,
                        "lower_is_better": line.kpi_id.lower_is_better,
                        "allow_negative": line.kpi_id.allow_negative,
                    }
                )
                for line in self.template_id.line_ids
            ]

    # ------------------------------------------------------------------ states
    def action_submit(self):
        for review in self:
            if review.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft review can be submitted (%(review)s).", review=review.display_name
                    )
                )
            if not review.line_ids:
                raise UserError(self.env._("The review %(review)s has no KPI.", review=review.display_name))
        # Weights are checked on every save of a review with its lines; lines
        # written one by one (XML-RPC) are checked here.
        self._check_weights()
        self.write({"state": "submitted"})
        return True

    def action_reset_to_draft(self):
        if self.filtered(lambda r: r.state == "confirmed"):
            raise UserError(self.env._("A confirmed review goes back to submitted, not to draft."))
        self.write({"state": "draft"})
        return True

    def action_reopen(self):
        """Set confirmed reviews back to submitted so they can be corrected (managers only).

        They stay in their cohort, with their tier, until the cohort is reconfirmed.
        """
        if not self.env.user.has_group("outsourcing_retention.group_retention_manager"):
            raise AccessError(self.env._("Only a retention manager can reopen a confirmed review."))
        self.with_context(retention_cohort_confirm=True).write({"state": "submitted"})
        return True

    # ------------------------------------------------------------------ feedback report
    def _get_report_base_filename(self):
        self.ensure_one()
        return f"{self.employee_id.name} {self.period.strftime('%Y-%m')}"

    def _retention_feedback_values(self, months=3):
        """Review id -> what the monthly feedback shows (PDF report and portal).

        The KPI lines with their scores against the employee's ``months``
        previous confirmed reviews, in one search for the whole recordset.
        """
        earlier = self.search(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("state", "=", "confirmed"),
                ("period", "<", max(self.mapped("period"), default=fields.Date.today())),
                (
                    "period",
                    ">=",
                    min(self.mapped("period"), default=fields.Date.today()) - relativedelta(months=months),
                ),
            ],
            order="period desc",
        )
        result = {}
        for review in self:
            previous = earlier.filtered(
                lambda r, review=review: r.employee_id == review.employee_id and r.period < review.period
            )[:months]
            scores = {(line.review_id.id, line.kpi_id.id): line.score for line in previous.line_ids}
            result[review.id] = {
                "month": review.period.strftime("%Y-%m"),
                "earlier_months": [p.period.strftime("%Y-%m") for p in previous],
                "earlier_totals": previous.mapped("total_score"),
                "lines": [
                    {
                        "name": line.kpi_id.name,
                        "unit": line.kpi_id.unit or "",
                        "weight": line.weight,
                        "target": line.target,
                        "actual": line.actual,
                        "score": line.score,
                        "earlier": [scores.get((p.id, line.kpi_id.id)) for p in previous],
                    }
                    for line in review.line_ids
                ],
            }
        return result

    # ------------------------------------------------------------------ the seam
    def _retention_on_tiers_confirmed(self):
        """Called once per cohort confirmation on the reviews whose tier was (re)assigned.

        Each review has ``tier`` ('top'/'middle'/'bottom'), ``employee_id``,
        ``period`` (first day of the month) and ``company_id``. Reviews whose tier
        did not change on a reconfirmation are not passed again, so an override
        may act once per assignment (welfare_points posts points, career_paths
        offers training). Extend with ``_inherit`` and call ``super()``.
        """
        return True

    # ------------------------------------------------------------------ XML-RPC
    @api.model
    def push_kpi_actuals(self, period, rows):
        """Set KPI actual values for many employees and one month, all or nothing.

        ``period``: a date in the month ('2026-03-01', '2026-03-16' or '2026-03').
        ``rows``: a list of ``{"employee_id": int, "kpi_code": str, "actual": number}``.
        A missing review is created from the employee's KPI template. Pushing the
        same row again writes the same value (idempotent on employee, period and
        KPI). The first bad row stops the whole batch with an error naming it
        (row numbers start at 1) and nothing is written.
        Returns ``{"review_ids": [...], "created": n, "updated": n}``.
        """
        period = self._retention_parse_period(period)
        if not isinstance(rows, list) or not rows:
            raise ValidationError(self.env._("Send a non-empty list of rows."))
        parsed = []
        seen = set()
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, dict):
                raise ValidationError(self.env._("Row %(row)s: a row is a dictionary.", row=number))
            employee_id, code = row.get("employee_id"), row.get("kpi_code")
            if isinstance(employee_id, bool) or not isinstance(employee_id, int):
                raise ValidationError(
                    self.env._("Row %(row)s: employee_id must be an employee id.", row=number)
                )
            if not isinstance(code, str) or not code:
                raise ValidationError(self.env._("Row %(row)s: kpi_code is missing.", row=number))
            if "actual" not in row:
                raise ValidationError(self.env._("Row %(row)s: actual is missing.", row=number))
            if (employee_id, code) in seen:
                raise ValidationError(
                    self.env._(
                        "Row %(row)s: employee %(employee)s and KPI %(kpi)s appear twice.",
                        row=number,
                        employee=employee_id,
                        kpi=code,
                    )
                )
            seen.add((employee_id, code))
            parsed.append((number, employee_id, code, row["actual"]))

        employees = self.env["hr.employee"].browse({row[1] for row in parsed}).exists()
        kpis = self.env["retention.performance.kpi"].search(
            [("code", "in", list({row[2] for row in parsed}))]
        )
        kpi_by_code = {kpi.code: kpi for kpi in kpis}
        reviews = self.search([("employee_id", "in", employees.ids), ("period", "=", period)])
        review_by_employee = {review.employee_id.id: review for review in reviews}
        for number, employee_id, code, actual in parsed:
            if employee_id not in employees.ids:
                raise ValidationError(
                    self.env._("Row %(row)s: no employee with id %(id)s.", row=number, id=employee_id)
                )
            if code not in kpi_by_code:
                raise ValidationError(
                    self.env._("Row %(row)s: no KPI with code %(code)s.", row=number, code=code)
                )
            review = review_by_employee.get(employee_id)
            if review and review.state == "confirmed":
                raise ValidationError(
                    self.env._(
                        "Row %(row)s: the review %(review)s is already confirmed.",
                        row=number,
                        review=review.display_name,
                    )
                )
            try:
                performance.check_actual(actual, kpi_by_code[code].allow_negative)
            except ValueError:
                raise ValidationError(
                    self.env._(
                        "Row %(row)s: the actual value of %(kpi)s must be a number%(sign)s, not %(value)s.",
                        row=number,
                        kpi=code,
                        sign=self.env._(" of zero or more") if not kpi_by_code[code].allow_negative else "",
                        value=repr(actual),
                    )
                ) from None

        with self.env.cr.savepoint():
            missing = employees.filtered(lambda e: e.id not in review_by_employee)
            created = self.browse()
            if missing:
                created = self._retention_create_for(missing, period, parsed)
                review_by_employee.update({review.employee_id.id: review for review in created})
            lines = self.browse(list({r.id for r in review_by_employee.values()})).line_ids
            line_by_key = {(line.review_id.employee_id.id, line.kpi_id.code): line for line in lines}
            updated = 0
            for number, employee_id, code, actual in parsed:
                line = line_by_key.get((employee_id, code))
                if not line:
                    raise ValidationError(
                        self.env._(
                            "Row %(row)s: the KPI %(kpi)s is not part of the review of %(employee)s.",
                            row=number,
                            kpi=code,
                            employee=review_by_employee[employee_id].employee_id.name,
                        )
                    )
                if line.actual != float(actual):
                    line.actual = float(actual)
                    updated += 1
            self.env.flush_all()
        return {
            "review_ids": sorted({review.id for review in review_by_employee.values()}),
            "created": len(created),
            "updated": updated,
        }

    @api.model
    def _retention_parse_period(self, value):
        try:
            if isinstance(value, str) and len(value) == 7:
                value += "-01"
            day = fields.Date.to_date(value)
        except (TypeError, ValueError):
            day = None
        if not isinstance(day, datetime.date):
            raise ValidationError(
                self.env._("The period must be a date such as 2026-03-01, not %(value)s.", value=repr(value))
            )
        return performance.first_of_month(day)

    @api.model
    def _retention_create_for(self, employees, period, parsed):
        sites = self._retention_sites_for([(employee.id, employee, period) for employee in employees])
        templates = self.env["retention.performance.template"]._retention_best_for(
            employees, sites, self.env.company
        )
        vals_list = []
        for employee in employees:
            template = templates.get(employee.id)
            if not template:
                number = next(row[0] for row in parsed if row[1] == employee.id)
                raise ValidationError(
                    self.env._(
                        "Row %(row)s: %(employee)s has no review for this month and no KPI template applies.",
                        row=number,
                        employee=employee.name,
                    )
                )
            vals_list.append({"employee_id": employee.id, "period": period, "template_id": template.id})
        return self.create(vals_list)

    # ------------------------------------------------------------------ tier actions
    def _retention_mentor(self):
        self.ensure_one()
        # sudo: only the user linked to the employee's coach or manager is read.
        employee = self.employee_id.sudo()
        return (
            self.mentor_id
            or employee.coach_id.user_id.filtered(lambda u: not u.share)
            or employee.parent_id.user_id.filtered(lambda u: not u.share)
            or self.reviewer_id
            or self.env.user
        )

    def _retention_apply_tier_actions(self, tiers):
        """Reset the previous tier's outputs and apply the new tier's actions (batched)."""
        plan_types = tiers.action_ids.filtered(lambda a: a.action_type == "improvement_plan").activity_type_id
        old_plans = self.activity_ids.filtered(lambda a: a.activity_type_id in plan_types)
        old_plans.unlink()
        today = fields.Date.context_today(self)
        activity_vals = []
        model_id = self.env["ir.model"]._get_id(self._name)
        by_tier = {tier.code: tier for tier in tiers}
        groups = {}
        for review in self:
            groups.setdefault(review.tier, self.browse())
            groups[review.tier] |= review
        for code, reviews in groups.items():
            vals = {"bonus_percent": 0.0, "promotion_flag": False, "training_offer": False}
            for action in by_tier[code].action_ids if code in by_tier else []:
                if action.action_type == "bonus":
                    vals["bonus_percent"] = action.bonus_percent
                elif action.action_type == "promotion":
                    vals["promotion_flag"] = True
                elif action.action_type == "training":
                    vals["training_offer"] = action.name
                elif action.action_type == "improvement_plan" and action.activity_type_id:
                    activity_vals += [
                        {
                            "res_model_id": model_id,
                            "res_id": review.id,
                            "activity_type_id": action.activity_type_id.id,
                            "summary": action.name,
                            "note": action.note,
                            "date_deadline": today + relativedelta(days=action.deadline_days),
                            "user_id": review._retention_mentor().id,
                        }
                        for review in reviews
                    ]
            reviews.with_context(retention_cohort_confirm=True).write(vals)
        if activity_vals:
            self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(activity_vals)

    # ------------------------------------------------------------------ demo data
    @api.model
    def _retention_demo_load(self, employee_ids, months=6):
        """Demo data only (called by demo/retention_performance_demo.xml).

        Six months of reviews for ``employee_ids`` from the general template,
        with deterministic actual values and Chinese feedback, submitted and
        ranked by a site cohort per site and month.
        """
        template = self.env.ref("outsourcing_retention.performance_template_general")
        employees = self.env["hr.employee"].browse(employee_ids).exists()
        this_month = performance.first_of_month(fields.Date.context_today(self))
        feedback = [
            ("出勤稳定，班组配合好。", "首件检验要更仔细。", "参加下月的质量意识培训。"),
            ("产量持续超额完成。", "注意劳动防护用品的佩戴。", "可以带一名新员工。"),
            ("客户现场评价好，服务意识强。", "交接班记录不够完整。", "每周和班组长复盘一次。"),
        ]
        for offset in range(months, 0, -1):
            period = this_month - relativedelta(months=offset)
            reviews = self.create(
                [
                    {
                        "employee_id": employee.id,
                        "period": period,
                        "template_id": template.id,
                        "strengths": feedback[(employee.id + offset) % 3][0],
                        "improvements": feedback[(employee.id + offset) % 3][1],
                        "suggestions": feedback[(employee.id + offset) % 3][2],
                    }
                    for employee in employees
                ]
            )
            for review in reviews:
                seed = review.employee_id.id * 7 + offset * 13
                for line in review.line_ids:
                    code = line.kpi_id.code
                    line.actual = {
                        "ATTENDANCE": 90 + seed % 11,
                        "OUTPUT": 70 + (seed * 3) % 45,
                        "QUALITY": 88 + (seed * 5) % 13,
                        "COMPLAINTS": seed % 3,
                        "CUSTOMER_FIRST": 3 + seed % 3,
                    }.get(code, line.target)
            reviews.action_submit()
            for site in reviews.site_id:
                self.env["retention.performance.cohort"].create(
                    {"scope": "site", "site_id": site.id, "period": period, "company_id": site.company_id.id}
                ).action_confirm()
        return True
