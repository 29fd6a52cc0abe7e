from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

HR_CONTRACT_MANAGER = "hr_contract.group_hr_contract_manager"
RENEWAL_STATES = [
    ("not_due", "Not Due"),
    ("to_review", "To Review"),
    ("offer_sent", "Offer Sent"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("renewed", "Renewed"),
    ("ended", "Ended"),
]
# States a contract can still leave when it closes: not yet renewed or declared ended.
OPEN_RENEWAL_STATES = ("not_due", "to_review", "offer_sent", "accepted", "declined")
# Renewals already settled: no more reminders (a declined offer still needs HR to act).
SETTLED_RENEWAL_STATES = ("accepted", "renewed", "ended")


class HrContract(models.Model):
    """The renewal state of a contract and its offers.

    "Accepted": the employee signed an offer and its successor contract is still a
    draft; "Renewed": a successor is running (or closed).
    """

    # One concern per file (chain and law, reminders, renewal state): each stays short.
    _inherit = "hr.contract"  # pylint: disable=consider-merging-classes-inherited

    # The renewal crons search contracts by their end.
    date_end = fields.Date(index=True)
    retention_renewal_state = fields.Selection(
        RENEWAL_STATES,
        string="Renewal Status",
        default="not_due",
        required=True,
        copy=False,
        index=True,
        tracking=True,
        groups=HR_CONTRACT_MANAGER,
        help="To Review after the first renewal reminder or when an offer is cancelled or expires, "
        "Accepted when the employee signed an offer (the new contract is still a draft), Renewed "
        "when a successor contract runs, Ended when the contract closes without one.",
    )
    retention_offer_ids = fields.One2many(
        "retention.renewal.offer", "contract_id", string="Renewal Offers", groups=HR_CONTRACT_MANAGER
    )
    retention_offer_count = fields.Integer(
        string="Offers", compute="_compute_retention_offer_count", groups=HR_CONTRACT_MANAGER
    )

    # ------------------------------------------------------------------ renewal state
    # The renewal fields are restricted to contract managers, while contracts also change
    # through flows run by others (crons, the employee signing an offer on the portal). The
    # sudo() below only link and update the renewal fields of ``self`` and of its own
    # predecessors, with fixed values; the methods are private (not callable over RPC).

    @api.model_create_multi
    def create(self, vals_list):
        contracts = super().create(vals_list)
        contracts.sudo()._retention_set_default_predecessors()
        contracts._retention_mark_predecessors_renewed()
        return contracts

    def write(self, vals):
        res = super().write(vals)
        if "retention_predecessor_id" in vals or vals.get("state") in ("open", "close"):
            self._retention_mark_predecessors_renewed()
        if vals.get("state") == "close":
            self._retention_mark_ended()
        return res

    def _retention_mark_predecessors_renewed(self):
        """A running (or closed) successor renews its predecessor."""
        predecessors = (
            self.sudo()
            .filtered(lambda c: c.state in ("open", "close"))
            .retention_predecessor_id.filtered(lambda c: c.retention_renewal_state != "renewed")
        )
        if predecessors:
            predecessors.write({"retention_renewal_state": "renewed"})

    def _retention_mark_ended(self):
        """Closed contracts without a successor end their renewal cycle."""
        ended = self.sudo().filtered(
            lambda c: (
                c.state == "close"
                and not c.retention_successor_id
                and c.retention_renewal_state in OPEN_RENEWAL_STATES
            )
        )
        if ended:
            ended.write({"retention_renewal_state": "ended"})

    def _retention_set_renewal_state(self, state):
        """Hook for renewal offers: move the renewal of these contracts to ``state``."""
        if state not in dict(RENEWAL_STATES):
            raise ValueError(state)
        self.sudo().write({"retention_renewal_state": state})

    def _retention_lock_for_offer(self):
        """Lock the rows of these contracts until the end of the transaction.

        Sending, creating and signing an offer take this lock first, so two of them on
        the same contract run one after the other: the second one sees the first one's
        offer or renewal (or fails to serialize and is retried), never both succeed.
        """
        if self.ids:
            self.env.cr.execute(
                SQL("SELECT id FROM hr_contract WHERE id IN %s FOR NO KEY UPDATE", tuple(self.ids))
            )
            self.invalidate_recordset(
                ["retention_renewal_state", "retention_successor_ids", "retention_successor_id"]
            )

    def _retention_check_renewable(self):
        """Refuse an offer on a contract already renewed or with a successor contract."""
        for contract in self.sudo():
            if (
                contract.retention_renewal_state in ("accepted", "renewed")
                or contract.retention_successor_ids
            ):
                raise UserError(
                    self.env._(
                        "Contract %(contract)s is already renewed or has a following contract: "
                        "no renewal offer can be made on it.",
                        contract=contract.name,
                    )
                )

    # ------------------------------------------------------------------ renewal offers

    def _compute_retention_offer_count(self):
        counts = dict(
            self.env["retention.renewal.offer"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.retention_offer_count = counts.get(contract, 0)

    def action_retention_prepare_offer(self):
        """Open a draft renewal offer prefilled from this contract and the law."""
        self.ensure_one()
        if not self.date_end:
            raise ValidationError(self.env._("An open-ended contract has no renewal to offer."))
        date_start = self.date_end + timedelta(days=1)
        open_ended = bool(self.retention_open_ended_right)
        context = {
            "default_contract_id": self.id,
            "default_job_id": self.job_id.id,
            "default_wage": self.wage,
            "default_date_start": date_start,
            "default_open_ended": open_ended,
        }
        if not open_ended:
            # By default the same term again, ending on the eve of its anniversary.
            term = relativedelta(self.date_end + timedelta(days=1), self.date_start)
            context["default_date_end"] = date_start + term - timedelta(days=1)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Renewal Offer"),
            "res_model": "retention.renewal.offer",
            "view_mode": "form",
            "target": "new",
            "views": [
                (self.env.ref("outsourcing_retention.retention_renewal_offer_view_form_dialog").id, "form")
            ],
            "context": context,
        }

    def action_retention_view_offers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "outsourcing_retention.retention_renewal_offer_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action
