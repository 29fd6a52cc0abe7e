from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine.training import unamortised_cost

HR_OFFICER = "hr.group_hr_user"


class CareerTrainingPlan(models.Model):
    """What an employee will do to close the gaps to a target grade, by when."""

    _name = "career.training.plan"
    _description = "Training Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade", index=True, tracking=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)
    grade_id = fields.Many2one("career.grade", string="Target Grade", required=True, ondelete="restrict")
    state = fields.Selection(
        [("active", "In Progress"), ("done", "Completed"), ("cancelled", "Cancelled")],
        required=True,
        default="active",
        tracking=True,
    )
    date_deadline = fields.Date(string="Deadline", tracking=True)
    item_ids = fields.One2many("career.training.plan.item", "plan_id", string="Items")
    progress = fields.Float(compute="_compute_progress", store=True, aggregator="avg")
    currency_id = fields.Many2one(related="company_id.currency_id")
    employer_cost = fields.Monetary(
        compute="_compute_employer_cost", store=True, help="Cost of the items the employer pays."
    )
    service_months = fields.Integer(
        string="Service Period (months)",
        tracking=True,
        help="Service period agreed in return for employer-paid professional training "
        "(Labour Contract Law art. 22). 0: no service period.",
    )
    service_start = fields.Date(string="Service Period From", tracking=True)
    unamortised_cost = fields.Monetary(
        string="Penalty Cap Today",
        compute="_compute_unamortised_cost",
        help="An early-leave penalty may not exceed the training cost not yet amortised "
        "over the service period (art. 22).",
    )

    # Training effect of the plans towards the same grade (an association, never shown for groups
    # under five): HR officers only.
    effect_participants = fields.Integer(
        string="Completed Plans Measured", compute="_compute_effect", groups=HR_OFFICER
    )
    effect_change = fields.Float(
        string="Participants' Change (points)", compute="_compute_effect", groups=HR_OFFICER
    )
    effect_others = fields.Integer(
        string="Non-Participants Measured", compute="_compute_effect", groups=HR_OFFICER
    )
    effect_others_change = fields.Float(
        string="Non-Participants' Change (points)", compute="_compute_effect", groups=HR_OFFICER
    )
    effect_difference = fields.Float(string="Difference", compute="_compute_effect", groups=HR_OFFICER)
    effect_levels_gained = fields.Float(
        string="Skill Level Gained (points)", compute="_compute_effect", groups=HR_OFFICER
    )
    effect_shown = fields.Boolean(compute="_compute_effect", groups=HR_OFFICER)
    effect_summary = fields.Char(
        string="Effect of the Plans Towards This Grade",
        compute="_compute_effect",
        groups=HR_OFFICER,
        help="The review score change of people whose plan towards this grade is completed, 3 months "
        "after against 3 months before, next to the people of the same performance cohorts without such "
        "a plan. An association, not a proof of effect; groups under five are not shown.",
    )

    _sql_constraints = [
        ("service_months_positive", "CHECK (service_months >= 0)", "The service period cannot be negative."),
    ]

    @api.depends("employee_id.name", "grade_id.name")
    def _compute_name(self):
        for plan in self:
            plan.name = f"{plan.employee_id.name or ''} → {plan.grade_id.name or ''}"

    @api.depends("item_ids.state")
    def _compute_progress(self):
        for plan in self:
            items = plan.item_ids.filtered(lambda i: i.state != "cancelled")
            done = len(items.filtered(lambda i: i.state == "done"))
            plan.progress = round(100.0 * done / len(items), 1) if items else 0.0

    @api.depends("item_ids.cost", "item_ids.employer_paid", "item_ids.state")
    def _compute_employer_cost(self):
        for plan in self:
            plan.employer_cost = sum(
                plan.item_ids.filtered(lambda i: i.employer_paid and i.state != "cancelled").mapped("cost")
            )

    @api.depends("employer_cost", "service_months", "service_start")
    def _compute_unamortised_cost(self):
        today = fields.Date.context_today(self)
        for plan in self:
            plan.unamortised_cost = unamortised_cost(
                plan.employer_cost, plan.service_start or None, plan.service_months, today
            )

    def _compute_effect(self):
        """The effect of the cohort of plans towards the same grade (in the same company): the
        course's measure (``career.training.course._training_effect``), each completed plan's
        participant measured from the day its last item was done."""
        Course = self.env["career.training.course"]
        keys = {(plan.grade_id.id, plan.company_id.id) for plan in self}
        done = self.search(
            [
                ("grade_id", "in", list({grade for grade, _company in keys})),
                ("company_id", "in", list({company for _grade, company in keys})),
                ("state", "=", "done"),
            ]
        )
        participations = defaultdict(list)
        items = defaultdict(list)
        for plan in done:
            key = (plan.grade_id.id, plan.company_id.id)
            if key not in keys:
                continue
            plan_items = plan.item_ids.filtered(lambda i: i.state == "done" and i.date_done)
            if not plan_items:
                continue
            participations[key].append((plan.employee_id.id, max(plan_items.mapped("date_done"))))
            items[key] += list(plan_items)
        results = Course._training_effect(participations)
        gains = Course._training_levels_gained(items)
        for plan in self:
            key = (plan.grade_id.id, plan.company_id.id)
            Course._set_effect_on(plan, results.get(key), gains.get(key))

    @api.constrains("service_months", "service_start")
    def _check_service(self):
        for plan in self:
            if plan.service_months and not plan.service_start:
                raise ValidationError(self.env._("A service period needs its start date."))

    @api.model
    def _create_from_gaps(self, employees, grade, date_deadline=False):
        """One plan per employee with one item per unmet requirement of ``grade``.

        Employees that already have a plan in progress for the grade are skipped (idempotent).
        """
        existing = set(
            self.search(
                [("employee_id", "in", employees.ids), ("grade_id", "=", grade.id), ("state", "=", "active")]
            ).employee_id.ids
        )
        employees = employees.filtered(lambda e: e.id not in existing)
        if not employees:
            return self.browse()
        assessments = employees._career_assess({employee.id: [grade] for employee in employees})
        courses = self.env["career.training.course"].search(
            ["|", ("company_id", "=", False), ("company_id", "in", employees.company_id.ids)]
        )
        lines = {line.skill_id.id: line for line in grade.skill_requirement_ids}
        vals_list = []
        for employee in employees:
            assessment = assessments[employee.id, grade.id]
            items = []
            for item in assessment.items:
                if item.met:
                    continue
                line = lines[item.key]
                course = courses.filtered(lambda c, skill=line.skill_id: c.skill_id == skill)[:1]
                items.append(
                    {
                        "skill_type_id": line.skill_type_id.id,
                        "skill_id": line.skill_id.id,
                        "level_before": item.actual,
                        "target_level_id": line.skill_level_id.id,
                        "course_id": course.id,
                        "cost": course.cost,
                        "date_deadline": date_deadline,
                    }
                )
            for gate in assessment.gates:
                if gate.key == "certificate" and gate.status == "failed":
                    kind = self.env["career.certificate.type"].browse(gate.detail["certificate"])
                    course = courses.filtered(lambda c, kind=kind: c.certificate_type_id == kind)[:1]
                    items.append(
                        {
                            "certificate_type_id": kind.id,
                            "course_id": course.id,
                            "cost": course.cost,
                            "date_deadline": date_deadline,
                        }
                    )
            vals_list.append(
                {
                    "employee_id": employee.id,
                    "grade_id": grade.id,
                    "date_deadline": date_deadline,
                    "item_ids": [fields.Command.create(vals) for vals in items],
                }
            )
        return self.create(vals_list)

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_done(self):
        if any(item.state == "todo" for item in self.item_ids):
            raise UserError(self.env._("Complete or cancel every item before closing the plan."))
        self.write({"state": "done"})
