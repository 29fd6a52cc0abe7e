from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import TODAY, WelfareCase


class RedemptionCase(WelfareCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.welfare_auto_approve_points = 200
        Benefit = cls.env["welfare.benefit"]
        cls.checkup = Benefit.create(
            {"name": "年度体检套餐", "category": "checkup", "points_cost": 300, "fulfilment": "voucher"}
        )
        cls.movie = Benefit.create(
            {
                "name": "电影票",
                "category": "voucher",
                "points_cost": 50,
                "track_stock": True,
                "stock": 2,
                "quota_per_employee": 3,
            }
        )
        cls.benefit_c2 = Benefit.create(
            {"name": "其他公司福利", "points_cost": 10, "company_id": cls.company_2.id}
        )
        cls.Redemption = cls.env["welfare.redemption"]


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestRedemption(RedemptionCase):
    def test_redeem_debits_and_cancel_refunds(self):
        self._post(self.employee_1, 500, "fund", expiry_date="2026-12-31")
        redemption = self.Redemption._request(self.employee_1, self.checkup, token="t1")
        wallet = self._wallet(self.employee_1)
        self.assertRecordValues(redemption, [{"state": "requested", "points": 300}])
        self.assertRecordValues(redemption.debit_line_id, [{"points": -300, "kind": "redeemed"}])
        self.assertRecordValues(wallet, [{"balance": 200, "spent_total": 300}])
        # The same form sent twice redeems once.
        self.assertEqual(self.Redemption._request(self.employee_1, self.checkup, token="t1"), redemption)
        self.assertEqual(wallet.balance, 200)
        redemption.with_user(self.employee_user)._action_cancel_by_employee()
        self.assertRecordValues(redemption, [{"state": "cancelled"}])
        self.assertRecordValues(
            redemption.reversal_line_id, [{"points": 300, "expiry_date": date(2026, 12, 31)}]
        )
        self.assertRecordValues(wallet, [{"balance": 500, "spent_total": 0}])
        with self.assertRaisesRegex(UserError, "Only requested or approved"):
            redemption.with_user(self.employee_user)._action_cancel_by_employee()
        self.assertEqual(wallet.balance, 500)

    def test_cheap_benefits_are_approved_at_once(self):
        self._post(self.employee_1, 100, "fund")
        redemption = self.Redemption._request(self.employee_1, self.movie)
        self.assertEqual(redemption.state, "approved")
        self.assertEqual(self.movie.stock, 1)
        redemption.with_user(self.officer).action_fulfil("VOUCHER-001")
        self.assertRecordValues(redemption, [{"state": "fulfilled", "voucher_code": "VOUCHER-001"}])
        with self.assertRaisesRegex(UserError, "Only requested or approved"):
            redemption.with_user(self.employee_user)._action_cancel_by_employee()

    def test_manager_approves_or_rejects(self):
        self._post(self.employee_1, 600, "fund")
        first = self.Redemption._request(self.employee_1, self.checkup)
        with self.assertRaisesRegex(AccessError, "Only welfare managers"):
            first.with_user(self.officer).action_approve()
        first.with_user(self.manager).action_approve()
        self.assertEqual(first.state, "approved")
        second = self.Redemption._request(self.employee_1, self.checkup)
        second.with_user(self.manager).action_reject()
        self.assertEqual(second.state, "rejected")
        self.assertEqual(self._wallet(self.employee_1).balance, 300)

    def test_refusals(self):
        self._post(self.employee_1, 100, "fund")
        with self.assertRaisesRegex(
            UserError, "Not enough points: 年度体检套餐 costs 300, your balance is 100"
        ):
            self.Redemption._request(self.employee_1, self.checkup)
        with self.assertRaisesRegex(UserError, "not offered to you"):
            self.Redemption._request(self.employee_1, self.benefit_c2)
        self.Redemption._request(self.employee_1, self.movie)
        self.Redemption._request(self.employee_1, self.movie)
        with self.assertRaisesRegex(UserError, "out of stock"):
            self.Redemption._request(self.employee_1, self.movie)
        self.movie.stock = 5
        self.movie.quota_per_employee = 2
        with self.assertRaisesRegex(UserError, "2 times this year"):
            self.Redemption._request(self.employee_1, self.movie)
        self.checkup.write({"points_cost": 10, "min_service_months": 6})
        with self.assertRaisesRegex(UserError, "after 6 months of service"):
            self.Redemption._request(self.employee_1, self.checkup)
        self.assertEqual(self.Redemption.search_count([("employee_id", "=", self.employee_1.id)]), 2)
        self.assertEqual(self._wallet(self.employee_1).balance, 0)

    def test_redemptions_are_not_edited_by_hand(self):
        self._post(self.employee_1, 100, "fund")
        redemption = self.Redemption._request(self.employee_1, self.movie)
        for user in (self.manager, self.employee_user):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                redemption.with_user(user).write({"state": "requested"})
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.Redemption.with_user(user).create(
                    {"employee_id": self.employee_1.id, "benefit_id": self.movie.id, "points": 1}
                )
        with self.assertRaises(UserError):
            redemption.sudo().unlink()

    def test_access(self):
        self._post(self.employee_1, 100, "fund1")
        self._post(self.employee_2, 100, "fund2")
        mine = self.Redemption._request(self.employee_1, self.movie)
        other = self.Redemption._request(self.employee_2, self.movie)
        self.assertEqual(self.Redemption.with_user(self.employee_user).search([]), mine)
        with self.assertRaises(AccessError):
            other.with_user(self.employee_user).read(["state"])
        with self.assertRaisesRegex(AccessError, "not yours"):
            other.with_user(self.employee_user)._action_cancel_by_employee()
        with self.assertRaises(AccessError):
            other.with_user(self.employee_user).action_reject()
        self.assertEqual(
            self.env["welfare.benefit"].with_user(self.portal_user).search([]), self.checkup | self.movie
        )
        with self.assertRaises(AccessError):
            self.benefit_c2.with_user(self.officer).read(["name"])
        with self.assertRaises(AccessError):
            self.movie.with_user(self.employee_user).write({"points_cost": 1})
        self.movie.with_user(self.officer).write({"points_cost": 60})

    def test_other_company_redemptions_are_out_of_reach(self):
        self.company_2.welfare_auto_approve_points = 0
        self.env["welfare.points.line"].with_company(self.company_2).post_points(
            [self._entry(self.employee_c2, 100, "fund-c2")]
        )
        theirs = self.Redemption._request(self.employee_c2, self.benefit_c2)
        self.assertEqual(theirs.state, "requested")
        for user in (self.officer, self.manager, self.employee_user):
            with self.subTest(user=user.login):
                self.assertFalse(self.Redemption.with_user(user).search([("id", "=", theirs.id)]))
                with self.assertRaises(AccessError):
                    theirs.with_user(user).read(["state"])
        with self.assertRaises(AccessError):
            theirs.with_user(self.manager).action_approve()
        with self.assertRaises(AccessError):
            theirs.with_user(self.manager).action_reject()
        self.assertEqual(theirs.state, "requested")
        # Their own company's officer sees it; only a welfare manager decides.
        self.assertEqual(self.Redemption.with_user(self.officer_c2).search([]), theirs)
        with self.assertRaisesRegex(AccessError, "Only welfare managers"):
            theirs.with_user(self.officer_c2).action_approve()
