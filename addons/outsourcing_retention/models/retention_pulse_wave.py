from odoo import api, fields, models
from odoo.tools import SQL


class RetentionPulseWave(models.Model):
    """The invitations of one campaign for one week (unique per campaign and week)."""

    _name = "retention.pulse.wave"
    _description = "Pulse Wave"
    _order = "week desc, id desc"
    _rec_name = "week"

    campaign_id = fields.Many2one("retention.pulse.campaign", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="campaign_id.company_id", store=True, index=True)
    week = fields.Date(required=True, index=True, help="Monday of the week.")
    state = fields.Selection([("sending", "Sending"), ("done", "Sent")], required=True, default="sending")
    invitation_ids = fields.One2many("retention.pulse.invitation", "wave_id", string="Invitations")
    invitation_count = fields.Integer(compute="_compute_invitation_count")

    _sql_constraints = [
        ("campaign_week_uniq", "unique(campaign_id, week)", "A campaign sends one wave per week."),
    ]

    @api.depends("invitation_ids")
    def _compute_invitation_count(self):
        counts = dict(
            self.env["retention.pulse.invitation"]._read_group(
                [("wave_id", "in", self.ids)], ["wave_id"], ["__count"]
            )
        )
        for wave in self:
            wave.invitation_count = counts.get(wave, 0)

    def _pending_sql(self, select, limit=None):
        self.ensure_one()
        return SQL(
            """
            SELECT %(select)s
              FROM retention_assignment a
              JOIN retention_client_site s ON s.id = a.site_id
             WHERE %(scope)s
               AND NOT EXISTS (SELECT 1 FROM retention_pulse_invitation i
                                WHERE i.wave_id = %(wave)s AND i.employee_id = a.employee_id)
             %(tail)s
            """,
            select=select,
            scope=self.campaign_id._scope_sql(),
            wave=self.id,
            tail=SQL("ORDER BY a.employee_id, a.date_start DESC, a.id LIMIT %s", limit) if limit else SQL(),
        )

    def _pending_count(self):
        counts = {}
        for wave in self:
            self.env.cr.execute(wave._pending_sql(SQL("COUNT(DISTINCT a.employee_id)")))
            counts[wave.id] = self.env.cr.fetchone()[0]
        return counts

    def _send_batch(self, limit):
        """Invite up to ``limit`` employees not yet invited; a constant number of queries."""
        self.ensure_one()
        if limit <= 0:
            return 0
        self.flush_model()
        self.env["retention.pulse.invitation"].flush_model()
        self.env.cr.execute(
            self._pending_sql(SQL("DISTINCT ON (a.employee_id) a.employee_id, a.site_id"), limit=limit)
        )
        rows = self.env.cr.fetchall()
        if not rows:
            self.state = "done"
            return 0
        invitations = self.env["retention.pulse.invitation"].create(
            [
                {"wave_id": self.id, "employee_id": employee_id, "site_id": site_id}
                for employee_id, site_id in rows
            ]
        )
        invitations._send()
        if len(rows) < limit:
            self.state = "done"
        return len(rows)
