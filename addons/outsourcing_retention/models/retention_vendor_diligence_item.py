from odoo import fields, models


class RetentionVendorDiligenceItem(models.Model):
    _name = "retention.vendor.diligence.item"
    _description = "Vendor Due Diligence Item"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the item with every company."
    )
