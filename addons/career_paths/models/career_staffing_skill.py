from odoo import api, fields, models
from odoo.exceptions import ValidationError


class CareerStaffingSkill(models.Model):
    """A skill an open client position requires, at a minimum level of Odoo's hr_skills scale."""

    _name = "career.staffing.skill"
    _description = "Skill Required by a Staffing Request"
    _order = "request_id, skill_type_id, id"

    request_id = fields.Many2one("retention.staffing.request", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    skill_type_id = fields.Many2one("hr.skill.type", required=True, ondelete="cascade")
    skill_id = fields.Many2one(
        "hr.skill", required=True, ondelete="cascade", domain="[('skill_type_id', '=', skill_type_id)]"
    )
    skill_level_id = fields.Many2one(
        "hr.skill.level",
        string="Minimum Level",
        required=True,
        ondelete="restrict",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    level_progress = fields.Integer(related="skill_level_id.level_progress", string="Level %")
    weight = fields.Float(default=1.0, help="Share of this skill in the match, relative to the others.")

    _sql_constraints = [
        ("request_skill_unique", "unique (request_id, skill_id)", "A position requires each skill once."),
        ("weight_positive", "CHECK (weight > 0)", "The weight of a skill must be positive."),
    ]

    @api.constrains("skill_type_id", "skill_id", "skill_level_id")
    def _check_skill_type(self):
        for line in self:
            if line.skill_id.skill_type_id != line.skill_type_id:
                raise ValidationError(
                    self.env._(
                        "The skill %(skill)s is not of the type %(type)s.",
                        skill=line.skill_id.name,
                        type=line.skill_type_id.name,
                    )
                )
            if line.skill_level_id.skill_type_id != line.skill_type_id:
                raise ValidationError(
                    self.env._(
                        "The level %(level)s is not a level of the skill type %(type)s.",
                        level=line.skill_level_id.name,
                        type=line.skill_type_id.name,
                    )
                )
