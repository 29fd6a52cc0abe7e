import secrets

from odoo import SUPERUSER_ID, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..engine import pulse


class RetentionPulseInvitation(models.Model):
    """One employee's invitation to one wave: a token link that needs no login.

    The invitation never points to the answer. Opening it creates an answer in the
    survey that carries no partner, e-mail or user (see survey.user_input); the
    invitation only records that it was used, so that it is used once. The model keeps
    no create/write dates or users (``_log_access = False``): nothing to line up with
    the time an answer came in.
    """

    _name = "retention.pulse.invitation"
    _description = "Pulse Invitation"
    _order = "id desc"
    _log_access = False

    wave_id = fields.Many2one("retention.pulse.wave", required=True, index=True, ondelete="cascade")
    campaign_id = fields.Many2one(related="wave_id.campaign_id", store=True, index=True)
    kind = fields.Selection(related="wave_id.campaign_id.kind")
    company_id = fields.Many2one(related="wave_id.company_id", store=True, index=True)
    week = fields.Date(related="wave_id.week", store=True, index=True)
    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="cascade")
    site_id = fields.Many2one("retention.client.site", required=True, ondelete="cascade")
    access_token = fields.Char(
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: secrets.token_urlsafe(24),
        groups="base.group_system",
    )
    state = fields.Selection([("sent", "Sent"), ("used", "Opened")], required=True, default="sent")
    url = fields.Char(string="Link", compute="_compute_url", groups="base.group_system")

    _sql_constraints = [
        ("wave_employee_uniq", "unique(wave_id, employee_id)", "An employee is invited once per wave."),
        ("token_uniq", "unique(access_token)", "Invitation tokens are unique."),
    ]

    def _compute_url(self):
        for invitation in self:
            invitation.url = f"{invitation.get_base_url()}/pulse/{invitation.access_token}"

    def _send(self):
        """E-mail the invitations (one batch, rendered in each employee's language)."""
        template = self.env.ref(
            "outsourcing_retention.mail_template_pulse_invitation", raise_if_not_found=False
        )
        with_email = self.filtered(lambda i: i.employee_id.work_email or i.employee_id.work_contact_id.email)
        if template and with_email:
            # sudo: the template reads the token of invitations the cron just created.
            template.sudo().send_mail_batch(with_email.ids)

    def _open_answer(self):
        """Use the invitation once: create its anonymous survey answer and return it.

        The answer is created by the superuser, with no partner, e-mail or nickname; the
        employee is set on it only while they hold a current separate consent.
        """
        self.ensure_one()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM retention_pulse_invitation"
                " WHERE id = %s AND state = 'sent' FOR NO KEY UPDATE",
                self.id,
            )
        )
        if not self.env.cr.fetchone():
            raise UserError(self.env._("This invitation was already used."))
        invitation = self.sudo()
        kind = invitation.campaign_id.kind
        consented = self.env["retention.consent"]._current_employee_ids(invitation.employee_id, kind)
        period = invitation.week if kind == "pulse" else pulse.month_start(invitation.week)
        answer = (
            invitation.campaign_id.survey_id.with_user(SUPERUSER_ID)
            .sudo()
            ._create_answer(
                check_attempts=False,
                retention_campaign_id=invitation.campaign_id.id,
                retention_site_id=invitation.site_id.id,
                retention_period=period,
                retention_employee_id=invitation.employee_id.id if consented else False,
            )
        )
        invitation.state = "used"
        return answer
