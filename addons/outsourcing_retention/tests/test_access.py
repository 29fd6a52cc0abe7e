from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import Form, freeze_time, tagged

from .common import TODAY, RetentionCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestAccess(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(TODAY):
            cls.assignment_a = cls._assign(cls.employee_1, cls.site_a, TODAY - timedelta(days=3))
            cls.assignment_b = cls._assign(cls.employee_2, cls.site_b, TODAY - timedelta(days=3))
            cls.assignment_c2 = cls._assign(cls.employee_c2, cls.site_c2, TODAY - timedelta(days=3))
        cls.Site = cls.env["retention.client.site"]
        cls.Assignment = cls.env["retention.assignment"]

    def test_user_sees_own_sites_only(self):
        self.assertEqual(self.Site.with_user(self.user_a).search([]), self.site_a)
        self.assertEqual(self.Assignment.with_user(self.user_a).search([]), self.assignment_a)
        with self.assertRaises(AccessError):
            self.site_b.with_user(self.user_a).check_access("read")
        with self.assertRaises(AccessError):
            self.assignment_b.with_user(self.user_a).read(["date_start"])

    def test_user_reads_assignment_without_hr_rights(self):
        # hr.employee is HR-only: the employee's name comes from hr.employee.public.
        assignment = self.assignment_a.with_user(self.user_a)
        self.assertFalse(self.user_a.has_group("hr.group_hr_user"))
        values = assignment.read(["employee_id", "site_id", "client_id", "job_id", "state"])[0]
        self.assertEqual(values["employee_id"], (self.employee_1.id, "王芳"))
        self.assertEqual(assignment.display_name, "王芳 at 苏州二厂")
        self.assertNotIn("contract_id", assignment.fields_get())
        # The form opens and saves for this user, as in the web client.
        with Form(assignment) as form:
            form.date_end = TODAY + timedelta(days=60)
        self.assertEqual(assignment.date_end, TODAY + timedelta(days=60))
        web_data = assignment.web_read({"employee_id": {"fields": {"display_name": {}}}, "site_id": {}})
        self.assertEqual(web_data[0]["employee_id"]["display_name"], "王芳")

    def test_user_creates_at_own_site_only(self):
        as_user = self.Assignment.with_user(self.user_a)
        created = as_user.create(
            {
                "employee_id": self.employee_portal.id,
                "site_id": self.site_a.id,
                "date_start": TODAY,
                "date_end": TODAY + timedelta(days=100),
            }
        )
        self.assertEqual(created.site_id, self.site_a)
        with self.assertRaises(AccessError):
            as_user.create(
                {
                    "employee_id": self.employee_portal.id,
                    "site_id": self.site_b.id,
                    "date_start": TODAY + timedelta(days=400),
                }
            )
        with self.assertRaises(AccessError):
            created.unlink()
        with self.assertRaises(AccessError):
            self.Site.with_user(self.user_a).create({"name": "x", "code": "X", "client_id": self.client.id})
        self.site_a.with_user(self.user_a).planned_headcount = 25

    def test_manager_sees_company_only(self):
        sites = self.Site.with_user(self.manager).search([])
        self.assertEqual(sites, self.site_a | self.site_b)
        self.assertEqual(
            self.Assignment.with_user(self.manager).search([]), self.assignment_a | self.assignment_b
        )
        with self.assertRaises(AccessError):
            self.site_c2.with_user(self.manager).read(["name"])
        with self.assertRaises(AccessError):
            self.assignment_c2.with_user(self.manager).write({"note": "x"})
        new_site = self.Site.with_user(self.manager).create(
            {"name": "上海外滩网点", "code": "SH-1", "client_id": self.client.id}
        )
        new_site.unlink()

    def test_hr_officer_reads_not_writes(self):
        as_hr = self.Assignment.with_user(self.hr_officer)
        self.assertEqual(as_hr.search([]), self.assignment_a | self.assignment_b)
        with self.assertRaises(AccessError):
            self.assignment_a.with_user(self.hr_officer).write({"note": "x"})
        with self.assertRaises(AccessError):
            self.assignment_c2.with_user(self.hr_officer).read(["date_start"])

    def test_plain_and_portal_users_have_no_access(self):
        employee_user = self.env["res.users"].create(
            {
                "name": "Plain",
                "login": "ret_plain",
                "groups_id": [(6, 0, [self.env.ref("base.group_user").id])],
            }
        )
        for user in (employee_user, self.portal_user):
            with self.assertRaises(AccessError):
                self.Assignment.with_user(user).search([])
            self.assertFalse(self.Assignment.with_user(user).has_access("read"))
        with self.assertRaises(AccessError):
            self.Site.with_user(employee_user).search([])
        # Portal users may read the sites of their own outsourcing client (client HR);
        # an employee's portal user has none.
        self.assertFalse(self.Site.with_user(self.portal_user).search([]))
        with self.assertRaises(AccessError):
            self.site_a.with_user(self.portal_user).read(["name"])

    def test_employee_fields_are_hr_only(self):
        for name in (
            "retention_assignment_ids",
            "retention_current_site_id",
            "retention_current_client_id",
            "retention_assignment_count",
        ):
            self.assertEqual(self.env["hr.employee"]._fields[name].groups, "hr.group_hr_user")
        # A retention user (no HR rights) still reads an employee's public profile.
        public = self.env["hr.employee"].with_user(self.user_a).browse(self.employee_1.id)
        self.assertEqual(public.name, "王芳")

    def test_compliance_report_for_managers_only(self):
        Report = self.env["retention.dispatch.compliance"]
        self.assertTrue(Report.with_user(self.manager).search([]))
        with self.assertRaises(AccessError):
            Report.with_user(self.user_a).search([])
