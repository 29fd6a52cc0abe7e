from datetime import date, timedelta

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import TODAY, WelfareCase


class RuleCase(WelfareCase):
    """Published rules of every trigger, a client site and contracts giving hire dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rule = cls.env["welfare.earning.rule"]
        cls.Rule.search([]).action_archive()
        cls.client = cls.env["res.partner"].create(
            {
                "name": "苏州精密制造有限公司",
                "is_company": True,
                "is_outsourcing_client": True,
                "client_workforce": 90,
            }
        )
        cls.site = cls.env["retention.client.site"].create(
            {"name": "苏州二厂", "code": "WF-SZ2", "client_id": cls.client.id, "company_id": cls.company.id}
        )
        cls.job = cls.env["hr.job"].create({"name": "装配工", "company_id": cls.company.id})
        for employee, start in (
            (cls.employee_1, date(2020, 3, 14)),
            (cls.employee_2, date(2025, 3, 15)),
            (cls.employee_portal, date(2026, 2, 10)),
        ):
            cls.env["hr.contract"].create(
                {
                    "name": f"合同 {employee.name}",
                    "employee_id": employee.id,
                    "date_start": start,
                    "wage": 6000,
                    "state": "open",
                    "company_id": cls.company.id,
                }
            )

    @classmethod
    def _rule(cls, **vals):
        rule = cls.Rule.create({"name": "规则", "points": 100, **vals})
        rule.action_publish()
        return rule

    def _balance(self, employee):
        return self._wallet(employee).balance


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestEarningTriggers(RuleCase):
    def test_anniversary_per_year_once(self):
        rule = self._rule(name="司龄奖励", trigger="anniversary", points=100, per_year=True)
        self.Rule._cron_apply_rules()
        # 王芳: 6 years on 14 March (within the look-back week); 刘洋: 1 year on 15 March
        self.assertEqual(self._balance(self.employee_1), 600)
        self.assertEqual(self._balance(self.employee_2), 100)
        self.assertFalse(self._wallet(self.employee_portal))
        self.Rule._cron_apply_rules()
        self.assertEqual(self._balance(self.employee_1), 600)
        line = self.Line.search([("employee_id", "=", self.employee_1.id)])
        self.assertEqual(line.idempotency_key, f"rule:{rule.id}:anniversary:2026:{self.employee_1.id}")
        self.assertEqual(line.rule_version, f"{rule.id}v1")

    def test_attendance_month_without_unplanned_leave(self):
        sick = self.env["hr.leave.type"].create(
            {"name": "病假", "requires_allocation": "no", "company_id": self.company.id}
        )
        other = self.env["hr.leave.type"].create(
            {"name": "年假", "requires_allocation": "no", "company_id": self.company.id}
        )
        self._rule(name="全勤奖", trigger="attendance", points=50, leave_type_ids=[Command.set(sick.ids)])
        Leave = self.env["hr.leave"].with_context(leave_skip_state_check=True, tracking_disable=True)
        sick_leave = Leave.create(
            {
                "employee_id": self.employee_1.id,
                "holiday_status_id": sick.id,
                "request_date_from": date(2026, 2, 9),
                "request_date_to": date(2026, 2, 9),
            }
        )
        sick_leave.sudo().write({"state": "validate"})
        planned = Leave.create(
            {
                "employee_id": self.employee_2.id,
                "holiday_status_id": other.id,
                "request_date_from": date(2026, 2, 10),
                "request_date_to": date(2026, 2, 10),
            }
        )
        planned.sudo().write({"state": "validate"})
        self.Rule._cron_apply_rules()
        self.assertFalse(self._wallet(self.employee_1), "sick leave in February breaks the month")
        self.assertEqual(self._balance(self.employee_2), 50, "planned leave does not")
        self.assertFalse(self._wallet(self.employee_portal), "hired during February")
        self.Rule._cron_apply_rules()
        self.assertEqual(self._balance(self.employee_2), 50)

    def test_unpublished_or_changed_rule_grants_nothing(self):
        rule = self.Rule.create({"name": "司龄", "trigger": "anniversary", "points": 100})
        self.assertFalse(rule.is_published)
        self.Rule._cron_apply_rules()
        self.assertFalse(self._wallet(self.employee_1))
        rule.action_publish()
        self.assertEqual((rule.published_version, rule.date_published), (1, TODAY))
        rule.points = 120
        self.assertEqual(rule.version, 2)
        self.assertFalse(rule.is_published, "a new version is published again before it applies")
        self.Rule._cron_apply_rules()
        self.assertFalse(self._wallet(self.employee_1))

    @mute_logger("odoo.addons.welfare_points.models.welfare_earning_rule")
    def test_contest_seam_idempotent_corrected_and_cancelled(self):
        rule = self._rule(
            name="技能大赛", trigger="contest", points=0, rank_points="1=500, 2=300", budget_points=1000
        )
        contest = self.env["res.partner"].create({"name": "2026年焊工技能大赛"})  # any record is a source
        ranks = {self.employee_1.id: 1, self.employee_2.id: 2, self.employee_portal.id: 5}
        lines = self.Rule._welfare_post_contest_results(contest, ranks, TODAY)
        self.assertEqual(sorted(lines.mapped("points")), [300, 500])
        self.assertEqual(set(lines.mapped("res_id")), {contest.id})
        self.assertEqual(self.Rule._welfare_post_contest_results(contest, ranks, TODAY), lines)
        # corrected: 1 and 2 swap; the old credits are reversed, the new ones posted
        swapped = {self.employee_1.id: 2, self.employee_2.id: 1}
        with self.assertRaisesRegex(ValidationError, "whole number"):
            self.Rule._welfare_post_contest_results(contest, {self.employee_1.id: 0}, TODAY)
        # 800 used of 1000: a correction counts only its difference against the budget
        new = self.Rule._welfare_post_contest_results(contest, swapped, TODAY)
        self.assertEqual(rule.budget_used, 800)
        self.assertEqual(self._balance(self.employee_1), 300)
        self.assertEqual(self._balance(self.employee_2), 500)
        self.assertTrue(all(":r2" in key for key in new.mapped("idempotency_key")))
        reversals = self.Rule._welfare_cancel_source(contest)
        self.assertEqual(len(reversals), 2)
        self.assertEqual(self._balance(self.employee_1), 0)
        self.assertEqual(self._balance(self.employee_2), 0)
        with self.assertRaisesRegex(ValidationError, "Unknown employees"):
            self.Rule._welfare_post_contest_results(contest, {999999: 1}, TODAY)
        with self.assertRaisesRegex(ValidationError, "1=500"):
            self._rule(trigger="contest", rank_points="第一名=500")

    @mute_logger("odoo.addons.welfare_points.models.welfare_earning_rule")
    def test_budget_refuses_the_crossing_grant(self):
        rule = self._rule(name="推荐奖", trigger="referral", points=200, budget_points=300)
        source = self.env["res.partner"].create({"name": "被推荐人 孙悦"})
        lines = self.Rule._welfare_post_referral(source, (self.employee_1 | self.employee_2).ids, TODAY)
        self.assertEqual(len(lines), 1)
        self.assertEqual(rule.budget_used, 200)
        self.assertFalse(self.Rule._welfare_post_referral(source, self.employee_portal.ids, TODAY))
        self.assertFalse(self._wallet(self.employee_portal))

    def test_grant_by_hand_within_limits(self):
        rule = self._rule(name="表彰", trigger="manual", points=400)
        wizard = (
            self.env["welfare.rule.grant.wizard"]
            .with_user(self.officer)
            .create(
                {
                    "rule_id": rule.id,
                    "reason": "抗疫志愿者",
                    "employee_ids": [Command.set(self.employee_1.ids)],
                }
            )
        )
        wizard.action_grant()
        self.assertEqual(self._balance(self.employee_1), 400)
        wizard.action_grant()
        self.assertEqual(self._balance(self.employee_1), 400, "a double click grants once")
        rule.points = 600
        rule.action_publish()
        wizard = (
            self.env["welfare.rule.grant.wizard"]
            .with_user(self.officer)
            .create({"rule_id": rule.id, "reason": "x", "employee_ids": [Command.set(self.employee_2.ids)]})
        )
        with self.assertRaisesRegex(AccessError, "up to 500"):
            wizard.action_grant()
        with self.assertRaises(AccessError):
            rule.with_user(self.employee_user)._grant_by_hand(self.employee_2, "x", rule)
        contest = self._rule(name="大赛", trigger="contest", rank_points="1=80")
        wizard = (
            self.env["welfare.rule.grant.wizard"]
            .with_user(self.officer)
            .create(
                {
                    "rule_id": contest.id,
                    "reason": "叉车技能比武",
                    "line_ids": [Command.create({"employee_id": self.employee_2.id, "rank": 1})],
                }
            )
        )
        wizard.action_grant()
        self.assertEqual(self._balance(self.employee_2), 80)

    def test_dispatched_workers_excluded_and_warned(self):
        (self.employee_1 | self.employee_2).job_id = self.job
        self.env["retention.assignment"].with_context(tracking_disable=True).create(
            {
                "employee_id": self.employee_2.id,
                "site_id": self.site.id,
                "date_start": TODAY - timedelta(days=30),
                "employment_mode": "dispatch",
                "position_nature": "auxiliary",
                "job_id": self.job.id,
            }
        )
        rule = self._rule(name="司龄", trigger="anniversary", points=10, per_year=False)
        self.assertFalse(rule.equal_treatment_warning)
        rule.exclude_dispatched = True
        rule.action_publish()
        self.assertIn("装配工", rule.equal_treatment_warning)
        self.Rule._cron_apply_rules()
        self.assertEqual(self._balance(self.employee_1), 10)
        self.assertFalse(self._wallet(self.employee_2), "the dispatched worker is excluded")
        benefit = self.env["welfare.benefit"].create(
            {"name": "体检", "points_cost": 5, "exclude_dispatched": True}
        )
        self.assertTrue(benefit.equal_treatment_warning)

    def test_site_scope(self):
        self.env["retention.assignment"].with_context(tracking_disable=True).create(
            {
                "employee_id": self.employee_1.id,
                "site_id": self.site.id,
                "date_start": TODAY - timedelta(days=30),
            }
        )
        self._rule(
            name="司龄",
            trigger="anniversary",
            points=10,
            per_year=False,
            site_ids=[Command.set(self.site.ids)],
        )
        self.Rule._cron_apply_rules()
        self.assertEqual(self._balance(self.employee_1), 10)
        self.assertFalse(self._wallet(self.employee_2), "not on assignment at the site")

    def test_cron_runs_through_ir_cron(self):
        self._rule(name="司龄", trigger="anniversary", points=10, per_year=False)
        self.env.ref("welfare_points.ir_cron_welfare_apply_rules").method_direct_trigger()
        self.assertEqual(self._balance(self.employee_1), 10)

    def test_acknowledgement(self):
        rule = self._rule(name="司龄", trigger="anniversary", points=10)
        Ack = self.env["welfare.rule.acknowledgement"]
        acks = Ack._acknowledge(self.employee_1, rule)
        self.assertRecordValues(acks, [{"rule_id": rule.id, "version": 1, "employee_id": self.employee_1.id}])
        self.assertFalse(Ack._acknowledge(self.employee_1, rule), "acknowledged once per version")
        self.assertEqual(rule.acknowledgement_count, 1)
        with self.assertRaises(AccessError):
            Ack.with_user(self.employee_user).search([])
        self.assertEqual(Ack.with_user(self.officer).search([]), acks)
        self.assertFalse(Ack.with_user(self.officer_c2).search([]))
