from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import fields, models

from ..engine import effect as engine

HR_OFFICER = "hr.group_hr_user"
WINDOW_MONTHS = 3


class CareerTrainingCourse(models.Model):
    """A course of the catalogue that training plans suggest for a skill gap."""

    _name = "career.training.course"
    _description = "Training Course"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Leave empty to offer the course to every company.")
    kind = fields.Selection(
        [
            ("elearning", "eLearning"),
            ("event", "Classroom Session"),
            ("mentor", "Mentoring"),
            ("external", "External Course"),
        ],
        required=True,
        default="external",
    )
    skill_type_id = fields.Many2one("hr.skill.type", ondelete="cascade")
    skill_id = fields.Many2one(
        "hr.skill",
        string="Skill Developed",
        domain="[('skill_type_id', '=', skill_type_id)]",
        ondelete="cascade",
    )
    certificate_type_id = fields.Many2one(
        "career.certificate.type", string="Prepares For", help="The certificate this course prepares for."
    )
    provider = fields.Char()
    duration_hours = fields.Float(string="Duration (hours)")
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    cost = fields.Monetary(help="Cost per participant.")
    url = fields.Char(string="Link")
    description = fields.Text(translate=True)

    # Training effect (an association, never shown for groups under five): HR officers only.
    effect_participants = fields.Integer(
        string="Participants Measured", compute="_compute_effect", groups=HR_OFFICER
    )
    effect_change = fields.Float(
        string="Performance Change of Participants",
        compute="_compute_effect",
        groups=HR_OFFICER,
        help="Mean review score in the 3 months after the course minus the 3 months before.",
    )
    effect_others = fields.Integer(
        string="Non-Participants Measured", compute="_compute_effect", groups=HR_OFFICER
    )
    effect_others_change = fields.Float(
        string="Performance Change of Non-Participants",
        compute="_compute_effect",
        groups=HR_OFFICER,
        help="The same change for the people of the participants' performance cohorts who did not "
        "take the course, around its first completion.",
    )
    effect_difference = fields.Float(string="Difference", compute="_compute_effect", groups=HR_OFFICER)
    effect_levels_gained = fields.Float(
        string="Skill Level Gained (points)", compute="_compute_effect", groups=HR_OFFICER
    )
    effect_shown = fields.Boolean(compute="_compute_effect", groups=HR_OFFICER)
    effect_summary = fields.Char(string="Effect", compute="_compute_effect", groups=HR_OFFICER)

    _sql_constraints = [
        ("cost_positive", "CHECK (cost >= 0)", "The cost of a course cannot be negative."),
        ("duration_positive", "CHECK (duration_hours >= 0)", "The duration of a course cannot be negative."),
    ]

    def _compute_effect(self):
        """Performance change after vs before the course, next to non-participants of the same cohorts,
        and the skill levels gained, in a fixed number of queries for all the courses."""
        items = self.env["career.training.plan.item"].search(
            [("course_id", "in", self.ids), ("state", "=", "done"), ("date_done", "!=", False)]
        )
        by_course = defaultdict(list)
        for item in items:
            by_course[item.course_id.id].append(item)
        # sudo: reviewers' scorecards may be closed to HR officers; only averages of total scores
        # over groups of at least five people leave this method.
        Review = self.env["retention.performance.review"].sudo()
        window = relativedelta(months=WINDOW_MONTHS)
        dates = items.mapped("date_done")
        reviews = (
            Review.search_read(
                [
                    ("employee_id", "in", items.employee_id.ids),
                    ("state", "=", "confirmed"),
                    ("period", ">=", min(dates) - window),
                    ("period", "<=", max(dates) + window),
                ],
                ["employee_id", "period", "total_score", "cohort_id"],
            )
            if items
            else []
        )
        cohort_ids = {r["cohort_id"][0] for r in reviews if r["cohort_id"]}
        cohort_reviews = (
            Review.search_read(
                [("cohort_id", "in", list(cohort_ids)), ("state", "=", "confirmed")],
                ["employee_id", "period", "total_score", "cohort_id"],
            )
            if cohort_ids
            else []
        )
        scores = defaultdict(list)
        cohort_members = defaultdict(set)
        for review in reviews + cohort_reviews:
            scores[review["employee_id"][0]].append((review["period"], review["total_score"]))
            if review["cohort_id"]:
                cohort_members[review["cohort_id"][0]].add(review["employee_id"][0])
        for employee_id in scores:
            scores[employee_id] = sorted(set(scores[employee_id]))
        cohorts_of = defaultdict(set)
        for review in reviews:
            if review["cohort_id"]:
                cohorts_of[review["employee_id"][0]].add(review["cohort_id"][0])
        current = {
            (s.employee_id.id, s.skill_id.id): s.level_progress
            for s in self.env["hr.employee.skill"].search(
                [("employee_id", "in", items.employee_id.ids), ("skill_id", "in", items.skill_id.ids)]
            )
        }

        def windows(employee_id, day):
            before = [v for period, v in scores[employee_id] if day - window <= period < day]
            after = [v for period, v in scores[employee_id] if day < period <= day + window]
            return before, after

        for course in self:
            course_items = by_course.get(course.id, [])
            participants = {item.employee_id.id for item in course_items}
            result = engine.effect(
                [windows(item.employee_id.id, item.date_done) for item in course_items],
                [
                    windows(employee_id, min(item.date_done for item in course_items))
                    for employee_id in set().union(
                        *(cohort_members[c] for item in course_items for c in cohorts_of[item.employee_id.id])
                    )
                    - participants
                ]
                if course_items
                else [],
            )
            gained = engine.levels_gained(
                (item.level_before, current.get((item.employee_id.id, item.skill_id.id), 0))
                for item in course_items
                if item.skill_id
            )
            course.effect_participants = result.participants.count
            course.effect_change = result.participants.change or 0.0
            course.effect_others = result.others.count
            course.effect_others_change = result.others.change or 0.0
            course.effect_difference = result.difference or 0.0
            course.effect_levels_gained = gained or 0.0
            course.effect_shown = result.difference is not None
            if course.effect_shown:
                course.effect_summary = self.env._(
                    "Participants %(change)+.1f, non-participants %(others)+.1f points (association)",
                    change=result.participants.change,
                    others=result.others.change,
                )
            else:
                course.effect_summary = self.env._("Fewer than 5 people measured in a group: not shown")
