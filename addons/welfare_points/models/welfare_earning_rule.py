import logging
import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL

from ..engine import rules as rule_engine

_logger = logging.getLogger(__name__)

TIERS = [("top", "Top"), ("middle", "Middle"), ("bottom", "Bottom")]
TRIGGERS = [
    ("performance_tier", "Confirmed Performance Tier"),
    ("anniversary", "Service Anniversary"),
    ("attendance", "Perfect Attendance Month"),
    ("contest", "Contest Result"),
    ("referral", "Approved Referral"),
    ("manual", "By Hand"),
]
# Changing one of these makes a new version, which must be published again.
VERSIONED = {
    "trigger",
    "tier",
    "points",
    "rank_points",
    "per_year",
    "leave_type_ids",
    "exclude_dispatched",
    "site_ids",
    "client_ids",
    "expiry_months",
    "funding",
    "funding_partner_id",
}
# How many days back the daily job looks for anniversaries it has not granted yet.
ANNIVERSARY_LOOKBACK_DAYS = 7
# The suffix of the key of a corrected grant (a contest whose ranks changed).
CORRECTION = re.compile(r":r[0-9]+$")


class WelfareEarningRule(models.Model):
    _name = "welfare.earning.rule"
    _inherit = ["welfare.equal.treatment.mixin"]
    _description = "Earning Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    trigger = fields.Selection(TRIGGERS, required=True, default="performance_tier")
    tier = fields.Selection(TIERS, help="The performance tier that earns the points.")
    points = fields.Integer(
        required=True,
        help="Points granted; for a service anniversary, per year of service when 'Per Year' is set.",
    )
    per_year = fields.Boolean(
        string="Per Year of Service",
        default=True,
        help="A service anniversary grants the points once per year of service (3 years: 3 × the points).",
    )
    rank_points = fields.Char(
        string="Points by Rank",
        help="For a contest: ranks and their points, e.g. 1=500, 2=300, 3-5=100. Other ranks earn none.",
    )
    leave_type_ids = fields.Many2many(
        "hr.leave.type",
        string="Unplanned Leave Types",
        help="Time off of these types breaks a perfect attendance month; empty: any time off does.",
    )
    site_ids = fields.Many2many(
        "retention.client.site",
        string="Client Sites",
        help="Only employees on assignment at one of these sites earn; empty: every site.",
    )
    client_ids = fields.Many2many(
        "res.partner",
        string="Clients",
        domain=[("is_outsourcing_client", "=", True)],
        help="Only employees on assignment with one of these clients earn; empty: every client.",
    )
    funding = fields.Selection(
        [("company", "Company"), ("client", "Client"), ("campaign", "Campaign Budget")],
        string="Funded By",
        required=True,
        default="company",
    )
    funding_partner_id = fields.Many2one(
        "res.partner", string="Funding Client", help="The client charged back for the points it funds."
    )
    version = fields.Integer(
        default=1,
        readonly=True,
        help="Raised whenever what the rule grants changes; each credit names its version.",
    )
    published_version = fields.Integer(readonly=True, copy=False)
    date_published = fields.Date(string="Published On", readonly=True, copy=False)
    is_published = fields.Boolean(
        string="Published",
        compute="_compute_is_published",
        store=True,
        help="Only the published version of a rule grants points and is shown to employees "
        "(Labour Contract Law art. 4: welfare rules are made known to the employees).",
    )
    acknowledgement_count = fields.Integer(compute="_compute_acknowledgement_count")
    date_from = fields.Date(string="Valid From")
    date_to = fields.Date(string="Valid To")
    expiry_months = fields.Integer(
        string="Points Valid (Months after the Quarter)",
        default=12,
        help="Granted points lapse this many months after the end of the quarter they were granted in; "
        "0: never.",
    )
    budget_points = fields.Integer(
        string="Budget", help="The most points the rule grants per budget period; 0: no limit."
    )
    budget_period = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")], required=True, default="quarter"
    )
    budget_used = fields.Integer(
        compute="_compute_budget_used", help="Points granted in the current budget period."
    )

    _sql_constraints = [
        ("budget_not_negative", "CHECK(budget_points >= 0)", "A budget cannot be negative."),
        ("expiry_not_negative", "CHECK(expiry_months >= 0)", "The validity in months cannot be negative."),
        (
            "dates_in_order",
            "CHECK(date_from IS NULL OR date_to IS NULL OR date_from <= date_to)",
            "A rule cannot end before it starts.",
        ),
    ]

    @api.depends("version", "published_version")
    def _compute_is_published(self):
        for rule in self:
            rule.is_published = bool(rule.published_version) and rule.published_version == rule.version

    def _compute_acknowledgement_count(self):
        counts = dict(
            self.env["welfare.rule.acknowledgement"]._read_group(
                [("rule_id", "in", self.ids)], ["rule_id"], ["__count"]
            )
        )
        for rule in self:
            rule.acknowledgement_count = counts.get(rule, 0)

    @api.constrains("trigger", "tier", "points", "rank_points", "funding", "funding_partner_id")
    def _check_tier(self):
        for rule in self:
            if rule.trigger != "contest" and rule.points <= 0:
                raise ValidationError(self.env._("A rule grants at least one point."))
            if rule.trigger == "performance_tier" and not rule.tier:
                raise ValidationError(self.env._("A performance-tier rule names its tier."))
            if rule.trigger == "contest":
                rule._rank_table()
            if rule.funding == "client" and not rule.funding_partner_id:
                raise ValidationError(self.env._("Points funded by a client name the client."))

    def _rank_table(self):
        self.ensure_one()
        try:
            return rule_engine.parse_rank_points(self.rank_points)
        except ValueError as error:
            raise ValidationError(
                self.env._(
                    'The points by rank of "%(rule)s" read like 1=500, 2=300, 3-5=100 (%(error)s).',
                    rule=self.name,
                    error=str(error),
                )
            ) from error

    def write(self, vals):
        if VERSIONED & set(vals):
            for rule in self:
                super(WelfareEarningRule, rule).write({**vals, "version": rule.version + 1})
            return True
        return super().write(vals)

    def action_publish(self):
        """Publish the current version: it grants points and employees see it on /my/points/rules."""
        self.check_access("write")
        today = fields.Date.context_today(self)
        for rule in self:
            rule.write({"published_version": rule.version, "date_published": today})
        return True

    def action_open_acknowledgements(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Acknowledgements"),
            "res_model": "welfare.rule.acknowledgement",
            "view_mode": "list",
            "domain": [("rule_id", "=", self.id)],
        }

    @api.model
    def _in_force_domain(self, on, trigger=None):
        domain = [
            ("is_published", "=", True),
            "|",
            ("date_from", "=", False),
            ("date_from", "<=", on),
            "|",
            ("date_to", "=", False),
            ("date_to", ">=", on),
        ]
        if trigger:
            domain.append(("trigger", "=", trigger))
        return domain

    def _compute_budget_used(self):
        today = fields.Date.context_today(self)
        used = {}
        for period in ("month", "quarter", "year"):
            rules = self.filtered(lambda r, p=period: r.budget_period == p)
            if not rules:
                continue
            start, end = rule_engine.period_bounds(today, period)
            for rule, total in (
                self.env["welfare.points.line"]
                .sudo()
                ._read_group(
                    [("earning_rule_id", "in", rules.ids), ("date", ">=", start), ("date", "<=", end)],
                    ["earning_rule_id"],
                    ["points:sum"],
                )
            ):
                used[rule.id] = total
        for rule in self:
            rule.budget_used = used.get(rule.id, 0)

    def _lock_budget(self, on):
        """Lock the rule row; the points it granted in the budget period holding ``on``."""
        self.ensure_one()
        self.flush_recordset()
        self.env.execute_query(
            SQL("SELECT id FROM welfare_earning_rule WHERE id = %s FOR NO KEY UPDATE", self.id)
        )
        start, end = rule_engine.period_bounds(on, self.budget_period)
        [(used,)] = self.env.execute_query(
            SQL(
                "SELECT COALESCE(SUM(points), 0) FROM welfare_points_line "
                "WHERE earning_rule_id = %s AND date BETWEEN %s AND %s",
                self.id,
                start,
                end,
            )
        )
        return used

    # ------------------------------------------------------------ eligibility
    def _eligible(self, employee_ids, on):
        """The ids among ``employee_ids`` the rule's sites, clients and dispatch exclusion let earn."""
        self.ensure_one()
        employee_ids = set(employee_ids)
        if not (self.site_ids or self.client_ids or self.exclude_dispatched):
            return employee_ids
        # sudo: assignments are read for their employee, site and mode only, to filter the grant.
        Assignment = self.env["retention.assignment"].sudo()
        base = [
            ("employee_id", "in", list(employee_ids)),
            ("state", "!=", "cancelled"),
            ("date_start", "<=", on),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", on),
        ]
        if self.site_ids or self.client_ids:
            scope = []
            if self.site_ids:
                scope.append([("site_id", "in", self.site_ids.ids)])
            if self.client_ids:
                scope.append([("client_id", "in", self.client_ids.ids)])
            placed = {
                employee.id
                for [employee] in Assignment._read_group(base + expression.OR(scope), ["employee_id"])
            }
            employee_ids &= placed
        if self.exclude_dispatched:
            dispatched = {
                employee.id
                for [employee] in Assignment._read_group(
                    base + [("employment_mode", "=", "dispatch")], ["employee_id"]
                )
            }
            employee_ids -= dispatched
        return employee_ids

    # ---------------------------------------------------------------- granting
    def _grant(self, grants, on):
        """Post the rule's grants, within its budget; ``{"lines": lines, "refused": [employee_id]}``.

        ``grants``: dicts ``{employee_id, points, reason, key, res_model,
        res_id}``. One credit per key: a grant whose line exists with the same
        points returns it; with other points (a corrected contest) the old line
        is reversed and a new one posted under the next key. The rule row is
        locked first, so concurrent runs of one rule queue up; a grant that
        would cross the budget is refused and logged.
        """
        self.ensure_one()
        Line = self.env["welfare.points.line"].sudo()
        if not grants:
            return {"lines": Line, "refused": []}
        used = self._lock_budget(on)
        companies = {
            employee.id: employee.company_id.id
            for employee in self.env["hr.employee"]
            .sudo()
            .search([("id", "in", [grant["employee_id"] for grant in grants])])
        }
        # every earned line of this rule for these keys, and its corrections (key + ":rN"): one query
        Line.flush_model(["earning_rule_id", "kind", "idempotency_key"])
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM welfare_points_line WHERE earning_rule_id = %s AND kind = 'earned' "
                "AND regexp_replace(idempotency_key, ':r[0-9]+$', '') = ANY(%s)",
                self.id,
                [grant["key"] for grant in grants],
            )
        )
        by_base = {}
        for line in Line.browse([row[0] for row in rows]):
            by_base.setdefault(CORRECTION.sub("", line.idempotency_key), []).append(line)
        lines, refused, batch, to_reverse = Line, [], [], Line
        for grant in grants:
            earlier = sorted(by_base.get(grant["key"], []), key=lambda line: line.id)
            live = [line for line in earlier if not line.reversal_line_id]
            if live and live[-1].points == grant["points"]:
                lines |= live[-1]
                continue
            # a correction gives back what it reverses: only the difference counts against the budget
            freed = live[-1].points if live else 0
            if not rule_engine.within_budget(self.budget_points, used - freed, grant["points"]):
                _logger.info(
                    "Earning rule %s: budget %s reached (%s used), %s points for employee %s refused",
                    self.id,
                    self.budget_points,
                    used,
                    grant["points"],
                    grant["employee_id"],
                )
                refused.append(grant["employee_id"])
                continue
            if live:
                to_reverse |= live[-1]
            key = grant["key"] if not earlier else f"{grant['key']}:r{len(earlier) + 1}"
            batch.append(
                {
                    "employee_id": grant["employee_id"],
                    "company_id": companies[grant["employee_id"]],
                    "points": grant["points"],
                    "idempotency_key": key,
                    "reason": grant["reason"],
                    "kind": "earned",
                    "date": on,
                    "expiry_date": rule_engine.expiry_after_quarter(on, self.expiry_months),
                    "funding": self.funding,
                    "funding_partner_id": self.funding_partner_id.id,
                    "rule_version": f"{self.id}v{self.version}",
                    "earning_rule_id": self.id,
                    "res_model": grant.get("res_model") or False,
                    "res_id": grant.get("res_id") or False,
                    "reversed_line_id": False,
                }
            )
            used += grant["points"] - freed
        if to_reverse:
            to_reverse._reverse(self.env._("Corrected by %(rule)s", rule=self.name))
        if batch:
            lines |= Line._post(batch)
        return {"lines": lines, "refused": refused}

    @api.model
    def _apply_performance_tiers(self, entries):
        """Grant the points of the rules matching confirmed performance tiers.

        The hook of outsourcing_retention's tier confirmation calls this with
        dicts ``{employee_id, tier, period, source_model, source_id,
        company_id}``. Idempotent per rule, source and employee; a posting
        that would cross a rule's budget is refused and logged. Returns
        ``{"posted": [line ids], "refused": [(employee_id, rule_id)]}``.
        """
        Rule = self.sudo()  # called by the review confirmation of any HR user; postings are the rules' own
        today = fields.Date.context_today(self)
        posted, refused = [], []
        companies = {entry["company_id"] for entry in entries}
        candidates = Rule.search(
            Rule._in_force_domain(today, "performance_tier") + [("company_id", "in", list(companies))]
        )
        for rule in candidates:
            matching = [
                e for e in entries if e["tier"] == rule.tier and e["company_id"] == rule.company_id.id
            ]
            eligible = rule._eligible([e["employee_id"] for e in matching], today)
            result = rule._grant(
                [
                    {
                        "employee_id": entry["employee_id"],
                        "points": rule.points,
                        "reason": f"{rule.name} ({entry.get('period') or ''})",
                        "key": f"rule:{rule.id}:{entry['source_model']}:{entry['source_id']}:"
                        f"{entry['employee_id']}",
                        "res_model": entry["source_model"],
                        "res_id": entry["source_id"],
                    }
                    for entry in matching
                    if entry["employee_id"] in eligible
                ],
                today,
            )
            posted += result["lines"].ids
            refused += [(employee_id, rule.id) for employee_id in result["refused"]]
        return {"posted": posted, "refused": refused}

    # ------------------------------------------------------------ source seams
    @api.model
    def _welfare_post_contest_results(self, source, ranks, on_date=None):
        """Grant the contest rules' points for ``ranks`` ``{employee_id: rank}`` of ``source``.

        The seam of career_paths' contests (any record can be the source). The
        company's published contest rules in force on ``on_date`` post one credit
        per rule, source and employee (called again: the same lines; with a
        changed rank: the old credit reversed, the new one posted). Returns the
        lines; a rank that earns nothing posts nothing.
        """
        source.ensure_one()
        on_date = fields.Date.to_date(on_date) or fields.Date.context_today(self)
        Rule = self.sudo()  # the caller's contest decides; the rules are the company's own
        employees = Rule._contest_employees(ranks)
        rules = Rule.search(
            Rule._in_force_domain(on_date, "contest") + [("company_id", "in", employees.company_id.ids)]
        )
        return rules._post_contest(source, ranks, on_date)

    def _contest_employees(self, ranks):
        if not isinstance(ranks, dict):
            raise ValidationError(self.env._("Contest results are a mapping of employee ids to ranks."))
        employees = self.env["hr.employee"].sudo().browse(list(ranks)).exists()
        unknown = set(ranks) - set(employees.ids)
        if unknown:
            raise ValidationError(
                self.env._("Unknown employees in the contest results: %(ids)s", ids=sorted(unknown))
            )
        return employees

    def _post_contest(self, source, ranks, on_date):
        """Grant ``ranks`` of ``source`` through the contest rules of ``self``; the lines."""
        employees = self._contest_employees(ranks)
        lines = self.env["welfare.points.line"]
        for rule in self:
            table = rule._rank_table()
            members = employees.filtered(lambda e, r=rule: e.company_id == r.company_id)
            eligible = rule._eligible(members.ids, on_date)
            grants = []
            for employee in members:
                try:
                    points = rule_engine.points_for_rank(table, ranks[employee.id])
                except ValueError as error:
                    raise ValidationError(
                        self.env._(
                            "The rank of %(employee)s must be a whole number from 1.", employee=employee.name
                        )
                    ) from error
                if points and employee.id in eligible:
                    grants.append(
                        {
                            "employee_id": employee.id,
                            "points": points,
                            "reason": self.env._(
                                "%(rule)s: %(contest)s, rank %(rank)s",
                                rule=rule.name,
                                contest=source.display_name,
                                rank=ranks[employee.id],
                            ),
                            "key": f"rule:{rule.id}:{source._name}:{source.id}:{employee.id}",
                            "res_model": source._name,
                            "res_id": source.id,
                        }
                    )
            lines |= rule._grant(grants, on_date)["lines"]
        return lines

    @api.model
    def _welfare_post_referral(self, source, employee_ids, on_date=None):
        """Grant the referral rules' points to the referring ``employee_ids`` for ``source``.

        Idempotent per rule, source and employee; returns the lines.
        """
        source.ensure_one()
        on_date = fields.Date.to_date(on_date) or fields.Date.context_today(self)
        Rule = self.sudo()  # the approved referral decides; the rules are the company's own
        employees = self.env["hr.employee"].sudo().browse(list(employee_ids)).exists()
        lines = self.env["welfare.points.line"]
        for rule in Rule.search(
            Rule._in_force_domain(on_date, "referral") + [("company_id", "in", employees.company_id.ids)]
        ):
            members = employees.filtered(lambda e, r=rule: e.company_id == r.company_id)
            eligible = rule._eligible(members.ids, on_date)
            lines |= rule._grant(
                [
                    {
                        "employee_id": employee.id,
                        "points": rule.points,
                        "reason": f"{rule.name}: {source.display_name}",
                        "key": f"rule:{rule.id}:{source._name}:{source.id}:{employee.id}",
                        "res_model": source._name,
                        "res_id": source.id,
                    }
                    for employee in members
                    if employee.id in eligible
                ],
                on_date,
            )["lines"]
        return lines

    @api.model
    def _welfare_cancel_source(self, source):
        """Reverse every rule credit granted for ``source`` and not reversed yet; the reversals."""
        return self._reverse_source(source._name, source.ids)

    @api.model
    def _reverse_source(self, source_model, source_ids, keep=None):
        """Reverse the points rules granted for source records that were cancelled.

        ``keep``: an optional function ``line -> bool`` naming lines to leave alone.
        """
        lines = (
            self.env["welfare.points.line"]
            .sudo()
            .search(
                [
                    ("earning_rule_id", "!=", False),
                    ("res_model", "=", source_model),
                    ("res_id", "in", list(source_ids)),
                    ("kind", "=", "earned"),
                ]
            )
        )
        lines = lines.filtered(lambda line: not line.reversal_line_id and not (keep and keep(line)))
        if lines:
            return lines._reverse(self.env._("Source cancelled"))
        return lines

    # ------------------------------------------------------------ by hand
    def _grant_by_hand(self, employees, reason, source, points=None, ranks=None):
        """A welfare officer grants a contest, referral or by-hand rule to ``employees``.

        Officers post within the company's limit per employee; managers without one.
        """
        self.ensure_one()
        Line = self.env["welfare.points.line"]
        if not (
            Line._is_welfare_manager() or self.env.user.has_group("welfare_points.group_welfare_officer")
        ):
            raise AccessError(self.env._("Only welfare officers and managers may grant points."))
        self.check_access("read")
        if self.trigger not in ("contest", "referral", "manual"):
            raise ValidationError(self.env._("Only contest, referral and by-hand rules are granted by hand."))
        if not self.is_published:
            raise ValidationError(self.env._("Publish the rule before granting its points."))
        if not (reason or "").strip():
            raise ValidationError(self.env._("A reason is required."))
        today = fields.Date.context_today(self)
        if self.trigger == "contest":
            return self.sudo()._post_contest(source, ranks or {}, today)
        amount = points or self.points
        if amount <= 0:
            raise ValidationError(self.env._("Points granted by hand are a positive number."))
        limit = self.company_id.welfare_officer_post_limit
        if amount > limit and not Line._is_welfare_manager():
            raise AccessError(
                self.env._(
                    "A welfare officer may grant up to %(limit)s points per employee; "
                    "larger grants need a welfare manager.",
                    limit=limit,
                )
            )
        eligible = self._eligible(employees.ids, today)
        return self.sudo()._grant(
            [
                {
                    "employee_id": employee.id,
                    "points": amount,
                    "reason": f"{self.name}: {reason.strip()}",
                    "key": f"rule:{self.id}:{source._name}:{source.id}:{employee.id}",
                    "res_model": source._name,
                    "res_id": source.id,
                }
                for employee in employees
                if employee.id in eligible and employee.company_id == self.company_id
            ],
            today,
        )["lines"]

    # ------------------------------------------------------------ daily job
    @api.model
    def _cron_apply_rules(self, batch_size=1000):
        """Grant the anniversary and perfect-attendance rules in force today.

        Batched per rule and employee ids (``batch_size`` employees per
        statement) and idempotent: one line per rule, employee and period,
        by idempotency key, so a rerun or a crash halfway posts nothing twice.
        """
        today = fields.Date.context_today(self)
        Rule = self.sudo()  # the daily job grants the company's own rules
        rules = Rule.search(Rule._in_force_domain(today) + [("trigger", "in", ("anniversary", "attendance"))])
        done = 0
        for rule in rules:
            employees = (
                self.env["hr.employee"].sudo().search([("company_id", "=", rule.company_id.id)], order="id")
            )
            for start in range(0, len(employees), batch_size):
                chunk = employees[start : start + batch_size]
                if rule.trigger == "anniversary":
                    rule._run_anniversary(chunk, today)
                else:
                    rule._run_attendance(chunk, today)
                done += len(chunk)
            self.env["ir.cron"]._notify_progress(done=done, remaining=0)
        return done

    def _run_anniversary(self, employees, today):
        hired = self.env["retention.risk.driver"]._risk_hire_dates(employees)
        eligible = self._eligible(employees.ids, today)
        start = today - timedelta(days=ANNIVERSARY_LOOKBACK_DAYS)
        grants = []
        for employee in employees:
            if employee.id not in eligible:
                continue
            for on, years in rule_engine.anniversaries_between(hired.get(employee.id), start, today):
                grants.append(
                    {
                        "employee_id": employee.id,
                        "points": self.points * (years if self.per_year else 1),
                        "reason": self.env._(
                            "%(rule)s: %(years)s years of service", rule=self.name, years=years
                        ),
                        "key": f"rule:{self.id}:anniversary:{on.year}:{employee.id}",
                        "res_model": "hr.employee",
                        "res_id": employee.id,
                    }
                )
        return self._grant(grants, today)

    def _run_attendance(self, employees, today):
        """Employees hired before last month who took no unplanned time off in it."""
        first, last = rule_engine.previous_month(today)
        hired = self.env["retention.risk.driver"]._risk_hire_dates(employees)
        domain = [
            ("employee_id", "in", employees.ids),
            ("state", "not in", ("refuse", "cancel")),
            ("request_date_from", "<=", last),
            ("request_date_to", ">=", first),
        ]
        if self.leave_type_ids:
            domain.append(("holiday_status_id", "in", self.leave_type_ids.ids))
        absent = {
            employee.id
            for [employee] in self.env["hr.leave"]
            .sudo()
            .with_context(active_test=False)
            ._read_group(domain, ["employee_id"])
        }
        eligible = self._eligible(employees.ids, today)
        period = f"{first:%Y-%m}"
        return self._grant(
            [
                {
                    "employee_id": employee.id,
                    "points": self.points,
                    "reason": self.env._("%(rule)s: %(month)s", rule=self.name, month=period),
                    "key": f"rule:{self.id}:attendance:{period}:{employee.id}",
                    "res_model": "hr.employee",
                    "res_id": employee.id,
                }
                for employee in employees
                if employee.id in eligible
                and employee.id not in absent
                and hired.get(employee.id)
                and hired[employee.id] <= first
            ],
            today,
        )
