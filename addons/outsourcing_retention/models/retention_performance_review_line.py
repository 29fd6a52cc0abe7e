from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import performance
from .retention_performance_kpi import SCORING_RULES


class RetentionPerformanceReviewLine(models.Model):
    _name = "retention.performance.review.line"
    _description = "Performance Review KPI"
    _order = "sequence, id"

    review_id = fields.Many2one("retention.performance.review", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    kpi_id = fields.Many2one("retention.performance.kpi", string="KPI", required=True, ondelete="restrict")
    name = fields.Char(related="kpi_id.name")
    unit = fields.Char(related="kpi_id.unit")
    # The scoring is copied from the KPI when the line is created, so that
    # changing a KPI later never rescores past reviews.
    rule = fields.Selection(SCORING_RULES, required=True, default="linear")
    cap = fields.Float(default=performance.DEFAULT_CAP)
    bands = fields.Char()
    lower_is_better = fields.Boolean()
    allow_negative = fields.Boolean()
    weight = fields.Float(required=True)
    target = fields.Float(required=True, default=100)
    actual = fields.Float()
    score = fields.Float(compute="_compute_score", store=True, digits=(5, 2), aggregator="avg")

    _sql_constraints = [
        ("kpi_uniq", "unique(review_id, kpi_id)", "A KPI appears once per review."),
        ("weight_range", "CHECK(weight >= 0 AND weight <= 100)", "A KPI weight is between 0 and 100."),
        ("target_positive", "CHECK(target > 0)", "A KPI target must be greater than zero."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        kpis = self.env["retention.performance.kpi"].browse(
            {vals["kpi_id"] for vals in vals_list if vals.get("kpi_id")}
        )
        for vals in vals_list:
            kpi = kpis.filtered(lambda k, vals=vals: k.id == vals.get("kpi_id"))
            for field in ("rule", "cap", "bands", "lower_is_better", "allow_negative"):
                if kpi and field not in vals:
                    vals[field] = kpi[field]
        lines = super().create(vals_list)
        lines.review_id._retention_check_editable()
        return lines

    def write(self, vals):
        self.review_id._retention_check_editable()
        return super().write(vals)

    def unlink(self):
        self.review_id._retention_check_editable()
        return super().unlink()

    @api.depends("rule", "cap", "bands", "lower_is_better", "weight", "target", "actual")
    def _compute_score(self):
        for line in self:
            try:
                line.score = performance.kpi_score(
                    line.rule,
                    line.actual,
                    line.target,
                    bands=line.bands,
                    cap=line.cap,
                    lower_is_better=line.lower_is_better,
                )
            except ValueError:
                line.score = 0.0

    @api.constrains("actual", "allow_negative")
    def _check_actual(self):
        for line in self:
            if line.actual < 0 and not line.allow_negative:
                raise ValidationError(
                    self.env._(
                        "The actual value of %(kpi)s cannot be negative (%(actual)s).",
                        kpi=line.kpi_id.name,
                        actual=line.actual,
                    )
                )
