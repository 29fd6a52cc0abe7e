from odoo import fields, models


class RetentionAgreementClauseTemplate(models.Model):
    _name = "retention.agreement.clause.template"
    _description = "Agreement Clause Template"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    mandatory = fields.Boolean(help="An agreement cannot be approved while this clause is missing.")
    description = fields.Text(translate=True, help="What the clause must cover.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", index=True, help="Leave empty to share the clause with every company."
    )
