from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine import client_programme

# What a client user (portal or Client HR) gives when raising an incident; the rest
# (channel, reporter, time, responsible, response) is set by the provider's side.
CLIENT_FIELDS = {"name", "site_id", "severity_id", "category", "description"}
CATEGORIES = [
    ("shortage", "Staff Shortage"),
    ("safety", "Safety"),
    ("quality", "Service Quality"),
    ("conduct", "Conduct"),
    ("dispute", "Labour Dispute"),
    ("other", "Other"),
]


class RetentionClientIncident(models.Model):
    """An incident or escalation a client reports through the emergency contact channel."""

    _name = "retention.client.incident"
    _description = "Client Incident"
    _inherit = ["mail.thread", "mail.activity.mixin", "retention.input.mixin"]
    _order = "reported_at desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True, tracking=True)
    site_id = fields.Many2one(
        "retention.client.site", required=True, index=True, tracking=True, check_company=True
    )
    client_id = fields.Many2one("res.partner", related="site_id.client_id", store=True, index=True)
    company_id = fields.Many2one("res.company", related="site_id.company_id", store=True, index=True)
    channel = fields.Selection(
        [
            ("hotline", "Emergency Hotline"),
            ("phone", "Phone"),
            ("wechat", "WeChat"),
            ("email", "E-mail"),
            ("portal", "Portal"),
            ("visit", "On Site"),
        ],
        default="hotline",
        required=True,
    )
    category = fields.Selection(CATEGORIES, default="other", required=True, tracking=True)
    reporter_id = fields.Many2one(
        "res.partner", string="Reported By", help="The client's contact who reported it."
    )
    reported_at = fields.Datetime(required=True, default=fields.Datetime.now, tracking=True, index=True)
    severity_id = fields.Many2one(
        "retention.incident.severity",
        required=True,
        tracking=True,
        default=lambda self: self.env["retention.incident.severity"].search([], limit=1),
    )
    target_minutes = fields.Integer(
        string="Response Target (minutes)",
        compute="_compute_target_minutes",
        store=True,
        readonly=False,
        help="Taken from the severity; kept as it was when the incident was logged.",
    )
    description = fields.Text()
    user_id = fields.Many2one(
        "res.users", string="Responsible", tracking=True, domain="[('share', '=', False)]"
    )
    first_response_at = fields.Datetime(string="First Response", tracking=True)
    resolved_at = fields.Datetime(string="Resolved", tracking=True)
    resolution = fields.Text()
    response_minutes = fields.Float(
        string="Response Time (minutes)", compute="_compute_response", store=True, aggregator="avg"
    )
    within_target = fields.Boolean(compute="_compute_response", store=True)
    state = fields.Selection(
        [("open", "Open"), ("responded", "Responded"), ("resolved", "Resolved")],
        compute="_compute_state",
        store=True,
        index=True,
        tracking=True,
    )

    _sql_constraints = [
        (
            "response_after_report",
            "CHECK(first_response_at IS NULL OR first_response_at >= reported_at)",
            "The first response cannot precede the report.",
        ),
        (
            "resolved_after_response",
            "CHECK(resolved_at IS NULL OR "
            "(first_response_at IS NOT NULL AND resolved_at >= first_response_at))",
            "An incident is resolved after its first response.",
        ),
    ]

    @api.depends("severity_id")
    def _compute_target_minutes(self):
        for incident in self:
            incident.target_minutes = incident.severity_id.target_minutes or 60

    @api.depends("reported_at", "first_response_at", "target_minutes")
    def _compute_response(self):
        for incident in self:
            minutes = None
            if (
                incident.reported_at
                and incident.first_response_at
                and incident.first_response_at >= incident.reported_at
            ):
                minutes = client_programme.response_minutes(incident.reported_at, incident.first_response_at)
            incident.response_minutes = minutes or 0.0
            incident.within_target = minutes is not None and minutes <= incident.target_minutes

    @api.depends("first_response_at", "resolved_at")
    def _compute_state(self):
        for incident in self:
            incident.state = (
                "resolved" if incident.resolved_at else "responded" if incident.first_response_at else "open"
            )

    def _check_times(self, name, reported_at, first_response_at, resolved_at):
        """The report, the first response and the resolution come in this order (checked
        before anything is written; the table's CHECK constraints hold it too)."""
        to_dt = fields.Datetime.to_datetime
        reported_at, first_response_at, resolved_at = (
            to_dt(reported_at),
            to_dt(first_response_at),
            to_dt(resolved_at),
        )
        if first_response_at and reported_at and first_response_at < reported_at:
            raise ValidationError(
                self.env._("The first response to %(incident)s cannot precede its report.", incident=name)
            )
        if resolved_at and (not first_response_at or resolved_at < first_response_at):
            raise ValidationError(
                self.env._("The incident %(incident)s is resolved after its first response.", incident=name)
            )

    def _retention_is_provider(self):
        return self.env.su or self.env.user.has_group("outsourcing_retention.group_retention_user")

    def _check_client_incident(self, vals, client):
        """A client raises an incident at one of its own sites, with what happened; the
        provider's side of the record is not theirs to set. Nothing is written on refusal."""
        env = self.env
        outside = set(vals) - CLIENT_FIELDS
        if outside:
            raise AccessError(
                env._("You may not set %(fields)s on an incident.", fields=", ".join(sorted(outside)))
            )
        if not (vals.get("name") or "").strip():
            raise ValidationError(env._("Give the incident a short subject."))
        if not (vals.get("description") or "").strip():
            raise ValidationError(env._("Describe what happened, so that the provider can act at once."))
        if not vals.get("site_id"):
            raise ValidationError(env._("Choose the site where it happened."))
        # sudo: the site exists (checked by _check_input); only whether it is the user's own
        # client's is read here, and only its name is shown.
        site = env["retention.client.site"].sudo().browse(vals["site_id"])
        if site.client_id != client or not site.active:
            raise ValidationError(env._("%(site)s is not one of your sites.", site=site.name))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        client = self.env["res.partner"]
        if not self._retention_is_provider():
            client = self.env.user._retention_client_partner()
        now = fields.Datetime.now()
        for vals in vals_list:
            if client:
                self._check_client_incident(vals, client)
                vals.update(
                    {
                        "channel": "portal",
                        "reporter_id": self.env.user.partner_id.id,
                        "reported_at": now,
                    }
                )
            self._check_times(
                vals.get("name"),
                vals.get("reported_at") or now,
                vals.get("first_response_at"),
                vals.get("resolved_at"),
            )
            if not vals.get("user_id") and vals.get("site_id"):
                # sudo: the provider's regional manager of the site answers the incident;
                # only their id is read.
                site = self.env["retention.client.site"].sudo().browse(vals["site_id"])
                vals["user_id"] = site.regional_manager_id.id
        responsibles = [vals.pop("user_id", False) if client else False for vals in vals_list]
        incidents = super().create(vals_list)
        if client:
            for incident, responsible in zip(incidents, responsibles, strict=True):
                if responsible:
                    # sudo: the provider assigns its regional manager (who is subscribed and
                    # told, which a client user may not do); nothing else is written.
                    incident.sudo().user_id = responsible
            # sudo: the client user who raised it follows their own incident (portal users
            # may not manage followers); nobody else is subscribed.
            incidents.sudo().message_subscribe(partner_ids=self.env.user.partner_id.ids)
        incidents._notify_responsible()
        return incidents

    def _notify_responsible(self):
        """After the incident is written: a to-do due now for the provider's responsible,
        with the response target, unless they logged it themselves."""
        # sudo: a client raising an incident has no access to activities; the activity is
        # the provider's own to-do on the incidents just created, naming their client and site.
        for incident in self.sudo():
            responsible = incident.user_id
            if not responsible or responsible == self.env.user:
                continue
            incident.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(self),
                summary=self.env._(
                    "Client incident: respond within %(minutes)s minutes", minutes=incident.target_minutes
                ),
                note=self.env._(
                    "%(client)s reports at %(site)s: %(subject)s",
                    client=incident.client_id.name,
                    site=incident.site_id.name,
                    subject=incident.name,
                ),
                user_id=responsible.id,
            )

    def write(self, vals):
        self._check_input(vals)
        if {"reported_at", "first_response_at", "resolved_at"} & vals.keys():
            for incident in self:
                self._check_times(
                    incident.name,
                    vals.get("reported_at", incident.reported_at),
                    vals.get("first_response_at", incident.first_response_at),
                    vals.get("resolved_at", incident.resolved_at),
                )
        return super().write(vals)

    def action_respond(self):
        now = fields.Datetime.now()
        for incident in self:
            if incident.first_response_at:
                raise UserError(
                    self.env._("The incident %(incident)s was already answered.", incident=incident.name)
                )
        self.write({"first_response_at": now})
        return True

    def action_resolve(self):
        now = fields.Datetime.now()
        for incident in self:
            if incident.resolved_at:
                raise UserError(
                    self.env._("The incident %(incident)s is already resolved.", incident=incident.name)
                )
            vals = {"resolved_at": now}
            if not incident.first_response_at:
                vals["first_response_at"] = now
            incident.write(vals)
        return True
