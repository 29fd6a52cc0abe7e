from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import TODAY, WelfareCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestLedgerAccess(WelfareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.line_1 = cls._post(cls.employee_1, 100, "acc-1")
        cls.line_2 = cls._post(cls.employee_2, 100, "acc-2")
        cls.line_portal = cls._post(cls.employee_portal, 100, "acc-p")
        cls.line_c2 = cls.env["welfare.points.line"].browse(
            cls.env["welfare.points.line"]
            .with_company(cls.company_2)
            .post_points([cls._entry(cls.employee_c2, 100, "acc-c2")])
        )

    def test_employee_sees_only_own_wallet_and_lines(self):
        for user, line in ((self.employee_user, self.line_1), (self.portal_user, self.line_portal)):
            with self.subTest(user=user.login):
                Line = self.Line.with_user(user)
                self.assertEqual(Line.search([]), line)
                self.assertEqual(self.Account.with_user(user).search([]), line.account_id)
                self.assertEqual(line.with_user(user).points, 100)
                for other in (self.line_2, self.line_c2):
                    with self.assertRaises(AccessError):
                        other.with_user(user).read(["points"])
                    with self.assertRaises(AccessError):
                        other.account_id.with_user(user).read(["balance"])

    def test_employee_cannot_post_reverse_or_create(self):
        for user in (self.employee_user, self.portal_user):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "Only welfare officers"):
                    self._post(self.employee_1, 10, "self-service", user=user)
                with self.assertRaises(UserError):
                    self.Line.with_user(user).create({"account_id": self.line_1.account_id.id, "points": 5})
                with self.assertRaises(AccessError):
                    self.line_1.with_user(user).action_reverse()
                with self.assertRaises(UserError):
                    self.line_1.with_user(user).write({"points": 1})
        self.assertEqual(self.line_1.account_id.balance, 100)

    def test_officer_reads_company_wallets_only(self):
        Line = self.Line.with_user(self.officer)
        self.assertLessEqual(self.line_1 | self.line_2 | self.line_portal, Line.search([]))
        self.assertFalse(Line.search([("company_id", "=", self.company_2.id)]))
        with self.assertRaises(AccessError):
            self.line_c2.with_user(self.officer).read(["points"])
        with self.assertRaises(AccessError):
            self.line_c2.account_id.with_user(self.officer).read(["balance"])
        # Aggregates over the API stay inside the company too.
        balances = self.Account.with_user(self.officer).get_balances([self.employee_c2.id])
        self.assertEqual(balances, {str(self.employee_c2.id): 0})
        # The other company's officer cannot post to this company's employees.
        with self.assertRaisesRegex(ValidationError, "unknown employee"):
            self._post(self.employee_1, 10, "cross", user=self.officer_c2)

    def test_only_managers_reverse_and_archive(self):
        with self.assertRaisesRegex(AccessError, "Only welfare managers"):
            self.line_1.with_user(self.officer).action_reverse()
        with self.assertRaises(AccessError):
            self.line_1.account_id.with_user(self.officer).action_archive()
        self.line_1.with_user(self.manager).action_reverse()
        self.assertEqual(self.line_1.account_id.balance, 0)
        # A manager of one company cannot reverse another company's line.
        with self.assertRaises(AccessError):
            self.line_c2.with_user(self.manager).action_reverse()

    def test_nobody_edits_a_line(self):
        for user in (self.officer, self.manager):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "cannot be changed"):
                self.line_1.with_user(user).write({"reason": "x"})
        with self.assertRaises(AccessError):
            self.line_1.with_user(self.officer).unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self.line_1.with_user(self.manager).unlink()
        self.assertTrue(self.line_1.exists())
