from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .client_common import ClientCase
from .common import TODAY

# What a client may know about a person placed with them, and nothing more.
PEOPLE_KEYS = {
    "id",
    "employee_name",
    "job_id",
    "job_name",
    "site_id",
    "site_name",
    "date_start",
    "date_end",
    "employment_mode",
    "employment_mode_label",
    "state",
    "state_label",
}


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestClientAccess(ClientCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(TODAY):
            cls.assignment_a = cls._assign(
                cls.employee_1, cls.site_a, TODAY - timedelta(days=30), job_id=cls.job.id
            )
            cls.assignment_b = cls._assign(
                cls.employee_2,
                cls.site_b,
                TODAY + timedelta(days=3),
                employment_mode="dispatch",
                position_nature="auxiliary",
            )
            cls.assignment_other = cls._assign(cls.employee_3, cls.site_other, TODAY - timedelta(days=5))
        cls.request_own = cls._request()
        cls.request_other = cls._request(site=cls.site_other)
        cls.clients = (cls.client_user, cls.client_internal)

    def test_client_reads_own_sites_and_requests_only(self):
        for user in self.clients:
            with self.subTest(user=user.login):
                Site = self.env["retention.client.site"].with_user(user)
                self.assertEqual(Site.search([]), self.site_a | self.site_b)
                self.assertEqual(
                    self.Request.with_user(user).search([]),
                    self.request_own,
                )
                with self.assertRaises(AccessError):
                    self.site_other.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    self.request_other.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    self.site_c2.with_user(user).read(["name"])
        # And the other client the other way round.
        self.assertEqual(self.Request.with_user(self.other_client_user).search([]), self.request_other)

    def test_client_reads_no_assignment_nor_employee(self):
        for user in self.clients:
            with self.subTest(user=user.login):
                for record in (self.assignment_a, self.employee_1):
                    with self.assertRaises(AccessError):
                        record.with_user(user).read(
                            ["name" if record._name == "hr.employee" else "date_start"]
                        )
                with self.assertRaises(AccessError):
                    self.env["retention.assignment"].with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.site_a.with_user(user).read(["assignment_ids"])
                with self.assertRaises(AccessError):
                    self.site_a.with_user(user).read(["note"])
                with self.assertRaises(AccessError):
                    self.request_own.with_user(user).read(["assignment_ids"])
        # An internal client user does not browse the provider's employee directory either.
        public = self.env["hr.employee.public"].with_user(self.client_internal)
        self.assertFalse(public.search([]))
        with self.assertRaises(AccessError):
            self.env["hr.employee.public"].browse(self.employee_1.id).with_user(self.client_internal).read(
                ["name"]
            )

    def test_every_readable_field_is_harmless(self):
        """What read() returns to a client: no field of a person beyond the allowed ones."""
        allowed_site = {"name", "code", "client_id", "company_id", "city", "state_id", "planned_headcount"}
        for user in self.clients:
            with self.subTest(user=user.login):
                [site] = self.site_a.with_user(user).read()
                self.assertNotIn("assignment_ids", site)
                self.assertNotIn("note", site)
                self.assertTrue(allowed_site <= site.keys())
                [values] = self.request_own.with_user(user).read()
                self.assertNotIn("assignment_ids", values)
                # Relations point at names only: nothing of hr.employee is reachable.
                relational = {
                    name
                    for name, field in self.Request._fields.items()
                    if field.type in ("many2one", "one2many", "many2many") and name in values
                }
                comodels = {self.Request._fields[name].comodel_name for name in relational}
                self.assertNotIn("hr.employee", comodels)
                self.assertNotIn("retention.assignment", comodels)

    def test_client_creates_edits_and_cancels_own_request(self):
        for user in self.clients:
            with self.subTest(user=user.login):
                with freeze_time(TODAY):
                    staffing_request = self.Request.with_user(user).create(
                        {"site_id": self.site_b.id, "quantity": 3, "date_start": TODAY + timedelta(days=10)}
                    )
                self.assertEqual(staffing_request.client_id, self.client)
                self.assertIn(user.partner_id, staffing_request.sudo().message_partner_ids)
                # The regional manager's to-do, which the client does not need to read.
                self.assertEqual(staffing_request.sudo().activity_ids.user_id, self.user_b)
                staffing_request.write({"quantity": 4, "shift": "白班"})
                with self.assertRaises(AccessError):
                    staffing_request.write({"name": "REQ/自编"})
                staffing_request.action_cancel()
                self.assertEqual(staffing_request.state, "cancelled")
                with self.assertRaisesRegex(UserError, "closed"):
                    staffing_request.write({"quantity": 1})
                with self.assertRaises(AccessError):
                    staffing_request.unlink()

    def test_client_sets_the_request_fields_only(self):
        """Not the reference, the request date (time-to-fill runs from it) nor the people."""
        for vals in (
            {"name": "REQ/自编"},
            {"date_requested": TODAY - timedelta(days=90)},
            {"assignment_ids": [(4, 1)]},
        ):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                self.Request.with_user(self.client_user).create(
                    {"site_id": self.site_a.id, "quantity": 1, "date_start": TODAY, **vals}
                )
        self.assertEqual(self.Request.search_count([("client_id", "=", self.client.id)]), 1)

    def test_client_cannot_change_a_confirmed_request(self):
        self.request_own.action_confirm()
        with self.assertRaisesRegex(UserError, "has confirmed"):
            self.request_own.with_user(self.client_user).write({"quantity": 5})
        self.request_own.with_user(self.client_user).action_cancel()
        self.assertEqual(self.request_own.state, "cancelled")

    def test_client_cannot_reach_another_client(self):
        for user in self.clients:
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(UserError, "not one of your sites"):
                    self._request_as(user, self.site_other)
                with self.assertRaisesRegex(UserError, "not one of your sites"):
                    self.request_own.with_user(user).write({"site_id": self.site_other.id})
                with self.assertRaises(AccessError):
                    self.request_other.with_user(user).action_cancel()
                with self.assertRaises(AccessError):
                    self.request_other.with_user(user).write({"quantity": 9})
        self.assertEqual(self.request_other.state, "requested")
        self.assertEqual(self.request_other.quantity, 2)

    def _request_as(self, user, site):
        with freeze_time(TODAY):
            return self.Request.with_user(user).create(
                {"site_id": site.id, "quantity": 1, "date_start": TODAY + timedelta(days=3)}
            )

    def test_people_and_headcount_of_own_sites_only(self):
        Site = self.env["retention.client.site"]
        for user in self.clients:
            with self.subTest(user=user.login):
                people = Site.with_user(user).retention_client_people()
                self.assertEqual({row["employee_name"] for row in people}, {"王芳", "刘洋"})
                for row in people:
                    self.assertEqual(set(row), PEOPLE_KEYS)
                by_name = {row["employee_name"]: row for row in people}
                self.assertEqual(by_name["王芳"]["job_name"], "装配工")
                self.assertEqual(by_name["刘洋"]["employment_mode"], "dispatch")
                self.assertEqual(by_name["刘洋"]["state"], "planned")
                headcount = Site.with_user(user).retention_headcount()
                self.assertEqual(
                    headcount,
                    [
                        {
                            "site_id": self.site_a.id,
                            "site_name": "苏州二厂",
                            "job_id": self.job.id,
                            "job_name": "装配工",
                            "headcount": 1,
                        }
                    ],
                )
                with self.assertRaisesRegex(UserError, "among yours"):
                    Site.with_user(user).retention_client_people([self.site_other.id])
                with self.assertRaisesRegex(UserError, "among yours"):
                    Site.with_user(user).retention_headcount([self.site_c2.id])
                with self.assertRaisesRegex(UserError, "list of site ids"):
                    Site.with_user(user).retention_headcount("1")

    def test_employee_portal_user_is_no_client(self):
        """An employee's portal user sees no site, request, person or headcount."""
        user = self.portal_user
        self.assertFalse(user._retention_client_partner())
        self.assertFalse(self.env["retention.client.site"].with_user(user).search([]))
        self.assertFalse(self.Request.with_user(user).search([]))
        self.assertEqual(self.env["retention.client.site"].with_user(user).retention_client_people(), [])
        with self.assertRaises(AccessError):
            self._request_as(user, self.site_a)

    def test_provider_users_keep_their_scope(self):
        Site = self.env["retention.client.site"]
        self.assertFalse(self.user_a._retention_client_partner())
        people = Site.with_user(self.user_a).retention_client_people()
        self.assertEqual({row["employee_name"] for row in people}, {"王芳", "孙伟"})
        self.assertEqual(
            self.Request.with_user(self.user_a).search([]), self.request_own | self.request_other
        )
        self.assertFalse(self.Request.with_user(self.user_b).search([]))

    def test_people_take_the_same_queries_for_more_people(self):
        Site = self.env["retention.client.site"].with_user(self.client_user)

        def queries():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Site.retention_client_people()
            Site.retention_headcount()
            return self.env.cr.sql_log_count - before

        queries()  # warm the caches (record rules, translations)
        few = queries()
        for index in range(6):
            employee = self.env["hr.employee"].create({"name": f"员工{index}", "company_id": self.company.id})
            job = self.env["hr.job"].create({"name": f"岗位{index}", "company_id": self.company.id})
            self._assign(employee, self.site_b, TODAY - timedelta(days=index + 1), job_id=job.id)
        self.assertEqual(len(Site.retention_client_people()), 8)
        self.assertEqual(queries(), few)
