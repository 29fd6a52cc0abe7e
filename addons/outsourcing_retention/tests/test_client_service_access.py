from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from .client_service_common import TODAY, ClientServiceCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestClientServiceAccess(ClientServiceCase):
    """Who reads and changes programmes, goals, incidents, reports and reviews."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.programme.action_load_checklists()
        cls.goal = cls.env["retention.outsourcing.goal"].create(
            {
                "programme_id": cls.programme.id,
                "name": "留存率达到九成",
                "metric": "retention_12m",
                "baseline": 70,
                "target": 90,
                "deadline": date(2026, 12, 31),
            }
        )
        cls.programme_b = cls.env["retention.outsourcing.programme"].create(
            {
                "name": "昆山仓库外包",
                "client_id": cls.client.id,
                "date_start": date(2026, 1, 1),
                "site_ids": [Command.set(cls.site_b.ids)],
            }
        )
        cls.programme_2 = cls.env["retention.outsourcing.programme"].create(
            {
                "name": "无锡外包",
                "client_id": cls.client_2.id,
                "date_start": date(2026, 1, 1),
                "state": "running",
            }
        )
        Report = cls.env["retention.service.report"]
        period = {"period_type": "quarter", "date_from": date(2026, 1, 1), "date_to": date(2026, 3, 31)}
        cls.report = Report.create({"client_id": cls.client.id, **period})
        cls.report.action_generate()
        cls.report.action_publish()
        cls.draft_report = Report.create({"client_id": cls.client.id, **period, "period_type": "month"})
        cls.report_2 = Report.create({"client_id": cls.client_2.id, **period})
        cls.report_2.action_generate()
        cls.report_2.action_publish()
        cls.report_c2 = Report.create({"client_id": cls.client.id, "company_id": cls.company_2.id, **period})
        cls.report_c2.action_generate()
        cls.report_c2.action_publish()
        Review = cls.env["retention.service.review"]
        cls.review = Review.create(
            {
                "name": "第一季度服务回顾会",
                "client_id": cls.client.id,
                "site_ids": [Command.set(cls.site_a.ids)],
                "date": "2026-03-10 02:00:00",
                "minutes": "<p>夜班缺员问题已解决</p>",
                "action_ids": [
                    Command.create(
                        {
                            "name": "补充夜班人员",
                            "owner_id": cls.user_a.partner_id.id,
                            "deadline": date(2026, 3, 31),
                        }
                    )
                ],
            }
        )
        cls.review_2 = Review.create(
            {
                "name": "无锡回顾会",
                "client_id": cls.client_2.id,
                "site_ids": [Command.set(cls.site_2.ids)],
                "date": "2026-03-11 02:00:00",
                "action_ids": [
                    Command.create(
                        {
                            "name": "无锡行动",
                            "owner_id": cls.user_b.partner_id.id,
                            "deadline": date(2026, 3, 31),
                        }
                    )
                ],
            }
        )
        cls.incident = cls.env["retention.client.incident"].create({"name": "缺员", "site_id": cls.site_a.id})
        cls.plain_user = new_test_user(cls.env, "cs_plain", groups="base.group_user")
        cls.plain_portal = new_test_user(cls.env, "cs_plain_portal", groups="base.group_portal")

    def _visible(self, user, model):
        return self.env[model].with_user(user).search([])

    def test_client_user_reads_only_their_client(self):
        for user in (self.client_user, self.client_hr):
            self.assertEqual(self._visible(user, "retention.service.report"), self.report)
            self.assertEqual(self._visible(user, "retention.outsourcing.programme"), self.programme)
            self.assertEqual(self._visible(user, "retention.outsourcing.goal"), self.goal)
            self.assertEqual(self._visible(user, "retention.service.review"), self.review)
            self.assertEqual(self._visible(user, "retention.service.review.action"), self.review.action_ids)
            # Forged ids: another client's report, a draft, another company's.
            for record in (self.report_2, self.draft_report, self.report_c2, self.review_2):
                with self.assertRaises(AccessError):
                    record.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                self.review_2.action_ids.with_user(user).read(["name"])

    def test_client_user_never_reads_the_business_case(self):
        for user in (self.client_user, self.client_hr):
            programme = self.programme.with_user(user)
            self.assertEqual(programme.read(["name"])[0]["name"], "苏州二厂包装线外包")
            for field in (
                "cost_inhouse",
                "cost_saving",
                "risk_total",
                "risk_line_ids",
                "cost_line_ids",
                "vendor_ids",
            ):
                with self.assertRaises(AccessError):
                    programme.read([field])
            for model in (
                "retention.outsourcing.cost.line",
                "retention.outsourcing.risk.line",
                "retention.outsourcing.scope",
                "retention.outsourcing.goal.value",
            ):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(user).search([])
            # Incidents: their own client's only (they raise them through the emergency channel).
            self.assertEqual(self._visible(user, "retention.client.incident"), self.incident)
        # Satisfaction results: Client HR users read their client's; portal users answer only.
        with self.assertRaises(AccessError):
            self.env["retention.client.satisfaction"].with_user(self.client_user).search([])

    def test_client_user_writes_nothing(self):
        for user in (self.client_user, self.client_hr):
            with self.assertRaises(AccessError):
                self.goal.with_user(user).write({"target": 99})
            with self.assertRaises(AccessError):
                self.review.action_ids.with_user(user).action_done()
            with self.assertRaises(AccessError):
                self.report.with_user(user).unlink()

    def test_users_of_no_client_see_nothing(self):
        for model in (
            "retention.service.report",
            "retention.outsourcing.programme",
            "retention.service.review",
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.plain_user).search([])
            # A portal user of no outsourcing client, then of a company that is no client.
            self.assertFalse(self._visible(self.plain_portal, model))
        self.plain_portal.partner_id.parent_id = self.env["res.partner"].create(
            {"name": "路人公司", "is_company": True}
        )
        for model in (
            "retention.service.report",
            "retention.outsourcing.goal",
            "retention.service.review.action",
        ):
            self.assertFalse(self._visible(self.plain_portal, model))

    def test_regional_manager_reads_their_sites(self):
        user_a = self.user_a
        self.assertEqual(self._visible(user_a, "retention.outsourcing.programme"), self.programme)
        self.assertEqual(self._visible(user_a, "retention.outsourcing.goal"), self.goal)
        self.assertEqual(self._visible(user_a, "retention.client.incident"), self.incident)
        self.assertEqual(self._visible(user_a, "retention.service.review"), self.review)
        self.assertIn(self.report, self._visible(user_a, "retention.service.report"))
        self.assertNotIn(self.report_2, self._visible(user_a, "retention.service.report"))
        with self.assertRaises(AccessError):
            self.programme_b.with_user(user_a).read(["name"])
        with self.assertRaises(AccessError):
            self.programme.with_user(user_a).write({"name": "改名"})
        with self.assertRaises(AccessError):
            self.goal.with_user(user_a).write({"target": 95})
        # Regional managers log and answer incidents and track action items of their sites.
        self.incident.with_user(user_a).action_respond()
        self.review.action_ids.with_user(user_a).action_done()
        with self.assertRaises(AccessError):
            self.review_2.action_ids.with_user(user_a).action_done()
        self.assertFalse(self._visible(self.user_b, "retention.client.incident"))

    def test_manager_manages_and_other_company_is_out_of_reach(self):
        programme = self.programme.with_user(self.manager)
        programme.write({"name": "苏州二厂包装线外包（二期）"})
        self.assertTrue(programme.cost_inhouse)
        self.assertNotIn(self.report_c2, self._visible(self.manager, "retention.service.report"))
        with self.assertRaises(AccessError):
            self.report_c2.with_user(self.manager).read(["name"])
