from datetime import date

from odoo.tests import freeze_time, new_test_user

from .common import TODAY, RetentionCase

PERIOD = date(2026, 2, 1)  # the month reviewed, before TODAY (2026-03-16)


class PerformanceCase(RetentionCase):
    """Ten employees at ``site_a`` and two at ``site_b``; a one-KPI template where actual = score.

    * ``mentor``: an internal user, the coach of every site_a employee
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(TODAY):
            cls._setup_performance()

    @classmethod
    def _setup_performance(cls):
        Kpi = cls.env["retention.performance.kpi"]
        cls.kpi_output = Kpi.create({"name": "产量达成率", "code": "T_OUTPUT", "rule": "linear"})
        cls.kpi_quality = Kpi.create(
            {"name": "质量合格率", "code": "T_QUALITY", "rule": "banded", "bands": "100:100, 90:80, 75:60"}
        )
        cls.kpi_growth = Kpi.create(
            {"name": "增长率", "code": "T_GROWTH", "rule": "capped", "allow_negative": True}
        )
        cls.template_simple = cls.env["retention.performance.template"].create(
            {
                "name": "单项考评",
                "site_id": cls.site_a.id,
                "line_ids": [(0, 0, {"kpi_id": cls.kpi_output.id, "weight": 100, "target": 100})],
            }
        )
        cls.template_mixed = cls.env["retention.performance.template"].create(
            {
                "name": "综合考评",
                "site_id": cls.site_b.id,
                "line_ids": [
                    (0, 0, {"kpi_id": cls.kpi_output.id, "weight": 50, "target": 200}),
                    (0, 0, {"kpi_id": cls.kpi_quality.id, "weight": 30, "target": 100}),
                    (0, 0, {"kpi_id": cls.kpi_growth.id, "weight": 20, "target": 10}),
                ],
            }
        )
        cls.mentor = new_test_user(
            cls.env, "perf_mentor", groups="base.group_user", company_id=cls.company.id
        )
        mentor_employee = cls.env["hr.employee"].create({"name": "导师", "user_id": cls.mentor.id})
        Employee = cls.env["hr.employee"]
        cls.site_a_employees = Employee.create(
            [{"name": f"员工{index:02d}", "coach_id": mentor_employee.id} for index in range(10)]
        )
        for employee in cls.site_a_employees:
            cls._assign(employee, cls.site_a, date(2026, 1, 1))
        cls._assign(cls.employee_1, cls.site_b, date(2026, 1, 1))
        cls._assign(cls.employee_2, cls.site_b, date(2026, 1, 1))
        cls._assign(cls.employee_portal, cls.site_a, date(2025, 6, 1))

    @classmethod
    def _review(cls, employee, score=None, period=PERIOD, template=None, state="submitted", user=None):
        Review = cls.env["retention.performance.review"]
        if user:
            Review = Review.with_user(user)
        review = Review.create(
            {
                "employee_id": employee.id,
                "period": period,
                "template_id": (template or cls.template_simple).id,
            }
        )
        if score is not None:
            review.line_ids[:1].actual = score
        if state != "draft":
            review.action_submit()
        return review

    @classmethod
    def _site_a_cohort(cls, scores, period=PERIOD):
        reviews = cls.env["retention.performance.review"]
        for employee, score in zip(cls.site_a_employees, scores, strict=False):
            reviews |= cls._review(employee, score, period)
        cohort = cls.env["retention.performance.cohort"].create(
            {"scope": "site", "site_id": cls.site_a.id, "period": period}
        )
        return cohort, reviews
