from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import UserError
from odoo.http import request

# How many past talks of a trio the portal shows.
PAST_TALKS = 6


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

    def _career_trio_values(self, trios, viewer):
        """Whitelisted values of ``trios`` (already restricted to the viewer's own) and their talks.

        ``viewer``: "employee" or "client": the names shown are those of the two other members.
        """
        now = fields.Datetime.now()
        result = []
        # sudo: the trios were found with the user's own rights (they are a member); the sudo
        # record only reads the names of the three members, the talks' notes and action items,
        # which the record rules show to the three members anyway.
        for trio in trios.sudo():
            members = [trio.manager_user_id.name]
            if viewer == "employee":
                members.insert(0, trio.client_partner_id.name)
            else:
                members.insert(0, trio.employee_id.name)
            talks = trio.talk_ids.sorted("date")

            def talk_values(talk):
                return {
                    "id": talk.id,
                    "date": talk.date,
                    "state": talk.state,
                    "notes": talk.notes or "",
                    "actions": [
                        {
                            "name": action.name,
                            "who": action.owner_partner_id.name or "",
                            "deadline": action.date_deadline,
                        }
                        for action in talk.action_item_ids
                        if not action.done
                    ],
                }

            result.append(
                {
                    "id": trio.id,
                    "employee": trio.employee_id.name,
                    "client": trio.client_id.name,
                    "members": members,
                    "date_start": trio.date_start,
                    "date_end": trio.date_end,
                    "goals": trio.goals or "",
                    "upcoming": [talk_values(t) for t in talks if t.date >= now and t.state == "planned"][:3],
                    "past": [talk_values(t) for t in talks if t.date < now or t.state != "planned"][
                        -PAST_TALKS:
                    ][::-1],
                }
            )
        return result

    def _career_employee_trios(self, employee):
        # As the user: the record rules keep a member to their own trios.
        trios = request.env["career.pairing"].search(
            [("employee_id", "=", employee.id), ("state", "in", ("active", "done"))]
        )
        return self._career_trio_values(trios, "employee")

    @http.route(["/my/career"], type="http", auth="user", website=True, methods=["GET"])
    def portal_my_career(self, message=None, **kw):
        employee = self._career_own_employee()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "career",
                "has_employee": bool(employee),
                "tracks": [],
                "plans": [],
                "trios": [],
                "positions": [],
                "message": message if message in ("interest",) else None,
            }
        )
        if employee:
            values.update(self._career_page_values(employee))
            values["trios"] = self._career_employee_trios(employee)
            # sudo: portal users have no access to staffing requests nor matches; the ranking is
            # the logged-in employee's own, and only the positions' facts and their gaps are shown.
            values["positions"] = request.env["career.match"].sudo()._portal_positions(employee.sudo())[0]
        return request.render("career_paths.portal_my_career", values)

    @http.route(
        ["/my/career/positions/<int:request_id>/interest"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_career_interest(self, request_id, **post):
        employee = self._career_own_employee()
        if not employee:
            return request.redirect("/my/career")
        try:
            # A savepoint: an error leaves nothing written.
            with request.env.cr.savepoint():
                # sudo: as on the page; the method accepts only a position shown to this employee.
                request.env["career.match"].sudo()._express_interest(employee, request_id)
        except UserError as error:
            return self._career_error_page(error)
        return request.redirect("/my/career?message=interest#career_positions")

    def _career_error_page(self, error):
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "career", "error_message": error.args[0]})
        return request.render("career_paths.portal_career_error", values, status=400)

    # ------------------------------------------------------------------ client HR
    def _career_client_people(self):
        """The people placed at the client's sites with their career grades, nothing more.

        The people come from outsourcing_retention's ``retention_client_people`` (the sites the
        user may read, whitelisted values); only the name of the current grade on each track is
        added. sudo: client users have no access to assignments nor career grades; the employees
        are those of the assignments that helper returned, and only grade and track names leave.
        """
        people = request.env["retention.client.site"].retention_client_people()
        assignments = request.env["retention.assignment"].sudo().browse([p["id"] for p in people])
        employee_of = {assignment.id: assignment.employee_id for assignment in assignments}
        employees = assignments.employee_id
        grades = employees._career_current_grade_map() if employees else {}
        for person in people:
            employee = employee_of[person["id"]]
            person["grades"] = [
                {"track": grade.track_id.name, "grade": grade.name}
                for (employee_id, _track_id), grade in sorted(
                    grades.items(), key=lambda item: item[1].track_id.sequence
                )
                if employee_id == employee.id
            ]
        return people

    @http.route(["/my/client/trios"], type="http", auth="user", website=True, methods=["GET"])
    def portal_client_trios(self, **kw):
        client = request.env.user._retention_client_partner()
        if not client:
            return request.redirect("/my")
        # As the user: the record rules show a client contact the trios they belong to.
        trios = request.env["career.pairing"].search(
            [
                ("client_partner_id", "=", request.env.user.partner_id.id),
                ("client_id", "=", client.id),
                ("state", "in", ("active", "done")),
            ]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "career_client_trios",
                "trios": self._career_trio_values(trios, "client"),
                "people": self._career_client_people(),
            }
        )
        return request.render("career_paths.portal_client_trios", values)
