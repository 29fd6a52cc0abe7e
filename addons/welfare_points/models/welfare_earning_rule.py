import logging

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..engine import rules as rule_engine

_logger = logging.getLogger(__name__)

TIERS = [("top", "Top"), ("middle", "Middle"), ("bottom", "Bottom")]


class WelfareEarningRule(models.Model):
    _name = "welfare.earning.rule"
    _description = "Earning Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    trigger = fields.Selection(
        [("performance_tier", "Confirmed Performance Tier")], required=True, default="performance_tier"
    )
    tier = fields.Selection(TIERS, help="The performance tier that earns the points.")
    points = fields.Integer(required=True)
    version = fields.Integer(
        default=1,
        readonly=True,
        help="Raised whenever the points or the tier change; each credit names its version.",
    )
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

    @api.constrains("trigger", "tier", "points")
    def _check_tier(self):
        for rule in self:
            if rule.points <= 0:
                raise ValidationError(self.env._("A rule grants at least one point."))
            if rule.trigger == "performance_tier" and not rule.tier:
                raise ValidationError(self.env._("A performance-tier rule names its tier."))

    def write(self, vals):
        if {"points", "tier", "trigger"} & set(vals):
            for rule in self:
                super(WelfareEarningRule, rule).write({**vals, "version": rule.version + 1})
            return True
        return super().write(vals)

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
            [
                ("trigger", "=", "performance_tier"),
                ("company_id", "in", list(companies)),
                "|",
                ("date_from", "=", False),
                ("date_from", "<=", today),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", today),
            ]
        )
        for rule in candidates:
            matching = [
                e for e in entries if e["tier"] == rule.tier and e["company_id"] == rule.company_id.id
            ]
            if not matching:
                continue
            used = rule._lock_budget(today)
            keys = {
                entry[
                    "employee_id"
                ]: f"rule:{rule.id}:{entry['source_model']}:{entry['source_id']}:{entry['employee_id']}"
                for entry in matching
            }
            done = {
                line.idempotency_key: line.id
                for line in Rule.env["welfare.points.line"]
                .sudo()
                .search(
                    [("company_id", "=", rule.company_id.id), ("idempotency_key", "in", list(keys.values()))]
                )
            }
            batch = []
            for entry in matching:
                key = keys[entry["employee_id"]]
                if key in done:
                    posted.append(done[key])
                    continue
                if not rule_engine.within_budget(rule.budget_points, used, rule.points):
                    _logger.info(
                        "Earning rule %s: budget %s reached, %s points for employee %s refused",
                        rule.id,
                        rule.budget_points,
                        rule.points,
                        entry["employee_id"],
                    )
                    refused.append((entry["employee_id"], rule.id))
                    continue
                batch.append(
                    {
                        "employee_id": entry["employee_id"],
                        "company_id": rule.company_id.id,
                        "points": rule.points,
                        "idempotency_key": key,
                        "reason": f"{rule.name} ({entry.get('period') or ''})",
                        "kind": "earned",
                        "date": today,
                        "expiry_date": rule_engine.expiry_after_quarter(today, rule.expiry_months),
                        "funding": "company",
                        "funding_partner_id": False,
                        "rule_version": f"{rule.id}v{rule.version}",
                        "earning_rule_id": rule.id,
                        "res_model": entry["source_model"],
                        "res_id": entry["source_id"],
                        "reversed_line_id": False,
                    }
                )
                used += rule.points
            if batch:
                lines = Rule.env["welfare.points.line"]._post(batch)
                posted += lines.ids
        return {"posted": posted, "refused": refused}

    @api.model
    def _reverse_source(self, source_model, source_ids):
        """Reverse the points rules granted for source records that were cancelled."""
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
        lines = lines.filtered(lambda line: not line.reversal_line_id)
        if lines:
            lines._reverse(self.env._("Source cancelled"))
        return lines
