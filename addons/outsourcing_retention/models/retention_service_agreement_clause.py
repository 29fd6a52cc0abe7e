from odoo import fields, models


class RetentionServiceAgreementClause(models.Model):
    _name = "retention.service.agreement.clause"
    _description = "Service Agreement Clause"
    _order = "sequence, id"

    agreement_id = fields.Many2one(
        "retention.service.agreement", required=True, index=True, ondelete="cascade"
    )
    template_id = fields.Many2one("retention.agreement.clause.template", string="Clause Template")
    name = fields.Char(string="Clause", required=True)
    sequence = fields.Integer(default=10)
    mandatory = fields.Boolean()
    status = fields.Selection(
        [("missing", "Missing"), ("present", "Present"), ("reviewed", "Reviewed by Legal")],
        default="missing",
        required=True,
    )
    note = fields.Text()
    company_id = fields.Many2one(related="agreement_id.company_id", store=True, index=True)
