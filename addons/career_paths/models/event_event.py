from odoo import fields, models


class EventEvent(models.Model):
    """Client open days (企业客户开放日) are Odoo events with the client they present."""

    _inherit = "event.event"

    career_open_day = fields.Boolean(string="Client Open Day")
    career_client_id = fields.Many2one(
        "res.partner",
        string="Client",
        domain="[('is_outsourcing_client', '=', True)]",
        index="btree_not_null",
        help="The client company that opens its doors to the provider's employees.",
    )
