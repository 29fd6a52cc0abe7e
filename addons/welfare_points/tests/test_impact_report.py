from datetime import timedelta

from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tools import mute_logger

from .common import TODAY
from .test_redemption import RedemptionCase

FIGURES = [
    "absence_before",
    "absence_after",
    "risk_before",
    "risk_after",
    "high_risk_before",
    "high_risk_after",
]


class ImpactCase(RedemptionCase):
    """Five employees redeem a training, four others a gift; all in the same month.

    Each training redeemer scored 40 (high risk) a month before and 80 (low) a
    month after; each gift redeemer 10 before and 90 after.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Benefit = cls.env["welfare.benefit"]
        cls.training = Benefit.create({"name": "技能培训课", "category": "training", "points_cost": 20})
        cls.gift = Benefit.create({"name": "节日礼品", "category": "goods", "points_cost": 20})
        Employee = cls.env["hr.employee"]
        cls.trainees = Employee.create([{"name": f"学员{i}", "company_id": cls.company.id} for i in range(5)])
        cls.gifted = Employee.create([{"name": f"礼品{i}", "company_id": cls.company.id} for i in range(4)])
        Score = cls.env["retention.risk.score"].sudo()
        with freeze_time(TODAY):
            cls._post(cls.employee_1, 10, "impact-none")  # a wallet that never redeemed
            for employees, benefit, before, after in (
                (cls.trainees, cls.training, 40, 80),
                (cls.gifted, cls.gift, 10, 90),
            ):
                for employee in employees:
                    cls._post(employee, 100, f"impact-{employee.id}")
                    redemption = cls.Redemption._request(employee, benefit)
                    assert redemption.state == "approved"
                    for days, total in ((-30, before), (30, after)):
                        Score.create(
                            {
                                "employee_id": employee.id,
                                "company_id": cls.company.id,
                                "date": TODAY + timedelta(days=days),
                                "total": total,
                                "band": "high" if total < 50 else "low",
                            }
                        )


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestImpactUnderFive(ImpactCase):
    def test_a_category_of_four_redeemers_shows_no_figure(self):
        Report = self.env["welfare.impact.report"].with_user(self.manager)
        training = Report.search([("category", "=", "training")])
        goods = Report.search([("category", "=", "goods")])
        self.assertRecordValues(
            training,
            [
                {
                    "month": TODAY.replace(day=1),
                    "employee_count": 5,
                    "redemption_count": 5,
                    "is_hidden": False,
                    "absence_before": 0.0,
                    "risk_before": 40.0,
                    "risk_after": 80.0,
                    "high_risk_before": 100.0,
                    "high_risk_after": 0.0,
                }
            ],
        )
        self.assertRecordValues(goods, [{"employee_count": 4, "is_hidden": True}])
        values = goods.read(FIGURES)[0]
        for fname in FIGURES:
            self.assertIs(goods[fname], False, fname)
            self.assertIs(values[fname], False, fname)
        # The one wallet that never redeemed: fewer than 5 non-redeemers, hidden too.
        none = Report.search([("category", "=", "none")])
        self.assertRecordValues(none, [{"employee_count": 1, "redeemed": False, "is_hidden": True}])
        self.assertIs(none.absence_before, False)

    def test_small_groups_enter_no_total(self):
        Report = self.env["welfare.impact.report"].with_user(self.manager)
        specs = [f"{fname}:avg" for fname in FIGURES] + ["employee_count:sum"]
        # Grouped by category: the gift row is hidden whatever the aggregate.
        groups = {g["category"]: g for g in Report.read_group([], specs, ["category"], lazy=False)}
        self.assertEqual(groups["training"]["risk_before"], 40.0)
        for fname in FIGURES:
            self.assertIs(groups["goods"][fname], False, fname)
        for spec in ("risk_before:sum", "risk_before:max", "absence_after:min", "risk_after:avg"):
            [(value,)] = Report._read_group([("category", "=", "goods")], [], [spec])
            self.assertIs(value, False, spec)
        # Grouped by month, by company, or not at all: only the training row counts, so the
        # total minus the training row gives nothing away about the four gift redeemers.
        for groupby in (["month:month"], ["company_id"], ["redeemed"], []):
            groups = Report.read_group([("redeemed", "=", True)], specs, groupby, lazy=False)
            self.assertEqual(len(groups), 1, groupby)
            self.assertEqual(groups[0]["employee_count"], 9, groupby)
            self.assertEqual(
                [groups[0][fname] for fname in FIGURES], [0.0, 0.0, 40.0, 80.0, 100.0, 0.0], groupby
            )

    def test_the_fifth_redeemer_shows_the_category(self):
        fifth = self.env["hr.employee"].create({"name": "礼品4", "company_id": self.company.id})
        self._post(fifth, 100, "impact-fifth")
        self.Redemption._request(fifth, self.gift)
        self.env.invalidate_all()
        goods = self.env["welfare.impact.report"].with_user(self.manager).search([("category", "=", "goods")])
        self.assertRecordValues(
            goods, [{"employee_count": 5, "is_hidden": False, "risk_before": 10.0, "absence_after": 0.0}]
        )
        # the search view's "Shown (5 or more)" filter keeps it, and the view loads for the manager
        Report = self.env["welfare.impact.report"].with_user(self.manager)
        views = Report.get_views([(False, "search")])["views"]["search"]["arch"]
        self.assertIn("filter_shown", views)
        self.assertIn(goods, Report.search([("is_hidden", "=", False), ("redeemed", "=", True)]))


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestImpactUnderFiveXmlRpc(HttpCase, ImpactCase):
    @mute_logger("odoo.http")
    def test_hidden_over_xmlrpc_for_a_welfare_manager(self):
        def call(method, *args, **kwargs):
            return self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                self.manager.id,
                "wf_manager",
                "welfare.impact.report",
                method,
                list(args),
                kwargs,
            )

        groups = call(
            "read_group",
            [("redeemed", "=", True)],
            [f"{fname}:avg" for fname in FIGURES] + ["employee_count:sum"],
            ["category"],
            lazy=False,
        )
        by_category = {g["category"]: g for g in groups}
        self.assertEqual(by_category["training"]["risk_before"], 40.0)
        self.assertEqual(by_category["goods"]["employee_count"], 4)
        for fname in FIGURES:
            self.assertIs(by_category["goods"][fname], False, fname)
        [total] = call("read_group", [("redeemed", "=", True)], ["risk_before:avg"], [], lazy=False)
        self.assertEqual(total["risk_before"], 40.0)
        rows = call("search_read", [("category", "=", "goods")], fields=FIGURES + ["is_hidden"])
        self.assertEqual(len(rows), 1)
        self.assertTrue(rows[0]["is_hidden"])
        for fname in FIGURES:
            self.assertIs(rows[0][fname], False, fname)
        # A welfare officer may not read the report at all.
        with self.assertRaises(Exception) as caught:
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                self.officer.id,
                "wf_officer",
                "welfare.impact.report",
                "search_read",
                [[]],
                {"fields": ["category"]},
            )
        self.assertIn("not allowed", str(caught.exception))
