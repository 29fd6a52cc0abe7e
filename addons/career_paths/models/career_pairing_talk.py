from odoo import api, fields, models
from odoo.exceptions import UserError


class CareerPairingTalk(models.Model):
    """One monthly career talk of a trio: its calendar occurrence, notes and action items."""

    _name = "career.pairing.talk"
    _description = "Career Talk"
    _order = "date, id"

    pairing_id = fields.Many2one(
        "career.pairing", string="Trio", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="pairing_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(related="pairing_id.employee_id", store=True, index=True)
    client_partner_id = fields.Many2one(related="pairing_id.client_partner_id", store=True, index=True)
    manager_user_id = fields.Many2one(related="pairing_id.manager_user_id", store=True, index=True)
    event_id = fields.Many2one(
        "calendar.event", string="Calendar Event", ondelete="set null", index="btree_not_null"
    )
    date = fields.Datetime(required=True, index=True)
    state = fields.Selection(
        [("planned", "Planned"), ("held", "Held"), ("missed", "Missed")],
        required=True,
        default="planned",
        readonly=True,
        index=True,
    )
    notes = fields.Text(help="Visible to the three people of the trio and to HR.")
    action_item_ids = fields.One2many("career.pairing.action", "talk_id", string="Action Items")

    def action_mark_held(self):
        for talk in self:
            if talk.date > fields.Datetime.now():
                raise UserError(self.env._("A talk cannot be held before its date."))
        self.write({"state": "held"})

    @api.model
    def _cron_flag_missed(self, batch_size=1000):
        """Flag one batch of the planned talks of the past as missed and tell the manager.

        The cron runner commits each call and calls again while ``_notify_progress`` reports
        talks remaining; a second run changes nothing.
        """
        domain = [("state", "=", "planned"), ("date", "<", fields.Datetime.now())]
        talks = self.search(domain, limit=batch_size, order="id")
        talks.write({"state": "missed"})
        for trio in talks.pairing_id:
            trio.message_post(
                body=self.env._("A monthly career talk of this trio was missed."),
                partner_ids=trio.manager_user_id.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        self.env["ir.cron"]._notify_progress(done=len(talks), remaining=self.search_count(domain))
        return len(talks)
