import base64
import binascii
import logging
import uuid
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


class RetentionRenewalOffer(models.Model):
    """The employee's answer to an offer: signature or refusal, the renewed contract, the
    signed PDF. One concern per file: the offer's terms and sending stay in
    retention_renewal_offer.py."""

    _inherit = "retention.renewal.offer"  # pylint: disable=consider-merging-classes-inherited

    def _lock_and_check_answerable(self):
        """Lock the offer and its contract, then check the offer still waits for an answer.

        Two answers at once (two tabs, a double tap) run one after the other: the second
        sees the first's answer and is refused, or fails to serialize and is retried.
        """
        self.ensure_one()
        self.contract_id._retention_lock_for_offer()
        self.env.cr.execute(
            SQL("SELECT id FROM retention_renewal_offer WHERE id = %s FOR NO KEY UPDATE", self.id)
        )
        self.invalidate_recordset()
        self._check_answerable()

    def _check_answerable(self):
        self.ensure_one()
        if self.state != "sent":
            raise UserError(self.env._("This offer is no longer waiting for an answer."))
        if self.deadline < fields.Date.context_today(self):
            raise UserError(self.env._("This offer expired on %(deadline)s.", deadline=self.deadline))

    def _check_answered_by(self, user):
        """Only the employee whose offer it is answers it, logged in as themself."""
        self.ensure_one()
        if not user or user._is_public() or self.employee_id.user_id != user:
            raise UserError(self.env._("Log in as the employee this offer is for to answer it."))

    def _action_sign(self, name, signature, user, ip_address=None):
        """Record the employee's signature and create the renewed contract.

        Called by the portal controller for the logged-in ``user``, who must be the offer's
        employee. Everything is checked before anything is written; the signed PDF is
        rendered after commit by a job (``_cron_render_signed_pdfs``), so it never decides
        whether the signature counts.
        """
        self.ensure_one()
        self._check_answered_by(user)
        if not (name or "").strip():
            raise UserError(self.env._("Type your full name to sign."))
        try:
            if not signature or not base64.b64decode(signature, validate=True):
                raise UserError(self.env._("The signature is missing."))
        except binascii.Error as error:
            raise UserError(self.env._("The signature could not be read.")) from error
        self._lock_and_check_answerable()
        self.contract_id._retention_check_renewable()
        self.write(
            {
                "signature": signature,
                "signed_by": name.strip(),
                "signed_on": fields.Datetime.now(),
                "signed_ip": ip_address,
                "signed_user_id": user.id,
                "signed_pdf_state": "pending",
                "state": "accepted",
                # The link sent to the employee no longer opens the answered offer.
                "access_token": str(uuid.uuid4()),
            }
        )
        new_contract = self._create_renewed_contract()
        self.message_post(body=self.env._("Offer signed by %(name)s.", name=self.signed_by))
        self.env.ref("outsourcing_retention.ir_cron_retention_signed_offer_pdf")._trigger()
        return new_contract

    def _create_renewed_contract(self):
        self.ensure_one()
        # The employee signing on the portal cannot create contracts; the
        # values come from this offer, which HR prepared, not from the request.
        old = self.contract_id.sudo()
        trial_end = (
            self.date_start + relativedelta(months=self.trial_months) - timedelta(days=1)
            if self.trial_months > 0
            else False
        )
        new = old.copy(
            {
                "name": self.env._("%(name)s (renewal)", name=old.name),
                "date_start": self.date_start,
                "date_end": False if self.open_ended else self.date_end,
                "wage": self.wage,
                "job_id": (self.job_id or old.job_id).id,
                "state": "draft",
                "kanban_state": "normal",
                "trial_date_end": trial_end,
                "retention_predecessor_id": old.id,
                "retention_renewal_state": "not_due",
            }
        )
        # Accepted until the new contract runs; it becomes Renewed then (hr_contract_renewal).
        old._retention_set_renewal_state("accepted")
        self.sudo().new_contract_id = new
        new.message_post(
            body=self.env._("Created from the renewal offer signed by %(name)s.", name=self.signed_by),
        )
        return new

    # ------------------------------------------------------------------ signed PDF

    def _render_signed_pdf(self):
        """Render the signed offer as a PDF in the employee's language and keep it."""
        self.ensure_one()
        report = self.env.ref("outsourcing_retention.retention_renewal_offer_report").sudo()
        content, _type = report.with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, self.ids
        )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.name}.pdf",
                    "raw": content,
                    "mimetype": "application/pdf",
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        )
        self.sudo().write({"signed_pdf_id": attachment.id, "signed_pdf_state": "done"})
        return attachment

    @api.model
    def _cron_render_signed_pdfs(self, batch_size=20):
        """Render the PDFs of the signed offers still waiting for theirs; retried until done.

        Each offer renders in its own savepoint: one failure (wkhtmltopdf missing or
        crashing) leaves that offer pending for the next run and the others go on.
        """
        offers = self.search([("signed_pdf_state", "=", "pending")], order="signed_on, id", limit=batch_size)
        failed = 0
        for offer in offers:
            try:
                with self.env.cr.savepoint():
                    offer._render_signed_pdf()
            except UserError as error:
                failed += 1
                _logger.warning("Signed PDF of renewal offer %s not rendered yet: %s", offer.id, error)
        remaining = self.search_count([("signed_pdf_state", "=", "pending")]) - failed
        self.env["ir.cron"]._notify_progress(done=len(offers) - failed, remaining=max(remaining, 0))

    def _action_decline(self, reason, user):
        self.ensure_one()
        self._check_answered_by(user)
        if not (reason or "").strip():
            raise UserError(self.env._("Please give a reason for declining."))
        self._lock_and_check_answerable()
        self.write({"state": "declined", "decline_reason": reason.strip(), "access_token": str(uuid.uuid4())})
        self.contract_id._retention_set_renewal_state("declined")
        self.message_post(body=self.env._("Offer declined: %(reason)s", reason=reason.strip()))
