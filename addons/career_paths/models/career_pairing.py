from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import pairing


class CareerPairing(models.Model):
    """A mentoring trio (1+1+1 结对): the client's HR director, the provider's project manager and a
    high-potential employee meet for a monthly career talk between a start and an end date."""

    _name = "career.pairing"
    _description = "Mentoring Trio"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee",
        string="High-Potential Employee",
        required=True,
        ondelete="cascade",
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)
    client_partner_id = fields.Many2one(
        "res.partner",
        string="Client HR Director",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        domain="[('commercial_partner_id.is_outsourcing_client', '=', True)]",
        help="A contact of the client company (a portal or an internal user, or neither).",
    )
    client_id = fields.Many2one(
        "res.partner",
        related="client_partner_id.commercial_partner_id",
        string="Client",
        store=True,
        index=True,
    )
    manager_user_id = fields.Many2one(
        "res.users",
        string="Provider Project Manager",
        required=True,
        ondelete="restrict",
        index=True,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    date_start = fields.Date(string="Start", required=True, tracking=True)
    date_end = fields.Date(string="End", required=True, tracking=True)
    goals = fields.Text(tracking=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Running"), ("done", "Finished"), ("cancelled", "Cancelled")],
        required=True,
        default="draft",
        tracking=True,
        readonly=True,
    )
    recurrence_id = fields.Many2one(
        "calendar.recurrence", string="Talk Recurrence", readonly=True, copy=False
    )
    talk_ids = fields.One2many("career.pairing.talk", "pairing_id", string="Career Talks")
    missed_talk_count = fields.Integer(string="Missed Talks", compute="_compute_talk_counts")
    held_talk_count = fields.Integer(string="Held Talks", compute="_compute_talk_counts")

    @api.depends("employee_id.name", "client_id.name")
    def _compute_name(self):
        for trio in self:
            trio.name = f"{trio.employee_id.name or ''} · {trio.client_id.name or ''}"

    def _compute_talk_counts(self):
        counts = {
            (trio.id, state): count
            for trio, state, count in self.env["career.pairing.talk"]._read_group(
                [("pairing_id", "in", self.ids)], ["pairing_id", "state"], ["__count"]
            )
        }
        for trio in self:
            trio.missed_talk_count = counts.get((trio.id, "missed"), 0)
            trio.held_talk_count = counts.get((trio.id, "held"), 0)

    @api.constrains("employee_id", "client_partner_id", "manager_user_id", "date_start", "date_end")
    def _check_three_people(self):
        for trio in self:
            if trio.date_start and trio.date_end and trio.date_end < trio.date_start:
                raise ValidationError(self.env._("A trio must end after it starts."))
            # sudo: compares the partners of the three people only.
            employee = trio.employee_id.sudo()
            employee_partners = employee.work_contact_id | employee.user_id.partner_id
            manager_partner = trio.manager_user_id.partner_id
            if (
                trio.client_partner_id in employee_partners
                or manager_partner in employee_partners
                or manager_partner == trio.client_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "A mentoring trio needs three different people: the client's HR director, "
                        "the provider's project manager and the employee (%(employee)s).",
                        employee=trio.employee_id.name,
                    )
                )
            if not trio.client_partner_id.commercial_partner_id.is_outsourcing_client:
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a contact of an outsourcing client.",
                        contact=trio.client_partner_id.display_name,
                    )
                )

    def write(self, vals):
        if (
            self.filtered(lambda t: t.state == "active")
            and {
                "employee_id",
                "client_partner_id",
                "manager_user_id",
                "date_start",
            }
            & vals.keys()
        ):
            raise UserError(self.env._("The people and the start of a running trio cannot change."))
        return super().write(vals)

    # ------------------------------------------------------------------ talks
    def _attendees(self):
        self.ensure_one()
        # sudo: the employee's work contact, to invite them to their own talks.
        return (
            self.client_partner_id | self.manager_user_id.partner_id | self.employee_id.sudo().work_contact_id
        )

    def action_start(self):
        """Schedule the monthly career talks as one recurring calendar event with the three attendees."""
        Event = self.env["calendar.event"].with_context(no_mail_to_attendees=True)
        for trio in self:
            if trio.state != "draft":
                raise UserError(self.env._("Only a draft trio can start."))
            # Monthly on the same day, at most the 28th so that every month has it; the first talk
            # must fall on the rule, or the calendar detaches and archives it.
            day = trio.date_start
            if day.day > 28:
                day = (day + relativedelta(months=1)).replace(day=28)
            first = datetime.combine(day, time(2, 0))  # 10:00 in China (UTC+8)
            event = Event.create(
                {
                    "name": self.env._("Career talk: %(trio)s", trio=trio.name),
                    "start": first,
                    "stop": first + relativedelta(hours=1),
                    "partner_ids": [fields.Command.set(trio._attendees().ids)],
                    "user_id": trio.manager_user_id.id,
                    "recurrency": True,
                    "rrule_type": "monthly",
                    "interval": 1,
                    "month_by": "date",
                    "day": day.day,
                    "end_type": "end_date",
                    "until": trio.date_end,
                    "event_tz": "Asia/Shanghai",
                    "description": trio.goals or "",
                }
            )
            events = event.recurrence_id.calendar_event_ids or event
            self.env["career.pairing.talk"].create(
                [
                    {"pairing_id": trio.id, "event_id": occurrence.id, "date": occurrence.start}
                    for occurrence in events.sorted("start")
                ]
            )
            trio.write({"state": "active", "recurrence_id": event.recurrence_id.id})
        return True

    def action_finish(self):
        self.filtered(lambda t: t.state == "active").write({"state": "done"})

    def action_cancel(self):
        for trio in self:
            future = trio.talk_ids.filtered(lambda t: t.state == "planned")
            future.event_id.with_context(no_mail_to_attendees=True).unlink()
            future.unlink()
        self.write({"state": "cancelled"})

    # ------------------------------------------------------------------ report
    @api.model
    def _retention_comparison(self, as_of=None):
        """Retention of paired people against comparable unpaired people (high-potential, same company).

        An association (trios go to high potentials): groups under five are not shown.
        """
        as_of = as_of or fields.Date.context_today(self)
        trios = self.search([("state", "in", ("active", "done"))])
        Employee = self.env["hr.employee"].with_context(active_test=False)
        paired = trios.employee_id.with_context(active_test=False)
        unpaired = Employee.search(
            [
                ("company_id", "in", (trios.company_id or self.env.company).ids),
                ("career_high_potential", "=", True),
                ("id", "not in", paired.ids),
            ]
        )

        def departures(employees):
            return [None if employee.active else employee.departure_date or as_of for employee in employees]

        return pairing.comparison(departures(paired), departures(unpaired), as_of)

    def action_retention_comparison(self):
        result = self._retention_comparison()
        _ = self.env._

        def show(figures):
            if figures is None:
                return _("fewer than 5 people, not shown")
            return _(
                "%(rate)s %% retained (%(retained)s of %(count)s)",
                rate=figures.rate,
                retained=figures.retained,
                count=figures.count,
            )

        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Retention of paired and comparable unpaired people"),
                "message": _(
                    "Paired: %(paired)s. Unpaired high potentials: %(unpaired)s. "
                    "An association, not a proof of effect.",
                    paired=show(result["paired"]),
                    unpaired=show(result["unpaired"]),
                ),
                "sticky": True,
            },
        }
