from odoo import api, fields, models


class EventRegistration(models.Model):
    """Attending a client's open day marks the employee as interested in that client for the
    reserve pool."""

    _inherit = "event.registration"

    @api.model_create_multi
    def create(self, vals_list):
        registrations = super().create(vals_list)
        registrations._career_record_open_day_interest()
        return registrations

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") == "done":
            self._career_record_open_day_interest()
        return result

    def _career_record_open_day_interest(self):
        attended = self.filtered(
            lambda r: r.state == "done" and r.event_id.career_open_day and r.event_id.career_client_id
        )
        if not attended:
            return
        # sudo: the event user marking attendance may not read employees; the employees are found
        # by the attendee's own partner, and only the interest row is written.
        Employee = self.env["hr.employee"].sudo()
        partners = attended.partner_id
        employees = Employee.search(
            ["|", ("work_contact_id", "in", partners.ids), ("user_id.partner_id", "in", partners.ids)]
        )
        by_partner = {}
        for employee in employees:
            for partner in employee.work_contact_id | employee.user_id.partner_id:
                by_partner.setdefault(partner.id, employee)
        rows = []
        for registration in attended:
            employee = by_partner.get(registration.partner_id.id)
            if not employee:
                continue
            event = registration.event_id
            rows.append(
                {
                    "employee_id": employee.id,
                    "client_id": event.career_client_id.id,
                    "source": "open_day",
                    "date": (event.date_begin and event.date_begin.date()) or fields.Date.context_today(self),
                    "event_id": event.id,
                }
            )
        self.env["career.reserve.interest"].sudo()._record(rows)
