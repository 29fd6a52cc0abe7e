from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import TODAY, CareerCase


@tagged("post_install", "-at_install")
class TestPerformanceGateWithReviews(CareerCase):
    """The performance gate reads real, confirmed retention.performance.review tiers (no substitution).

    Five people of one department are reviewed in January and February and ranked by confirming
    their department cohort (20/50/30 shares): the best is top, the worst bottom, the rest middle.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department = cls.env["hr.department"].create({"name": "装配部", "company_id": cls.company.id})
        fillers = cls.env["hr.employee"].create(
            [{"name": name, "company_id": cls.company.id} for name in ("李娜", "张伟", "黄敏")]
        )
        cls.people = cls.employee | cls.employee_2 | fillers
        cls.people.department_id = cls.department
        kpi = cls.env["retention.performance.kpi"].create(
            {"name": "产量达成率", "code": "C_OUTPUT", "rule": "linear"}
        )
        cls.template = cls.env["retention.performance.template"].create(
            {"name": "装配考评", "line_ids": [(0, 0, {"kpi_id": kpi.id, "weight": 100, "target": 100})]}
        )
        cls.grade_3.write({"min_performance_tier": "middle", "performance_review_count": 2})

    @classmethod
    def _month(cls, period, scores, confirm=True):
        Review = cls.env["retention.performance.review"]
        reviews = Review
        for employee, score in zip(cls.people, scores, strict=True):
            review = Review.create(
                {"employee_id": employee.id, "period": period, "template_id": cls.template.id}
            )
            review.line_ids.actual = score
            review.action_submit()
            reviews |= review
        if confirm:
            cohort = cls.env["retention.performance.cohort"].create(
                {"scope": "department", "department_id": cls.department.id, "period": period}
            )
            cohort.action_confirm()
        return reviews

    def _gate(self, employee):
        assessment = employee._career_assess({employee.id: [self.grade_3]})[employee.id, self.grade_3.id]
        return next(gate for gate in assessment.gates if gate.key == "performance")

    @freeze_time(TODAY)
    def test_confirmed_tiers_open_and_close_the_gate(self):
        # 王芳 (employee) top twice; 刘洋 (employee_2) middle then bottom
        january = self._month(date(2026, 1, 1), [95, 70, 60, 65, 50])
        february = self._month(date(2026, 2, 1), [90, 40, 60, 65, 70])
        self.assertEqual(january[:2].mapped("tier"), ["top", "middle"])
        self.assertEqual(february[:2].mapped("tier"), ["top", "bottom"])
        gate = self._gate(self.employee)
        self.assertEqual((gate.status, gate.detail["ranks"]), ("passed", (3, 3)))
        gate = self._gate(self.employee_2)
        self.assertEqual((gate.status, gate.detail["ranks"]), ("failed", (1, 2)))

    @freeze_time(TODAY)
    def test_unconfirmed_reviews_do_not_count(self):
        self._month(date(2026, 1, 1), [95, 70, 60, 65, 50])
        self._month(date(2026, 2, 1), [95, 70, 60, 65, 50], confirm=False)
        gate = self._gate(self.employee)
        # one confirmed review where two are required
        self.assertEqual((gate.status, gate.detail["ranks"]), ("failed", (3,)))

    @freeze_time(TODAY)
    def test_the_newest_reviews_count_first(self):
        self._month(date(2025, 12, 1), [40, 70, 60, 65, 50])
        self._month(date(2026, 1, 1), [95, 70, 60, 65, 50])
        self._month(date(2026, 2, 1), [95, 70, 60, 65, 50])
        # December's bottom tier is older than the last two reviews
        self.assertEqual(self._gate(self.employee).status, "passed")
