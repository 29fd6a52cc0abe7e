import shutil
import subprocess
from datetime import date

from odoo import Command
from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from .common import TODAY


@tagged("post_install", "-at_install")
class TestClientServicePortal(HttpCase):
    """/my/client/reports, /my/client/reviews and /my/client/survey for client users only."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env = env
        Partner = env["res.partner"]
        cls.client = Partner.create(
            {"name": "苏州精密制造有限公司", "is_company": True, "is_outsourcing_client": True}
        )
        cls.client_2 = Partner.create(
            {"name": "无锡电子有限公司", "is_company": True, "is_outsourcing_client": True}
        )
        cls.site = env["retention.client.site"].create(
            {"name": "苏州二厂", "code": "P-SZ", "client_id": cls.client.id}
        )
        cls.site_2 = env["retention.client.site"].create(
            {"name": "无锡一厂", "code": "P-WX", "client_id": cls.client_2.id}
        )
        cls.client_user = new_test_user(env, "cs_portal_client", groups="base.group_portal", name="周敏")
        cls.client_user.partner_id.write({"parent_id": cls.client.id, "email": "zhoumin@client.example.com"})
        cls.other_user = new_test_user(env, "cs_portal_other", groups="base.group_portal")
        cls.other_user.partner_id.parent_id = cls.client_2
        cls.nobody = new_test_user(env, "cs_portal_nobody", groups="base.group_portal")
        employees = env["hr.employee"].create([{"name": f"员工{i}"} for i in range(6)])
        for employee in employees:
            env["retention.assignment"].create(
                {"employee_id": employee.id, "site_id": cls.site.id, "date_start": date(2025, 1, 1)}
            )
        # Two more people at a second site: their row is hidden by the under-5 rule.
        cls.site_b = env["retention.client.site"].create(
            {"name": "昆山仓库", "code": "P-KS", "client_id": cls.client.id}
        )
        for employee in env["hr.employee"].create([{"name": f"司机{i}"} for i in range(2)]):
            env["retention.assignment"].create(
                {"employee_id": employee.id, "site_id": cls.site_b.id, "date_start": date(2025, 1, 1)}
            )
        Report = env["retention.service.report"]
        period = {"period_type": "quarter", "date_from": date(2026, 1, 1), "date_to": date(2026, 3, 31)}
        cls.report = Report.create({"client_id": cls.client.id, "comment": "本季度服务平稳", **period})
        cls.report_2 = Report.create({"client_id": cls.client_2.id, "comment": "无锡机密备注", **period})
        (cls.report | cls.report_2).action_generate()
        (cls.report | cls.report_2).action_publish()
        cls.draft = Report.create(
            {"client_id": cls.client.id, "comment": "草稿备注", **period, "period_type": "month"}
        )
        owner = env.user.partner_id
        env["retention.service.review"].create(
            [
                {
                    "name": "第一季度服务回顾会",
                    "client_id": cls.client.id,
                    "date": "2026-03-10 02:00:00",
                    "minutes": "<p>夜班缺员问题已解决</p>",
                    "action_ids": [
                        Command.create(
                            {"name": "补充夜班人员", "owner_id": owner.id, "deadline": date(2026, 4, 30)}
                        )
                    ],
                },
                {
                    "name": "无锡回顾会",
                    "client_id": cls.client_2.id,
                    "date": "2026-03-11 02:00:00",
                    "action_ids": [
                        Command.create(
                            {"name": "无锡机密行动", "owner_id": owner.id, "deadline": date(2026, 4, 30)}
                        )
                    ],
                },
            ]
        )

    def test_reports_of_the_own_client_only(self):
        self.authenticate("cs_portal_client", "cs_portal_client")
        page = self.url_open("/my/client/reports").text
        self.assertIn(f"/my/client/reports/{self.report.id}", page)
        self.assertNotIn(f"/my/client/reports/{self.report_2.id}", page)
        self.assertNotIn(f"/my/client/reports/{self.draft.id}", page)
        page = self.url_open(f"/my/client/reports/{self.report.id}").text
        self.assertIn("本季度服务平稳", page)
        self.assertIn("苏州二厂", page)
        for forged in (self.report_2.id, self.draft.id, 999999):
            response = self.url_open(f"/my/client/reports/{forged}")
            self.assertEqual(response.status_code, 404)
            self.assertNotIn("机密", response.text)
            self.assertNotIn("草稿备注", response.text)
            response = self.url_open(f"/my/client/reports/{forged}?report_type=pdf")
            self.assertEqual(response.status_code, 404)

    def test_pdf_download(self):
        self.authenticate("cs_portal_client", "cs_portal_client")
        response = self.url_open(f"/my/client/reports/{self.report.id}?report_type=pdf&download=true")
        self.assertEqual(response.status_code, 200)
        self.assertIn(response.headers["Content-Type"], ("application/pdf", "text/html; charset=utf-8"))

    def test_pdf_hides_small_groups(self):
        # An HttpCase: wkhtmltopdf fetches the report's assets from the test server, which
        # answers through the test cursor (a TransactionCase would wait on its own locks).
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True, lang="en_US")
        report_name = "outsourcing_retention.action_report_service_report"
        pdf, kind = Report._render_qweb_pdf(report_name, self.report.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        if not shutil.which("pdftotext"):
            self.fail("pdftotext (poppler-utils) is needed to read the service report PDF")
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        # The PDF holds the report's own data (Chinese text in the system font: pdftotext reads it;
        # the Latin labels use a web font without a text map, so they are read from the HTML below).
        self.assertIn("苏州二厂", text)
        html, _kind = Report._render_qweb_html(report_name, self.report.ids)
        html = html.decode()
        self.assertIn("Hidden (fewer than 5", html)
        kunshan = html[html.index("昆山仓库") :].split("</tr>")[0]
        self.assertIn("Hidden", kunshan)

    def test_reviews_of_the_own_client_only(self):
        self.authenticate("cs_portal_client", "cs_portal_client")
        page = self.url_open("/my/client/reviews").text
        self.assertIn("夜班缺员问题已解决", page)
        self.assertIn("补充夜班人员", page)
        self.assertNotIn("无锡", page)

    def test_non_clients_and_anonymous(self):
        self.authenticate("cs_portal_nobody", "cs_portal_nobody")
        for url in (
            "/my/client/reports",
            "/my/client/reviews",
            "/my/client/survey",
            f"/my/client/reports/{self.report.id}",
        ):
            self.assertEqual(self.url_open(url).status_code, 404)
        self.authenticate("cs_portal_other", "cs_portal_other")
        self.assertEqual(self.url_open(f"/my/client/reports/{self.report.id}").status_code, 404)
        self.assertNotIn("夜班缺员", self.url_open("/my/client/reviews").text)
        self.authenticate(None, None)
        for url in ("/my/client/reports", "/my/client/reviews", f"/my/client/reports/{self.report.id}"):
            response = self.url_open(url)
            self.assertIn("/web/login", response.url)
            self.assertNotIn("本季度服务平稳", response.text)

    def test_home_counters(self):
        self.authenticate("cs_portal_client", "cs_portal_client")
        response = self.opener.post(
            f"{self.base_url()}/my/counters",
            json={
                "params": {"counters": ["retention_service_report_count", "retention_service_review_count"]}
            },
        )
        self.assertEqual(
            response.json()["result"],
            {"retention_service_report_count": 1, "retention_service_review_count": 1},
        )

    def test_survey_start_is_a_post_and_idempotent(self):
        with freeze_time(TODAY):
            self.env.ref(
                "outsourcing_retention.ir_cron_retention_client_satisfaction"
            ).method_direct_trigger()
        satisfaction = self.env["retention.client.satisfaction"].search([("client_id", "=", self.client.id)])
        self.assertEqual(len(satisfaction), 1)
        # The cron invited the client's contact already.
        self.assertEqual(satisfaction.answer_ids.partner_id, self.client_user.partner_id)
        self.authenticate("cs_portal_client", "cs_portal_client")
        with freeze_time(TODAY):
            page = self.url_open("/my/client/survey").text
            self.assertIn("/my/client/survey/start", page)
            response = self.url_open(
                "/my/client/survey/start", data={"csrf_token": self.csrf_token()}, allow_redirects=False
            )
        self.assertEqual(response.status_code, 303)
        self.assertIn(satisfaction.answer_ids.access_token, response.headers["Location"])
        self.assertEqual(len(satisfaction.answer_ids), 1)
        # Another client's user starts their own client's survey, never this answer.
        self.authenticate("cs_portal_other", "cs_portal_other")
        with freeze_time(TODAY):
            response = self.url_open(
                "/my/client/survey/start", data={"csrf_token": self.csrf_token()}, allow_redirects=False
            )
        self.assertNotIn(satisfaction.answer_ids.access_token, response.headers["Location"])
        other = self.env["retention.client.satisfaction"].search([("client_id", "=", self.client_2.id)])
        self.assertIn(other.answer_ids.access_token, response.headers["Location"])
        self.assertEqual(len(satisfaction.answer_ids), 1)
        # A GET changes nothing.
        self.assertEqual(self.url_open("/my/client/survey/start").status_code, 405)

    def csrf_token(self):
        page = self.url_open("/my/client/survey").text
        marker = 'name="csrf_token" value="'
        return page.split(marker, 1)[1].split('"', 1)[0]

    def test_tour_on_a_phone(self):
        self.start_tour(
            "/my/client/reports", "outsourcing_retention_client_service_tour", login="cs_portal_client"
        )
