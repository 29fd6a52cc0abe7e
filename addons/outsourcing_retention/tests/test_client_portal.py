import re
from datetime import date, timedelta

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .client_common import ClientCase

# The browser and the server run on the real clock here (a frozen clock would
# expire the session cookie), so the dates follow today's.
TODAY = date.today()


@tagged("post_install", "-at_install")
class TestClientPortal(HttpCase, ClientCase):
    """/my/client: the client's HR sees and asks for their own only; nobody else gets in."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._assign(cls.employee_1, cls.site_a, TODAY - timedelta(days=30), job_id=cls.job.id)
        cls._assign(cls.employee_3, cls.site_other, TODAY - timedelta(days=30))
        cls.request_own = cls.Request.create(
            {
                "site_id": cls.site_a.id,
                "quantity": 2,
                "date_start": TODAY + timedelta(days=7),
                "shift": "白班",
            }
        )
        cls.request_other = cls.Request.create(
            {"site_id": cls.site_other.id, "quantity": 4, "date_start": TODAY + timedelta(days=7)}
        )

    def _csrf(self, url="/my/client/requests/new"):
        response = self.url_open(url)
        return re.search(r'csrf_token(?:" value=|: )"([^"]+)"', response.text).group(1)

    def _post(self, url, data):
        return self.url_open(url, data={"csrf_token": self._csrf(), **data})

    def test_routes_need_a_login(self):
        count = self.Request.search_count([])
        for url in (
            "/my/client",
            "/my/client/requests/new",
            f"/my/client/requests/{self.request_own.id}",
        ):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertIn("/web/login", response.headers["Location"])
        for url in ("/my/client/requests", f"/my/client/requests/{self.request_own.id}/cancel"):
            with self.subTest(url=url):
                response = self.url_open(
                    url,
                    data={"site_id": self.site_a.id, "quantity": 1, "date_start": str(TODAY)},
                    allow_redirects=False,
                )
                self.assertNotEqual(response.status_code, 200)
        self.assertEqual(self.Request.search_count([]), count)
        self.assertEqual(self.request_own.state, "requested")

    def test_client_page_shows_own_only(self):
        self.authenticate("client_hr", "client_hr")
        response = self.url_open("/my/client")
        self.assertEqual(response.status_code, 200)
        for text in ("苏州精密制造有限公司", "苏州二厂", "昆山仓库", "王芳", "装配工", self.request_own.name):
            self.assertIn(text, response.text)
        for text in ("杭州一厂", "孙伟", self.request_other.name, "深圳呼叫中心"):
            self.assertNotIn(text, response.text)
        self.assertIn('id="client_reports"', response.text)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["retention_client_site_count"]})
        self.assertEqual(counters["retention_client_site_count"], 2)

    def test_employee_portal_user_is_refused(self):
        self.authenticate("ret_portal", "ret_portal")
        count = self.Request.search_count([])
        for url in ("/my/client", "/my/client/requests/new", f"/my/client/requests/{self.request_own.id}"):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertTrue(response.headers["Location"].endswith("/my"))
        response = self.url_open(
            "/my/client/requests",
            data={
                "csrf_token": self._csrf("/my"),
                "site_id": self.site_a.id,
                "quantity": 1,
                "date_start": str(TODAY + timedelta(days=3)),
            },
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(self.Request.search_count([]), count)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["retention_client_site_count"]})
        self.assertEqual(counters["retention_client_site_count"], 0)

    def test_another_clients_request_is_refused(self):
        self.authenticate("client_hr", "client_hr")
        for url in (
            f"/my/client/requests/{self.request_other.id}",
            f"/my/client/requests/{self.request_other.id}?access_token=anything",
            "/my/client/requests/999999",
        ):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertTrue(response.headers["Location"].endswith("/my"))
        response = self._post(f"/my/client/requests/{self.request_other.id}/cancel", {})
        self.assertNotIn(self.request_other.name, response.text)
        self.assertEqual(self.request_other.state, "requested")

    def test_create_and_cancel_a_request(self):
        self.authenticate("client_hr", "client_hr")
        response = self._post(
            "/my/client/requests",
            {
                "site_id": self.site_b.id,
                "job_id": self.job.id,
                "quantity": "3",
                "date_start": str(TODAY + timedelta(days=5)),
                "shift": "两班倒",
                "requirements": "持叉车证",
            },
        )
        self.assertEqual(response.status_code, 200)
        created = self.Request.search([("site_id", "=", self.site_b.id)])
        self.assertEqual(len(created), 1)
        self.assertEqual(created.quantity, 3)
        self.assertEqual(created.job_id, self.job)
        self.assertEqual(created.requirements, "持叉车证")
        self.assertTrue(response.url.endswith(f"/my/client/requests/{created.id}?message=created"))
        self.assertIn("装配工", response.text)
        response = self._post(f"/my/client/requests/{created.id}/cancel", {})
        self.assertEqual(created.state, "cancelled")
        self.assertIn("message=cancelled", response.url)

    def test_bad_input_shows_the_error_and_writes_nothing(self):
        self.authenticate("client_hr", "client_hr")
        count = self.Request.search_count([])
        future = str(TODAY + timedelta(days=5))
        cases = [
            (
                {"site_id": self.site_a.id, "quantity": "1", "date_start": str(TODAY - timedelta(days=1))},
                "in the past",
            ),
            ({"site_id": self.site_a.id, "quantity": "0", "date_start": future}, "at least one person"),
            ({"site_id": self.site_a.id, "quantity": "drei", "date_start": future}, "expects a whole number"),
            ({"site_id": self.site_other.id, "quantity": "1", "date_start": future}, "not one of your sites"),
            ({"site_id": "999999", "quantity": "1", "date_start": future}, "no record with the id 999999"),
            ({"site_id": self.site_a.id, "quantity": "1", "date_start": "明天"}, "YYYY-MM-DD"),
            ({"quantity": "1", "date_start": future}, "needs the client site"),
        ]
        for data, message in cases:
            with self.subTest(data=data):
                response = self._post("/my/client/requests", data)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertIn("o_retention_client_error", response.text)
        self.assertEqual(self.Request.search_count([]), count)

    @mute_logger("odoo.http")
    def test_post_without_csrf_is_refused(self):
        self.authenticate("client_hr", "client_hr")
        count = self.Request.search_count([])
        response = self.url_open(
            "/my/client/requests",
            data={"site_id": self.site_a.id, "quantity": "1", "date_start": str(TODAY + timedelta(days=3))},
        )
        self.assertEqual(response.status_code, 400)
        response = self.url_open(
            f"/my/client/requests/{self.request_own.id}/cancel", data={"csrf_token": "x"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.Request.search_count([]), count)
        self.assertEqual(self.request_own.state, "requested")

    def test_cancel_via_get_changes_nothing(self):
        self.authenticate("client_hr", "client_hr")
        self.url_open(f"/my/client/requests/{self.request_own.id}/cancel")
        self.assertEqual(self.request_own.state, "requested")

    def test_tour_client_asks_for_people_on_a_phone(self):
        self.start_tour("/my/client", "outsourcing_retention_client_portal_tour", login="client_hr")
        created = self.Request.search([("site_id", "=", self.site_b.id)])
        self.assertEqual(created.quantity, 3)
        self.assertEqual(created.shift, "两班倒")
        self.assertEqual(created.client_id, self.client)
        incident = self.env["retention.client.incident"].search([("name", "=", "夜班三人未到岗")])
        self.assertEqual(incident.site_id, self.site_a)
        self.assertEqual(incident.category, "shortage")
        self.assertEqual(incident.reporter_id, self.client_user.partner_id)

    def test_client_raises_an_incident(self):
        self.authenticate("client_hr", "client_hr")
        severity = self.env["retention.incident.severity"].search([], order="target_minutes", limit=1)
        response = self._post(
            "/my/client/incidents",
            {
                "site_id": str(self.site_a.id),
                "category": "safety",
                "severity_id": str(severity.id),
                "name": "叉车碰撞",
                "description": "仓库叉车碰撞，一人轻伤。",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_retention_client_incident_sent", response.text)
        incident = self.env["retention.client.incident"].search([("name", "=", "叉车碰撞")])
        self.assertEqual(incident.channel, "portal")
        self.assertEqual(incident.target_minutes, severity.target_minutes)
        # The site's regional manager is responsible and gets a to-do due now.
        self.assertEqual(incident.user_id, self.user_a)
        self.assertEqual(incident.activity_ids.user_id, self.user_a)
        # The client follows its state and response time on the portal.
        incident.with_user(self.user_a).action_respond()
        page = self.url_open("/my/client").text
        self.assertIn("叉车碰撞", page)
        self.assertIn(f'o_retention_client_incident_target">{severity.target_minutes}<', page)
        self.assertRegex(page, r'o_retention_client_incident_response text-success">0<')

    def test_bad_incidents_are_refused_and_write_nothing(self):
        self.authenticate("client_hr", "client_hr")
        Incident = self.env["retention.client.incident"]
        count = Incident.search_count([])
        severity = self.env["retention.incident.severity"].search([], limit=1)
        good = {
            "site_id": str(self.site_a.id),
            "category": "other",
            "severity_id": str(severity.id),
            "name": "缺员",
            "description": "夜班缺人",
        }
        cases = [
            ({**good, "site_id": str(self.site_other.id)}, "not one of your sites"),
            ({**good, "site_id": "999999"}, "no record with the id 999999"),
            ({**good, "site_id": "苏州"}, "expects a whole number"),
            ({**good, "description": "   "}, "Describe what happened"),
            ({**good, "name": ""}, "short subject"),
            ({**good, "severity_id": "999999"}, "no record with the id 999999"),
            ({**good, "category": "earthquake"}, "earthquake"),
        ]
        for data, message in cases:
            with self.subTest(data=data):
                response = self._post("/my/client/incidents", data)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertIn("o_retention_client_error", response.text)
        self.assertEqual(Incident.search_count([]), count)
        # Without the CSRF token, or as a portal user of no client, nothing either.
        with mute_logger("odoo.http"):
            response = self.url_open("/my/client/incidents", data=good)
        self.assertEqual(response.status_code, 400)
        self.authenticate("ret_portal", "ret_portal")
        response = self.url_open("/my/client/incidents/new", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(Incident.search_count([]), count)
