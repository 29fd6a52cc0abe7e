from freezegun import freeze_time

from odoo.http import Request
from odoo.tests import HttpCase, tagged

from .common import TODAY, LegalAidCase


@tagged("post_install", "-at_install")
class TestPortal(HttpCase, LegalAidCase):
    """/my/legal: the employee asks for help and follows the case; nobody else sees it."""

    def test_employee_sees_own_case_only(self):
        self.authenticate("la_employee", "la_employee")
        response = self.url_open("/my/legal")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.case_a.name, response.text)
        self.assertNotIn(self.case_b.name, response.text)
        page = self.url_open(f"/my/legal/{self.case_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("工资拖欠三个月", page.text)
        self.assertIn("江苏衡正律师事务所", page.text)

    def test_lawyer_sees_the_firm_cases(self):
        self.authenticate("la_lawyer_a", "la_lawyer_a")
        response = self.url_open("/my/legal")
        self.assertIn(self.case_a.name, response.text)
        self.assertNotIn(self.case_b.name, response.text)

    def test_outsiders_get_not_found(self):
        for login in ("la_neighbour", "la_lawyer_b", "la_hr_officer", "la_ret_manager", "la_coordinator_2"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open(f"/my/legal/{self.case_a.id}")
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("工资拖欠三个月", response.text)
                self.assertNotIn(self.case_a.name, self.url_open("/my/legal").text)

    def test_ask_for_help(self):
        self.authenticate("la_neighbour", "la_neighbour")
        form = self.url_open("/my/legal/new")
        self.assertEqual(form.status_code, 200)
        at = form.text.find('name="facts"')
        self.assertRegex(
            form.text, r'<textarea[^>]*name="facts"[^>]*>\s*</textarea>', form.text[at - 200 : at + 300]
        )
        data = {
            "category_id": self.category_wages.id,
            "facts": "派遣单位两个月没发工资",
            "known_on": "2026-03-01",
            "pseudonym": "小刘",
            "csrf_token": Request.csrf_token(self),
        }
        with freeze_time(TODAY):
            response = self.url_open("/my/legal/new", data=data)
        self.assertEqual(response.status_code, 200)
        case = self.env["legal.case"].search([("facts", "=", "派遣单位两个月没发工资")])
        self.assertEqual(case.requester_user_id, self.neighbour_user)
        self.assertEqual(case.employee_id, self.neighbour)
        self.assertEqual(case.pseudonym, "小刘")
        self.assertEqual(case.stage, "request")
        self.assertFalse(case.coordinator_id)
        self.assertIn(f"/my/legal/{case.id}", response.url)

    def test_bad_request_writes_nothing(self):
        self.authenticate("la_neighbour", "la_neighbour")
        count = self.env["legal.case"].search_count([])
        bad = {"category_id": self.category_wages.id, "facts": "x", "csrf_token": Request.csrf_token(self)}
        for known_on in ("2099-01-01", "not a date", ""):
            with self.subTest(known_on=known_on):
                response = self.url_open("/my/legal/new", data=dict(bad, known_on=known_on))
                self.assertEqual(response.status_code, 200)
                self.assertIn("alert-danger", response.text)
        self.assertEqual(self.env["legal.case"].search_count([]), count)

    def test_post_needs_csrf_and_login(self):
        self.authenticate("la_neighbour", "la_neighbour")
        data = {"category_id": self.category_wages.id, "facts": "x", "known_on": "2026-03-01"}
        response = self.url_open("/my/legal/new", data=data)
        self.assertEqual(response.status_code, 400)
        self.authenticate(None, None)
        response = self.url_open("/my/legal", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))

    def test_lawyer_updates_stage_and_records_an_interruption(self):
        self.case_a._legal_firm_answer(self.lawyer_a, True)
        self.authenticate("la_lawyer_a", "la_lawyer_a")
        page = self.url_open(f"/my/legal/{self.case_a.id}")
        self.assertIn("o_legal_lawyer", page.text)
        data = {
            "stage": "mediation",
            "event_kind": "interruption_claim",
            "event_day": "2026-03-02",
            "csrf_token": Request.csrf_token(self),
        }
        with freeze_time(TODAY):
            response = self.url_open(f"/my/legal/{self.case_a.id}/update", data=data)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.case_a.stage, "mediation")
        self.assertEqual(self.case_a.event_ids.kind, "interruption_claim")
        # A lawsuit before arbitration is refused and nothing is written.
        data.update(stage="first_instance", event_day="2026-03-03")
        with freeze_time(TODAY):
            response = self.url_open(f"/my/legal/{self.case_a.id}/update", data=data)
        self.assertIn("arbitrated first", response.text)
        self.assertEqual(self.case_a.stage, "mediation")
        self.assertEqual(len(self.case_a.event_ids), 1)

    def test_only_the_firm_lawyers_update(self):
        data = {"stage": "mediation", "csrf_token": None}
        for login in ("la_employee", "la_lawyer_b", "la_neighbour"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                page = self.url_open(f"/my/legal/{self.case_a.id}")
                self.assertNotIn("o_legal_lawyer", page.text)
                data["csrf_token"] = Request.csrf_token(self)
                response = self.url_open(f"/my/legal/{self.case_a.id}/update", data=data)
                self.assertEqual(response.status_code, 404)
        self.assertEqual(self.case_a.stage, "request")


@tagged("post_install", "-at_install")
class TestPortalTour(HttpCase, LegalAidCase):
    # A phone-sized viewport. The browser runs on the real clock.
    browser_size = "390x844"
    touch_enabled = True

    def test_request_tour(self):
        self.start_tour("/my/legal", "legal_aid_request_tour", login="la_neighbour")
        case = self.env["legal.case"].search([("facts", "=", "班组长扣了我两个月的加班费")])
        self.assertEqual(case.requester_user_id, self.neighbour_user)
        self.assertEqual(case.stage, "request")


@tagged("post_install", "-at_install")
class TestPortalRating(HttpCase, LegalAidCase):
    def test_the_employee_rates_a_closed_case(self):
        self.authenticate("la_employee", "la_employee")
        self.assertNotIn("o_legal_rate", self.url_open(f"/my/legal/{self.case_a.id}").text)
        data = {"rating": "5", "csrf_token": Request.csrf_token(self)}
        self.url_open(f"/my/legal/{self.case_a.id}/rate", data=data)
        self.assertFalse(self.case_a.rating)  # still open
        self.case_a.write({"stage": "closed", "outcome": "settled"})
        self.assertIn("o_legal_rate", self.url_open(f"/my/legal/{self.case_a.id}").text)
        self.url_open(f"/my/legal/{self.case_a.id}/rate", data=dict(data, rating="9"))
        self.assertFalse(self.case_a.rating)  # unknown value
        self.url_open(f"/my/legal/{self.case_a.id}/rate", data=data)
        self.assertEqual(self.case_a.rating, "5")

    def test_nobody_else_rates(self):
        self.case_a.write({"stage": "closed", "outcome": "settled"})
        for login in ("la_lawyer_a", "la_neighbour", "la_hr_officer"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                data = {"rating": "1", "csrf_token": Request.csrf_token(self)}
                response = self.url_open(f"/my/legal/{self.case_a.id}/rate", data=data)
                self.assertEqual(response.status_code, 404)
        self.assertFalse(self.case_a.rating)
