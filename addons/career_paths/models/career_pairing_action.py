from odoo import fields, models


class CareerPairingAction(models.Model):
    """Something one of the trio agreed to do after a career talk."""

    _name = "career.pairing.action"
    _description = "Career Talk Action Item"
    _order = "date_deadline, id"

    talk_id = fields.Many2one("career.pairing.talk", required=True, ondelete="cascade", index=True)
    pairing_id = fields.Many2one(related="talk_id.pairing_id", store=True, index=True)
    company_id = fields.Many2one(related="talk_id.company_id", store=True, index=True)
    name = fields.Char(string="Action", required=True)
    owner_partner_id = fields.Many2one("res.partner", string="Who")
    date_deadline = fields.Date(string="Deadline")
    done = fields.Boolean()
