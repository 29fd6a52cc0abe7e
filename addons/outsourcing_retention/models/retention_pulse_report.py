from odoo import fields, models, tools
from odoo.tools import SQL

from ..engine.pulse import MIN_GROUP
from .retention_small_group_report import HiddenFloat


class RetentionPulseReport(models.Model):
    """eNPS and average mood per site, client and week; hidden under 5 answers.

    Read by regional managers for their sites and by retention managers; other
    addons (the client service report) read it too. See retention.small.group.report.
    """

    _name = "retention.pulse.report"
    _inherit = ["retention.small.group.report"]
    _description = "Pulse Report"
    _auto = False
    _order = "week desc, site_id"
    _rec_name = "site_id"

    _hidden_figures = {"enps": ("shown_net", 100, 1), "mood_avg": ("shown_mood_sum", 1, 2)}

    site_id = fields.Many2one("retention.client.site", readonly=True)
    client_id = fields.Many2one("res.partner", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    week = fields.Date(readonly=True, help="Monday of the week.")
    answer_count = fields.Integer(string="Answers", readonly=True, aggregator="sum")
    is_hidden = fields.Boolean(string="Hidden (under 5)", readonly=True)
    enps = HiddenFloat(
        string="eNPS",
        readonly=True,
        aggregator="avg",
        help="Promoters (9-10) minus detractors (0-6), in % of the answers. Empty under 5 answers.",
    )
    mood_avg = HiddenFloat(
        string="Average Mood", readonly=True, aggregator="avg", help="1 to 5. Empty under 5 answers."
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
    CREATE OR REPLACE VIEW %(view)s AS (
        SELECT b.id, b.site_id, b.client_id, b.company_id, b.period AS week,
               b.answer_count,
               b.answer_count < %(min)s AS is_hidden,
               CASE WHEN b.answer_count >= %(min)s THEN
                    ROUND(100.0 * (b.promoter_count - b.detractor_count) / b.answer_count, 1)::float
               END AS enps,
               CASE WHEN b.answer_count >= %(min)s THEN
                    ROUND(b.mood_sum::numeric / b.answer_count, 2)::float
               END AS mood_avg,
               CASE WHEN b.answer_count >= %(min)s THEN b.answer_count ELSE 0 END AS shown_count,
               CASE WHEN b.answer_count >= %(min)s THEN b.promoter_count - b.detractor_count ELSE 0 END
                    AS shown_net,
               CASE WHEN b.answer_count >= %(min)s THEN b.mood_sum ELSE 0 END AS shown_mood_sum
          FROM retention_pulse_bucket b
         WHERE b.kind = 'pulse'
    )
    """,
                view=SQL.identifier(self._table),
                min=MIN_GROUP,
            )
        )
