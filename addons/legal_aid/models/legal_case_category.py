from odoo import fields, models


class LegalCaseCategory(models.Model):
    _name = "legal.case.category"
    _description = "Legal Case Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "unique(code)", "The category code must be unique.")]
