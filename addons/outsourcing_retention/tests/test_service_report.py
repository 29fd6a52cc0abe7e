from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .client_service_common import TODAY, ClientServiceCase

HIDDEN = "Hidden (fewer than 5 people)"


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestServiceReport(ClientServiceCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job_2 = cls.env["hr.job"].create({"name": "叉车司机"})
        # Six packers at site_a, two drivers at site_b, one joiner of the quarter at site_a.
        cls._people(6, cls.site_a)
        cls._people(2, cls.site_b, job=cls.job_2, prefix="司机")
        cls.severity = cls.env.ref("outsourcing_retention.incident_severity_high")
        Incident = cls.env["retention.client.incident"]
        for reported, answered in (
            ("2026-02-01 08:00:00", "2026-02-01 08:30:00"),
            ("2026-02-03 09:00:00", "2026-02-03 11:00:00"),
        ):
            Incident.create(
                {
                    "name": "夜班缺员",
                    "site_id": cls.site_a.id,
                    "severity_id": cls.severity.id,
                    "reported_at": reported,
                    "first_response_at": answered,
                }
            )
        cls.env["retention.outsourcing.goal"].create(
            {
                "programme_id": cls.programme.id,
                "name": "在岗人数达到十人",
                "metric": "headcount",
                "baseline": 0,
                "target": 10,
                "date_start": date(2026, 1, 1),
                "deadline": date(2026, 12, 31),
            }
        )
        cls.report = cls.env["retention.service.report"].create(
            {
                "client_id": cls.client.id,
                "period_type": "quarter",
                "date_from": date(2026, 1, 1),
                "date_to": date(2026, 3, 31),
            }
        )

    def test_figures_apply_the_under_5_rule(self):
        self.report.with_user(self.manager).action_generate()
        figures = self.report.figures
        rows = {row["site"]: row["count"] for row in figures["headcount_rows"]}
        self.assertEqual(rows, {"苏州二厂": 6, "昆山仓库": "hidden"})
        self.assertEqual(figures["headcount"], 8)
        # Nobody joined in the quarter; retention and renewals cover fewer than 5 contracts.
        self.assertEqual(figures["joiners"], 0)
        self.assertEqual(figures["renewal_rate"], None)
        self.assertEqual(figures["incidents"]["count"], 2)
        self.assertEqual(figures["incidents"]["median_minutes"], 75.0)
        self.assertEqual(figures["incidents"]["within_target_percent"], 50.0)
        self.assertEqual(figures["goals"][0]["current"], 8)
        self.assertEqual(self.report.name, "苏州精密制造有限公司 2026-Q1")

    def test_html_rendering_hides_small_groups(self):
        self.report.action_generate()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("outsourcing_retention.action_report_service_report", self.report.ids)[0]
            .decode()
        )
        self.assertIn("苏州二厂", html)
        self.assertIn(HIDDEN, html)
        self.assertIn("在岗人数达到十人", html)

    def test_publish_and_lock(self):
        with self.assertRaisesRegex(UserError, "Generate"):
            self.report.action_publish()
        self.report.action_generate()
        self.report.action_publish()
        with self.assertRaisesRegex(UserError, "not changed"):
            self.report.write({"date_to": date(2026, 2, 28)})
        with self.assertRaisesRegex(UserError, "draft"):
            self.report.action_generate()

    def test_bad_period(self):
        with self.assertRaisesRegex(ValidationError, "ends before"):
            self.env["retention.service.report"].create(
                {"client_id": self.client.id, "date_from": date(2026, 4, 1), "date_to": date(2026, 3, 1)}
            )

    def test_quarterly_cron_is_idempotent(self):
        with freeze_time(date(2026, 4, 1)):
            cron = self.env.ref("outsourcing_retention.ir_cron_retention_service_reports")
            cron.method_direct_trigger()
            cron.method_direct_trigger()
        drafts = self.env["retention.service.report"].search(
            [("date_from", "=", date(2026, 1, 1)), ("client_id", "in", (self.client | self.client_2).ids)]
        )
        # The existing report of the client is kept; one new for client_2 and one for the
        # client in the second company.
        self.assertEqual(len(drafts.filtered(lambda r: r.client_id == self.client)), 2)
        self.assertEqual(len(drafts.filtered(lambda r: r.client_id == self.client_2)), 1)
        self.assertTrue(all(drafts.filtered(lambda r: r != self.report).mapped("generated_on")))


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestClientIncident(ClientServiceCase):
    def test_response_time_and_states(self):
        severity = self.env.ref("outsourcing_retention.incident_severity_critical")
        incident = (
            self.env["retention.client.incident"]
            .with_user(self.user_a)
            .create(
                {
                    "name": "人员冲突",
                    "site_id": self.site_a.id,
                    "severity_id": severity.id,
                    "reported_at": "2026-03-15 08:00:00",
                }
            )
        )
        self.assertEqual(incident.state, "open")
        self.assertEqual(incident.target_minutes, 15)
        incident.first_response_at = "2026-03-15 08:10:00"
        self.assertEqual(incident.response_minutes, 10)
        self.assertTrue(incident.within_target)
        self.assertEqual(incident.state, "responded")
        incident.action_resolve()
        self.assertEqual(incident.state, "resolved")
        with self.assertRaisesRegex(UserError, "already resolved"):
            incident.action_resolve()

    def test_response_before_report_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot precede"):
            self.env["retention.client.incident"].create(
                {
                    "name": "x",
                    "site_id": self.site_a.id,
                    "reported_at": "2026-03-16 08:00:00",
                    "first_response_at": "2026-03-16 07:00:00",
                }
            )
        with self.assertRaisesRegex(ValidationError, "after its first response"):
            self.env["retention.client.incident"].create(
                {"name": "x", "site_id": self.site_a.id, "resolved_at": "2026-03-16 07:00:00"}
            )
        incident = self.env["retention.client.incident"].create(
            {"name": "y", "site_id": self.site_a.id, "reported_at": "2026-03-15 08:00:00"}
        )
        with self.assertRaisesRegex(ValidationError, "cannot precede"):
            incident.write({"first_response_at": "2026-03-15 07:59:00"})


@tagged("post_install", "-at_install")
class TestClientSatisfaction(ClientServiceCase):
    def _answer(self, record, partner, score):
        survey = record.survey_id
        answer = survey._create_answer(
            partner=partner, check_attempts=False, retention_satisfaction_id=record.id
        )
        question = survey.question_ids.filtered(lambda q: q.question_type == "scale")
        self.env["survey.user_input.line"].create(
            {
                "user_input_id": answer.id,
                "question_id": question.id,
                "answer_type": "scale",
                "value_scale": score,
            }
        )
        answer.state = "done"
        return answer

    def test_quarterly_cron_is_idempotent_and_scores_trend(self):
        cron = self.env.ref("outsourcing_retention.ir_cron_retention_client_satisfaction")
        Satisfaction = self.env["retention.client.satisfaction"]
        with freeze_time(date(2025, 12, 1)):
            cron.method_direct_trigger()
            cron.method_direct_trigger()
        q4 = Satisfaction.search([("client_id", "=", self.client.id), ("company_id", "=", self.company.id)])
        self.assertEqual(len(q4), 1)
        self.assertEqual(q4.quarter, "2025-Q4")
        # One invitation per contact with an e-mail address, sent once.
        self.assertEqual(q4.answer_ids.partner_id, (self.client_user | self.client_hr).partner_id)
        with freeze_time(TODAY):
            cron.method_direct_trigger()
        q1 = Satisfaction.search(
            [
                ("client_id", "=", self.client.id),
                ("company_id", "=", self.company.id),
                ("quarter", "=", "2026-Q1"),
            ]
        )
        self.assertEqual(len(q1), 1)
        contact = self.env["res.partner"].create(
            {"name": "吴静", "parent_id": self.client.id, "email": "wujing@client.example.com"}
        )
        self._answer(q4, self.client_user.partner_id, 7)
        self._answer(q4, contact, 8)
        self._answer(q1, contact, 9)
        self._answer(q1, self.client_user.partner_id, 10)
        self.assertEqual(q4.average_score, 7.5)
        self.assertEqual(q1.average_score, 9.5)
        self.assertEqual(q1.score_trend, 2.0)
        agreement = self.env["retention.service.agreement"].create(
            {"name": "SA-2026", "partner_id": self.client.id, "date_start": date(2026, 1, 1)}
        )
        # Read in a new request: the agreements are not cached on the record.
        q1.invalidate_recordset(["agreement_ids"])
        self.assertEqual(q1.agreement_ids, agreement)
        # The service report shows the trend.
        report = self.env["retention.service.report"].create(
            {"client_id": self.client.id, "date_from": date(2026, 1, 1), "date_to": date(2026, 3, 31)}
        )
        report.action_generate()
        self.assertEqual(
            report.figures["satisfaction"],
            [
                {"quarter": "2025-Q4", "score": 7.5, "trend": None},
                {"quarter": "2026-Q1", "score": 9.5, "trend": 2.0},
            ],
        )
