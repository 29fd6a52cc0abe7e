from odoo import fields, models

ACTION_TYPES = [
    ("bonus", "Bonus suggestion"),
    ("promotion", "Promotion flag"),
    ("training", "Training offer"),
    ("improvement_plan", "Improvement plan"),
]


class RetentionPerformanceTierAction(models.Model):
    _name = "retention.performance.tier.action"
    _description = "Performance Tier Action"
    _order = "tier_id, sequence, id"

    tier_id = fields.Many2one("retention.performance.tier", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    name = fields.Char(required=True, translate=True)
    action_type = fields.Selection(ACTION_TYPES, required=True)
    bonus_percent = fields.Float(string="Bonus (%)", help="Bonus suggestion, in % of the monthly wage.")
    activity_type_id = fields.Many2one(
        "mail.activity.type", help="Improvement plan: the activity given to the mentor."
    )
    deadline_days = fields.Integer(
        default=30, help="Improvement plan: days from confirmation to the deadline."
    )
    note = fields.Text(translate=True, help="Training offer or improvement-plan instructions.")

    _sql_constraints = [
        ("bonus_range", "CHECK(bonus_percent >= 0 AND bonus_percent <= 100)", "A bonus is 0-100 %."),
        ("deadline_positive", "CHECK(deadline_days > 0)", "The deadline is at least one day away."),
    ]
