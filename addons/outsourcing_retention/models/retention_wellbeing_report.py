from odoo import fields, models, tools
from odoo.tools import SQL

from ..engine.pulse import MIN_GROUP
from .retention_small_group_report import HiddenFloat


class RetentionWellbeingReport(models.Model):
    """Stress index (PSS-4, 0-100) and GAD-2 average per site and month; hidden under 5 answers."""

    _name = "retention.wellbeing.report"
    _inherit = ["retention.small.group.report"]
    _description = "Wellbeing Report"
    _auto = False
    _order = "month desc, site_id"
    _rec_name = "site_id"

    _hidden_figures = {
        "stress_index": ("shown_stress_sum", 100.0 / 16, 1),
        "anxiety_avg": ("shown_anxiety_sum", 1, 2),
    }

    site_id = fields.Many2one("retention.client.site", readonly=True)
    client_id = fields.Many2one("res.partner", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    month = fields.Date(readonly=True)
    answer_count = fields.Integer(string="Answers", readonly=True, aggregator="sum")
    is_hidden = fields.Boolean(string="Hidden (under 5)", readonly=True)
    stress_index = HiddenFloat(
        readonly=True, aggregator="avg", help="Average PSS-4 score on a 0-100 scale. Empty under 5 answers."
    )
    anxiety_avg = HiddenFloat(
        string="Average GAD-2", readonly=True, aggregator="avg", help="0 to 6. Empty under 5 answers."
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
    CREATE OR REPLACE VIEW %(view)s AS (
        SELECT b.id, b.site_id, b.client_id, b.company_id, b.period AS month,
               b.answer_count,
               b.answer_count < %(min)s AS is_hidden,
               CASE WHEN b.answer_count >= %(min)s THEN
                    ROUND(b.stress_sum * 100.0 / 16 / b.answer_count, 1)::float
               END AS stress_index,
               CASE WHEN b.answer_count >= %(min)s THEN
                    ROUND(b.anxiety_sum::numeric / b.answer_count, 2)::float
               END AS anxiety_avg,
               CASE WHEN b.answer_count >= %(min)s THEN b.answer_count ELSE 0 END AS shown_count,
               CASE WHEN b.answer_count >= %(min)s THEN b.stress_sum ELSE 0 END AS shown_stress_sum,
               CASE WHEN b.answer_count >= %(min)s THEN b.anxiety_sum ELSE 0 END AS shown_anxiety_sum
          FROM retention_pulse_bucket b
         WHERE b.kind = 'wellbeing'
    )
    """,
                view=SQL.identifier(self._table),
                min=MIN_GROUP,
            )
        )
