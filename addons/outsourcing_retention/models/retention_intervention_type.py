from odoo import fields, models


class RetentionInterventionType(models.Model):
    """A kind of retention measure (manager talk, benefit boost, role adjustment...)."""

    _name = "retention.intervention.type"
    _description = "Intervention Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Used by other modules to act on an intervention of this type.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)

    _sql_constraints = [("code_unique", "unique(code)", "An intervention type code must be unique.")]
