from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import LegalAidCase


@tagged("post_install", "-at_install")
class TestAccess(LegalAidCase):
    """The Chinese wall on the ORM: who reads which case, and who is refused."""

    def _visible(self, user, model="legal.case"):
        return self.env[model].with_user(user).search([])

    def _refused(self, user, records):
        with self.assertRaises(AccessError):
            records.with_user(user).read(["name"] if records._name == "legal.case" else ["id"])

    def test_parties_read_their_case(self):
        cases = self.case_a | self.case_b
        self.assertEqual(self._visible(self.coordinator) & cases, self.case_a)
        self.assertEqual(self._visible(self.lawyer_a), self.case_a)
        self.assertEqual(self._visible(self.employee_user), self.case_a)
        self.assertEqual(self._visible(self.lawyer_b), self.case_b)
        self.assertEqual(self._visible(self.neighbour_user), self.case_b)
        self.assertEqual(self._visible(self.lawyer_a, "legal.claim.item"), self.case_a.claim_ids)
        self.assertEqual(self._visible(self.employee_user, "legal.law.firm"), self.env["legal.law.firm"])
        self.assertEqual(self._visible(self.lawyer_a, "legal.law.firm"), self.firm_a)

    def test_employer_side_sees_nothing(self):
        admin = self.env.ref("base.user_admin")
        for user in (self.hr_officer, self.retention_manager, self.regional_manager, admin):
            with self.subTest(user=user.login):
                self.assertFalse(self._visible(user))
                self.assertFalse(self._visible(user, "legal.claim.item"))
                self.assertFalse(self._visible(user, "legal.case.event"))
                self._refused(user, self.case_a)
                self._refused(user, self.case_a.claim_ids)
                with self.assertRaises(AccessError):
                    self.env["legal.case"].with_user(user).create(
                        {"category_id": self.category_wages.id, "known_on": "2026-01-01"}
                    )
                # Not even a count by the opposing party reveals the case.
                self.assertEqual(
                    self.env["legal.case"]
                    .with_user(user)
                    .search_count([("opposing_partner_id", "=", self.client.id)]),
                    0,
                )

    def test_other_parties_are_refused(self):
        self._refused(self.lawyer_b, self.case_a)
        self._refused(self.neighbour_user, self.case_a)
        self._refused(self.coordinator_2, self.case_a)
        self._refused(self.coordinator_c2, self.case_a)
        self._refused(self.coordinator, self.case_c2)
        self._refused(self.lawyer_b, self.case_a.claim_ids)
        self._refused(self.employee_user, self.firm_b)

    def test_unassigned_requests_reach_every_coordinator_of_the_company(self):
        request = self.env["legal.case"].create(
            {"employee_id": self.employee.id, "category_id": self.category_wages.id, "known_on": "2026-01-01"}
        )
        self.assertIn(request, self._visible(self.coordinator_2))
        self.assertNotIn(request, self._visible(self.coordinator_c2))
        request.with_user(self.coordinator).action_take()
        self.assertNotIn(request, self._visible(self.coordinator_2))
        self.assertEqual(self.case_c2, self._visible(self.coordinator_c2))

    def test_portal_and_parties_cannot_write(self):
        for user in (self.lawyer_a, self.employee_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.case_a.with_user(user).write({"amount_awarded": 1})
        with self.assertRaises(AccessError):
            self.case_a.with_user(self.coordinator_2).write({"facts": "x"})
        with self.assertRaises(AccessError):
            self.case_a.with_user(self.coordinator).unlink()

    def test_no_case_field_on_the_employee(self):
        fields = self.env["hr.employee"]._fields
        self.assertFalse([name for name, field in fields.items() if field.comodel_name == "legal.case"])

    def test_chatter_messages_follow_the_case(self):
        message = self.case_a.with_user(self.coordinator).message_post(
            body="证据已收到", message_type="comment"
        )
        for user in (self.hr_officer, self.retention_manager, self.lawyer_b, self.coordinator_2):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                message.with_user(user).read(["body"])
        self.assertTrue(message.with_user(self.coordinator).read(["body"]))

    def test_menus_only_for_coordinators(self):
        menu = self.env.ref("legal_aid.menu_legal_aid_root")
        for user in (self.hr_officer, self.retention_manager):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertNotIn(menu.id, visible)
        self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(self.coordinator)._visible_menu_ids())

    def test_coordinator_reading_is_logged_once_a_day(self):
        Log = self.env["legal.case.access.log"]
        self.case_a.with_user(self.coordinator).read(["facts"])
        self.case_a.with_user(self.coordinator).read(["stage"])
        self.case_a.with_user(self.lawyer_a).read(["facts"])
        self.case_a.read(["facts"])  # the system
        log = Log.search([("case_id", "=", self.case_a.id)])
        self.assertEqual(log.user_id, self.coordinator)
        self.assertEqual(len(log), 1)
        self.assertEqual(self.case_a.with_user(self.coordinator).access_log_ids, log)
        with self.assertRaises(AccessError):
            log.with_user(self.coordinator).unlink()
        with self.assertRaises(AccessError):
            log.with_user(self.coordinator).write({"user_id": self.coordinator_2.id})
