from odoo import fields, models
from odoo.tools import SQL

from ..models.retention_pulse_campaign import KINDS


class RetentionPulseBucket(models.Model):
    """Anonymous running totals per kind (pulse, wellbeing), site and period.

    The only place where answers without consent are kept: counts and sums, no row per
    answer, no user or date columns (``_log_access = False``). Nobody has access rights
    on it; the reports read it through SQL views that hide any bucket under five
    answers. Answers are added with one atomic upsert (``_add``), so two answers at the
    same time both count.
    """

    _name = "retention.pulse.bucket"
    _description = "Anonymous Pulse Totals"
    _log_access = False

    kind = fields.Selection(KINDS, required=True)
    site_id = fields.Many2one("retention.client.site", required=True, index=True, ondelete="cascade")
    client_id = fields.Many2one("res.partner", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, index=True, ondelete="cascade")
    period = fields.Date(
        required=True, help="Monday of the week (pulse) or first day of the month (wellbeing)."
    )
    answer_count = fields.Integer()
    promoter_count = fields.Integer()
    detractor_count = fields.Integer()
    mood_sum = fields.Integer()
    stress_sum = fields.Integer(help="Sum of PSS-4 totals.")
    anxiety_sum = fields.Integer(help="Sum of GAD-2 totals.")
    flagged_count = fields.Integer(help="Answers past the wellbeing thresholds.")

    _sql_constraints = [
        ("site_period_uniq", "unique(kind, site_id, period)", "One bucket per kind, site and period."),
    ]

    def _add(self, kind, site, period, **counts):
        """Add one answer to the bucket of ``site`` and ``period`` (one statement)."""
        columns = (
            "promoter_count",
            "detractor_count",
            "mood_sum",
            "stress_sum",
            "anxiety_sum",
            "flagged_count",
        )
        values = [int(counts.get(column) or 0) for column in columns]
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO retention_pulse_bucket
                       (kind, site_id, client_id, company_id, period, answer_count, %(columns)s)
                VALUES (%(kind)s, %(site)s, %(client)s, %(company)s, %(period)s, 1, %(values)s)
                ON CONFLICT (kind, site_id, period) DO UPDATE SET
                       answer_count = retention_pulse_bucket.answer_count + 1, %(updates)s
                """,
                columns=SQL(", ").join(SQL.identifier(c) for c in columns),
                kind=kind,
                site=site.id,
                client=site.client_id.id,
                company=site.company_id.id,
                period=period,
                values=SQL(", ").join(SQL("%s", v) for v in values),
                updates=SQL(", ").join(
                    SQL(
                        "%s = retention_pulse_bucket.%s + EXCLUDED.%s",
                        SQL.identifier(c),
                        SQL.identifier(c),
                        SQL.identifier(c),
                    )
                    for c in columns
                ),
            )
        )
        self.invalidate_model()
