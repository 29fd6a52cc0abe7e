import threading

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..engine import pulse

CADENCES = [("weekly", "Weekly"), ("biweekly", "Every two weeks"), ("monthly", "Monthly")]
KINDS = [("pulse", "Weekly pulse"), ("wellbeing", "Wellbeing check")]


class RetentionPulseCampaign(models.Model):
    """Who gets a pulse (or wellbeing) survey, and how often.

    A campaign covers one client (all its sites of the company) or one site. Each due
    week the cron opens a wave (unique per campaign and week) and invites, in batches,
    every employee with an active assignment there; the invitation is a token link
    (no login needed) sent by email and listed on the employee's portal (/my/pulse).
    """

    _name = "retention.pulse.campaign"
    _description = "Pulse Campaign"
    _inherit = ["retention.input.mixin"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    kind = fields.Selection(KINDS, required=True, default="pulse")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    client_id = fields.Many2one(
        "res.partner",
        index=True,
        check_company=True,
        domain="[('is_outsourcing_client', '=', True)]",
        help="Every site of this client; leave empty to pick one site.",
    )
    site_id = fields.Many2one("retention.client.site", index=True, check_company=True)
    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        domain="[('retention_kind', '=', kind)]",
        default=lambda self: self.env.ref(
            "outsourcing_retention.survey_retention_pulse", raise_if_not_found=False
        ),
    )
    cadence = fields.Selection(CADENCES, required=True, default="weekly")
    date_start = fields.Date(string="Start", required=True, default=fields.Date.context_today)
    high_pressure_only = fields.Boolean(
        help="Invite only people in a high-pressure job or at a high-pressure site (wellbeing checks)."
    )
    pss4_threshold = fields.Integer(
        string="PSS-4 Threshold",
        default=10,
        help="A PSS-4 total (0-16) from this value on offers a counselling referral.",
    )
    gad2_threshold = fields.Integer(
        string="GAD-2 Threshold",
        default=3,
        help="A GAD-2 total (0-6) from this value on offers a counselling referral (3 is the usual cut-off).",
    )
    followup_user_id = fields.Many2one(
        "res.users",
        string="Follow-up By",
        domain="[('share', '=', False)]",
        help="The retention manager who gets the confidential follow-up of a wellbeing check past a "
        "threshold (employees with consent only).",
    )
    wave_ids = fields.One2many("retention.pulse.wave", "campaign_id", string="Waves")
    wave_count = fields.Integer(compute="_compute_wave_count")

    @api.depends("wave_ids")
    def _compute_wave_count(self):
        counts = dict(
            self.env["retention.pulse.wave"]._read_group(
                [("campaign_id", "in", self.ids)], ["campaign_id"], ["__count"]
            )
        )
        for campaign in self:
            campaign.wave_count = counts.get(campaign, 0)

    @api.constrains("client_id", "site_id", "survey_id", "kind")
    def _check_scope(self):
        for campaign in self:
            if bool(campaign.client_id) == bool(campaign.site_id):
                raise ValidationError(
                    self.env._(
                        "The campaign %(name)s covers either one client or one site.", name=campaign.name
                    )
                )
            if campaign.survey_id.retention_kind != campaign.kind:
                raise ValidationError(
                    self.env._(
                        "The survey %(survey)s is not a %(kind)s survey.",
                        survey=campaign.survey_id.display_name,
                        kind=dict(self._fields["kind"]._description_selection(self.env))[campaign.kind],
                    )
                )

    _sql_constraints = [
        (
            "pss4_threshold_range",
            "CHECK(pss4_threshold BETWEEN 0 AND 16)",
            "The PSS-4 threshold is from 0 to 16.",
        ),
        (
            "gad2_threshold_range",
            "CHECK(gad2_threshold BETWEEN 0 AND 6)",
            "The GAD-2 threshold is from 0 to 6.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_input(vals)
        return super().write(vals)

    # ------------------------------------------------------------------ cron
    @api.model
    def _cron_send_invitations(self, batch_size=500):
        """Open the waves due this week, then invite one batch; the runner calls again while work remains."""
        week = pulse.week_start(fields.Date.context_today(self))
        self._open_due_waves(week)
        Wave = self.env["retention.pulse.wave"]
        waves = Wave.search([("state", "=", "sending")], order="week, id")
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        done = 0
        for wave in waves:
            sent = wave._send_batch(batch_size - done)
            done += sent
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
            if done >= batch_size:
                break
        remaining = sum(waves._pending_count().values()) if done >= batch_size else 0
        self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
        return done

    @api.model
    def _open_due_waves(self, week):
        """One wave per due campaign and week; existing waves are left as they are."""
        due = self.search([]).filtered(lambda c: pulse.wave_due(c.cadence, c.date_start, week))
        if not due:
            return self.env["retention.pulse.wave"]
        Wave = self.env["retention.pulse.wave"]
        existing = Wave.search([("campaign_id", "in", due.ids), ("week", "=", week)]).campaign_id
        return Wave.create([{"campaign_id": c.id, "week": week} for c in due - existing])

    def _scope_sql(self):
        """SQL condition on ``a`` (retention_assignment) and ``s`` (its site) for this campaign."""
        self.ensure_one()
        conditions = [SQL("a.state = 'active'"), SQL("a.company_id = %s", self.company_id.id)]
        if self.site_id:
            conditions.append(SQL("a.site_id = %s", self.site_id.id))
        else:
            conditions.append(SQL("s.client_id = %s", self.client_id.id))
        if self.high_pressure_only:
            conditions.append(
                SQL(
                    "(s.high_pressure OR EXISTS"
                    " (SELECT 1 FROM hr_job j WHERE j.id = a.job_id AND j.high_pressure))"
                )
            )
        return SQL(" AND ").join(conditions)
