from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import TODAY, CareerCase


@tagged("post_install", "-at_install")
class TestContestPoints(CareerCase):
    """The contest seam with welfare_points' real contest rule (the suite's CI installs both).

    Without welfare_points there is nothing to post: contests then only rank and
    recommend, which test_contest covers.
    """

    @freeze_time(TODAY)
    def test_closing_posts_points_once_and_reopening_reverses_them(self):
        if "welfare.earning.rule" not in self.env:
            return
        rule = self.env["welfare.earning.rule"].create(
            {
                "name": "技能大赛积分",
                "trigger": "contest",
                "points": 0,
                "rank_points": "1=500, 2=300",
                "budget_points": 5000,
            }
        )
        rule.action_publish()
        contest = self.env["career.contest"].create(
            {
                "name": "叉车技能大赛",
                "date": date(2026, 3, 10),
                "participant_ids": [
                    (0, 0, {"employee_id": self.employee.id, "score": 95}),
                    (0, 0, {"employee_id": self.employee_2.id, "score": 80}),
                ],
            }
        )
        Line = self.env["welfare.points.line"]
        contest.with_user(self.officer).action_close()
        lines = Line.search([("res_model", "=", "career.contest"), ("res_id", "=", contest.id)])
        self.assertEqual(sorted(lines.mapped("points")), [300, 500])
        self.assertEqual(lines.filtered(lambda line: line.points == 500).employee_id, self.employee)
        # reopening to correct the results reverses the grants
        contest.with_user(self.officer).action_reopen()
        lines = Line.search([("res_model", "=", "career.contest"), ("res_id", "=", contest.id)])
        self.assertEqual(sum(lines.mapped("points")), 0)
