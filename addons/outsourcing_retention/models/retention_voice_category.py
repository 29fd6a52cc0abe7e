from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetentionVoiceCategory(models.Model):
    """What an employee raises in the voice channel (need, suggestion, complaint) and how fast HR answers."""

    _name = "retention.voice.category"
    _description = "Voice Channel Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    response_hours = fields.Integer(
        string="Response Target (hours)",
        required=True,
        default=72,
        help="HR answers items of this category within this many hours; the owner gets a to-do due then.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Default Owner",
        domain="[('share', '=', False)]",
        help="Answers the items of this category. Empty: the regional manager of the employee's site.",
    )

    @api.constrains("response_hours")
    def _check_response_hours(self):
        for category in self:
            if category.response_hours <= 0:
                raise ValidationError(
                    self.env._(
                        "The response target of %(category)s must be at least one hour.",
                        category=category.name,
                    )
                )
