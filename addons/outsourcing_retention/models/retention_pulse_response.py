from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .retention_pulse_campaign import KINDS


class RetentionPulseResponse(models.Model):
    """A pulse or wellbeing answer kept per person, only with the employee's current consent.

    Readable by retention managers only (ACL and record rules); never shown to regional
    managers, client users or the employee's colleagues.
    """

    _name = "retention.pulse.response"
    _description = "Consented Pulse Answer"
    _order = "period desc, id desc"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _check_company_auto = True

    kind = fields.Selection(KINDS, required=True, readonly=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="cascade", readonly=True)
    site_id = fields.Many2one(
        "retention.client.site", required=True, index=True, ondelete="cascade", readonly=True
    )
    client_id = fields.Many2one(related="site_id.client_id", store=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    period = fields.Date(required=True, index=True, readonly=True)
    consent_id = fields.Many2one("retention.consent", readonly=True, ondelete="set null")
    enps = fields.Integer(string="eNPS Answer", readonly=True)
    mood = fields.Integer(readonly=True)
    comment = fields.Text(readonly=True)
    pss4 = fields.Integer(string="PSS-4", readonly=True)
    gad2 = fields.Integer(string="GAD-2", readonly=True)
    flagged = fields.Boolean(string="Past Threshold", readonly=True)

    def _retention_schedule_followup(self, campaign):
        """A confidential to-do for a retention manager (only with consent: this record exists only then)."""
        for response in self:
            user = (
                campaign.followup_user_id
                or self.env.ref("outsourcing_retention.group_retention_manager").users.filtered(
                    lambda u, r=response: r.company_id in u.company_ids and not u.share
                )[:1]
            )
            if not user:
                continue
            response.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=self.env._("Wellbeing follow-up"),
                note=self.env._(
                    "A wellbeing check passed its threshold: "
                    "offer a confidential talk and the counselling services."
                ),
            )

    @api.model
    def _cron_purge_expired(self, months=12, batch_size=1000):
        """Delete one batch of the answers kept longer than the consent promises (12 months).

        The consent text tells the employee their answers are kept for at most 12 months;
        this job keeps that promise whatever happened to the consent since. The cron runner
        commits each call and calls again while ``_notify_progress`` reports answers remaining.
        """
        limit = fields.Date.context_today(self) - relativedelta(months=months)
        domain = [("period", "<", limit)]
        expired = self.search(domain, limit=batch_size, order="id")
        expired.unlink()
        self.env["ir.cron"]._notify_progress(done=len(expired), remaining=self.search_count(domain))
        return len(expired)
