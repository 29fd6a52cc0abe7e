from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    retention_kind = fields.Selection(
        [("pulse", "Weekly pulse"), ("wellbeing", "Wellbeing check")],
        string="Retention Survey",
        help="Answers to a retention survey never stay in the survey: they go to anonymous "
        "aggregates and, with the employee's separate consent, to a per-person record.",
    )


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    retention_role = fields.Selection(
        [
            ("enps", "eNPS (0-10)"),
            ("mood", "Mood (1-5)"),
            ("comment", "Comment"),
            ("pss4_1", "PSS-4 item 1"),
            ("pss4_2", "PSS-4 item 2 (reversed)"),
            ("pss4_3", "PSS-4 item 3 (reversed)"),
            ("pss4_4", "PSS-4 item 4"),
            ("gad2_1", "GAD-2 item 1"),
            ("gad2_2", "GAD-2 item 2"),
        ],
        help="What the answer to this question feeds in the retention figures.",
    )
