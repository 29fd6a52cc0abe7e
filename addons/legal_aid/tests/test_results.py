from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import TODAY, LegalAidCase


@tagged("post_install", "-at_install")
class TestResults(LegalAidCase):
    """Firm scorecards (coordinators) and the anonymous results (HR, under-5 rule)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.category_injury = cls.env["legal.case.category"].create(
            {"name": "工伤认定", "code": "test_injury"}
        )
        cls.site = cls.env["retention.client.site"].create(
            {"name": "苏州工业园区一厂", "code": "SZ-01", "client_id": cls.client.id, "city": "苏州"}
        )

    def _cases(self, count, **vals):
        return self.env["legal.case"].create(
            [
                {
                    "category_id": self.category_injury.id,
                    "contact_name": f"匿名{n}",
                    "known_on": date(2026, 1, 5),
                    "site_id": self.site.id,
                    **vals,
                }
                for n in range(count)
            ]
        )

    def _answer(self, cases, accept, assigned, answered):
        for case in cases:
            with freeze_time(assigned):
                case.write({"firm_id": self.firm_a.id})
            with freeze_time(answered):
                case._legal_firm_answer(self.lawyer_a, accept, "" if accept else "满额")

    @freeze_time(TODAY)
    def test_firm_scorecard(self):
        self.firm_a.response_target_hours = 24
        cases = self._cases(6)
        self._answer(cases[:4], True, "2026-03-01 08:00:00", "2026-03-01 10:00:00")  # 2 h
        self._answer(cases[4:5], True, "2026-03-01 08:00:00", "2026-03-03 08:00:00")  # 48 h
        self._answer(cases[5:], False, "2026-03-01 08:00:00", "2026-03-01 14:00:00")  # 6 h, declined
        cases[:4].write({"stage": "arbitration"})
        cases[0].write(
            {
                "stage": "closed",
                "outcome": "won",
                "amount_awarded": 10000,
                "amount_recovered": 8000,
                "rating": "5",
            }
        )
        cases[1].write({"stage": "closed", "outcome": "partly_won", "amount_awarded": 5000, "rating": "3"})
        cases[2].write({"stage": "closed", "outcome": "lost"})
        cases[3].write(
            {"stage": "closed", "outcome": "settled", "amount_recovered": 3000, "recovery_note": "和解"}
        )
        firm = self.firm_a.with_user(self.coordinator)
        self.assertEqual(firm.score_case_count, 6)  # the five accepted and case_a
        self.assertEqual(firm.score_closed_count, 4)
        self.assertEqual(firm.score_win_rate, 50.0)
        self.assertEqual(firm.score_amount_awarded, 15000)
        self.assertEqual(firm.score_amount_recovered, 11000)
        self.assertEqual(firm.score_amount_claimed, 30000)  # case_a's claims
        self.assertEqual(firm.score_rating, 4.0)
        self.assertEqual(firm.score_rating_count, 2)
        # Answers: 2, 2, 2, 2, 48 and the decline's 6 hours (case_a was never answered).
        self.assertEqual(firm.score_response_count, 6)
        self.assertEqual(firm.score_response_median, 2.0)
        self.assertEqual(firm.score_response_within, 83.3)
        # case_a's two claims ran out on 11 January 2027 (not yet), the other cases have no claim.
        self.assertEqual((firm.score_deadlines_met, firm.score_deadlines_missed), (0, 0))

    def test_deadlines_met_and_missed(self):
        with freeze_time("2026-03-16"):
            met = self._cases(1, claim_ids=[Command.create({"claim_type_id": self.type_compensation.id})])
            met.write({"firm_id": self.firm_a.id, "stage": "arbitration"})
            self.assertEqual(met.date_arbitration, TODAY)
        with freeze_time("2027-02-01"):
            late = self.case_a
            late.write({"stage": "arbitration"})  # after the deadline of 11 January 2027
            firm = self.firm_a.with_user(self.coordinator)
            self.assertEqual(firm.score_deadlines_met, 1)
            # case_a's compensation claim (its wage claim has no deadline while employed).
            self.assertEqual(firm.score_deadlines_missed, 1)

    def test_scorecard_queries_do_not_grow_with_firms(self):
        firms = self.firm_a | self.firm_b
        many = firms | self.env["legal.law.firm"].create([{"name": f"律所{n}"} for n in range(8)])
        self.env.flush_all()
        counts = []
        many.mapped("score_win_rate")  # warm the access caches
        for records in (firms, many):
            records.invalidate_recordset()
            start = self.env.cr.sql_log_count
            records.mapped("score_win_rate")
            counts.append(self.env.cr.sql_log_count - start)
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[0], 6)

    def test_scorecard_is_for_coordinators_only(self):
        with self.assertRaises(AccessError):
            self.firm_a.with_user(self.lawyer_a).read(["score_win_rate"])

    def test_results_hide_groups_under_five(self):
        manager = self.retention_manager
        Report = self.env["legal.case.report"]
        self._cases(4)
        self.env.flush_all()
        rows = Report.with_user(manager).search([("dimension", "=", "category")])
        self.assertFalse(rows.filtered(lambda r: r.category_id == self.category_injury))
        self.assertFalse(Report.with_user(manager).search([("site_id", "=", self.site.id)]))
        self._cases(1, stage="closed", outcome="won")
        self.env.flush_all()
        [row] = Report.with_user(manager).search([("category_id", "=", self.category_injury.id)])
        self.assertEqual((row.case_count, row.closed_count, row.won_count, row.win_rate), (5, 1, 1, 100.0))
        [site_row] = Report.with_user(manager).search([("site_id", "=", self.site.id)])
        self.assertEqual(site_row.case_count, 5)
        [client_row] = Report.with_user(self.regional_manager).search([("client_id", "=", self.client.id)])
        self.assertEqual(client_row.case_count, 5)
        # Nothing in a row identifies a case or a person.
        self.assertFalse({"employee_id", "name", "facts", "requester_user_id"} & set(Report._fields))

    def test_results_refused_to_others(self):
        for user in (self.hr_officer, self.lawyer_a, self.employee_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["legal.case.report"].with_user(user).search([])


@tagged("post_install", "-at_install")
class TestRiskDriver(LegalAidCase):
    """The risk engine's legal driver: a yes/no, nothing else, in a constant number of queries."""

    def setUp(self):
        super().setUp()
        self.driver = self.env.ref("legal_aid.risk_driver_legal").with_context(active_test=False)
        self.Driver = self.env["retention.risk.driver"].with_user(self.retention_manager)

    def test_shipped_inactive_and_weights_still_sum_to_100(self):
        self.assertFalse(self.driver.active)
        self.assertEqual(self.driver.weight, 0)
        self.assertTrue(self.driver.has_source)
        self.assertEqual(sum(self.env["retention.risk.driver"]._check_active_weights().mapped("weight")), 100)

    def test_yes_or_no_only(self):
        free = self.env["hr.employee"].create({"name": "王芳", "company_id": self.company.id})
        closed = self.env["hr.employee"].create({"name": "赵磊", "company_id": self.company.id})
        self.env["legal.case"].create(
            {
                "employee_id": closed.id,
                "category_id": self.category_wages.id,
                "known_on": date(2026, 1, 1),
                "stage": "closed",
                "outcome": "settled",
            }
        )
        employees = self.employee | self.neighbour | free | closed
        # As a retention manager, who may read no case at all (the sudo is the driver's).
        self.assertFalse(self.env["legal.case"].with_user(self.retention_manager).search([]))
        values = self.Driver._risk_driver_legal(employees, date.today(), self.driver)
        self.assertEqual(values[self.employee.id].score, 0.0)
        self.assertEqual(values[self.neighbour.id].score, 0.0)
        self.assertEqual(values[free.id].score, 100.0)
        self.assertEqual(values[closed.id].score, 100.0)
        for sub in values.values():
            self.assertFalse(sub.params)
            text = self.Driver._risk_explanation(sub)
            for secret in (
                self.category_wages.name,
                self.category_dismissal.name,
                self.firm_a.name,
                self.firm_b.name,
                self.client.name,
                "工资",
                self.case_a.name,
            ):
                self.assertNotIn(secret, text)
        # Before the request, there was no case.
        before = self.Driver._risk_driver_legal(self.employee, date(2020, 1, 1), self.driver)
        self.assertEqual(before[self.employee.id].score, 100.0)

    def test_one_query_whatever_the_batch(self):
        few = self.employee | self.neighbour
        many = few | self.env["hr.employee"].create(
            [{"name": f"员工{n}", "company_id": self.company.id} for n in range(30)]
        )
        self.env.flush_all()
        today = date.today()
        with self.assertQueryCount(1):
            self.Driver._risk_driver_legal(few, today, self.driver)
        with self.assertQueryCount(1):
            self.Driver._risk_driver_legal(many, today, self.driver)

    def test_scored_by_the_engine_when_activated(self):
        contact = self.env.ref("outsourcing_retention.risk_driver_contact")
        self.driver.write({"active": True, "weight": contact.weight})
        contact.weight = 0
        score = self.env["retention.risk.score"]._score_employees(self.employee, date.today())
        line = score.line_ids.filtered(lambda line: line.driver_id == self.driver)
        self.assertEqual(line.explanation, "The employee has an open legal-aid case.")
        self.assertEqual(line.sub_score, 0.0)
