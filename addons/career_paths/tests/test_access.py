from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import TODAY, CareerCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestAccess(CareerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(TODAY):
            cls.certificate = cls._certificate(cls.employee, cls.cert_l3, number="C-1")
            cls.certificate_c2 = cls._certificate(cls.employee_c2, cls.cert_l3, number="C-2")
            cls.promotion = cls.env["career.promotion"].create(
                {"employee_id": cls.employee.id, "track_id": cls.track.id, "grade_to_id": cls.grade_2.id}
            )
            cls.promotion_c2 = cls.env["career.promotion"].create(
                {"employee_id": cls.employee_c2.id, "track_id": cls.track.id, "grade_to_id": cls.grade_2.id}
            )

    def test_configuration(self):
        # Every internal user reads the ladders (the path map); only career managers change them.
        for user in (self.internal, self.officer):
            self.assertTrue(self.grade_2.with_user(user).skill_requirement_ids)
            self.assertTrue(self.cert_l3.with_user(user).name)
            with self.assertRaises(AccessError):
                self.grade_2.with_user(user).min_service_months = 1
            with self.assertRaises(AccessError):
                self.env["career.track"].with_user(user).create({"name": "x", "code": "X"})
        self.grade_2.with_user(self.career_manager).min_service_months = 6
        self.env["career.certificate.type"].with_user(self.career_manager).create({"name": "安全员证"})

    def test_internal_user_sees_no_personal_records(self):
        for model in ("career.certificate", "career.promotion", "career.employee.grade"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.internal).search([])
        with self.assertRaises(AccessError):
            self.certificate.with_user(self.internal).read(["number"])
        self.assertNotIn(
            "career_certificate_ids", self.env["hr.employee"].with_user(self.internal).fields_get()
        )

    def test_officer_company_only(self):
        Certificate = self.env["career.certificate"].with_user(self.officer)
        self.assertEqual(Certificate.search([("number", "in", ("C-1", "C-2"))]), self.certificate)
        with self.assertRaises(AccessError):
            self.certificate_c2.with_user(self.officer).read(["number"])
        with self.assertRaises(AccessError):
            self.promotion_c2.with_user(self.officer).read(["state"])
        with self.assertRaises(AccessError):
            self._certificate(self.employee_c2, self.cert_l4, user=self.officer)
        # ...and the other company's officer sees only theirs.
        self.assertEqual(self.env["career.promotion"].with_user(self.officer_2).search([]), self.promotion_c2)

    def test_officer_records_but_does_not_delete_or_grade(self):
        self.certificate.with_user(self.officer).issuer = "人社局"
        with self.assertRaises(AccessError):
            self.certificate.with_user(self.officer).unlink()
        with self.assertRaises(AccessError):
            self.promotion.with_user(self.officer).unlink()
        # Grades change through approved promotions, not by an officer's hand.
        with self.assertRaises(AccessError):
            self.env["career.employee.grade"].with_user(self.officer).create(
                {"employee_id": self.employee_2.id, "track_id": self.track.id, "grade_id": self.grade_3.id}
            )
        self.assertTrue(self.env["career.employee.grade"].with_user(self.officer).search([]))

    def test_service_start_read_leaks_no_contract(self):
        # The officer has no contract rights; the service gate reads start dates only.
        with self.assertRaises(AccessError):
            self.env["hr.contract"].with_user(self.officer).search([])
        starts = self.employee.with_user(self.officer)._career_service_starts()
        self.assertEqual(list(starts), [self.employee.id])
        self.assertEqual(str(starts[self.employee.id]), "2024-01-01")
        summary = self.employee.with_user(self.officer).career_readiness_summary
        self.assertNotIn("6000", summary)
