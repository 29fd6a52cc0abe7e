from datetime import date, timedelta

from odoo.tests import HttpCase, new_test_user, tagged

# The browser runs on the real clock (a frozen server clock would expire its
# session cookie), so these dates follow today's.
TODAY = date.today()
END = TODAY + timedelta(days=20)


@tagged("post_install", "-at_install")
class TestRenewalPortal(HttpCase):
    """The employee reads and signs the offer on the portal; nobody else sees it."""

    # A phone-sized viewport for the tour.
    browser_size = "390x844"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        hr = new_test_user(self.env, "portal_renewal_hr", groups="hr_contract.group_hr_contract_manager")
        self.portal_user = new_test_user(
            self.env, "portal_renewal_emp", groups="base.group_portal", name="Li Na"
        )
        self.other_portal = new_test_user(self.env, "portal_renewal_other", groups="base.group_portal")
        self.employee = self.env["hr.employee"].create({"name": "Li Na", "user_id": self.portal_user.id})
        self.contract = self.env["hr.contract"].create(
            {
                "name": "Li Na 2023",
                "employee_id": self.employee.id,
                "date_start": END - timedelta(days=3 * 365),
                "date_end": END,
                "wage": 7000,
                "state": "open",
                "hr_responsible_id": hr.id,
            }
        )
        self.offer = (
            self.env["retention.renewal.offer"]
            .with_user(hr)
            .create(
                {
                    "contract_id": self.contract.id,
                    "wage": 7500,
                    "date_start": END + timedelta(days=1),
                    "date_end": END + timedelta(days=3 * 365),
                    "deadline": TODAY + timedelta(days=10),
                }
            )
        )
        self.offer.with_user(hr).action_send()

    def test_list_shows_only_own_offers(self):
        self.authenticate("portal_renewal_emp", "portal_renewal_emp")
        response = self.url_open("/my/renewals")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/renewals/{self.offer.id}", response.text)
        self.authenticate("portal_renewal_other", "portal_renewal_other")
        response = self.url_open("/my/renewals")
        self.assertNotIn(f"/my/renewals/{self.offer.id}", response.text)
        response = self.url_open(f"/my/renewals/{self.offer.id}")
        self.assertTrue(response.url.endswith("/my"), "another employee is sent back to /my")
        self.assertNotIn("7,500", response.text)

    def test_employee_sees_the_renewal_notice(self):
        self.env["retention.renewal.reminder"].create(
            {"contract_id": self.contract.id, "stage_days": 30, "employee_notified": True}
        )
        self.authenticate("portal_renewal_emp", "portal_renewal_emp")
        response = self.url_open("/my/renewals")
        self.assertIn("o_renewal_notice", response.text)
        self.authenticate("portal_renewal_other", "portal_renewal_other")
        self.assertNotIn("o_renewal_notice", self.url_open("/my/renewals").text)

    def test_token_gives_access_and_a_wrong_one_nothing(self):
        self.authenticate(None, None)
        response = self.url_open(f"/my/renewals/{self.offer.id}?access_token={self.offer.access_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Li Na", response.text)
        response = self.url_open(f"/my/renewals/{self.offer.id}?access_token=wrong")
        self.assertNotIn("Li Na", response.text)
        response = self.url_open(f"/my/renewals/{self.offer.id}")
        self.assertNotIn("Li Na", response.text)

    def test_accept_with_a_wrong_token_changes_nothing(self):
        self.authenticate("portal_renewal_other", "portal_renewal_other")
        result = self.make_jsonrpc_request(
            f"/my/renewals/{self.offer.id}/accept?access_token=wrong",
            {"name": "Intruder", "signature": "iVBORw0KGgo="},
        )
        self.assertIn("error", result)
        self.assertEqual(self.offer.state, "sent")

    def test_decline_is_a_post(self):
        self.authenticate("portal_renewal_emp", "portal_renewal_emp")
        response = self.url_open(f"/my/renewals/{self.offer.id}/decline?decline_reason=no")
        self.assertNotEqual(self.offer.state, "declined", "a GET never changes state")
        self.assertIn(response.status_code, (404, 405))

    def test_employee_signs_on_a_phone(self):
        self.start_tour("/my/renewals", "outsourcing_retention_renewal_sign_tour", login="portal_renewal_emp")
        self.assertEqual(self.offer.state, "accepted")
        new_contract = self.offer.new_contract_id
        self.assertTrue(new_contract)
        self.assertEqual(new_contract.date_start, END + timedelta(days=1))
        self.assertEqual(self.contract.retention_renewal_state, "renewed")
