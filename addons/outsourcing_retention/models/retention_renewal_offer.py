import base64
import binascii
from datetime import timedelta
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import labour_law
from .labour_law_messages import issue_message

HR_CONTRACT_MANAGER = "hr_contract.group_hr_contract_manager"


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
    hr_responsible_id = fields.Many2one(related="contract_id.hr_responsible_id", store=True)
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
    @api.constrains("date_start", "date_end", "open_ended", "wage")
    def _check_terms(self):
        for offer in self:
            if offer.wage <= 0:
                raise ValidationError(self.env._("The proposed wage must be positive."))
            if offer.open_ended and offer.date_end:
                raise ValidationError(self.env._("An open-ended offer has no end date."))
            if not offer.open_ended and not offer.date_end:
                raise ValidationError(self.env._("A fixed-term offer needs an end date."))
            if offer.date_end and offer.date_end < offer.date_start:
                raise ValidationError(
                    self.env._(
                        "The new contract cannot end (%(end)s) before it starts (%(start)s).",
                        end=offer.date_end,
                        start=offer.date_start,
                    )
                )

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
                employee_requested_fixed_term=self.employee_requested_fixed_term,
                current_wage=Decimal(str(contract.wage)) if contract.wage else None,
            )
        except ValueError as error:
            raise ValidationError(str(error)) from error

    @api.depends(
        "date_start", "date_end", "open_ended", "wage", "employee_requested_fixed_term", "contract_id"
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
        for offer in self:
            offer._portal_ensure_token()
            offer.write({"state": "sent", "sent_on": fields.Datetime.now()})
            offer.contract_id._retention_set_renewal_state("offer_sent")
            partner = offer.employee_id.work_contact_id
            offer.message_subscribe(partner_ids=partner.ids)
            offer.message_post(
                body=self.env._(
                    "A renewal offer is waiting for you. Read it and sign it before %(deadline)s: %(url)s",
                    deadline=offer.deadline,
                    url=offer.get_base_url() + offer.get_portal_url(),
                ),
                partner_ids=partner.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        return True

    def action_cancel(self):
        if any(offer.state not in ("draft", "sent") for offer in self):
            raise UserError(self.env._("Only draft or sent offers can be cancelled."))
        self.write({"state": "cancelled"})
        return True

    def _check_answerable(self):
        self.ensure_one()
        if self.state != "sent":
            raise UserError(self.env._("This offer is no longer waiting for an answer."))
        if self.deadline < fields.Date.context_today(self):
            raise UserError(self.env._("This offer expired on %(deadline)s.", deadline=self.deadline))

    def _action_sign(self, name, signature):
        """Record the employee's signature and create the renewed contract.

        Called by the portal controller on the record it checked access to.
        """
        self.ensure_one()
        self._check_answerable()
        if not (name or "").strip():
            raise UserError(self.env._("Type your full name to sign."))
        try:
            if not signature or not base64.b64decode(signature, validate=True):
                raise UserError(self.env._("The signature is missing."))
        except binascii.Error as error:
            raise UserError(self.env._("The signature could not be read.")) from error
        self.write(
            {
                "signature": signature,
                "signed_by": name.strip(),
                "signed_on": fields.Datetime.now(),
                "state": "accepted",
            }
        )
        new_contract = self._create_renewed_contract()
        self._attach_signed_pdf()
        return new_contract

    def _create_renewed_contract(self):
        self.ensure_one()
        # The employee signing on the portal cannot create contracts; the
        # values come from this offer, which HR prepared, not from the request.
        old = self.contract_id.sudo()
        new = old.copy(
            {
                "name": self.env._("%(name)s (renewal)", name=old.name),
                "date_start": self.date_start,
                "date_end": False if self.open_ended else self.date_end,
                "wage": self.wage,
                "job_id": (self.job_id or old.job_id).id,
                "state": "draft",
                "kanban_state": "normal",
                "trial_date_end": False,
                "retention_predecessor_id": old.id,
                "retention_renewal_state": "not_due",
            }
        )
        old._retention_set_renewal_state("renewed")
        self.sudo().new_contract_id = new
        new.message_post(
            body=self.env._("Created from the renewal offer signed by %(name)s.", name=self.signed_by),
        )
        return new

    def _attach_signed_pdf(self):
        self.ensure_one()
        report = self.env.ref("outsourcing_retention.retention_renewal_offer_report").sudo()
        content, _type = report._render_qweb_pdf(report.report_name, self.ids)
        self.sudo().message_post(
            body=self.env._("Offer signed by %(name)s.", name=self.signed_by),
            attachments=[(f"{self.name}.pdf", content)],
        )

    def _action_decline(self, reason):
        self.ensure_one()
        self._check_answerable()
        if not (reason or "").strip():
            raise UserError(self.env._("Please give a reason for declining."))
        self.write({"state": "declined", "decline_reason": reason.strip()})
        self.contract_id._retention_set_renewal_state("declined")
        self.message_post(body=self.env._("Offer declined: %(reason)s", reason=reason.strip()))

    @api.model
    def _cron_expire_offers(self):
        today = fields.Date.context_today(self)
        offers = self.search([("state", "=", "sent"), ("deadline", "<", today)], limit=1000)
        offers.write({"state": "expired"})
        self.env["ir.cron"]._notify_progress(done=len(offers), remaining=0 if len(offers) < 1000 else 1)

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.name
