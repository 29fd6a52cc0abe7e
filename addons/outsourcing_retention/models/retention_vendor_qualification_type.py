from odoo import fields, models


class RetentionVendorQualificationType(models.Model):
    _name = "retention.vendor.qualification.type"
    _description = "Vendor Qualification Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    mandatory = fields.Boolean(help="Every vendor must hold a valid qualification of this type.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the type with every company."
    )

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The qualification code must be unique."),
    ]
