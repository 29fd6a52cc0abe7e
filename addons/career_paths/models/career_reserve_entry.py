from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

HR_OFFICER = "hr.group_hr_user"


class CareerReserveEntry(models.Model):
    """The reserve pool (储备池): who is eligible, nearly ready or high-potential for the next grade
    on a track, refreshed by a cron and whenever a certificate or training changes someone's standing."""

    _name = "career.reserve.entry"
    _description = "Reserve Pool Entry"
    _order = "track_id, eligible desc, readiness desc, id"

    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)
    track_id = fields.Many2one("career.track", required=True, ondelete="cascade", index=True)
    grade_id = fields.Many2one("career.grade", string="Next Grade", required=True, ondelete="cascade")
    readiness = fields.Float(aggregator="avg")
    eligible = fields.Boolean()
    high_potential = fields.Boolean()
    client_id = fields.Many2one("res.partner", help="Where the employee is assigned now.")
    transfer_recommended = fields.Boolean(
        help="Ranked at the top of a skills contest in the last year: recommended for a transfer."
    )
    date_refreshed = fields.Date(string="Refreshed On")
    interest_client_ids = fields.Many2many(
        "res.partner",
        "career_reserve_entry_interest_client_rel",
        "entry_id",
        "client_id",
        string="Interested In",
        help="Clients the employee showed interest in: an open day attended, a contest won at their site.",
    )

    _sql_constraints = [
        (
            "employee_track_unique",
            "unique (employee_id, track_id)",
            "One reserve entry per employee and track.",
        ),
    ]

    @api.model
    def _min_readiness(self):
        # sudo: a system parameter, read only.
        return float(
            self.env["ir.config_parameter"].sudo().get_param("career_paths.reserve_min_readiness", 80)
        )

    @api.model
    def _refresh(self, employees):
        """Replace the entries of ``employees`` (idempotent, a fixed number of queries)."""
        today = fields.Date.context_today(self)
        threshold = self._min_readiness()
        # Next grades on the employee's own tracks; other tracks' entry grades for high potentials only.
        next_grades = employees._career_next_grades()
        held = employees._career_next_grades(held_only=True)
        recommended = set(
            self.env["career.contest.participant"]
            .search(
                [
                    ("employee_id", "in", employees.ids),
                    ("recommended", "=", True),
                    ("contest_id.state", "=", "done"),
                    ("contest_id.date", ">", today - relativedelta(years=1)),
                ]
            )
            .employee_id.ids
        )
        for employee in employees:
            if not employee.career_high_potential and employee.id not in recommended:
                next_grades[employee.id] = held[employee.id]
        interests = defaultdict(set)
        for interest in self.env["career.reserve.interest"].search([("employee_id", "in", employees.ids)]):
            interests[interest.employee_id.id].add(interest.client_id.id)
        assessments = employees._career_assess(next_grades)
        clients = {employee.id: employee.retention_current_client_id.id for employee in employees}
        vals_list = []
        for employee in employees:
            for grade in next_grades[employee.id]:
                assessment = assessments[employee.id, grade.id]
                if not (
                    assessment.eligible
                    or employee.career_high_potential
                    or employee.id in recommended
                    or employee.id in interests
                    or assessment.readiness >= threshold
                ):
                    continue
                vals_list.append(
                    {
                        "employee_id": employee.id,
                        "track_id": grade.track_id.id,
                        "grade_id": grade.id,
                        "readiness": assessment.readiness,
                        "eligible": assessment.eligible,
                        "high_potential": employee.career_high_potential,
                        "transfer_recommended": employee.id in recommended,
                        "client_id": clients[employee.id],
                        "interest_client_ids": [fields.Command.set(sorted(interests[employee.id]))],
                        "date_refreshed": today,
                    }
                )
        self.search([("employee_id", "in", employees.ids)]).unlink()
        return self.create(vals_list)

    @api.model
    def _cron_refresh(self, batch_size=500):
        Employee = self.env["hr.employee"]
        ids = Employee.search([], order="id").ids
        cron = self.env["ir.cron"]
        for start in range(0, len(ids), batch_size):
            batch = Employee.browse(ids[start : start + batch_size])
            self._refresh(batch)
            cron._notify_progress(done=len(batch), remaining=max(len(ids) - start - len(batch), 0))

    def action_refresh(self):
        employees = self.employee_id or self.env["hr.employee"].search([])
        self._refresh(employees)
