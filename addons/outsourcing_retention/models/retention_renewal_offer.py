from datetime import timedelta
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..engine import labour_law
from .labour_law_messages import issue_message

# Offers a contract may have only one of at a time (a partial unique index holds it).
OPEN_OFFER_STATES = ("draft", "sent")


class RetentionRenewalOffer(models.Model):
    """A renewal offer the employee reads and signs (or declines) on the portal."""

    _name = "retention.renewal.offer"
    _description = "Contract Renewal Offer"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    contract_id = fields.Many2one(
        "hr.contract",
        string="Current Contract",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
        domain="[('state', 'in', ('open', 'close'))]",
    )
    employee_id = fields.Many2one(related="contract_id.employee_id", store=True, index=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    hr_responsible_id = fields.Many2one(related="contract_id.hr_responsible_id", store=True, index=True)
    job_id = fields.Many2one("hr.job", string="Proposed Job", tracking=True)
    wage = fields.Monetary(string="Proposed Monthly Wage", required=True, tracking=True)
    current_wage = fields.Monetary(related="contract_id.wage", string="Current Wage")
    date_start = fields.Date(string="New Contract Start", required=True, tracking=True)
    open_ended = fields.Boolean(
        string="Open-ended",
        tracking=True,
        help="An open-ended contract (无固定期限劳动合同) has no end date.",
    )
    date_end = fields.Date(string="New Contract End", tracking=True)
    trial_months = fields.Integer(
        string="Probation (months)",
        tracking=True,
        help="Probation in the new contract, 0 for none. The same employer may agree probation "
        "with an employee only once (Labour Contract Law art. 19).",
    )
    employee_requested_fixed_term = fields.Boolean(
        string="Employee Asked for a Fixed Term",
        help="Tick only with the employee's written request on file: an employee entitled to an "
        "open-ended contract (Labour Contract Law art. 14) may only be offered a fixed term "
        "at their own request.",
    )
    deadline = fields.Date(
        string="Answer By",
        required=True,
        default=lambda self: fields.Date.context_today(self) + timedelta(days=14),
        index=True,
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("sent", "Sent"),
            ("accepted", "Signed"),
            ("declined", "Declined"),
            ("expired", "Expired"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        copy=False,
        index=True,
        tracking=True,
    )
    check_result = fields.Text(
        string="Labour-law Checks",
        compute="_compute_check_result",
        help="Art. 14 and art. 19 checks of this offer; errors block sending.",
    )
    has_blocking_issue = fields.Boolean(compute="_compute_check_result")
    has_warning = fields.Boolean(compute="_compute_check_result")
    warnings_confirmed = fields.Boolean(
        string="Warnings Reviewed", copy=False, help="Confirms that the warnings above were weighed."
    )
    sent_on = fields.Datetime(copy=False, readonly=True)
    signature = fields.Image(copy=False, attachment=True, max_width=1024, max_height=1024)
    signed_by = fields.Char(copy=False, readonly=True)
    signed_on = fields.Datetime(copy=False, readonly=True)
    signed_ip = fields.Char(string="Signed from IP Address", copy=False, readonly=True)
    signed_user_id = fields.Many2one("res.users", string="Signed by User", copy=False, readonly=True)
    signed_pdf_id = fields.Many2one("ir.attachment", string="Signed PDF", copy=False, readonly=True)
    signed_pdf_state = fields.Selection(
        [("pending", "Being Prepared"), ("done", "Ready")],
        string="Signed PDF Status",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The signed PDF is rendered after the signature is saved, by a job that retries "
        "until it succeeds: the signature never depends on it.",
    )
    decline_reason = fields.Text(copy=False, readonly=True)
    new_contract_id = fields.Many2one("hr.contract", copy=False, readonly=True)

    @api.depends("employee_id", "date_start")
    def _compute_name(self):
        for offer in self:
            offer.name = self.env._(
                "Renewal offer for %(employee)s", employee=offer.employee_id.name or self.env._("an employee")
            )

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for offer in self:
            offer.access_url = f"/my/renewals/{offer.id}"
        return res

    # ------------------------------------------------------------------ checks
    @api.constrains("date_start", "date_end", "open_ended", "wage", "trial_months")
    def _check_terms(self):
        for offer in self:
            if offer.trial_months < 0:
                raise ValidationError(self.env._("The probation cannot be negative."))
            issues = labour_law.check_terms(
                offer.date_start,
                offer.date_end or None,
                Decimal(str(offer.wage)),
                open_ended=offer.open_ended,
            )
            if issues:
                raise ValidationError("\n".join(issue_message(self.env, issue) for issue in issues))

    def init(self):
        # One open offer (draft or sent) per contract, whoever creates it and however.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS retention_renewal_offer_one_open_per_contract "
                "ON retention_renewal_offer (contract_id) WHERE state IN ('draft', 'sent')"
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        contracts = self.env["hr.contract"].browse(
            {vals["contract_id"] for vals in vals_list if isinstance(vals.get("contract_id"), int)}
        )
        contracts._retention_lock_for_offer()
        contracts._retention_check_renewable()
        open_offers = self.sudo().search_count(
            [("contract_id", "in", contracts.ids), ("state", "in", OPEN_OFFER_STATES)]
        )
        if open_offers or len(contracts) < len([v for v in vals_list if v.get("contract_id")]):
            raise ValidationError(
                self.env._("This contract already has an open renewal offer: send, cancel or edit that one.")
            )
        return super().create(vals_list)

    def _labour_law_issues(self):
        """Engine issues of this offer, from the employee's contract history."""
        self.ensure_one()
        contract = self.contract_id
        # The same chain of renewals as the contract's own art. 14 fields. sudo
        # only widens to the employee's earlier contracts, of which only dates
        # and probation are read; none is returned to the caller.
        chain = contract.sudo()._retention_chains().get(contract.id, [contract.sudo()])
        previous = [c._retention_engine_contract() for c in chain]
        if not self.date_start or not self.wage:
            return []
        try:
            return labour_law.check_offer(
                self.date_start,
                None if self.open_ended else self.date_end,
                Decimal(str(self.wage)),
                fixed_term=not self.open_ended,
                previous_contracts=previous,
                probation_months=max(self.trial_months, 0),
                employee_requested_fixed_term=self.employee_requested_fixed_term,
                current_wage=Decimal(str(contract.wage)) if contract.wage else None,
            )
        except ValueError as error:
            raise ValidationError(str(error)) from error

    @api.depends(
        "date_start",
        "date_end",
        "open_ended",
        "wage",
        "trial_months",
        "employee_requested_fixed_term",
        "contract_id",
    )
    def _compute_check_result(self):
        for offer in self:
            issues = offer._labour_law_issues() if offer.contract_id else []
            lines = []
            for issue in issues:
                label = self.env._("Error") if issue.blocking else self.env._("Warning")
                lines.append(f"{label}: {issue_message(self.env, issue)}")
            offer.check_result = "\n".join(lines) or self.env._("No labour-law issue found.")
            offer.has_blocking_issue = any(issue.blocking for issue in issues)
            offer.has_warning = any(not issue.blocking for issue in issues)

    # ------------------------------------------------------------------ actions
    def action_send(self):
        for offer in self:
            if offer.state != "draft":
                raise UserError(self.env._("Only a draft offer can be sent."))
            if offer.has_blocking_issue:
                raise UserError(
                    self.env._(
                        "This offer breaks labour law and cannot be sent:\n%(checks)s",
                        checks=offer.check_result,
                    )
                )
            if offer.has_warning and not offer.warnings_confirmed:
                raise UserError(
                    self.env._(
                        "Review the warnings and tick 'Warnings Reviewed' before sending:\n%(checks)s",
                        checks=offer.check_result,
                    )
                )
            if offer.deadline < fields.Date.context_today(offer):
                raise UserError(self.env._("The answer deadline is already past."))
            if not offer.employee_id.work_contact_id:
                raise UserError(self.env._("The employee has no contact to notify."))
        self.contract_id._retention_lock_for_offer()
        self.contract_id._retention_check_renewable()
        for offer in self:
            offer._portal_ensure_token()
            offer.write({"state": "sent", "sent_on": fields.Datetime.now()})
            offer.contract_id._retention_set_renewal_state("offer_sent")
            offer._notify_employee_of_offer()
        return True

    def _employee_lang_env(self):
        """The environment in the employee's language, for what the employee reads."""
        self.ensure_one()
        partner = self.employee_id.work_contact_id
        lang = self.employee_id.user_id.lang or partner.lang or self.env.lang
        return self.with_context(lang=lang).env

    def _notify_employee_of_offer(self):
        """Tell the employee, in their language, with the link to the offer.

        The link (with its access token) goes to the employee only, as a user notification
        that other users cannot read; the chatter gets a note without it.
        """
        self.ensure_one()
        partner = self.employee_id.work_contact_id
        env = self._employee_lang_env()
        self.message_notify(
            partner_ids=partner.ids,
            subject=env._("Your contract renewal offer"),
            body=env._(
                "A renewal offer is waiting for you. Read it and sign it before %(deadline)s: %(url)s",
                deadline=fields.Date.to_string(self.deadline),
                url=self.get_base_url() + self.get_portal_url(),
            ),
            record_name=self.with_env(env).name,
            email_layout_xmlid="mail.mail_notification_light",
        )
        self.message_post(
            body=self.env._("Offer sent to %(employee)s.", employee=self.employee_id.name),
            subtype_xmlid="mail.mt_note",
        )

    def action_cancel(self):
        if any(offer.state not in OPEN_OFFER_STATES for offer in self):
            raise UserError(self.env._("Only draft or sent offers can be cancelled."))
        sent = self.filtered(lambda o: o.state == "sent")
        self.write({"state": "cancelled"})
        sent._return_contract_to_review()
        return True

    def _return_contract_to_review(self):
        """A sent offer that ends unanswered (cancelled, expired) gives the renewal back to HR:
        the contract returns to "To Review" and its HR responsible gets an activity."""
        contracts = self.contract_id.sudo().filtered(lambda c: c.retention_renewal_state == "offer_sent")
        if not contracts:
            return
        contracts._retention_set_renewal_state("to_review")
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("hr.contract")
        envs, activity_vals = {}, []
        for offer in self.filtered(lambda o: o.contract_id in contracts):
            responsible = offer.contract_id.hr_responsible_id or self.env.user
            lang = responsible.lang or self.env.lang or "en_US"
            env = envs.setdefault(lang, self.with_context(lang=lang).env)
            state = dict(offer.with_env(env)._fields["state"]._description_selection(env))[offer.state]
            activity_vals.append(
                {
                    "res_model_id": model_id,
                    "res_id": offer.contract_id.id,
                    "activity_type_id": todo_type.id,
                    "date_deadline": fields.Date.context_today(self),
                    "summary": env._("Renewal offer %(state)s: decide again", state=state),
                    "note": env._(
                        "The renewal offer to %(employee)s is %(state)s without an answer: the contract "
                        "is back to review.",
                        employee=offer.employee_id.name,
                        state=state,
                    ),
                    "user_id": responsible.id,
                }
            )
        # sudo: the cron or the HR user cancelling may not see every contract; the activity
        # only names the employee and the state, for the contract's own responsible.
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(activity_vals)

    @api.model
    def _cron_expire_offers(self):
        today = fields.Date.context_today(self)
        offers = self.search([("state", "=", "sent"), ("deadline", "<", today)], limit=1000)
        offers.write({"state": "expired"})
        offers._return_contract_to_review()
        self.env["ir.cron"]._notify_progress(done=len(offers), remaining=0 if len(offers) < 1000 else 1)

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.name
