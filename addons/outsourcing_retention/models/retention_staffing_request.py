from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..engine import staffing

STATES = [
    ("requested", "Requested"),
    ("confirmed", "Confirmed"),
    ("partial", "Partly Filled"),
    ("filled", "Filled"),
    ("cancelled", "Cancelled"),
]
# What a client user may change on a request, and only while it is requested.
CLIENT_FIELDS = {"site_id", "job_id", "quantity", "date_start", "shift", "city", "requirements"}
# Assignments that count as a placed person.
FILLED_ASSIGNMENT_STATES = ("planned", "active", "ended")
PROVIDER_GROUPS = "outsourcing_retention.group_retention_user,outsourcing_retention.group_retention_manager"


class RetentionStaffingRequest(models.Model):
    """An open client position (用工需求): the one place where client demand lives.

    career_paths ``_inherit``s it with skill, level and certificate requirements and
    matches people to it; filling a request creates assignments.

    States: requested (by the client or the provider) → confirmed (by the provider)
    → partly filled → filled, or cancelled. Filled and cancelled requests are closed.
    The state follows the number of people placed (``filled_count``) against
    ``quantity`` once the request is confirmed.
    """

    _name = "retention.staffing.request"
    _description = "Staffing Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "retention.input.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, copy=False, readonly=True, default="/")
    site_id = fields.Many2one(
        "retention.client.site", required=True, index=True, tracking=True, check_company=True
    )
    client_id = fields.Many2one("res.partner", related="site_id.client_id", store=True, index=True)
    company_id = fields.Many2one("res.company", related="site_id.company_id", store=True, index=True)
    job_id = fields.Many2one("hr.job", string="Job Position", tracking=True, check_company=True)
    quantity = fields.Integer(string="Number of People", required=True, default=1, tracking=True)
    date_start = fields.Date(string="Start Date", required=True, index=True, tracking=True)
    shift = fields.Char(tracking=True, help="Working hours or shift pattern, e.g. 两班倒 8:00-20:00.")
    city = fields.Char(compute="_compute_city", store=True, readonly=False, tracking=True)
    requirements = fields.Text()
    state = fields.Selection(
        STATES, default="requested", required=True, tracking=True, index=True, readonly=True, copy=False
    )
    # The people placed: names and wages of the provider's employees are not the
    # client's to browse through the request; they see them on /my/client.
    assignment_ids = fields.One2many(
        "retention.assignment",
        "staffing_request_id",
        string="Assignments",
        groups=f"{PROVIDER_GROUPS},hr.group_hr_user",
    )
    filled_count = fields.Integer(string="Filled", compute="_compute_filled_count", store=True)
    remaining_count = fields.Integer(
        string="Still Needed", compute="_compute_fill_measures", store=True, help="People still to place."
    )
    date_requested = fields.Date(
        string="Request Date",
        required=True,
        readonly=True,
        copy=False,
        default=fields.Date.context_today,
        help="The day the request was recorded; time-to-fill runs from it.",
    )
    date_filled = fields.Date(
        string="Last Start",
        compute="_compute_fill_measures",
        store=True,
        help="Start date of the last person placed on a filled request.",
    )
    time_to_fill = fields.Integer(
        string="Time to Fill (days)",
        compute="_compute_fill_measures",
        store=True,
        aggregator="avg",
        help="Days from the request date to the start of the last person placed; set once filled.",
    )
    fill_rate = fields.Float(
        string="Fill Rate (%)",
        compute="_compute_fill_measures",
        store=True,
        aggregator="avg",
        digits=(5, 1),
        help="People placed over people requested.",
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A staffing request needs at least one person."),
    ]

    # ------------------------------------------------------------------ computes

    @api.depends("site_id.city")
    def _compute_city(self):
        for request in self:
            if not request.city:
                request.city = request.site_id.city

    def _placed_assignments(self):
        self.ensure_one()
        return self.assignment_ids.filtered(lambda a: a.state in FILLED_ASSIGNMENT_STATES)

    @api.depends("assignment_ids.state")
    def _compute_filled_count(self):
        # Stored computes run as superuser; the assignments of the batch are prefetched at once.
        for request in self:
            request.filled_count = len(request._placed_assignments())

    @api.depends("quantity", "filled_count", "state", "date_requested", "assignment_ids.date_start")
    def _compute_fill_measures(self):
        for request in self:
            quantity = max(request.quantity, 0)
            request.remaining_count = staffing.remaining(quantity, request.filled_count)
            request.fill_rate = staffing.fill_rate(quantity, request.filled_count)
            starts = request._placed_assignments().mapped("date_start")
            if request.state == "filled" and starts:
                request.date_filled = max(starts)
                request.time_to_fill = staffing.time_to_fill(request.date_requested, max(starts))
            else:
                request.date_filled = False
                request.time_to_fill = 0

    # ------------------------------------------------------------------ who asks

    def _retention_is_provider(self):
        return self.env.su or self.env.user.has_group("outsourcing_retention.group_retention_user")

    # ------------------------------------------------------------------ checks

    def _check_request_values(self, vals, creating):
        """Clear messages for what a client or an integrator may get wrong; nothing is written."""
        env = self.env
        if "quantity" in vals and (vals["quantity"] is False or vals["quantity"] <= 0):
            raise ValidationError(env._("A staffing request needs at least one person."))
        state_by_hand = "state" in vals and not env.context.get("retention_staffing_state_write")
        if state_by_hand and not (creating and vals["state"] == "requested"):
            raise UserError(
                env._("The state of a staffing request changes through its buttons: Confirm, Fill, Cancel.")
            )
        if creating and not vals.get("site_id"):
            raise ValidationError(env._("A staffing request needs the client site."))
        if creating and not vals.get("date_start"):
            raise ValidationError(env._("A staffing request needs the start date."))
        if vals.get("date_start"):
            date_start = fields.Date.to_date(vals["date_start"])
            if creating and date_start < fields.Date.context_today(self):
                raise ValidationError(
                    env._(
                        "The start date %(date)s is in the past: a staffing request starts today "
                        "at the earliest.",
                        date=date_start,
                    )
                )
        if vals.get("site_id"):
            # sudo: the site exists (checked by _check_input); whether the user may use
            # it is decided here and by the record rules, only its name is shown.
            site = env["retention.client.site"].sudo().browse(vals["site_id"])
            if not site.active:
                raise ValidationError(
                    env._("The site %(site)s is archived: it takes no staffing request.", site=site.name)
                )
            client = env.user._retention_client_partner()
            if client and site.client_id != client and not self._retention_is_provider():
                raise ValidationError(env._("%(site)s is not one of your sites.", site=site.name))

    @api.model
    def _retention_client_fields(self):
        """The fields a client user may set on a request (career_paths adds its requirements)."""
        return CLIENT_FIELDS

    def _check_client_fields(self, field_names):
        if self._retention_is_provider():
            return
        outside = set(field_names) - self._retention_client_fields()
        if outside:
            raise AccessError(
                self.env._(
                    "You may not change %(fields)s on a staffing request.",
                    fields=", ".join(sorted(outside)),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        for vals in vals_list:
            self._check_request_values(vals, creating=True)
            # The state is checked above (requested only); the rest is the client's to give.
            self._check_client_fields(set(vals) - {"state"})
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                # sudo: the sequence is the provider's numbering; client users have no
                # access to ir.sequence and only the next number leaves it.
                vals["name"] = (
                    self.env["ir.sequence"].sudo().next_by_code("retention.staffing.request") or "/"
                )
        requests = super().create(vals_list)
        requests._notify_regional_managers()
        if self.env.user._retention_client_partner():
            # sudo: the client user who asked follows their own requests (portal users may
            # not manage followers); nobody else is subscribed.
            requests.sudo().message_subscribe(partner_ids=self.env.user.partner_id.ids)
        return requests

    def write(self, vals):
        self._check_input(vals)
        self._check_request_values(vals, creating=False)
        if not self.env.context.get("retention_staffing_state_write"):
            self._check_writable(vals)
        res = super().write(vals)
        if "quantity" in vals:
            self._retention_sync_fill_state()
        return res

    def _check_writable(self, vals):
        closed = self.filtered(lambda r: r.state in staffing.CLOSED_STATES)
        if closed:
            raise UserError(
                self.env._(
                    "The staffing request %(request)s is closed (filled or cancelled): it cannot be changed.",
                    request=closed[0].name,
                )
            )
        self._check_client_fields(vals)
        if not self._retention_is_provider() and self.filtered(lambda r: r.state != "requested"):
            raise UserError(
                self.env._("The provider has confirmed this request: ask them for a change, or cancel it.")
            )
        if "quantity" in vals:
            short = self.filtered(lambda r: r.filled_count > vals["quantity"])
            if short:
                raise ValidationError(
                    self.env._(
                        "%(request)s already has %(filled)s people placed: it cannot ask for fewer.",
                        request=short[0].name,
                        filled=short[0].filled_count,
                    )
                )

    def _notify_regional_managers(self):
        """A to-do for the site's regional manager on every new request."""
        for request in self:
            manager = request.site_id.regional_manager_id
            if not manager:
                continue
            # sudo: a client user creating a request has no access to activities; the
            # activity is the provider's own to-do on a request the user just created.
            request.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=fields.Date.context_today(self),
                summary=self.env._("New staffing request: %(request)s", request=request.name),
                note=self.env._(
                    "%(client)s asks for %(quantity)s people at %(site)s from %(date)s.",
                    client=request.client_id.name,
                    quantity=request.quantity,
                    site=request.site_id.name,
                    date=request.date_start,
                ),
                user_id=manager.id,
            )

    # ------------------------------------------------------------------ states

    def _set_state(self, state):
        self.with_context(retention_staffing_state_write=True).write({"state": state})

    def _state_label(self):
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    def _check_provider(self):
        if not self._retention_is_provider():
            raise AccessError(
                self.env._("Only the provider's retention users confirm and fill staffing requests.")
            )
        self.check_access("write")

    def action_confirm(self):
        """The provider accepts the request (the regional manager of its site, or a manager)."""
        self._check_provider()
        for request in self:
            if request.state != "requested":
                raise UserError(
                    self.env._(
                        "Only a requested staffing request can be confirmed; %(request)s is %(state)s.",
                        request=request.name,
                        state=request._state_label(),
                    )
                )
        self._set_state("confirmed")
        self._retention_sync_fill_state()
        return True

    def action_cancel(self):
        """The client or the provider withdraws an open request; its people stay placed."""
        self.check_access("write")
        for request in self:
            if request.state not in staffing.OPEN_STATES:
                raise UserError(
                    self.env._(
                        "Only an open staffing request can be cancelled; %(request)s is %(state)s.",
                        request=request.name,
                        state=request._state_label(),
                    )
                )
        self._set_state("cancelled")
        # sudo: the provider's to-dos on these requests, closed with them; a client user
        # may cancel and has no access to activities.
        self.sudo().activity_ids.action_feedback(feedback=self.env._("Cancelled"))
        return True

    def action_open_fill_wizard(self):
        self.ensure_one()
        self._check_fillable()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Fill %(request)s", request=self.name),
            "res_model": "retention.staffing.fill.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def _check_fillable(self):
        self._check_provider()
        for request in self:
            if request.state not in staffing.FILLABLE_STATES:
                raise UserError(
                    self.env._(
                        "Only a confirmed or partly filled request takes people; %(request)s is %(state)s.",
                        request=request.name,
                        state=request._state_label(),
                    )
                )

    def _retention_sync_fill_state(self):
        """The state follows filled_count against quantity (engine.staffing.fill_state)."""
        # sudo: derived from the assignments only, whoever changed them; no user input.
        for request in self.sudo():
            target = staffing.fill_state(request.state, request.quantity, request.filled_count)
            if target != request.state:
                request._set_state(target)

    def _retention_check_assignments(self, assignments):
        """New people placed on these requests: at the request's site, within its quantity."""
        for request in self.sudo():
            linked = assignments.filtered(lambda a, r=request: a.staffing_request_id == r)
            if request.state not in staffing.FILLABLE_STATES:
                raise ValidationError(
                    self.env._(
                        "Only a confirmed or partly filled request takes people; %(request)s is %(state)s.",
                        request=request.name,
                        state=request._state_label(),
                    )
                )
            if linked.filtered(lambda a, r=request: a.site_id != r.site_id):
                raise ValidationError(
                    self.env._(
                        "The people placed on %(request)s work at its site %(site)s.",
                        request=request.name,
                        site=request.site_id.name,
                    )
                )
            if request.filled_count > request.quantity:
                raise ValidationError(
                    self.env._(
                        "%(request)s asks for %(quantity)s people: %(filled)s would be placed.",
                        request=request.name,
                        quantity=request.quantity,
                        filled=request.filled_count,
                    )
                )

    # ------------------------------------------------------------------ API

    @api.model
    def retention_fill_rates(self, client_ids=None):
        """Fill rate and average time-to-fill per client, over the requests the caller may read.

        Cancelled requests are left out. Returns a list of dicts: client_id, client_name,
        requested, filled, fill_rate (percent), avg_time_to_fill (days over the filled
        requests, False when none).
        """
        domain = [("state", "!=", "cancelled")]
        if client_ids:
            if not isinstance(client_ids, (list, tuple)) or not all(type(i) is int for i in client_ids):
                raise ValidationError(self.env._("client_ids expects a list of ids (whole numbers)."))
            domain.append(("client_id", "in", list(client_ids)))
        totals = self._read_group(domain, ["client_id"], ["quantity:sum", "filled_count:sum"])
        times = dict(
            self._read_group(domain + [("state", "=", "filled")], ["client_id"], ["time_to_fill:avg"])
        )
        return [
            {
                "client_id": client.id,
                "client_name": client.sudo().name,
                "requested": quantity,
                "filled": filled,
                "fill_rate": staffing.fill_rate(quantity, min(filled, quantity)),
                "avg_time_to_fill": round(times[client], 1) if client in times else False,
            }
            for client, quantity, filled in totals
        ]
