from odoo import fields, models


class HrJob(models.Model):
    _inherit = "hr.job"

    high_pressure = fields.Boolean(
        help="People in this job get the monthly wellbeing check of the high-pressure campaigns."
    )
