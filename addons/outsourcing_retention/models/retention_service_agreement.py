from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

PARTIES = [("provider", "Provider"), ("client", "Client"), ("vendor", "Vendor")]


class RetentionServiceAgreement(models.Model):
    _name = "retention.service.agreement"
    _description = "Service Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, tracking=True)
    agreement_type = fields.Selection(
        [("client", "Client Agreement"), ("vendor", "Vendor Agreement")],
        required=True,
        default="client",
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Counterparty",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('is_outsourcing_vendor', '=', True)] if agreement_type == 'vendor' "
        "else [('is_outsourcing_client', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", tracking=True)
    value = fields.Monetary(
        string="Agreement Value",
        currency_field="currency_id",
        tracking=True,
        groups="outsourcing_retention.group_retention_manager",
        help="Commercial value of the agreement: visible to retention managers only.",
    )
    scope = fields.Text(help="The services covered by the agreement.")
    labour_relation_owner = fields.Selection(
        PARTIES,
        string="Labour Relationship Owner",
        tracking=True,
        help="Which party signs the labour contracts of the workers (the employer of record).",
    )
    social_insurance_bearer = fields.Selection(
        PARTIES, tracking=True, help="Which party pays the workers' social insurance."
    )
    work_injury_bearer = fields.Selection(
        PARTIES,
        string="Work Injury Responsibility",
        tracking=True,
        help="Which party bears the responsibility for work injuries.",
    )
    clause_ids = fields.One2many(
        "retention.service.agreement.clause", "agreement_id", string="Clauses", copy=True
    )
    missing_clause_count = fields.Integer(compute="_compute_missing_clause_count")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("review", "Under Review"),
            ("approved", "Approved"),
            ("active", "In Force"),
            ("expired", "Expired"),
        ],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="Approved agreements become active on their start date and expire after their end "
        "date (updated every day).",
    )
    note = fields.Html()

    _sql_constraints = [
        ("value_positive", "CHECK(value >= 0)", "The agreement value cannot be negative."),
    ]

    @api.depends("clause_ids.status", "clause_ids.mandatory")
    def _compute_missing_clause_count(self):
        for agreement in self:
            agreement.missing_clause_count = len(
                agreement.clause_ids.filtered(lambda c: c.mandatory and c.status == "missing")
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for agreement in self:
            if agreement.date_end and agreement.date_end < agreement.date_start:
                raise ValidationError(
                    self.env._(
                        "The agreement %(agreement)s ends on %(date_end)s, before it starts on "
                        "%(date_start)s.",
                        agreement=agreement.display_name,
                        date_end=agreement.date_end,
                        date_start=agreement.date_start,
                    )
                )

    def _check_vendor_not_eliminated(self):
        for agreement in self:
            if agreement.partner_id.retention_vendor_status == "eliminated":
                raise UserError(
                    self.env._(
                        "%(vendor)s is an eliminated vendor: it cannot get a new service agreement.",
                        vendor=agreement.partner_id.display_name,
                    )
                )

    @api.model
    def _clause_commands(self, company):
        templates = self.env["retention.agreement.clause.template"].search(
            [("company_id", "in", [False, company.id])]
        )
        return [
            Command.create(
                {
                    "template_id": template.id,
                    "name": template.name,
                    "mandatory": template.mandatory,
                    "sequence": template.sequence,
                }
            )
            for template in templates
        ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if "clause_ids" not in vals:
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["clause_ids"] = self._clause_commands(company)
            if vals.get("state", "draft") != "draft":
                raise UserError(self.env._("A service agreement starts as a draft."))
        agreements = super().create(vals_list)
        agreements._check_vendor_not_eliminated()
        return agreements

    def write(self, vals):
        if "state" in vals and not self.env.context.get("retention_agreement_state_write"):
            raise UserError(self.env._("Use the buttons to move a service agreement through its steps."))
        res = super().write(vals)
        if "partner_id" in vals:
            self._check_vendor_not_eliminated()
        return res

    def _set_state(self, state):
        return self.with_context(retention_agreement_state_write=True).write({"state": state})

    def _check_state(self, allowed):
        for agreement in self:
            if agreement.state not in allowed:
                raise UserError(
                    self.env._(
                        "The agreement %(agreement)s cannot take this step in its current state.",
                        agreement=agreement.display_name,
                    )
                )

    def action_submit(self):
        self._check_state(("draft",))
        self._set_state("review")
        return True

    def action_approve(self):
        self._check_state(("review",))
        for agreement in self:
            missing = agreement.clause_ids.filtered(lambda c: c.mandatory and c.status == "missing")
            if missing:
                raise UserError(
                    self.env._(
                        "The agreement %(agreement)s cannot be approved: mandatory clauses are "
                        "missing: %(clauses)s.",
                        agreement=agreement.display_name,
                        clauses=", ".join(missing.mapped("name")),
                    )
                )
        self._check_vendor_not_eliminated()
        self._set_state("approved")
        self._sync_state(fields.Date.context_today(self))
        return True

    def action_draft(self):
        self._check_state(("review", "approved"))
        self._set_state("draft")
        return True

    def _state_from_dates(self, today):
        self.ensure_one()
        if self.date_end and self.date_end < today:
            return "expired"
        if self.date_start <= today:
            return "active"
        return "approved"

    def _sync_state(self, today):
        """Approved and active agreements follow their dates; one write per new state."""
        by_state = {}
        for agreement in self.filtered(lambda a: a.state in ("approved", "active")):
            state = agreement._state_from_dates(today)
            if state != agreement.state:
                by_state.setdefault(state, self.browse())
                by_state[state] |= agreement
        for state, agreements in by_state.items():
            agreements._set_state(state)

    @api.model
    def _cron_stale_domain(self, today):
        return [
            "|",
            "&",
            ("state", "=", "approved"),
            ("date_start", "<=", today),
            "&",
            ("state", "in", ("approved", "active")),
            ("date_end", "<", today),
        ]

    @api.model
    def _cron_update_states(self, batch_size=500):
        """Daily: approved agreements become active on their start date, expire after their end.

        Idempotent; one batch per call, the cron runner calls again while records remain.
        """
        today = fields.Date.context_today(self)
        domain = self._cron_stale_domain(today)
        agreements = self.search(domain, limit=batch_size, order="id")
        remaining = self.search_count(domain) - len(agreements)
        agreements._sync_state(today)
        self.env["ir.cron"]._notify_progress(done=len(agreements), remaining=remaining)
        return len(agreements)
