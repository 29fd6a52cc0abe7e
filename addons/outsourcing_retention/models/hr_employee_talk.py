from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL


# Kept apart from hr_employee.py while that file is being reworked in parallel (issue 7);
# the two can be merged later.
class HrEmployee(models.Model):
    """Days since HR last talked with the employee: talk log and calendar meetings."""

    _inherit = "hr.employee"  # pylint: disable=consider-merging-classes-inherited

    retention_talk_ids = fields.One2many(
        "retention.talk", "employee_id", string="HR Talks", groups="hr.group_hr_user"
    )
    retention_talk_count = fields.Integer(
        string="HR Talk Count", compute="_compute_retention_last_contact", groups="hr.group_hr_user"
    )
    retention_last_contact_date = fields.Date(
        string="Last HR Contact",
        compute="_compute_retention_last_contact",
        groups="hr.group_hr_user",
        help="The last logged talk or past calendar meeting with the employee as attendee.",
    )
    retention_days_since_contact = fields.Integer(
        string="Days Since Last Contact",
        compute="_compute_retention_last_contact",
        search="_search_retention_days_since_contact",
        groups="hr.group_hr_user",
        help="Empty when HR never had contact with the employee.",
    )

    @api.model
    def _retention_last_contacts(self, employees=None, since=None):
        """Employee id -> last contact date (talks and past meetings), in one query.

        ``employees``: a recordset, or None for every employee (used by search).
        ``since``: only contacts on or after that date.
        """
        today = fields.Date.context_today(self)
        ids = employees.ids if employees is not None else None
        # Plain SQL over the talk log and the meeting attendees: the risk job asks for
        # a thousand employees at a time, and reading their wide hr.employee records
        # (for work_contact_id) would cost more than both lookups. Only dates leave here,
        # never a talk's content or a meeting's subject.
        self.env["retention.talk"].flush_model(["employee_id", "date"])
        self.env["calendar.event"].flush_model(["start", "active", "partner_ids"])
        self.flush_model(["work_contact_id"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT employee_id, MAX(day) FROM (
                    SELECT t.employee_id, t.date AS day
                      FROM retention_talk t
                     WHERE t.date <= %(today)s
                       AND (%(all)s OR t.employee_id = ANY(%(ids)s))
                       AND (%(since)s::date IS NULL OR t.date >= %(since)s::date)
                     UNION ALL
                    SELECT e.id, ev.start::date
                      FROM hr_employee e
                      JOIN calendar_event_res_partner_rel r ON r.res_partner_id = e.work_contact_id
                      JOIN calendar_event ev ON ev.id = r.calendar_event_id
                     WHERE ev.active
                       AND ev.start <= %(now)s
                       AND (%(all)s OR e.id = ANY(%(ids)s))
                       AND (%(since)s::date IS NULL OR ev.start >= %(since)s::date)
                ) contacts
                GROUP BY employee_id
                """,
                today=today,
                all=ids is None,
                ids=ids or [],
                since=since or None,
                now=fields.Datetime.now(),
            )
        )
        return dict(rows)

    def _compute_retention_last_contact(self):
        today = fields.Date.context_today(self)
        last = self._retention_last_contacts(self)
        counts = dict(
            self.env["retention.talk"]
            .sudo()
            ._read_group([("employee_id", "in", self.ids)], ["employee_id"], ["__count"])
        )
        for employee in self:
            day = last.get(employee.id)
            employee.retention_last_contact_date = day
            employee.retention_days_since_contact = (today - day).days if day else False
            employee.retention_talk_count = counts.get(employee, 0)

    def _search_retention_days_since_contact(self, operator, value):
        """Contacted within N days (``<``, ``<=``) or not for more than N days (``>``, ``>=``).

        An employee HR never had contact with counts as not contacted for any N.
        """
        if operator not in ("<", "<=", ">", ">=") or isinstance(value, bool) or not isinstance(value, int):
            raise NotImplementedError(self.env._("Compare the days since last contact with a whole number."))
        days = value if operator in ("<=", ">") else value - 1
        since = fields.Date.context_today(self) - timedelta(days=days)
        contacted = list(self._retention_last_contacts(since=since))
        return [("id", "in" if operator in ("<", "<=") else "not in", contacted)]

    def action_retention_log_talk(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log a Talk"),
            "res_model": "retention.talk",
            "view_mode": "form",
            "target": "new",
            "context": {"default_employee_id": self.id},
        }

    def action_retention_view_talks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("outsourcing_retention.retention_talk_action")
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action
