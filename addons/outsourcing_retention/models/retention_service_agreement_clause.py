from odoo import api, fields, models


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

    def _check_agreement_editable(self):
        self.agreement_id.filtered(lambda a: a.state not in ("draft", "review"))._raise_locked()

    @api.model_create_multi
    def create(self, vals_list):
        clauses = super().create(vals_list)
        clauses._check_agreement_editable()
        return clauses

    def write(self, vals):
        self._check_agreement_editable()
        res = super().write(vals)
        if "agreement_id" in vals:
            self._check_agreement_editable()
        return res

    def unlink(self):
        self._check_agreement_editable()
        return super().unlink()
