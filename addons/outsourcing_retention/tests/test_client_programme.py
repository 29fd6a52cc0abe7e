from datetime import date

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from ..engine import client_programme
from .client_service_common import TODAY, ClientServiceCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestClientProgramme(ClientServiceCase):
    def test_business_case_from_the_configured_checklists(self):
        programme = self.programme.with_user(self.manager)
        programme.action_load_checklists()
        self.assertEqual(len(programme.cost_line_ids), 8)
        self.assertEqual(len(programme.risk_line_ids), 5)
        # Loading again adds nothing.
        programme.action_load_checklists()
        self.assertEqual(len(programme.cost_line_ids), 8)
        # The shipped rates, computed by the engine over 10 people and 12 months.
        expected = client_programme.cost_comparison(
            [
                {
                    "side": line.side,
                    "method": line.method,
                    "value": line.value,
                    "is_wage": line.is_wage,
                    "turnover_rate": 30.0,
                }
                for line in programme.cost_line_ids
            ],
            10,
            12,
        )
        self.assertEqual(programme.headcount, 10)
        # Wages 720000, social insurance 26.5 %, housing fund 7 %, overhead 8 %, recruitment
        # 20000, turnover 3000 x 10 x 30 %.
        self.assertAlmostEqual(programme.cost_inhouse, 720000 * 1.415 + 20000 + 9000)
        self.assertAlmostEqual(programme.cost_outsourcing, 8200 * 120 + 30000)
        self.assertAlmostEqual(programme.cost_saving, expected["saving"])
        wages = programme.cost_line_ids.filtered("is_wage")
        self.assertEqual(wages.amount, 720000)

    def test_risk_total_and_open_mitigations(self):
        programme = self.programme
        programme.action_load_checklists()
        lines = programme.risk_line_ids
        lines.write({"score": "2"})
        lines[0].write({"mitigation": "每月服务质量抽检"})
        lines[1].write({"mitigation": "签订保密协议", "mitigation_done": True})
        self.assertEqual(programme.risk_total, 40.0)
        self.assertEqual(programme.risk_level, "medium")
        self.assertEqual(programme.open_mitigation_count, 1)

    def test_dispatch_breach_raises_the_legal_risk(self):
        programme = self.programme
        programme.action_load_checklists()
        legal = programme.risk_line_ids.filtered(lambda line: line.code == "legal")
        legal.score = "1"
        self.assertFalse(programme.dispatch_breach)
        self.assertEqual(legal.effective_score, 1)
        self._assign(
            self.employee_1,
            self.site_a,
            date(2026, 1, 1),
            employment_mode="dispatch",
            position_nature="auxiliary",
        )
        # The client's own workforce shrinks: one dispatched worker is now above 10 %.
        self.client.client_workforce = 5
        self.env.invalidate_all()
        self.assertTrue(programme.dispatch_breach)
        self.assertEqual(legal.effective_score, 4)

    def test_states(self):
        programme = self.programme.copy({"name": "草案"})
        self.assertEqual(programme.state, "draft")
        with self.assertRaisesRegex(UserError, "cannot become"):
            programme.action_run()
        programme.action_approve()
        programme.action_reset_draft()
        programme.action_approve()
        programme.action_run()
        programme.action_close()
        self.assertEqual(programme.state, "closed")
        with self.assertRaises(UserError):
            programme.action_close()

    def test_bad_input(self):
        Programme = self.env["retention.outsourcing.programme"]
        with self.assertRaisesRegex(ValidationError, "before it starts"):
            Programme.create(
                {"name": "x", "client_id": self.client.id, "date_start": TODAY, "date_end": date(2025, 1, 1)}
            )
        with self.assertRaisesRegex(ValidationError, "does not belong"):
            Programme.create(
                {
                    "name": "x",
                    "client_id": self.client.id,
                    "date_start": TODAY,
                    "site_ids": [Command.set(self.site_2.ids)],
                }
            )
        with self.assertRaises(ValidationError):
            Programme.create({"name": "x", "client_id": "苏州", "date_start": TODAY})
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.programme.cost_line_ids = [Command.create({"name": "x", "value": -1})]
        self.assertFalse(self.programme.cost_line_ids)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestProgrammeGoals(ClientServiceCase):
    def _goal(self, metric, baseline, target, **vals):
        return self.env["retention.outsourcing.goal"].create(
            {
                "programme_id": self.programme.id,
                "name": metric,
                "metric": metric,
                "baseline": baseline,
                "target": target,
                "date_start": date(2026, 1, 1),
                "deadline": date(2026, 12, 31),
                **vals,
            }
        )

    def test_headcount_goal_updates_from_assignments_under_the_5_rule(self):
        goal = self._goal("headcount", 0, 10)
        # Nobody placed yet: a headcount of 0 identifies no one and is shown.
        self.assertTrue(goal.has_value)
        self.assertEqual(goal.current_value, 0)
        self.assertEqual(goal.status, "off_track")
        self._people(3, self.site_a)
        goal._update_from_data()
        # Three people: the figure is hidden, so the goal has no data.
        self.assertFalse(goal.has_value)
        self.assertEqual(goal.status, "no_data")
        self._people(3, self.site_a, prefix="新员工")
        goal._update_from_data()
        self.assertTrue(goal.has_value)
        self.assertEqual(goal.current_value, 6)
        self.assertEqual(goal.progress, 60.0)
        self.assertEqual(goal.status, "on_track")

    def test_retention_goal(self):
        goal = self._goal("retention_12m", 70, 90)
        people = self._people(10, self.site_a, date_start=date(2024, 6, 1))
        # Two left before today: 8 of 10 retained.
        self.env["retention.assignment"].search([("employee_id", "in", people[:2].ids)]).write(
            {"date_end": date(2025, 12, 31)}
        )
        goal._update_from_data()
        self.assertEqual(goal.current_value, 80.0)
        self.assertEqual(goal.progress, 50.0)

    def test_fill_rate_and_response_goals(self):
        fill = self._goal("fill_rate", 50, 100)
        response = self._goal("response_time", 120, 30)
        # asked for in January, to start on 1 February (a start date is refused once past)
        with freeze_time(date(2026, 1, 15)):
            request = self.env["retention.staffing.request"].create(
                {
                    "site_id": self.site_a.id,
                    "job_id": self.job.id,
                    "quantity": 10,
                    "date_start": date(2026, 2, 1),
                }
            )
            request.action_confirm()
        people = self._people(5, self.site_a, date_start=date(2026, 2, 1))
        self.env["retention.assignment"].search(
            [("employee_id", "in", people.ids)]
        ).staffing_request_id = request
        severity = self.env.ref("outsourcing_retention.incident_severity_high")
        Incident = self.env["retention.client.incident"]
        for minutes in (20, 40, 90):
            Incident.create(
                {
                    "name": "夜班缺员",
                    "site_id": self.site_a.id,
                    "severity_id": severity.id,
                    "reported_at": "2026-03-01 08:00:00",
                    "first_response_at": f"2026-03-01 {8 + minutes // 60:02d}:{minutes % 60:02d}:00",
                }
            )
        (fill | response)._update_from_data()
        self.assertEqual(fill.current_value, 50.0)
        self.assertEqual(response.current_value, 40.0)
        self.assertEqual(response.progress, 88.9)

    def test_cost_reduction_goal_follows_the_business_case(self):
        goal = self._goal("cost_reduction", 0, 10)
        self.assertTrue(goal.is_measured)
        # No cost line yet: nothing to reduce from.
        self.assertEqual(goal.status, "no_data")
        self.assertFalse(goal.has_value)
        programme = self.programme.with_user(self.manager)
        programme.action_load_checklists()
        expected = client_programme.cost_reduction(programme._business_case_results()[programme.id][0])
        self.assertEqual(goal.current_value, expected)
        self.assertEqual(goal.current_value, programme.cost_saving_percent)
        # A dearer vendor quote: the saving and the goal's value follow at once.
        quote = programme.cost_line_ids.filtered(lambda line: line.side == "outsourcing")[:1]
        quote.value += 1000
        self.assertEqual(goal.current_value, programme.cost_saving_percent)
        self.assertLess(goal.current_value, expected)
        # So do the headcount in scope and the months compared.
        before = goal.current_value
        programme.scope_ids.headcount = 20
        programme.cost_months = 24
        self.assertEqual(goal.current_value, programme.cost_saving_percent)
        self.assertNotEqual(goal.current_value, before)
        # The in-house cost lines removed: no data again.
        programme.cost_line_ids.filtered(lambda line: line.side == "inhouse").unlink()
        self.assertFalse(goal.has_value)
        self.assertEqual(goal.status, "no_data")

    def test_manual_goal_takes_the_latest_period_value(self):
        goal = self._goal("other", 0, 100)
        self.assertEqual(goal.status, "no_data")
        self.env["retention.outsourcing.goal.value"].create(
            [
                {"goal_id": goal.id, "date": date(2026, 1, 31), "value": 1},
                {"goal_id": goal.id, "date": date(2026, 2, 28), "value": 2},
            ]
        )
        self.assertEqual(goal.current_value, 2)
        # 2 % of the way at 20 % of the year is off track; 15 % is on track.
        self.assertEqual(goal.status, "off_track")
        self.env["retention.outsourcing.goal.value"].create({"goal_id": goal.id, "date": TODAY, "value": 15})
        self.assertEqual(goal.status, "on_track")
        self.assertEqual(self.programme.goal_off_track_count, 0)

    def test_cron_is_idempotent_and_set_based(self):
        goals = self._goal("headcount", 0, 10) | self._goal("retention_12m", 70, 90)
        goals.write({"measured_on": False})
        cron = self.env.ref("outsourcing_retention.ir_cron_retention_update_goals")
        cron.method_direct_trigger()
        self.assertEqual(set(goals.mapped("measured_on")), {TODAY})
        cron.method_direct_trigger()
        self.assertEqual(set(goals.mapped("measured_on")), {TODAY})
        # The queries do not grow with the number of goals.
        few = goals
        many = (
            few
            | self._goal("fill_rate", 0, 90)
            | self._goal("headcount", 0, 20)
            | self._goal("renewal_rate", 0, 90)
        )
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        few._update_from_data()
        few_queries = self.env.cr.sql_log_count - start
        self.env.invalidate_all()
        start = self.env.cr.sql_log_count
        many._update_from_data()
        many_queries = self.env.cr.sql_log_count - start
        # One UPDATE per goal (the write of its computed results), nothing more per goal.
        self.assertLessEqual(many_queries - few_queries, 2 * (len(many) - len(few)))
