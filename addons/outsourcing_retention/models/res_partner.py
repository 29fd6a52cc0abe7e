from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_outsourcing_client = fields.Boolean(
        string="Outsourcing Client",
        help="A client company that places outsourced or dispatched workers of this provider at its sites.",
    )
