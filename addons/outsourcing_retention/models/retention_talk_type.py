from odoo import fields, models


class RetentionTalkType(models.Model):
    _name = "retention.talk.type"
    _description = "HR Talk Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        help="Marking an activity of this type done on an employee logs a talk of this type.",
    )

    _sql_constraints = [
        (
            "activity_type_uniq",
            "unique(activity_type_id)",
            "An activity type logs talks of one talk type only.",
        ),
    ]
