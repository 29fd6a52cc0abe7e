from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..engine import effect as engine

HR_OFFICER = "hr.group_hr_user"
WINDOW_MONTHS = engine.WINDOW_MONTHS


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
        results = self._training_effect(
            {
                course_id: [(item.employee_id.id, item.date_done) for item in course_items]
                for course_id, course_items in by_course.items()
            }
        )
        gains = self._training_levels_gained(by_course)
        for course in self:
            self._set_effect_on(course, results.get(course.id), gains.get(course.id))

    @api.model
    def _set_effect_on(self, record, result, gained):
        """Write an effect (``engine.effect``'s result, or None) and the levels gained on ``record``
        (a course or a training plan: both have the same effect fields)."""
        result = result or engine.effect([], [])
        record.effect_participants = result.participants.count
        record.effect_change = result.participants.change or 0.0
        record.effect_others = result.others.count
        record.effect_others_change = result.others.change or 0.0
        record.effect_difference = result.difference or 0.0
        record.effect_levels_gained = gained or 0.0
        record.effect_shown = result.difference is not None
        if record.effect_shown:
            record.effect_summary = self.env._(
                "Participants %(change)+.1f, non-participants %(others)+.1f points (association)",
                change=result.participants.change,
                others=result.others.change,
            )
        else:
            record.effect_summary = self.env._("Fewer than 5 people measured in a group: not shown")

    @api.model
    def _training_levels_gained(self, items_by_key):
        """{key: mean skill level gained} over the done items of each key (engine.levels_gained)."""
        items = self.env["career.training.plan.item"].browse(
            [item.id for key_items in items_by_key.values() for item in key_items]
        )
        current = {
            (s.employee_id.id, s.skill_id.id): s.level_progress
            for s in self.env["hr.employee.skill"].search(
                [("employee_id", "in", items.employee_id.ids), ("skill_id", "in", items.skill_id.ids)]
            )
        }
        return {
            key: engine.levels_gained(
                (item.level_before, current.get((item.employee_id.id, item.skill_id.id), 0))
                for item in key_items
                if item.skill_id
            )
            for key, key_items in items_by_key.items()
        }

    @api.model
    def _training_effect(self, participations):
        """{key: engine Effect} for ``participations``: {key: [(employee id, training day)]}.

        Each participant's confirmed review scores in the 3 months before their training day
        against the 3 months after, next to the people of the same performance cohorts who did not
        take part (over the windows of the first training day of the key): an association, shown
        for groups of five or more only. A fixed number of queries for all the keys.
        """
        pairs = [pair for key_pairs in participations.values() for pair in key_pairs]
        if not pairs:
            return {}
        # sudo: reviewers' scorecards may be closed to HR officers; only averages of total scores
        # over groups of at least five people leave this method.
        Review = self.env["retention.performance.review"].sudo()
        window = relativedelta(months=WINDOW_MONTHS)
        dates = [day for _employee, day in pairs]
        reviews = Review.search_read(
            [
                ("employee_id", "in", list({employee for employee, _day in pairs})),
                ("state", "=", "confirmed"),
                ("period", ">=", min(dates) - window),
                ("period", "<=", max(dates) + window),
            ],
            ["employee_id", "period", "total_score", "cohort_id"],
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

        results = {}
        for key, key_pairs in participations.items():
            participants = {employee for employee, _day in key_pairs}
            others = (
                set().union(*(cohort_members[c] for employee in participants for c in cohorts_of[employee]))
                - participants
            )
            results[key] = engine.cohort_effect(scores, key_pairs, sorted(others), WINDOW_MONTHS)
        return results
