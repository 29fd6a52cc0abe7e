from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import service_agreement

PARTIES = [("provider", "Provider"), ("client", "Client"), ("vendor", "Vendor")]
# What the form shows read-only after the draft, and after the review: the model refuses it too.
LOCKED_AFTER_DRAFT = {"agreement_type", "partner_id", "company_id"}
LOCKED_AFTER_REVIEW = {"date_start", "date_end", "value", "clause_ids"}
EDITABLE_STATES = ("draft", "review")


class RetentionServiceAgreement(models.Model):
    _name = "retention.service.agreement"
    _description = "Service Agreement"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "retention.date.state.mixin",
        "retention.input.mixin",
    ]
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
    # Indexed: the daily state cron searches both dates.
    date_start = fields.Date(string="Start Date", required=True, index=True, tracking=True)
    date_end = fields.Date(string="End Date", index="btree_not_null", tracking=True)
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
            # The status is per company: the vendor's standing in the agreement's company.
            vendor = agreement.partner_id.with_company(agreement.company_id)
            if vendor.retention_vendor_status == "eliminated":
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
        self._check_input(vals_list)
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
        self._check_input(vals)
        if "state" in vals and not self.env.context.get("retention_agreement_state_write"):
            raise UserError(self.env._("Use the buttons to move a service agreement through its steps."))
        if LOCKED_AFTER_DRAFT & vals.keys():
            self.filtered(lambda a: a.state != "draft")._raise_locked()
        if LOCKED_AFTER_REVIEW & vals.keys():
            self.filtered(lambda a: a.state not in EDITABLE_STATES)._raise_locked()
        res = super().write(vals)
        if "partner_id" in vals:
            self._check_vendor_not_eliminated()
        return res

    def _raise_locked(self):
        if self:
            raise UserError(
                self.env._(
                    "The agreement %(agreement)s is %(state)s: its terms and clauses can no longer "
                    "change. Set it back to draft first.",
                    agreement=self[0].display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[self[0].state],
                )
            )

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
        self._date_state_sync(fields.Date.context_today(self))
        return True

    def action_draft(self):
        self._check_state(("review", "approved"))
        self._set_state("draft")
        return True

    # ------------------------------------------------------------------ state from dates

    def _date_state_target(self, today):
        if self.state not in service_agreement.DATED_STATES:
            return None
        try:
            return service_agreement.agreement_state(self.date_start, self.date_end or None, today)
        except ValueError:
            return None  # end before start: refused by _check_dates

    def _date_state_write(self, state):
        self._set_state(state)

    @api.model
    def _date_state_stale_domain(self, today):
        return [
            "|",
            "&",
            ("state", "=", "approved"),
            ("date_start", "<=", today),
            "&",
            ("state", "in", service_agreement.DATED_STATES),
            ("date_end", "<", today),
        ]

    @api.model
    def _cron_update_states(self, batch_size=500):
        """Daily: approved agreements become active on their start date, expire after their end.

        Idempotent and batched (see retention.date.state.mixin).
        """
        return self._cron_sync_date_states(batch_size)
