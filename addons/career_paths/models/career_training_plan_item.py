from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .hr_employee_skill import EVIDENCE_RANK


class CareerTrainingPlanItem(models.Model):
    """One gap to close: a skill to raise to a level, or a certificate to obtain."""

    _name = "career.training.plan.item"
    _description = "Training Plan Item"
    _order = "plan_id, date_deadline, id"

    plan_id = fields.Many2one("career.training.plan", required=True, ondelete="cascade", index=True)
    employee_id = fields.Many2one(related="plan_id.employee_id", store=True, index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True)
    skill_type_id = fields.Many2one("hr.skill.type", ondelete="restrict")
    skill_id = fields.Many2one(
        "hr.skill", ondelete="restrict", domain="[('skill_type_id', '=', skill_type_id)]"
    )
    level_before = fields.Integer(string="Level Before (%)", readonly=True)
    target_level_id = fields.Many2one(
        "hr.skill.level",
        ondelete="restrict",
        domain="[('skill_type_id', '=', skill_type_id)]",
    )
    certificate_type_id = fields.Many2one(
        "career.certificate.type", string="Certificate", ondelete="restrict"
    )
    course_id = fields.Many2one("career.training.course", string="Suggested Course", ondelete="set null")
    date_deadline = fields.Date(string="Deadline")
    state = fields.Selection(
        [("todo", "To Do"), ("done", "Done"), ("cancelled", "Cancelled")], required=True, default="todo"
    )
    date_done = fields.Date(string="Completed On", readonly=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    cost = fields.Monetary()
    employer_paid = fields.Boolean(string="Paid by the Employer", default=True)
    note = fields.Text()
    intervention_id = fields.Many2one(
        "retention.intervention",
        string="Retention Intervention",
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
        help="The training measure of a retention intervention that added this item.",
    )
    name = fields.Char(
        string="Training", help="What to do, for an item that is neither a skill nor a certificate."
    )

    _sql_constraints = [("cost_positive", "CHECK (cost >= 0)", "The cost of an item cannot be negative.")]

    def init(self):
        # One plan item per training intervention, whatever runs the seam twice at once.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS career_training_plan_item_intervention_unique "
                "ON career_training_plan_item (intervention_id) WHERE intervention_id IS NOT NULL"
            )
        )

    @api.depends("skill_id.name", "certificate_type_id.name", "target_level_id.name", "name")
    def _compute_display_name(self):
        for item in self:
            if item.skill_id:
                item.display_name = f"{item.skill_id.name} → {item.target_level_id.name or ''}"
            else:
                item.display_name = item.certificate_type_id.name or item.name or ""

    @api.constrains("plan_id", "skill_id", "target_level_id", "certificate_type_id", "skill_type_id", "name")
    def _check_target(self):
        for item in self:
            free = item.intervention_id and item.name and not item.skill_id and not item.certificate_type_id
            if not free and bool(item.skill_id) == bool(item.certificate_type_id):
                raise ValidationError(
                    self.env._("A plan item closes either a skill gap or a certificate gap.")
                )
            if item.skill_id and (
                not item.target_level_id
                or item.skill_id.skill_type_id != item.skill_type_id
                or item.target_level_id.skill_type_id != item.skill_type_id
            ):
                raise ValidationError(
                    self.env._(
                        "The target level of %(skill)s must be a level of its skill type.",
                        skill=item.skill_id.name,
                    )
                )

    def action_done(self):
        """Close the items; raise the skills through hr_skills (its log keeps the history) and add
        the course to the resume. A level resting on stronger evidence is left for its assessor."""
        if any(item.state != "todo" for item in self):
            raise UserError(self.env._("Only items to do can be completed."))
        today = fields.Date.context_today(self)
        EmployeeSkill = self.env["hr.employee.skill"]
        current = {
            (s.employee_id.id, s.skill_id.id): s
            for s in EmployeeSkill.search(
                [("employee_id", "in", self.employee_id.ids), ("skill_id", "in", self.skill_id.ids)]
            )
        }
        for item in self:
            item.write({"state": "done", "date_done": today})
            if item.skill_id:
                skill = current.get((item.employee_id.id, item.skill_id.id))
                if not skill:
                    EmployeeSkill.create(
                        {
                            "employee_id": item.employee_id.id,
                            "skill_type_id": item.skill_type_id.id,
                            "skill_id": item.skill_id.id,
                            "skill_level_id": item.target_level_id.id,
                            "career_evidence_kind": "training",
                        }
                    )
                elif skill.level_progress >= item.target_level_id.level_progress:
                    pass
                elif (
                    skill.career_needs_revalidation
                    or EVIDENCE_RANK[skill.career_evidence_kind or "self"] <= (EVIDENCE_RANK["training"])
                ):
                    skill.write(
                        {"skill_level_id": item.target_level_id.id, "career_evidence_kind": "training"}
                    )
                else:
                    item.plan_id.message_post(
                        body=self.env._(
                            "%(skill)s: training completed; the level rests on stronger evidence "
                            "and awaits a new assessment.",
                            skill=item.skill_id.name,
                        )
                    )
            if item.course_id:
                self.env["hr.resume.line"].create(
                    {
                        "employee_id": item.employee_id.id,
                        "name": item.course_id.name,
                        "date_start": today,
                        "date_end": today,
                        "line_type_id": self.env.ref("career_paths.resume_type_training").id,
                    }
                )
        self.plan_id.employee_id._career_propose_promotions()

    def action_cancel(self):
        self.write({"state": "cancelled"})

    @api.model
    def _create_from_interventions(self, interventions):
        """One item per training intervention not yet in a plan (idempotent), in a few queries."""
        done = set(self.search([("intervention_id", "in", interventions.ids)]).intervention_id.ids)
        interventions = interventions.filtered(lambda i: i.id not in done)
        if not interventions:
            return self.browse()
        employees = interventions.employee_id
        Plan = self.env["career.training.plan"]
        plans = {}
        for plan in Plan.search([("employee_id", "in", employees.ids), ("state", "=", "active")], order="id"):
            plans.setdefault(plan.employee_id.id, plan)
        next_grades = employees._career_next_grades(held_only=True)
        fallback = employees._career_next_grades()
        targets = {
            employee.id: plans[employee.id].grade_id
            if employee.id in plans
            else (next_grades[employee.id] or fallback[employee.id] or [self.env["career.grade"]])[0]
            for employee in employees
        }
        assessments = employees._career_assess(
            {employee_id: [grade] for employee_id, grade in targets.items() if grade}
        )
        items = self.browse()
        for intervention in interventions:
            employee = intervention.employee_id
            grade = targets[employee.id]
            if not grade:
                intervention.message_post(
                    body=self.env._(
                        "No training plan item added: %(employee)s has no career grade to aim for.",
                        employee=employee.name,
                    )
                )
                continue
            plan = plans.get(employee.id)
            if not plan:
                plan = plans[employee.id] = Plan.create({"employee_id": employee.id, "grade_id": grade.id})
            planned = set(plan.item_ids.filtered(lambda i: i.state == "todo").skill_id.ids)
            lines = {line.skill_id.id: line for line in grade.skill_requirement_ids}
            gaps = sorted(
                (
                    item
                    for item in assessments[employee.id, grade.id].items
                    if not item.met and item.key not in planned
                ),
                key=lambda item: (item.actual - item.required, item.key),
            )
            vals = {
                "plan_id": plan.id,
                "intervention_id": intervention.id,
                "date_deadline": intervention.date_deadline,
                "note": intervention.description,
            }
            if gaps:
                line = lines[gaps[0].key]
                vals.update(
                    {
                        "skill_type_id": line.skill_type_id.id,
                        "skill_id": line.skill_id.id,
                        "level_before": gaps[0].actual,
                        "target_level_id": line.skill_level_id.id,
                    }
                )
            else:
                vals["name"] = self.env._("Training agreed in a retention talk")
            items |= self.create(vals)
            plan.message_post(
                body=self.env._(
                    "Training item added by the retention intervention of %(date)s.",
                    date=intervention.date_deadline,
                )
            )
        return items
