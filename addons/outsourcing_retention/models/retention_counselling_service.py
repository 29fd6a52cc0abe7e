from odoo import fields, models


class RetentionCounsellingService(models.Model):
    """A counselling service offered after a wellbeing check past the threshold (EAP, hotline...)."""

    _name = "retention.counselling.service"
    _description = "Counselling Service"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", index=True, help="Empty: offered in every company.")
    phone = fields.Char()
    url = fields.Char(string="Website")
    description = fields.Text(translate=True, help="Shown to the employee: hours, cost, confidentiality.")
