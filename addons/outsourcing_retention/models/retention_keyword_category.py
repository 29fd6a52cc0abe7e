from odoo import fields, models


class RetentionKeywordCategory(models.Model):
    _name = "retention.keyword.category"
    _description = "Negative Keyword Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    keyword_ids = fields.One2many("retention.keyword", "category_id", string="Keywords")
