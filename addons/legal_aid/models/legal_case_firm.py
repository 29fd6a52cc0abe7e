from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class LegalCase(models.Model):
    """The firm's side of a case: assignment, accept or decline, first-response time."""

    _inherit = "legal.case"

    firm_response = fields.Selection(
        [("pending", "Awaiting the firm"), ("accepted", "Accepted by the firm")],
        readonly=True,
        copy=False,
        index=True,
        help="A firm assigned to the case accepts or declines it within its response target; "
        "a declined case goes back to the coordinator.",
    )
    date_firm_due = fields.Datetime(
        string="Firm Answer Due", readonly=True, copy=False, help="Assignment time plus the firm's target."
    )
    date_arbitration = fields.Date(
        string="Arbitration Applied On",
        readonly=True,
        copy=False,
        help="The day the case moved to arbitration: an arbitration deadline on or after it was met.",
    )
    declined_firm_ids = fields.Many2many(
        "legal.law.firm",
        "legal_case_declined_firm_rel",
        "case_id",
        "firm_id",
        string="Declined By",
        readonly=True,
        copy=False,
        help="Firms that declined the case; they are not suggested again.",
    )
    assignment_ids = fields.One2many(
        "legal.case.assignment",
        "case_id",
        string="Firm Assignments",
        readonly=True,
        groups="legal_aid.group_legal_aid_coordinator",
    )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("stage") == "arbitration":
                vals["date_arbitration"] = fields.Date.context_today(self)
        cases = super().create(vals_list)
        cases.filtered("firm_id")._legal_assign_firm()
        return cases

    def write(self, vals):
        if {"firm_response", "date_firm_due"} & vals.keys() and not self.env.su:
            raise UserError(
                self.env._(
                    "Only the assigned firm answers a case, on the firm portal: its answer cannot be set."
                )
            )
        if vals.get("stage") == "arbitration":
            vals = dict(vals, date_arbitration=fields.Date.context_today(self))
        if "firm_id" in vals:
            vals = dict(vals, firm_response=False, date_firm_due=False)
            # sudo: the system closes the assignments left unanswered when the firm changes.
            self.env["legal.case.assignment"].sudo().search(
                [("case_id", "in", self.ids), ("response", "=", "pending")]
            ).write({"response": "withdrawn"})
        result = super().write(vals)
        if vals.get("firm_id"):
            self._legal_assign_firm()
        return result

    def _legal_assign_firm(self):
        """Open an assignment awaiting the firm's answer, due within its response target."""
        now = fields.Datetime.now()
        # sudo: the assignment log is written by the system only (no ACL to create it);
        # it holds the case, the firm and times.
        Assignment = self.env["legal.case.assignment"].sudo()
        for case in self:
            firm = case.sudo().firm_id
            due = now + timedelta(hours=firm.response_target_hours) if firm.response_target_hours else False
            Assignment.create({"case_id": case.id, "firm_id": firm.id, "date_assigned": now, "date_due": due})
            # sudo: the firm's answer fields are the system's (see write).
            case.sudo().write({"firm_response": "pending", "date_firm_due": due})

    def _legal_firm_answer(self, user, accept, reason=""):
        """``user``, a lawyer of the case's firm, accepts or declines it (called in sudo).

        Records the first-response time on the open assignment. A decline takes the
        firm and its lawyers off the case (they no longer see it) and tells the
        coordinator, who assigns another firm.
        """
        self.ensure_one()
        if isinstance(user, int):  # from the demo data's <function>
            user = self.env["res.users"].browse(user)
        # One answer per assignment: two lawyers of the firm answering at once are
        # serialized on the case's row; the second sees the first's answer (or, in
        # REPEATABLE READ, fails to serialize and is retried by the RPC layer).
        self.flush_recordset()
        self.env.cr.execute(SQL("SELECT id FROM legal_case WHERE id = %s FOR NO KEY UPDATE", self.id))
        self.invalidate_recordset(["firm_id", "firm_response", "lawyer_id"])
        if self.firm_response != "pending":
            raise UserError(
                self.env._("%(case)s is not awaiting the firm's answer any more.", case=self.name)
            )
        if user not in self.firm_id.lawyer_ids:
            raise UserError(self.env._("Only a lawyer of the assigned firm can answer for it."))
        reason = (reason or "").strip()
        if not accept and not reason:
            raise UserError(self.env._("Say why the firm declines the case, for the coordinator."))
        assignment = self.env["legal.case.assignment"].search(
            [("case_id", "=", self.id), ("firm_id", "=", self.firm_id.id), ("response", "=", "pending")],
            order="id desc",
            limit=1,
        )
        now = fields.Datetime.now()
        if assignment:
            hours = (now - assignment.date_assigned).total_seconds() / 3600
            target = self.firm_id.response_target_hours
            assignment.write(
                {
                    "response": "accepted" if accept else "declined",
                    "date_response": now,
                    "responded_by_id": user.id,
                    "response_hours": hours,
                    "within_target": not target or hours <= target,
                    "decline_reason": False if accept else reason[:2000],
                }
            )
        if not self.date_first_response:
            self.date_first_response = now
        if accept:
            self.write({"firm_response": "accepted", "lawyer_id": self.lawyer_id.id or user.id})
            return
        firm = self.firm_id
        self.write(
            {
                "firm_id": False,
                "lawyer_id": False,
                "declined_firm_ids": [fields.Command.link(firm.id)],
            }
        )
        if self.coordinator_id:
            self.message_notify(
                partner_ids=self.coordinator_id.partner_id.ids,
                subject=self.env._("%(firm)s declined %(case)s", firm=firm.name, case=self.name),
                body=self.env._(
                    "%(firm)s declined the case %(case)s: %(reason)s. Assign another firm.",
                    firm=firm.name,
                    case=self.name,
                    reason=reason,
                ),
            )
        else:
            self.message_post(
                body=self.env._("%(firm)s declined the case: %(reason)s", firm=firm.name, reason=reason),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
