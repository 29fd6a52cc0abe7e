from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html_escape

from .retention_keyword import SEVERITIES

SEVERITY_RANK = {code: rank for rank, (code, _label) in enumerate(SEVERITIES)}
# Written only by _raise_for_text: what the text said, where and who.
PROTECTED_FIELDS = {
    "text",
    "keyword_ids",
    "matched_terms",
    "category_id",
    "severity",
    "site_id",
    "company_id",
    "employee_id",
    "source_model",
    "source_id",
}


class RetentionPulseAlert(models.Model):
    """A free text (pulse answer, voice-channel item) that contains negative keywords.

    Raised by ``_raise_for_text`` in the transaction that saves the text, for the
    site's regional manager; high-severity alerts also reach the retention managers.
    When the text came without the employee's consent (or anonymously), the alert
    holds the text and the site, never the person.
    """

    _name = "retention.pulse.alert"
    _description = "Keyword Alert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    keyword_ids = fields.Many2many(
        "retention.keyword", string="Matched Keywords", readonly=True, ondelete="restrict"
    )
    matched_terms = fields.Char(
        readonly=True, help="The keywords found, as they read when the alert was raised."
    )
    category_id = fields.Many2one(
        "retention.keyword.category",
        readonly=True,
        index=True,
        help="Category of the most severe keyword found.",
    )
    severity = fields.Selection(SEVERITIES, required=True, readonly=True, index=True)
    text = fields.Text(required=True, readonly=True)
    site_id = fields.Many2one("retention.client.site", readonly=True, index=True)
    regional_manager_id = fields.Many2one(
        related="site_id.regional_manager_id", store=True, index="btree_not_null"
    )
    client_id = fields.Many2one(related="site_id.client_id", store=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    employee_id = fields.Many2one(
        "hr.employee",
        readonly=True,
        index="btree_not_null",
        help="Empty when the text was given without consent or anonymously.",
    )
    source_model = fields.Char(readonly=True, help="Model of the record the text came from.")
    source_id = fields.Many2oneReference(model_field="source_model", readonly=True)
    state = fields.Selection(
        [
            ("new", "New"),
            ("acknowledged", "Acknowledged"),
            ("resolved", "Resolved"),
            ("false_positive", "False Positive"),
        ],
        default="new",
        required=True,
        tracking=True,
        index=True,
    )
    resolution = fields.Text(string="What Was Done", tracking=True)
    date_closed = fields.Datetime(string="Closed On", readonly=True)

    @api.depends("category_id", "site_id")
    def _compute_display_name(self):
        for alert in self:
            alert.display_name = " · ".join(
                filter(None, [alert.category_id.name, alert.site_id.name])
            ) or self.env._("Keyword Alert")

    @api.constrains("state", "resolution")
    def _check_resolution(self):
        for alert in self:
            if alert.state == "resolved" and not (alert.resolution or "").strip():
                raise ValidationError(
                    self.env._(
                        "Say what was done before resolving the alert %(alert)s.", alert=alert.display_name
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(self.env._("Keyword alerts are raised by the texts that contain keywords."))
        return super().create(vals_list)

    def write(self, vals):
        if PROTECTED_FIELDS & vals.keys() and not self.env.su:
            raise UserError(self.env._("What an alert found cannot be changed, only how it was handled."))
        return super().write(vals)

    # ------------------------------------------------------------------ raising
    @api.model
    def _raise_for_text(self, text, site, employee=None, source=None):
        """Match ``text`` against the active keywords; create the alert if any matched.

        ``site``: the ``retention.client.site`` the text is about (may be empty);
        ``employee``: the ``hr.employee`` who wrote it, or empty when the text has no
        consent or is anonymous (the alert then never names the person);
        ``source``: the record the text came from (stored as model and id).

        Runs in the caller's transaction and returns the alerts created (an empty or
        one-record recordset in the caller's environment, which the caller usually
        cannot read).
        """
        found = self.env["retention.keyword"]._retention_match(text)
        if not found:
            return self.browse()
        # Superuser: the submitter (often a portal employee) may neither read keywords
        # nor create alerts. Only what the caller gave is written, and the creator of
        # the alert is OdooBot, so an anonymous text is never linked to its writer
        # through create_uid; the caller gets back ids it cannot read.
        Alert = self.with_user(SUPERUSER_ID).with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
        )
        found = found.with_user(SUPERUSER_ID)
        # The caller may hold the site and employee in its own environment (a portal
        # employee cannot read them): read what the alert needs as OdooBot.
        site = site.with_user(SUPERUSER_ID) if site else None
        employee = employee.with_user(SUPERUSER_ID) if employee else None
        worst = max(found, key=lambda keyword: SEVERITY_RANK[keyword.severity])
        company = site.company_id if site else (employee.company_id if employee else self.env.company)
        alert = Alert.create(
            {
                "keyword_ids": [fields.Command.set(found.ids)],
                "matched_terms": ", ".join(found.mapped("term")),
                "category_id": worst.category_id.id,
                "severity": worst.severity,
                "text": text,
                "site_id": site.id if site else False,
                "company_id": company.id,
                "employee_id": employee.id if employee else False,
                "source_model": source._name if source else False,
                "source_id": source.id if source else False,
            }
        )
        alert._notify_managers()
        return self.browse(alert.ids)

    def _notify_managers(self):
        """A to-do for the site's regional manager; high severity also notifies the retention managers.

        Both are written in the language of the user who reads them.
        """
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        managers = self._retention_managers()
        activities = []
        for alert in self:
            manager = alert.regional_manager_id
            if manager.active:
                env = alert.with_context(lang=manager.lang or self.env.lang).env
                activities.append(
                    {
                        "res_model_id": model_id,
                        "res_id": alert.id,
                        "activity_type_id": todo.id,
                        "user_id": manager.id,
                        "date_deadline": fields.Date.context_today(alert),
                        "summary": alert._summary(env),
                        "note": alert._note(env),
                    }
                )
            if alert.severity == "high":
                for lang, partners in managers.get(alert.company_id.id, {}).items():
                    env = alert.with_context(lang=lang).env
                    alert.message_notify(
                        partner_ids=partners,
                        subject=alert._summary(env),
                        body=alert._note(env),
                        subtype_xmlid="mail.mt_note",
                    )
        if activities:
            self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(activities)

    def _summary(self, env):
        return env._(
            "Keyword alert (%(severity)s): %(category)s at %(site)s",
            severity=dict(self._fields["severity"]._description_selection(env)).get(self.severity),
            category=self.category_id.with_env(env).name or "",
            site=self.site_id.name or env._("no site"),
        )

    def _note(self, env):
        return Markup("<p>%s</p><p>%s</p>") % (
            env._("Matched: %(terms)s", terms=self.matched_terms),
            html_escape(self.text),
        )

    def _retention_managers(self):
        """Partner ids of the active retention managers per company and language."""
        group = self.env.ref("outsourcing_retention.group_retention_manager")
        result = {}
        for user in group.users.filtered(lambda u: u.active and not u.share):
            for company in user.company_ids & self.company_id:
                result.setdefault(company.id, {}).setdefault(user.lang or "en_US", []).append(
                    user.partner_id.id
                )
        return result

    # ------------------------------------------------------------------ handling
    def action_acknowledge(self):
        self.filtered(lambda a: a.state == "new").write({"state": "acknowledged"})

    def action_resolve(self):
        for alert in self:
            if not (alert.resolution or "").strip():
                raise UserError(
                    self.env._(
                        "Say what was done before resolving the alert %(alert)s.", alert=alert.display_name
                    )
                )
        self._close("resolved")

    def action_false_positive(self):
        self._close("false_positive")

    def action_reopen(self):
        self.write({"state": "acknowledged", "date_closed": False})

    def _close(self, state):
        self.write({"state": state, "date_closed": fields.Datetime.now()})
        self.activity_ids.action_done()

    def action_open_source(self):
        self.ensure_one()
        if not self.source_model or not self.source_id:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": self.source_model,
            "res_id": self.source_id,
            "view_mode": "form",
            "target": "current",
        }
