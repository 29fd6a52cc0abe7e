from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request


class CareerPortal(CustomerPortal):
    def _career_own_employee(self):
        """The logged-in user's own employee record, as sudo.

        sudo is safe here: portal users have no access to hr.employee nor to the career models, and
        the domain keeps only the employee linked to the logged-in user (``user_id``), so nobody
        else's data can be reached; the page renders whitelisted values only.
        """
        return request.env["hr.employee"].sudo().search([("user_id", "=", request.env.user.id)], limit=1)

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "career_track_count" in counters:
            employee = self._career_own_employee()
            values["career_track_count"] = len(employee._career_next_grades()[employee.id]) if employee else 0
        return values

    def _career_page_values(self, employee):
        current = employee._career_current_grade_map()
        next_grades = employee._career_next_grades()[employee.id]
        assessments = employee._career_assess({employee.id: next_grades})
        skill_ids = {item.key for assessment in assessments.values() for item in assessment.items}
        skills = {skill.id: skill.name for skill in request.env["hr.skill"].sudo().browse(skill_ids)}
        CertificateType = request.env["career.certificate.type"].sudo()
        tracks = []
        for grade in next_grades:
            assessment = assessments[employee.id, grade.id]
            gates = []
            for gate in assessment.gates:
                if gate.key == "certificate":
                    label = CertificateType.browse(gate.detail["certificate"]).name
                elif gate.key == "service":
                    label = request.env._(
                        "Service: %(months)s of %(required)s months",
                        months=gate.detail["months"],
                        required=gate.detail["required"],
                    )
                else:
                    label = request.env._("Performance reviews")
                gates.append({"label": label, "status": gate.status})
            tracks.append(
                {
                    "track": grade.track_id.name,
                    "current": current.get((employee.id, grade.track_id.id), grade.browse()).name,
                    "next": grade.name,
                    "readiness": assessment.readiness,
                    "eligible": assessment.eligible,
                    "items": [
                        {
                            "skill": skills[item.key],
                            "actual": item.actual,
                            "required": item.required,
                            "met": item.met,
                        }
                        for item in assessment.items
                    ],
                    "gates": gates,
                }
            )
        plans = (
            request.env["career.training.plan"]
            .sudo()
            .search([("employee_id", "=", employee.id), ("state", "=", "active")])
        )
        certificates = (
            request.env["career.certificate"]
            .sudo()
            .search([("employee_id", "=", employee.id), ("state", "!=", "rejected")])
        )
        cert_states = dict(certificates._fields["state"]._description_selection(request.env))
        return {
            "tracks": tracks,
            "plans": [
                {
                    "grade": plan.grade_id.name,
                    "progress": plan.progress,
                    "deadline": plan.date_deadline,
                    "items": [
                        {
                            "name": item.display_name,
                            "course": item.course_id.name,
                            "done": item.state == "done",
                        }
                        for item in plan.item_ids
                        if item.state != "cancelled"
                    ],
                }
                for plan in plans
            ],
            "certificates": [
                {
                    "name": certificate.certificate_type_id.name,
                    "date_expiry": certificate.date_expiry,
                    "state": certificate.state,
                    "state_label": cert_states[certificate.state],
                }
                for certificate in certificates
            ],
        }

    @http.route(["/my/career"], type="http", auth="user", website=True)
    def portal_my_career(self, **kw):
        employee = self._career_own_employee()
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "career", "has_employee": bool(employee), "tracks": [], "plans": []})
        if employee:
            values.update(self._career_page_values(employee))
        return request.render("career_paths.portal_my_career", values)
