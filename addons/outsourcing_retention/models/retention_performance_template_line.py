from odoo import fields, models


class RetentionPerformanceTemplateLine(models.Model):
    _name = "retention.performance.template.line"
    _description = "KPI Template Line"
    _order = "sequence, id"

    template_id = fields.Many2one(
        "retention.performance.template", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    kpi_id = fields.Many2one("retention.performance.kpi", string="KPI", required=True, ondelete="restrict")
    weight = fields.Float(required=True, help="Weight out of 100; the weights of a template sum to 100.")
    target = fields.Float(required=True, default=100)

    _sql_constraints = [
        ("kpi_uniq", "unique(template_id, kpi_id)", "A KPI appears once per template."),
        ("weight_range", "CHECK(weight >= 0 AND weight <= 100)", "A KPI weight is between 0 and 100."),
        ("target_positive", "CHECK(target > 0)", "A KPI target must be greater than zero."),
    ]
