from datetime import date, datetime, timedelta
from xmlrpc.client import Fault

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.sql_db import db_connect
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import SQL

from ..models.retention_risk_score import SCORING_LOCK_KEY
from .common import TODAY, RetentionCase
from .performance_common import PerformanceCase


class RiskCase(RetentionCase):
    """Contracts, an assignment and a calendar contact for the scorecard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Score = cls.env["retention.risk.score"]
        cls.contact = cls.env.ref("outsourcing_retention.risk_driver_contact")
        cls.intention = cls.env.ref("outsourcing_retention.risk_driver_intention")
        cls.hr_responsible = new_test_user(
            cls.env,
            "ret_risk_hr",
            groups="hr.group_hr_user,hr_contract.group_hr_contract_manager",
            company_id=cls.company.id,
        )
        cls.all_employees = cls.employee_1 | cls.employee_2 | cls.employee_portal | cls.employee_c2
        # Everyone was hired two years ago; employee_1's contract ends in 60 days.
        Contract = cls.env["hr.contract"]
        for employee in cls.all_employees:
            Contract.create(
                {
                    "name": f"合同 {employee.name}",
                    "employee_id": employee.id,
                    "company_id": employee.company_id.id,
                    "date_start": TODAY - timedelta(days=730),
                    "date_end": TODAY + timedelta(days=60 if employee == cls.employee_1 else 400),
                    "wage": 6000,
                    "state": "open",
                    "hr_responsible_id": cls.hr_responsible.id,
                }
            )
        cls._assign(cls.employee_1, cls.site_a, TODAY - timedelta(days=300))
        # employee_2 met HR 10 days ago.
        cls.env["calendar.event"].create(
            {
                "name": "一对一谈话",
                "start": datetime.combine(TODAY - timedelta(days=10), datetime.min.time()),
                "stop": datetime.combine(TODAY - timedelta(days=10), datetime.min.time())
                + timedelta(hours=1),
                "partner_ids": [Command.set(cls.employee_2.work_contact_id.ids)],
            }
        )

    def _leave(self, employee, start, days):
        leave_type = self.env["hr.leave.type"].create(
            {"name": "事假", "requires_allocation": "no", "company_id": employee.company_id.id}
        )
        leave = (
            self.env["hr.leave"]
            .with_context(leave_skip_state_check=True, mail_create_nolog=True, tracking_disable=True)
            .create(
                {
                    "employee_id": employee.id,
                    "holiday_status_id": leave_type.id,
                    "request_date_from": start,
                    "request_date_to": start + timedelta(days=days - 1),
                }
            )
        )
        leave.sudo().write({"state": "validate"})
        return leave


@freeze_time(TODAY)
class TestRiskScoring(RiskCase):
    """The scorecard over real signals: calendar contacts, time off, contracts."""

    def test_contact_driver_from_calendar(self):
        values = self.contact._risk_values(self.employee_1 | self.employee_2, TODAY)["contact"]
        self.assertEqual(values[self.employee_2.id].code, "contact_recent")
        self.assertEqual(values[self.employee_2.id].score, 100)
        # never met: a finding (0), not missing data
        self.assertEqual(values[self.employee_1.id].code, "contact_never")
        self.assertEqual(values[self.employee_1.id].score, 0)

    def test_intention_driver_compares_with_own_history(self):
        # one day off in each earlier quarter, nine days in the last one
        for quarter in range(1, 5):
            self._leave(self.employee_2, TODAY - timedelta(days=90 * quarter + 30), 1)
        self._leave(self.employee_2, TODAY - timedelta(days=40), 9)
        values = self.intention._risk_values(self.employee_1 | self.employee_2, TODAY)["intention"]
        self.assertEqual(values[self.employee_2.id].code, "intention_signs")
        self.assertIn("absence_unusual", values[self.employee_2.id].params["signs"])
        self.assertEqual(values[self.employee_1.id].code, "intention_none")

    def test_cron_scores_everyone_once_and_spreads_missing_drivers(self):
        self.Score._cron_score_employees(max_batches=None)
        scores = self.Score.search([("employee_id", "in", self.all_employees.ids)])
        self.assertEqual(scores.employee_id, self.all_employees)
        score_2 = scores.filtered(lambda s: s.employee_id == self.employee_2)
        # training and performance have no source here: intention 100 and contact 100 count alone
        self.assertEqual(score_2.total, 100)
        self.assertEqual(score_2.band, "low")
        lines = {line.driver_id.code: line for line in score_2.line_ids}
        self.assertFalse(lines["training"].has_data)
        self.assertAlmostEqual(lines["contact"].weight, 33.3, places=1)
        self.assertEqual(lines["training"].explanation, "No training data.")
        # employee_1 never met HR: contact 0, intention 100 -> 66.7, medium
        score_1 = scores.filtered(lambda s: s.employee_id == self.employee_1)
        self.assertEqual(score_1.total, 66.7)
        self.assertEqual(score_1.band, "medium")
        self.assertEqual(score_1.top_driver_ids, self.contact)
        self.assertEqual(score_1.days_to_contract_end, 60)
        self.assertEqual(self.employee_1.retention_risk_score_id, score_1)
        self.assertEqual(self.employee_1.retention_risk_band, "medium")
        # a second run the same day changes nothing
        self.assertEqual(self.Score._cron_score_employees(max_batches=None), 0)
        self.assertEqual(self.Score.search_count([("employee_id", "in", self.all_employees.ids)]), 4)

    def test_too_little_data_raises_no_alert(self):
        # intention (20) and contact (10) alone weigh 30: below a 40 % coverage, no band, no alert
        self.company.write({"retention_risk_alert_threshold": 70, "retention_risk_min_coverage": 40})
        [score] = self.Score._score_employees(self.employee_1, TODAY)
        self.assertEqual(score.band, "no_data")
        self.assertEqual(score.total, 66.7)  # kept for information
        self.assertFalse(self.env["retention.risk.alert"].search([("employee_id", "=", self.employee_1.id)]))

    def test_open_ended_contract(self):
        contract = self.env["hr.contract"].search([("employee_id", "=", self.employee_2.id)])
        contract.date_end = False
        [score] = self.Score._score_employees(self.employee_2, TODAY)
        self.assertFalse(score.contract_date_end)
        self.assertEqual(score.days_to_contract_end, 0)
        self.assertFalse(self.env["retention.risk.alert"].search([("employee_id", "=", self.employee_2.id)]))

    def test_killed_run_resumes_with_the_rest(self):
        to_score = self.Score._risk_count_to_score(TODAY)
        self.assertEqual(self.Score._cron_score_employees(batch_size=2, max_batches=1), 2)
        self.assertEqual(self.Score._risk_count_to_score(TODAY), to_score - 2)
        self.Score._cron_score_employees(batch_size=2, max_batches=None)
        self.assertEqual(self.Score._risk_count_to_score(TODAY), 0)
        self.assertEqual(self.Score.search_count([("date", "=", TODAY)]), to_score)

    def test_alert_once_per_contract_and_band(self):
        self.company.retention_risk_alert_threshold = 70
        self.Score._score_employees(self.all_employees, TODAY)
        alert = self.env["retention.risk.alert"].search([("employee_id", "=", self.employee_1.id)])
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.band, "high")
        self.assertEqual(alert.site_id, self.site_a)
        self.assertEqual(alert.regional_manager_id, self.user_a)
        self.assertIn("Last HR contact: never", alert.talking_points)
        self.assertEqual(alert.activity_ids.user_id, self.hr_responsible | self.user_a)
        # employee_2 is low risk; employee_c2's contract ends beyond the horizon
        self.assertFalse(
            self.env["retention.risk.alert"].search(
                [("employee_id", "in", (self.employee_2 | self.employee_c2).ids)]
            )
        )
        with freeze_time(TODAY + timedelta(days=1)):
            self.Score._score_employees(self.all_employees, TODAY + timedelta(days=1))
        self.assertEqual(
            self.env["retention.risk.alert"].search_count([("employee_id", "=", self.employee_1.id)]), 1
        )

    def test_explanations_and_talking_points_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search([("name", "=", "outsourcing_retention")])._update_translations(
            ["zh_CN"]
        )
        self.company.retention_risk_alert_threshold = 70
        self.Score._score_employees(self.employee_1, TODAY)
        score = self.employee_1.retention_risk_score_id
        line = score.line_ids.filtered(lambda line: line.driver_id == self.contact)
        self.assertEqual(line.with_context(lang="zh_CN").explanation, "没有 HR 沟通记录。")
        self.assertEqual(line.with_context(lang="en_US").explanation, "No HR contact recorded.")
        self.assertIn("最近一次 HR 沟通：从未沟通", score.with_context(lang="zh_CN")._risk_talking_points())
        # the activity is written in its reader's language
        self.hr_responsible.lang = "zh_CN"
        self.env["retention.risk.alert"].search([]).unlink()
        self.env["retention.risk.alert"]._risk_raise_alerts(score)
        activity = (
            self.env["retention.risk.alert"]
            .search([])
            .activity_ids.filtered(lambda a: a.user_id == self.hr_responsible)
        )
        self.assertIn("续签风险", activity.summary)
        self.assertIn("一对一面谈", str(activity.note))

    def test_weights_must_sum_to_100(self):
        self.contact.weight = 20
        with self.assertRaisesRegex(UserError, "must sum to 100"):
            self.Score._cron_score_employees(max_batches=None)
        self.assertFalse(self.Score.search([]))

    def test_query_count_does_not_grow_with_the_batch(self):
        Employee = self.env["hr.employee"]
        employees = Employee.create([{"name": f"员工{i}", "company_id": self.company.id} for i in range(24)])
        self.Score._score_employees(employees[:2], TODAY)  # warm the caches of drivers and company
        counts = []
        for batch in (employees[2:6], employees[6:24]):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.Score._score_employees(Employee.browse(batch.ids), TODAY)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1], f"queries for 4 and 18 employees: {counts}")

    def test_concurrent_run_is_refused(self):
        cron = self.env.ref("outsourcing_retention.ir_cron_retention_risk_score")
        with db_connect(self.env.cr.dbname).cursor() as other:
            other.execute(SQL("SELECT pg_advisory_xact_lock(%s)", SCORING_LOCK_KEY))
            with self.assertRaisesRegex(UserError, "already running"):
                self.Score._cron_score_employees(max_batches=None)
            other.rollback()
            other.execute(SQL("SELECT id FROM ir_cron WHERE id = %s FOR NO KEY UPDATE", cron.id))
            with self.assertRaisesRegex(UserError, "already running"):
                self.Score.with_user(self.manager).action_score_now()
            other.rollback()
        action = self.Score.with_user(self.manager).action_score_now()
        self.assertEqual(action["params"]["type"], "success")

    def test_only_managers_run_it_now(self):
        with self.assertRaises(AccessError):
            self.Score.with_user(self.hr_officer).action_score_now()


@freeze_time(TODAY)
class TestRiskAccess(RiskCase):
    """Who sees scores and alerts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.retention_risk_alert_threshold = 70
        cls.env["retention.risk.score"]._score_employees(cls.all_employees, TODAY)
        cls.alert = cls.env["retention.risk.alert"].search([("employee_id", "=", cls.employee_1.id)])

    def test_hr_officer_reads_scores_of_own_company_only(self):
        scores = self.Score.with_user(self.hr_officer).search([])
        self.assertEqual(scores.employee_id, self.all_employees - self.employee_c2)
        self.assertEqual(self.employee_1.with_user(self.hr_officer).retention_risk_band, "high")

    def test_retention_user_sees_alerts_of_own_site_but_no_score(self):
        self.assertEqual(self.env["retention.risk.alert"].with_user(self.user_a).search([]), self.alert)
        self.assertFalse(self.env["retention.risk.alert"].with_user(self.user_b).search([]))
        with self.assertRaises(AccessError):
            self.Score.with_user(self.user_a).search([])
        with self.assertRaises(AccessError):
            self.alert.with_user(self.user_b).read(["total"])
        with self.assertRaises(AccessError):
            self.employee_1.with_user(self.user_a).read(["retention_risk_total"])

    def test_portal_and_employee_never_see_scores(self):
        with self.assertRaises(AccessError):
            self.Score.with_user(self.portal_user).search([])
        with self.assertRaises(AccessError):
            self.env["retention.risk.alert"].with_user(self.portal_user).search([])
        with self.assertRaises(AccessError):
            self.employee_portal.with_user(self.portal_user).read(["retention_risk_band"])

    def test_scores_are_read_only_snapshots(self):
        score = self.employee_1.retention_risk_score_id
        with self.assertRaises(AccessError):
            score.with_user(self.hr_officer).write({"total": 100})
        with self.assertRaises(AccessError):
            self.Score.with_user(self.manager).create({"employee_id": self.employee_1.id, "date": TODAY})

    def test_api_for_managers_only(self):
        result = self.Score.with_user(self.manager).get_risk_scores([self.employee_1.id, self.employee_c2.id])
        # the other company's employee is not returned
        self.assertEqual([row["employee_id"] for row in result], [self.employee_1.id])
        self.assertEqual(result[0]["band"], "high")
        self.assertEqual(
            {d["code"] for d in result[0]["drivers"]}, {"training", "performance", "intention", "contact"}
        )
        with self.assertRaises(AccessError):
            self.Score.with_user(self.hr_officer).get_risk_scores([self.employee_1.id])

    def test_api_refuses_bad_input(self):
        Score = self.Score.with_user(self.manager)
        for bad in (str(self.employee_1.id), [str(self.employee_1.id)], [True], list(range(1001))):
            with self.assertRaisesRegex(Exception, "employee ids|At most"):
                Score.get_risk_scores(bad)


@tagged("post_install", "-at_install")
class TestRiskXmlRpc(HttpCase, RiskCase):
    """get_risk_scores over real XML-RPC, as an integrator calls it."""

    def _call(self, login, method, *args):
        uid = self.env["res.users"].search([("login", "=", login)]).id
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            login,
            "retention.risk.score",
            method,
            list(args),
            {"context": {"lang": "en_US"}},
        )

    def test_get_risk_scores(self):
        self.env["retention.risk.score"]._score_employees(self.all_employees, TODAY)
        [row] = self._call("ret_manager", "get_risk_scores", [self.employee_2.id])
        self.assertEqual(row["employee_id"], self.employee_2.id)
        self.assertEqual(row["band"], "low")
        contact = next(d for d in row["drivers"] if d["code"] == "contact")
        self.assertEqual(contact["sub_score"], 100)
        self.assertIn("Last HR contact", contact["explanation"])
        training = next(d for d in row["drivers"] if d["code"] == "training")
        self.assertIs(training["has_data"], False)
        self.assertIs(training["sub_score"], False)

    def test_refusals_are_clear(self):
        with self.assertRaisesRegex(Fault, "Only retention managers"):
            self._call("ret_hr_officer", "get_risk_scores", [self.employee_2.id])
        with self.assertRaisesRegex(Fault, "must be a list of employee ids"):
            self._call("ret_manager", "get_risk_scores", "12")
        with self.assertRaisesRegex(Fault, "cannot be called remotely"):
            self._call("ret_manager", "_cron_score_employees")


@freeze_time(TODAY)
class TestInterventions(RiskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.retention_risk_alert_threshold = 70
        cls.env["retention.risk.score"]._score_employees(cls.all_employees, TODAY)
        cls.alert = cls.env["retention.risk.alert"].search([("employee_id", "=", cls.employee_1.id)])
        cls.talk = cls.env.ref("outsourcing_retention.intervention_type_talk")
        cls.benefit = cls.env.ref("outsourcing_retention.intervention_type_benefit")

    def _plan(self, user, alert=None, **vals):
        action = (alert or self.alert).with_user(user).action_plan_intervention()
        Intervention = self.env["retention.intervention"].with_user(user).with_context(**action["context"])
        return Intervention.create(
            {"type_ids": [Command.set((self.talk | self.benefit).ids)], "date_deadline": TODAY, **vals}
        )

    def test_regional_manager_plans_from_the_alert(self):
        intervention = self._plan(self.user_a)
        self.assertEqual(intervention.employee_id, self.employee_1)
        self.assertEqual(intervention.contract_id, self.alert.contract_id)
        self.assertEqual(intervention.site_id, self.site_a)
        self.assertTrue(self.alert.has_intervention)
        # another site's regional manager neither sees nor plans on it
        self.assertFalse(self.env["retention.intervention"].with_user(self.user_b).search([]))
        with self.assertRaises(AccessError):
            self._plan(self.user_b)

    def test_outcomes_follow_renewal_and_departure(self):
        intervention = self._plan(self.manager)
        other = self.env["retention.intervention"].create(
            {
                "employee_id": self.employee_2.id,
                "type_ids": [Command.set(self.talk.ids)],
                "date_deadline": TODAY,
            }
        )
        Intervention = self.env["retention.intervention"]
        Intervention._cron_record_outcomes()
        self.assertEqual((intervention | other).mapped("outcome"), ["pending", "pending"])
        self.alert.contract_id.retention_renewal_state = "renewed"
        self.employee_2.action_archive()
        Intervention._cron_record_outcomes(batch_size=1)
        self.assertEqual(intervention.outcome, "retained")
        self.assertTrue(intervention.outcome_auto)
        self.assertEqual(intervention.success_rate, 100)
        self.assertEqual(other.outcome, "left")
        self.assertEqual(other.success_rate, 0)
        self.assertEqual(self.alert.outcome, "retained")
        # the comparison: alerted people with an intervention, per band
        groups = self.env["retention.risk.alert"]._read_group(
            [], ["band", "has_intervention"], ["retained_rate:avg"]
        )
        self.assertIn(("high", True, 100.0), groups)

    def test_alert_of_another_employee_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "must be those of"):
            self.env["retention.intervention"].create(
                {
                    "employee_id": self.employee_2.id,
                    "alert_id": self.alert.id,
                    "type_ids": [Command.set(self.talk.ids)],
                    "date_deadline": TODAY,
                }
            )

    def test_other_company_is_out_of_reach(self):
        intervention = self.env["retention.intervention"].create(
            {
                "employee_id": self.employee_c2.id,
                "company_id": self.company_2.id,
                "type_ids": [Command.set(self.talk.ids)],
                "date_deadline": TODAY,
            }
        )
        with self.assertRaises(AccessError):
            intervention.with_user(self.manager).read(["outcome"])

    def test_forms_open_for_each_role(self):
        """Each role opens the alert, score and intervention forms as the web client would."""
        intervention = self._plan(self.user_a)
        score = self.employee_1.retention_risk_score_id
        cases = [
            (user, record)
            for user in (self.user_a, self.hr_officer, self.manager)
            for record in (self.alert, intervention)
        ]
        cases += [(self.hr_officer, score), (self.manager, score), (self.hr_officer, self.employee_1)]
        for user, record in cases:
            with self.subTest(user=user.login, model=record._name):
                Form(record.with_user(user))


class TestRiskPerformanceDriver(PerformanceCase):
    """The performance driver reads confirmed monthly reviews (issue 8) over its window."""

    def test_falling_three_months_is_flagged(self):
        months = [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
        department = self.env["hr.department"].create({"name": "质检部"})
        (self.employee_1 | self.employee_2).department_id = department
        with freeze_time(TODAY):
            for period, scores in zip(months, [95, 90, 85, 80], strict=True):
                reviews = self._review(self.employee_1, scores, period) | self._review(
                    self.employee_2, 70, period
                )
                cohort = self.env["retention.performance.cohort"].create(
                    {"scope": "department", "department_id": department.id, "period": period}
                )
                cohort.action_confirm()
                self.assertEqual(set(reviews.mapped("state")), {"confirmed"})
            # a draft review never counts
            self._review(self.employee_1, 10, date(2026, 3, 1), state="draft")
            driver = self.env.ref("outsourcing_retention.risk_driver_performance")
            values = driver._risk_values(self.employee_1 | self.employee_2 | self.employee_c2, TODAY)[
                "performance"
            ]
        self.assertEqual(values[self.employee_1.id].code, "performance_falling")
        self.assertEqual(values[self.employee_1.id].score, 40)
        self.assertEqual(values[self.employee_1.id].params, {"months": 3, "from": 95.0, "to": 80.0})
        self.assertEqual(values[self.employee_2.id].code, "performance_level")
        self.assertEqual(values[self.employee_2.id].score, 70)
        self.assertNotIn(self.employee_c2.id, values)  # no review: no data, not zero


@freeze_time(TODAY)
class TestRiskContactFromTalkLog(RiskCase):
    def test_logged_talk_counts_as_contact(self):
        talk_type = self.env["retention.talk.type"].search([], limit=1)
        self.env["retention.talk"].create(
            {
                "employee_id": self.employee_1.id,
                "date": TODAY - timedelta(days=5),
                "talk_type_id": talk_type.id,
            }
        )
        values = self.contact._risk_values(self.employee_1, TODAY)["contact"]
        self.assertEqual(values[self.employee_1.id].params["days"], 5)
