from odoo import fields, models, tools
from odoo.tools import SQL


class RetentionVoiceReport(models.Model):
    """Response times of the voice channel: one row per site and month (UTC) of submission.

    The median and the share within target are computed per row by PostgreSQL; they
    are not added up across rows (a median of medians would be wrong), so the views
    group by site and month only.
    """

    _name = "retention.voice.report"
    _description = "Voice Channel Response Times"
    _auto = False
    _order = "month desc, site_id"

    month = fields.Date(readonly=True)
    site_id = fields.Many2one("retention.client.site", readonly=True)
    regional_manager_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    item_count = fields.Integer(string="Items", readonly=True)
    answered_count = fields.Integer(string="Answered", readonly=True)
    within_target_count = fields.Integer(string="Answered in Time", readonly=True)
    median_hours = fields.Float(
        string="Median Response (hours)", digits=(16, 1), aggregator=None, readonly=True
    )
    within_target_rate = fields.Float(
        string="Within Target (%)",
        digits=(5, 1),
        aggregator=None,
        readonly=True,
        help="Share of the month's items answered within their category's target; "
        "items not answered yet count as late once their deadline has passed.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT
                        MIN(i.id) AS id,
                        date_trunc('month', i.date_submitted)::date AS month,
                        i.site_id,
                        MIN(i.regional_manager_id) AS regional_manager_id,
                        i.company_id,
                        COUNT(*) AS item_count,
                        COUNT(i.date_answered) AS answered_count,
                        COUNT(*) FILTER (WHERE i.within_target) AS within_target_count,
                        percentile_cont(0.5) WITHIN GROUP (ORDER BY i.response_hours)
                            FILTER (WHERE i.date_answered IS NOT NULL) AS median_hours,
                        100.0 * COUNT(*) FILTER (WHERE i.within_target)
                            / NULLIF(COUNT(*) FILTER (
                                WHERE i.date_answered IS NOT NULL
                                    OR i.date_deadline < now() AT TIME ZONE 'UTC'
                            ), 0) AS within_target_rate
                    FROM retention_voice_item i
                    GROUP BY date_trunc('month', i.date_submitted)::date, i.site_id, i.company_id
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
