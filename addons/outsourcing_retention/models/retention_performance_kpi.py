from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import performance

SCORING_RULES = [
    ("linear", "Linear to target"),
    ("capped", "Linear, over-achievement capped"),
    ("banded", "Banded"),
]


class RetentionPerformanceKpi(models.Model):
    _name = "retention.performance.kpi"
    _description = "Performance KPI"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable reference used by integrators to push actual values (XML-RPC).",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    unit = fields.Char(translate=True, help="Unit of the target and the actual value, e.g. %, pieces.")
    rule = fields.Selection(SCORING_RULES, string="Scoring Rule", required=True, default="linear")
    cap = fields.Float(
        default=performance.DEFAULT_CAP,
        help="Capped rule: the highest score an over-achievement can earn (100-200).",
    )
    bands = fields.Char(
        help="Banded rule: 'completion %: score' pairs, e.g. '100:100, 90:80, 75:60'. "
        "A completion under every band scores 0.",
    )
    lower_is_better = fields.Boolean(
        help="For KPIs such as complaints: on or under target is full completion."
    )
    allow_negative = fields.Boolean(
        string="Negative Actuals Allowed",
        help="Accept negative actual values (e.g. a growth rate); otherwise they are refused.",
    )

    _sql_constraints = [("code_uniq", "unique(code)", "The KPI code must be unique.")]

    @api.constrains("rule", "cap", "bands")
    def _check_rule(self):
        for kpi in self:
            try:
                if kpi.rule == "banded":
                    performance.parse_bands(kpi.bands)
                elif kpi.rule == "capped":
                    performance.kpi_score("capped", 1, 1, cap=kpi.cap)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The scoring of the KPI %(kpi)s is invalid: %(error)s", kpi=kpi.name, error=error
                    )
                ) from error
