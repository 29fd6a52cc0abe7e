from datetime import datetime, time, timedelta

from odoo import api, fields, models


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
        """Employee id -> last contact date (talks and past meetings), in three queries.

        ``employees``: a recordset, or None for every employee (used by search).
        ``since``: only contacts on or after that date.
        """
        today = fields.Date.context_today(self)
        talk_domain = [("date", "<=", today)]
        if employees is not None:
            talk_domain.append(("employee_id", "in", employees.ids))
        if since:
            talk_domain.append(("date", ">=", since))
        # sudo: only the last date per employee is read, never a talk's content.
        groups = self.env["retention.talk"].sudo()._read_group(talk_domain, ["employee_id"], ["date:max"])
        result = {employee.id: day for employee, day in groups}
        meeting_domain = [("start", "<=", fields.Datetime.now())]
        if since:
            meeting_domain.append(("start", ">=", datetime.combine(since, time.min)))
        if employees is not None:
            partners = employees.work_contact_id
            if not partners:
                return result
            meeting_domain.append(("partner_ids", "in", partners.ids))
        # sudo: only the dates and attendees of meetings are read, to date the last contact.
        meetings = self.env["calendar.event"].sudo().search_fetch(meeting_domain, ["start", "partner_ids"])
        if not meetings:
            return result
        Employee = self.sudo().with_context(active_test=False)
        employee_by_partner = {
            employee.work_contact_id.id: employee.id
            for employee in Employee.search_fetch(
                [("work_contact_id", "in", meetings.partner_ids.ids)], ["work_contact_id"]
            )
        }
        for meeting in meetings:
            day = meeting.start.date()
            for partner in meeting.partner_ids:
                employee_id = employee_by_partner.get(partner.id)
                if employee_id and (not result.get(employee_id) or result[employee_id] < day):
                    result[employee_id] = day
        return result

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
