from odoo import fields, models


class RetentionVendorDiligence(models.Model):
    _name = "retention.vendor.diligence"
    _description = "Vendor Due Diligence Line"
    _order = "vendor_id, sequence, id"
    _check_company_auto = True

    vendor_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('is_outsourcing_vendor', '=', True)]",
    )
    item_id = fields.Many2one(
        "retention.vendor.diligence.item",
        required=True,
        ondelete="restrict",
        check_company=True,
    )
    sequence = fields.Integer(related="item_id.sequence", store=True)
    done = fields.Boolean()
    date = fields.Date()
    evidence = fields.Binary(attachment=True, copy=False)
    evidence_name = fields.Char(copy=False)
    note = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    _sql_constraints = [
        (
            "vendor_item_company_uniq",
            "unique(vendor_id, item_id, company_id)",
            "A vendor has one due-diligence line per item.",
        ),
    ]
