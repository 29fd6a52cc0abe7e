from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .test_redemption import RedemptionCase


@tagged("post_install", "-at_install")
class TestPortal(HttpCase, RedemptionCase):
    browser_size = "390x844"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        self._post(self.employee_portal, 500, "portal-fund")
        self._post(self.employee_2, 500, "other-fund")

    def _wallet_balance(self):
        return self._wallet(self.employee_portal).balance

    def test_page_shows_own_wallet_only(self):
        self.authenticate("wf_portal", "wf_portal")
        response = self.url_open("/my/points")
        self.assertEqual(response.status_code, 200)
        self.assertIn("年度体检套餐", response.text)
        self.assertIn("o_welfare_balance", response.text)
        self.assertNotIn("other-fund", response.text)
        self.assertNotIn("其他公司福利", response.text)

    @mute_logger("odoo.http")
    def test_redeem_needs_post_and_csrf(self):
        self.authenticate("wf_portal", "wf_portal")
        # GET never redeems.
        self.url_open(f"/my/points/redeem?benefit_id={self.checkup.id}&token=x")
        self.assertEqual(self._wallet_balance(), 500)
        # POST without the CSRF token is refused.
        response = self.url_open("/my/points/redeem", data={"benefit_id": self.checkup.id, "token": "x"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._wallet_balance(), 500)

    def test_double_submit_and_forged_ids(self):
        self.authenticate("wf_portal", "wf_portal")
        form = {"benefit_id": self.checkup.id, "token": "form-1", "csrf_token": http_csrf(self)}
        self.url_open("/my/points/redeem", data=form)
        self.url_open("/my/points/redeem", data=form)
        self.assertEqual(self._wallet_balance(), 200)
        self.assertEqual(self.Redemption.search_count([("employee_id", "=", self.employee_portal.id)]), 1)
        # Another employee's redemption: not found, nothing changes.
        other = self.Redemption._request(self.employee_2, self.movie)
        self.url_open(f"/my/points/redemption/{other.id}/cancel", data={"csrf_token": http_csrf(self)})
        self.assertEqual(other.state, "approved")
        # Another company's benefit, unknown and non-numeric ids.
        for benefit_id in (self.benefit_c2.id, 999999, "abc"):
            self.url_open("/my/points/redeem", data={"benefit_id": benefit_id, "csrf_token": http_csrf(self)})
        self.assertEqual(self._wallet_balance(), 200)

    def test_refusal_writes_nothing(self):
        self.authenticate("wf_portal", "wf_portal")
        self.checkup.points_cost = 600
        response = self.url_open(
            "/my/points/redeem",
            data={"benefit_id": self.checkup.id, "token": "t", "csrf_token": http_csrf(self)},
        )
        self.assertIn("Not enough points", response.text)
        self.assertFalse(self.Redemption.search([("employee_id", "=", self.employee_portal.id)]))

    def _page_queries(self):
        self.url_open("/my/points")  # warm the caches up
        before = self.cr.sql_log_count
        self.assertEqual(self.url_open("/my/points").status_code, 200)
        return self.cr.sql_log_count - before

    def test_history_query_count_stays_flat(self):
        self.authenticate("wf_portal", "wf_portal")
        self.env["welfare.redemption"]._request(self.employee_portal, self.movie)
        few = self._page_queries()
        self.env["welfare.points.line"].post_points(
            [self._entry(self.employee_portal, 1, f"many-{i}") for i in range(45)]
        )
        self.env["welfare.redemption"]._request(self.employee_portal, self.checkup)
        many = self._page_queries()
        self.assertEqual(many, few, "the page reads the history in a fixed number of queries")
        self.assertLess(few, 40)

    def test_redeem_tour(self):
        self.checkup.write({"track_stock": True, "stock": 3})
        self.start_tour("/my/points", "welfare_points_redeem_tour", login="wf_portal")
        self.assertEqual(self._wallet_balance(), 500)
        self.assertEqual(self.checkup.stock, 3)
        redemption = self.Redemption.search([("employee_id", "=", self.employee_portal.id)])
        self.assertEqual(redemption.state, "cancelled")


def http_csrf(case):
    """A CSRF token of the authenticated test session."""
    response = case.url_open(f"/my/points/benefit/{case.checkup.id}")
    marker = 'name="csrf_token" value="'
    start = response.text.index(marker) + len(marker)
    return response.text[start : response.text.index('"', start)]
