from odoo import fields, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    retention_satisfaction_id = fields.Many2one(
        "retention.client.satisfaction",
        string="Client Satisfaction",
        index="btree_not_null",
        ondelete="set null",
        help="The quarter of the client satisfaction survey this answer belongs to.",
    )
