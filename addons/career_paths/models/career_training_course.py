from odoo import fields, models


class CareerTrainingCourse(models.Model):
    """A course of the catalogue that training plans suggest for a skill gap."""

    _name = "career.training.course"
    _description = "Training Course"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Leave empty to offer the course to every company.")
    kind = fields.Selection(
        [
            ("elearning", "eLearning"),
            ("event", "Classroom Session"),
            ("mentor", "Mentoring"),
            ("external", "External Course"),
        ],
        required=True,
        default="external",
    )
    skill_type_id = fields.Many2one("hr.skill.type", ondelete="cascade")
    skill_id = fields.Many2one(
        "hr.skill",
        string="Skill Developed",
        domain="[('skill_type_id', '=', skill_type_id)]",
        ondelete="cascade",
    )
    certificate_type_id = fields.Many2one(
        "career.certificate.type", string="Prepares For", help="The certificate this course prepares for."
    )
    provider = fields.Char()
    duration_hours = fields.Float(string="Duration (hours)")
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    cost = fields.Monetary(help="Cost per participant.")
    url = fields.Char(string="Link")
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("cost_positive", "CHECK (cost >= 0)", "The cost of a course cannot be negative."),
        ("duration_positive", "CHECK (duration_hours >= 0)", "The duration of a course cannot be negative."),
    ]
