from odoo import api, fields, models


class CareerTrainingPlanWizard(models.TransientModel):
    """Create training plans towards one grade for a cohort of employees at once."""

    _name = "career.training.plan.wizard"
    _description = "Create Training Plans"

    employee_ids = fields.Many2many("hr.employee", string="Employees", required=True)
    grade_id = fields.Many2one("career.grade", string="Target Grade", required=True)
    date_deadline = fields.Date(string="Deadline")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "hr.employee" and "employee_ids" in fields_list:
            values["employee_ids"] = [fields.Command.set(self.env.context.get("active_ids", []))]
        return values

    def action_create(self):
        self.ensure_one()
        plans = self.env["career.training.plan"]._create_from_gaps(
            self.employee_ids, self.grade_id, self.date_deadline
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Training Plans"),
            "res_model": "career.training.plan",
            "view_mode": "list,form",
            "domain": [("id", "in", plans.ids)],
        }
