from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request


class RetentionAssignmentPortal(CustomerPortal):
    def _retention_own_assignments(self):
        """The logged-in user's own assignments, as a sudo recordset.

        sudo is safe here: portal users have no access to hr.employee nor to
        assignments, and the domain keeps only the employees linked to the
        logged-in user (``user_id = request.env.user``), so nobody else's
        assignment can be reached; callers render whitelisted values only.
        """
        employees = request.env["hr.employee"].sudo().search([("user_id", "=", request.env.user.id)])
        if not employees:
            return request.env["retention.assignment"].sudo()
        return (
            request.env["retention.assignment"]
            .sudo()
            .search([("employee_id", "in", employees.ids), ("state", "!=", "cancelled")])
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "retention_assignment_count" in counters:
            values["retention_assignment_count"] = len(self._retention_own_assignments())
        return values

    @http.route(["/my/assignments"], type="http", auth="user", website=True)
    def portal_my_assignments(self, **kw):
        assignments = self._retention_own_assignments()
        states = dict(assignments._fields["state"]._description_selection(request.env))
        rows = [
            {
                "site": assignment.site_id.name,
                "client": assignment.client_id.name,
                "place": " ".join(filter(None, [assignment.site_id.state_id.name, assignment.site_id.city])),
                "date_start": assignment.date_start,
                "date_end": assignment.date_end,
                "state": assignment.state,
                "state_label": states.get(assignment.state),
            }
            for assignment in assignments
        ]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "retention_assignments",
                "current_rows": [r for r in rows if r["state"] in ("planned", "active")],
                "past_rows": [r for r in rows if r["state"] == "ended"],
            }
        )
        return request.render("outsourcing_retention.portal_my_assignments", values)
