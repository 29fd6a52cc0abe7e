import hashlib
import hmac
import secrets
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError

TEXT_MAX_LENGTH = 2000
SECRET_PARAM = "outsourcing_retention.voice_secret"
# Set when the item is submitted, never changed afterwards.
SUBMITTED_FIELDS = {
    "category_id",
    "text",
    "anonymous",
    "employee_id",
    "site_id",
    "company_id",
    "submitter_key",
}


class RetentionVoiceItem(models.Model):
    """A need, suggestion or complaint an employee submits on the portal (员工反馈通道).

    HR answers in the record's thread; the employee reads the answers on /my/voice.
    An anonymous item names nobody: no employee, created and first written by OdooBot,
    no follower nor message from the submitter. The submitter finds their own items
    through ``submitter_key``, a keyed hash of their user id that no screen shows and
    that cannot be turned back into a person without the database's voice secret.
    """

    _name = "retention.voice.item"
    _description = "Voice Channel Item"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_submitted desc, id desc"

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    category_id = fields.Many2one("retention.voice.category", required=True, readonly=True, index=True)
    text = fields.Text(required=True, readonly=True)
    anonymous = fields.Boolean(readonly=True)
    employee_id = fields.Many2one(
        "hr.employee",
        readonly=True,
        index="btree_not_null",
        help="The employee who wrote it; empty for anonymous items.",
    )
    site_id = fields.Many2one(
        "retention.client.site",
        readonly=True,
        index=True,
        help="The site the employee worked at when submitting.",
    )
    regional_manager_id = fields.Many2one(
        related="site_id.regional_manager_id", store=True, index="btree_not_null"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        tracking=True,
        index=True,
        domain="[('share', '=', False)]",
        help="Answers the item before the deadline.",
    )
    submitter_key = fields.Char(readonly=True, index=True, copy=False, groups="base.group_system")
    date_submitted = fields.Datetime(string="Submitted On", required=True, readonly=True, index=True)
    date_deadline = fields.Datetime(string="Answer Due", readonly=True)
    date_answered = fields.Datetime(string="First Answered On", readonly=True)
    response_hours = fields.Float(
        string="Response Time (hours)", readonly=True, digits=(16, 1), aggregator="avg"
    )
    within_target = fields.Boolean(string="Answered in Time", readonly=True)
    state = fields.Selection(
        [("new", "New"), ("answered", "Answered"), ("closed", "Closed")],
        default="new",
        required=True,
        tracking=True,
        index=True,
    )
    alert_ids = fields.One2many(
        "retention.pulse.alert",
        "source_id",
        string="Keyword Alerts",
        domain=[("source_model", "=", "retention.voice.item")],
    )
    alert_count = fields.Integer(compute="_compute_alert_count")

    @api.depends("alert_ids")
    def _compute_alert_count(self):
        for item in self:
            item.alert_count = len(item.alert_ids)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self.env._("Voice-channel items are submitted by employees on the portal."))
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("retention.voice.item") or "/"
            # A named item loaded without a key (imports, demo) is found by its employee's user.
            if not vals.get("submitter_key") and vals.get("employee_id") and not vals.get("anonymous"):
                user = self.env["hr.employee"].browse(vals["employee_id"]).user_id
                if user:
                    vals["submitter_key"] = self._submitter_key(user)
        return super().create(vals_list)

    def write(self, vals):
        if SUBMITTED_FIELDS & vals.keys() and not self.env.su:
            raise UserError(self.env._("What the employee submitted cannot be changed."))
        return super().write(vals)

    # ------------------------------------------------------------------ submitting
    @api.model
    def _ensure_voice_secret(self):
        """The random secret of the submitter keys, created at install (see the data file)."""
        # sudo: a system parameter only this model reads; nothing of it is returned.
        params = self.env["ir.config_parameter"].sudo()
        secret = params.get_param(SECRET_PARAM)
        if not secret:
            secret = secrets.token_hex(32)
            params.set_param(SECRET_PARAM, secret)
        return secret

    @api.model
    def _submitter_key(self, user):
        """The keyed hash that finds a user's own items (anonymous ones included).

        Read-only requests (the portal's counters) never write: the secret exists
        since install.
        """
        # sudo: the secret is read, never returned; only the keyed hash leaves.
        secret = self.env["ir.config_parameter"].sudo().get_param(SECRET_PARAM)
        if not secret:
            secret = self._ensure_voice_secret()
        return hmac.new(secret.encode(), f"voice-user-{user.id}".encode(), hashlib.sha256).hexdigest()

    @api.model
    def _own_domain(self, user):
        return [("submitter_key", "=", self._submitter_key(user))]

    @api.model
    def _retention_submit(self, user, category, text, anonymous=False):
        """Save what the employee linked to ``user`` (the logged-in user) submits, and match its keywords.

        Runs as OdooBot (the portal user has no rights on items): create_uid and
        write_uid never name an anonymous submitter, and no message, follower or
        field links the item to them. Returns the item as superuser: the caller
        renders whitelisted values only.
        """
        text = (text or "").strip()
        category = category.with_user(SUPERUSER_ID).exists()
        if not category or not category.active:
            raise ValidationError(
                self.env._("Choose what you are raising: a need, a suggestion or a complaint.")
            )
        if not text:
            raise ValidationError(self.env._("Write what you would like HR to know."))
        if len(text) > TEXT_MAX_LENGTH:
            raise ValidationError(
                self.env._("Keep it under %(count)s characters, please.", count=TEXT_MAX_LENGTH)
            )
        employee = (
            self.env["hr.employee"]
            .with_user(SUPERUSER_ID)
            .search([("user_id", "=", user.id), ("company_id", "in", user.company_ids.ids)], limit=1)
        )
        if not employee:
            raise ValidationError(self.env._("Only employees can use the voice channel."))
        Item = self.with_user(SUPERUSER_ID).with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
        )
        site = employee.retention_current_site_id
        now = fields.Datetime.now()
        owner = category.user_id or site.regional_manager_id
        item = Item.create(
            {
                "category_id": category.id,
                "text": text,
                "anonymous": bool(anonymous),
                "employee_id": False if anonymous else employee.id,
                "site_id": site.id,
                "company_id": (site.company_id or employee.company_id).id,
                "user_id": owner.id,
                "submitter_key": self._submitter_key(user),
                "date_submitted": now,
                "date_deadline": now + timedelta(hours=category.response_hours),
            }
        )
        if not anonymous and employee.work_contact_id:
            # The employee follows their own item: HR's answers reach them by e-mail too.
            item.message_subscribe(partner_ids=employee.work_contact_id.ids)
        item._schedule_answer_activity()
        self.env["retention.pulse.alert"]._raise_for_text(
            text, site, employee=None if anonymous else employee, source=item
        )
        return item

    def _schedule_answer_activity(self):
        """A to-do for the owner, due at the category's response target, in the owner's language."""
        for item in self.filtered(lambda i: i.user_id.active):
            env = item.with_context(lang=item.user_id.lang or self.env.lang).env
            deadline = fields.Datetime.context_timestamp(
                item.with_user(item.user_id), item.date_deadline
            ).date()
            item.with_context(mail_activity_quick_update=True).activity_schedule(
                act_type_xmlid="mail.mail_activity_data_todo",
                date_deadline=deadline,
                summary=env._(
                    "Answer %(category)s %(name)s",
                    category=item.category_id.with_env(env).name,
                    name=item.name,
                ),
                user_id=item.user_id.id,
            )

    # ------------------------------------------------------------------ answering
    def _message_post_after_hook(self, message, msg_vals):
        # The first answer HR sends to the employee (a comment, not an internal note)
        # stops the response clock.
        if (
            message.message_type == "comment"
            and message.subtype_id == self.env.ref("mail.mt_comment")
            and not self.env.user.share
        ):
            now = fields.Datetime.now()
            for item in self.filtered(lambda i: not i.date_answered):
                hours = (now - item.date_submitted).total_seconds() / 3600
                item.write(
                    {
                        "date_answered": now,
                        "response_hours": hours,
                        "within_target": now <= item.date_deadline,
                        "state": "answered" if item.state == "new" else item.state,
                    }
                )
                item.activity_ids.filtered(lambda a, owner=item.user_id: a.user_id == owner).action_done()
        return super()._message_post_after_hook(message, msg_vals)

    def _retention_answers(self):
        """HR's answers to show the employee: comments only, never internal notes."""
        self.ensure_one()
        comment = self.env.ref("mail.mt_comment")
        return self.message_ids.filtered(
            lambda m: m.message_type == "comment" and m.subtype_id == comment
        ).sorted("id")

    def action_close(self):
        self.write({"state": "closed"})

    def action_reopen(self):
        self.write({"state": "answered" if self.filtered("date_answered") else "new"})

    def action_view_alerts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "outsourcing_retention.retention_pulse_alert_action"
        )
        action["domain"] = [("source_model", "=", self._name), ("source_id", "in", self.ids)]
        return action
