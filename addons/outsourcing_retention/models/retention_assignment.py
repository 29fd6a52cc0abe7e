from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import dispatch

COUNTED_STATES = ("planned", "active")
# Fields whose change may add an assignment to the dispatched headcount of a client.
CAP_FIELDS = {"employment_mode", "site_id", "date_start", "date_end", "state"}
# Fields whose change may change how far a staffing request is filled.
REQUEST_FIELDS = {"staffing_request_id", "state", "site_id"}


class RetentionAssignment(models.Model):
    _name = "retention.assignment"
    _description = "Assignment"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "retention.date.state.mixin",
        "retention.input.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    site_id = fields.Many2one(
        "retention.client.site",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    client_id = fields.Many2one("res.partner", related="site_id.client_id", store=True, index=True)
    staffing_request_id = fields.Many2one(
        "retention.staffing.request",
        index="btree_not_null",
        tracking=True,
        check_company=True,
        help="The client's staffing request this assignment fills.",
    )
    company_id = fields.Many2one("res.company", related="site_id.company_id", store=True, index=True)
    job_id = fields.Many2one("hr.job", string="Job Position", tracking=True, check_company=True)
    # Indexed: the daily state cron searches both dates.
    date_start = fields.Date(
        string="Start Date", required=True, index=True, tracking=True, default=fields.Date.context_today
    )
    date_end = fields.Date(
        string="End Date", index=True, tracking=True, help="Last day at the site; empty while open-ended."
    )
    employment_mode = fields.Selection(
        [("outsourcing", "Labour Outsourcing"), ("dispatch", "Labour Dispatch")],
        required=True,
        default="outsourcing",
        tracking=True,
        help="Labour outsourcing (劳务外包): the provider runs the work. Labour dispatch (劳务派遣): "
        "the client directs the worker, within the 10 % cap of its workforce.",
    )
    position_nature = fields.Selection(
        [("temporary", "Temporary"), ("auxiliary", "Auxiliary"), ("substitute", "Substitute")],
        tracking=True,
        help="Dispatched workers may only hold temporary (six months at most), auxiliary or "
        "substitute positions (Labour Contract Law art. 66).",
    )
    contract_id = fields.Many2one(
        "hr.contract",
        check_company=True,
        domain="[('employee_id', '=', employee_id)]",
        groups="hr_contract.group_hr_contract_employee_manager",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("active", "On Assignment"), ("ended", "Ended"), ("cancelled", "Cancelled")],
        required=True,
        default="planned",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="Follows the dates (updated every day); only Cancel sets Cancelled.",
    )
    temporary_overrun = fields.Boolean(
        string="Temporary Position Overrun",
        compute="_compute_temporary_overrun",
        store=True,
        index=True,
        help="A dispatched worker on a temporary position for more than six months. "
        "Recomputed every day for open-ended assignments.",
    )
    cap_override_reason = fields.Text(
        copy=False,
        help="Why a retention manager places a dispatched worker beyond the client's 10 % cap.",
    )
    cap_override_by = fields.Many2one("res.users", readonly=True, copy=False)
    note = fields.Text()

    # ------------------------------------------------------------------ computes

    @api.depends("employee_id.name", "site_id.name")
    def _compute_display_name(self):
        for assignment in self:
            assignment.display_name = self.env._(
                "%(employee)s at %(site)s",
                employee=assignment.employee_id.name or "",
                site=assignment.site_id.name or "",
            )

    @api.depends("employment_mode", "position_nature", "date_start", "date_end", "state")
    def _compute_temporary_overrun(self):
        today = fields.Date.context_today(self)
        for assignment in self:
            assignment.temporary_overrun = bool(
                assignment.employment_mode == "dispatch"
                and assignment.position_nature == "temporary"
                and assignment.state != "cancelled"
                and assignment.date_start
                and (not assignment.date_end or assignment.date_end >= assignment.date_start)
                and dispatch.temporary_position_overrun(assignment.date_start, assignment.date_end, today)
            )

    @api.model
    def _state_from_dates(self, date_start, date_end, today):
        try:
            return dispatch.assignment_state(date_start, date_end or None, today)
        except ValueError:
            return "planned"  # end before start: refused by _check_dates

    # ------------------------------------------------------------------ constraints

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for assignment in self:
            if assignment.date_end and assignment.date_end < assignment.date_start:
                raise ValidationError(
                    self.env._(
                        "The assignment %(assignment)s ends on %(date_end)s, before it starts on "
                        "%(date_start)s.",
                        assignment=assignment.display_name,
                        date_end=assignment.date_end,
                        date_start=assignment.date_start,
                    )
                )

    @api.constrains("employee_id", "date_start", "date_end", "state")
    def _check_overlap(self):
        # sudo: an employee may be placed at a site the current user cannot see; only
        # the dates of the conflicting assignment are revealed in the message.
        others = (
            self.sudo()
            .with_context(active_test=False)
            .search([("employee_id", "in", self.employee_id.ids), ("state", "!=", "cancelled")])
        )
        for assignment in self.filtered(lambda a: a.state != "cancelled"):
            for other in others:
                if other.id == assignment.id or other.employee_id != assignment.employee_id:
                    continue
                if (not other.date_end or other.date_end >= assignment.date_start) and (
                    not assignment.date_end or assignment.date_end >= other.date_start
                ):
                    raise ValidationError(
                        self.env._(
                            "%(employee)s already has an assignment from %(date_start)s to "
                            "%(date_end)s that overlaps these dates.",
                            employee=assignment.employee_id.name,
                            date_start=other.date_start,
                            date_end=other.date_end or self.env._("open end"),
                        )
                    )

    @api.constrains("site_id")
    def _check_site_active(self):
        for assignment in self:
            if not assignment.site_id.active:
                raise ValidationError(
                    self.env._(
                        "The site %(site)s is archived: no one can be assigned to it.",
                        site=assignment.site_id.display_name,
                    )
                )

    @api.constrains("employment_mode", "position_nature")
    def _check_position_nature(self):
        for assignment in self:
            if assignment.employment_mode == "dispatch" and not assignment.position_nature:
                raise ValidationError(
                    self.env._(
                        "The dispatched assignment %(assignment)s needs a position nature: "
                        "temporary, auxiliary or substitute.",
                        assignment=assignment.display_name,
                    )
                )

    # ------------------------------------------------------------------ dispatch cap

    def _cap_key(self):
        """(company, client) whose dispatched headcount includes this assignment, else None."""
        self.ensure_one()
        if self.employment_mode == "dispatch" and self.state in COUNTED_STATES:
            return (self.company_id.id, self.client_id.id)
        return None

    def _check_dispatch_cap(self):
        """Refuse or record a breach of the 10 % cap (劳务派遣暂行规定 art. 4)."""
        counted = self.filtered(lambda a: a._cap_key())
        if not counted:
            return
        # sudo: the cap counts every dispatched worker of the company at the client,
        # including sites the user cannot see; only the numbers leave this method.
        groups = (
            self.sudo()
            .with_context(active_test=False)
            ._read_group(
                [
                    ("company_id", "in", counted.company_id.ids),
                    ("client_id", "in", counted.client_id.ids),
                    ("employment_mode", "=", "dispatch"),
                    ("state", "in", COUNTED_STATES),
                ],
                ["company_id", "client_id"],
                ["__count"],
            )
        )
        counts = {(company.id, client.id): count for company, client, count in groups}
        is_manager = self.env.user.has_group("outsourcing_retention.group_retention_manager")
        for assignment in counted:
            client = assignment.client_id
            dispatched = counts.get(assignment._cap_key(), 0)
            if not dispatch.breaks_cap(dispatched, client.client_workforce):
                continue
            params = {
                "client": client.display_name,
                "dispatched": dispatched,
                "cap": dispatch.max_dispatched(client.client_workforce),
                "workforce": client.client_workforce,
            }
            if not is_manager:
                raise ValidationError(
                    self.env._(
                        "Dispatch cap exceeded at %(client)s: %(dispatched)s dispatched workers, "
                        "but at most %(cap)s are allowed beside a workforce of %(workforce)s "
                        "(Interim Provisions on Labour Dispatch, art. 4). Only a retention "
                        "manager may override the cap.",
                        **params,
                    )
                )
            if not (assignment.cap_override_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Dispatch cap exceeded at %(client)s: %(dispatched)s dispatched workers, "
                        "but at most %(cap)s are allowed beside a workforce of %(workforce)s. "
                        "To override the cap, give a reason in Cap Override Reason.",
                        **params,
                    )
                )
            assignment._record_cap_override(params)

    def _record_cap_override(self, params):
        self.ensure_one()
        self.with_context(retention_cap_override_write=True).write({"cap_override_by": self.env.user.id})
        self.message_post(
            body=self.env._(
                "Dispatch cap overridden by %(user)s at %(client)s (%(dispatched)s dispatched, "
                "cap %(cap)s): %(reason)s",
                user=self.env.user.name,
                reason=self.cap_override_reason,
                **params,
            ),
            partner_ids=self.site_id.regional_manager_id.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        today = fields.Date.context_today(self)
        for vals in vals_list:
            if "state" in vals and vals["state"] not in (False, "planned", "active", "ended"):
                raise UserError(self.env._("Only the Cancel button cancels an assignment."))
            if vals.get("cap_override_by"):
                raise UserError(self._cap_override_by_message())
            date_start = fields.Date.to_date(vals.get("date_start")) or today
            date_end = fields.Date.to_date(vals.get("date_end"))
            vals["state"] = self._state_from_dates(date_start, date_end, today)
        assignments = super().create(vals_list)
        assignments._check_dispatch_cap()
        requests = assignments.staffing_request_id
        if requests:
            requests._retention_check_assignments(assignments)
            requests._retention_sync_fill_state()
        return assignments

    def write(self, vals):
        self._check_input(vals)
        if "state" in vals and not self.env.context.get("retention_assignment_state_write"):
            raise UserError(
                self.env._(
                    "The state of an assignment follows its dates: change the dates, or use End or Cancel."
                )
            )
        if "cap_override_by" in vals and not self.env.context.get("retention_cap_override_write"):
            raise UserError(self._cap_override_by_message())
        watch_cap = bool(CAP_FIELDS & vals.keys())
        before = {assignment.id: assignment._cap_key() for assignment in self} if watch_cap else {}
        requests_before = self.staffing_request_id
        res = super().write(vals)
        if REQUEST_FIELDS & vals.keys():
            if "staffing_request_id" in vals or "site_id" in vals:
                self.staffing_request_id._retention_check_assignments(self)
            (requests_before | self.staffing_request_id)._retention_sync_fill_state()
        if {"date_start", "date_end"} & vals.keys():
            self._date_state_sync(fields.Date.context_today(self))
        if watch_cap:
            self.filtered(lambda a: a._cap_key() and a._cap_key() != before.get(a.id))._check_dispatch_cap()
        return res

    def _cap_override_by_message(self):
        return self.env._(
            "The author of a cap override is recorded by the system: give a Cap Override Reason instead."
        )

    # ------------------------------------------------------------------ state from dates

    def _date_state_target(self, today):
        if self.state == "cancelled":
            return None
        return self._state_from_dates(self.date_start, self.date_end, today)

    def _date_state_write(self, state):
        self.with_context(retention_assignment_state_write=True).write({"state": state})

    def _date_state_refresh(self, today):
        res = super()._date_state_refresh(today)
        # The six months of an open-ended temporary position run with today.
        self.env.add_to_compute(self._fields["temporary_overrun"], self)
        self._recompute_recordset(["temporary_overrun"])
        return res

    # ------------------------------------------------------------------ actions

    def action_cancel(self):
        for assignment in self:
            if assignment.state not in COUNTED_STATES:
                raise UserError(
                    self.env._(
                        "Only planned or active assignments can be cancelled; %(assignment)s is %(state)s.",
                        assignment=assignment.display_name,
                        state=dict(self._fields["state"]._description_selection(self.env))[assignment.state],
                    )
                )
        self.with_context(retention_assignment_state_write=True).write({"state": "cancelled"})
        return True

    def action_end(self, date_end=None):
        """End the assignments: ``date_end`` (default today) becomes their last day.

        The state turns to Ended once that day has passed.
        """
        if date_end:
            date_end = self._input_to_date(date_end, self._input_label(self._fields["date_end"]))
        date_end = date_end or fields.Date.context_today(self)
        for assignment in self:
            if assignment.state != "active":
                raise UserError(
                    self.env._(
                        "Only active assignments can be ended; cancel %(assignment)s instead.",
                        assignment=assignment.display_name,
                    )
                )
        self.write({"date_end": date_end})
        return True

    # ------------------------------------------------------------------ cron

    @api.model
    def _date_state_stale_domain(self, today):
        return [
            "|",
            "|",
            "&",
            ("state", "=", "planned"),
            ("date_start", "<=", today),
            "&",
            ("state", "in", COUNTED_STATES),
            ("date_end", "<", today),
            "&",
            "&",
            "&",
            ("state", "=", "active"),
            ("temporary_overrun", "=", False),
            ("date_end", "=", False),
            "&",
            "&",
            ("employment_mode", "=", "dispatch"),
            ("position_nature", "=", "temporary"),
            ("date_start", "<=", dispatch.latest_overrun_start(today)),
        ]

    @api.model
    def _cron_update_states(self, batch_size=500):
        """Daily: states from dates, temporary overruns from today. Idempotent, batched."""
        return self.with_context(mail_notrack=True)._cron_sync_date_states(batch_size)
