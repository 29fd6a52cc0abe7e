from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import TODAY, CareerCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestReservePool(CareerCase):
    def _entries(self, employees=None):
        domain = [("employee_id", "in", (employees or self.employee | self.employee_2).ids)]
        return self.env["career.reserve.entry"].search(domain)

    def test_refresh_lists_eligible_ready_and_high_potential(self):
        Reserve = self.env["career.reserve.entry"]
        # 王芳: every skill and the certificate (eligible); 刘洋: high potential only.
        self._set_skill(self.employee, self.python, self.advanced)
        self._set_skill(self.employee, self.sql, self.intermediate)
        self._certificate(self.employee, self.cert_l3, state="verified")
        self.employee_2.career_high_potential = True
        Reserve._cron_refresh()
        entries = self._entries()
        self.assertRecordValues(
            entries.sorted(lambda e: (e.employee_id.id, e.track_id.sequence)),
            [
                # on 王芳's own track only; the high potential also for the management entry grade
                {
                    "employee_id": self.employee.id,
                    "grade_id": self.grade_2.id,
                    "eligible": True,
                    "readiness": 100,
                },
                {
                    "employee_id": self.employee_2.id,
                    "grade_id": self.team_lead.id,
                    "eligible": False,
                    "readiness": 100,
                },
                {
                    "employee_id": self.employee_2.id,
                    "grade_id": self.grade_2.id,
                    "eligible": False,
                    "readiness": 0,
                },
            ],
        )
        # Idempotent: a second run replaces the rows one for one.
        Reserve._cron_refresh()
        self.assertEqual(len(self._entries()), 3)
        # The threshold is a setting.
        self.env["ir.config_parameter"].set_param("career_paths.reserve_min_readiness", 101)
        self.employee_2.career_high_potential = False
        Reserve._refresh(self.employee | self.employee_2)
        self.assertEqual(self._entries().mapped("grade_id"), self.grade_2)

    def test_verified_certificate_refreshes_the_employee(self):
        self._set_skill(self.employee, self.python, self.advanced)
        self._set_skill(self.employee, self.sql, self.intermediate)
        self.assertFalse(self._entries(self.employee).filtered("eligible"))
        self._certificate(self.employee, self.cert_l3, user=self.officer, state="verified")
        entry = self._entries(self.employee).filtered("eligible")
        self.assertEqual(
            (entry.grade_id, entry.readiness, entry.date_refreshed), (self.grade_2, 100.0, TODAY)
        )

    def test_client_of_the_current_assignment(self):
        client = self.env["res.partner"].create(
            {"name": "苏州精密制造有限公司", "is_company": True, "is_outsourcing_client": True}
        )
        site = self.env["retention.client.site"].create(
            {"name": "苏州二厂", "code": "SZ-2", "client_id": client.id}
        )
        self.env["retention.assignment"].create(
            {"employee_id": self.employee.id, "site_id": site.id, "date_start": date(2026, 1, 1)}
        )
        self.employee.career_high_potential = True
        self.env["career.reserve.entry"]._refresh(self.employee)
        self.assertEqual(self._entries(self.employee).client_id, client)

    def test_access(self):
        self.employee.career_high_potential = True
        self.employee_c2.career_high_potential = True
        self.env["career.reserve.entry"]._cron_refresh()
        officer_entries = self.env["career.reserve.entry"].with_user(self.officer).search([])
        self.assertEqual(officer_entries.employee_id, self.employee)
        with self.assertRaises(AccessError):
            self.env["career.reserve.entry"].with_user(self.internal).search([])
        with self.assertRaises(AccessError):
            self._entries(self.employee_c2).with_user(self.officer).read(["readiness"])
        with self.assertRaises(AccessError):
            self.employee.with_user(self.internal).career_high_potential = False

    def test_refresh_query_count_does_not_grow(self):
        employees = self.env["hr.employee"].create(
            [{"name": f"员工{i}", "career_high_potential": True} for i in range(30)]
        )
        # 24: one reads the skills contests' transfer recommendations, one the interests in clients
        Reserve = self.env["career.reserve.entry"]
        Reserve._refresh(employees[:3])
        self.env.invalidate_all()
        with self.assertQueryCount(24) as _:
            Reserve._refresh(employees[:3])
        self.env.invalidate_all()
        with self.assertQueryCount(24):
            Reserve._refresh(employees)
