from odoo import fields, models
from odoo.tools import SQL


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    # Fields only on hr.employee carry groups="hr.group_hr_user" (see hr_employee.py in hr):
    # non-HR users are served hr.employee.public, which does not have them.
    retention_assignment_ids = fields.One2many(
        "retention.assignment",
        "employee_id",
        string="Assignments",
        groups="hr.group_hr_user",
    )
    retention_current_assignment_id = fields.Many2one(
        "retention.assignment",
        string="Current Assignment",
        compute="_compute_retention_current_assignment",
        groups="hr.group_hr_user",
    )
    retention_current_site_id = fields.Many2one(
        "retention.client.site",
        string="Current Site",
        compute="_compute_retention_current_assignment",
        groups="hr.group_hr_user",
    )
    retention_current_client_id = fields.Many2one(
        "res.partner",
        string="Current Client",
        compute="_compute_retention_current_assignment",
        groups="hr.group_hr_user",
    )
    retention_assignment_count = fields.Integer(
        string="Assignment Count",
        compute="_compute_retention_current_assignment",
        groups="hr.group_hr_user",
    )

    # The latest risk score: HR only, never the employee, client users or the portal.
    # Computed, not stored: the monthly job would otherwise rewrite every employee row
    # (a wide, indexed table) to point it at its new snapshot.
    retention_risk_score_id = fields.Many2one(
        "retention.risk.score",
        string="Latest Risk Score",
        compute="_compute_retention_risk_score_id",
        groups="hr.group_hr_user",
    )
    retention_risk_total = fields.Float(
        string="Risk Score", compute="_compute_retention_risk_score_id", groups="hr.group_hr_user"
    )
    retention_risk_band = fields.Selection(
        selection=lambda self: self.env["retention.risk.score"]._fields["band"].selection,
        string="Risk Band",
        compute="_compute_retention_risk_score_id",
        groups="hr.group_hr_user",
    )
    retention_risk_line_ids = fields.One2many(
        "retention.risk.score.line",
        string="Risk Drivers",
        compute="_compute_retention_risk_score_id",
        groups="hr.group_hr_user",
    )
    # The learned model's view of the same snapshot (HR only, like the score).
    retention_risk_model_probability = fields.Float(
        string="Model Probability of Leaving",
        compute="_compute_retention_risk_score_id",
        groups="hr.group_hr_user",
    )
    retention_risk_model_reasons = fields.Char(
        string="Model's Main Reasons",
        compute="_compute_retention_risk_score_id",
        groups="hr.group_hr_user",
    )

    def _compute_retention_risk_score_id(self):
        """The latest snapshot of each employee, in one query (the unique employee/date index)."""
        ids = [employee_id for employee_id in self._origin.ids if employee_id]
        self.env["retention.risk.score"].flush_model(["employee_id", "date"])
        rows = (
            self.env.execute_query(
                SQL(
                    """
                SELECT DISTINCT ON (employee_id) employee_id, id
                  FROM retention_risk_score
                 WHERE employee_id = ANY(%s)
              ORDER BY employee_id, date DESC, id DESC
                """,
                    ids,
                )
            )
            if ids
            else []
        )
        latest = dict(rows)
        Score = self.env["retention.risk.score"]
        for employee in self:
            score = Score.browse(latest.get(employee._origin.id))
            employee.retention_risk_score_id = score
            employee.retention_risk_total = score.total
            employee.retention_risk_band = score.band
            employee.retention_risk_line_ids = score.line_ids
            employee.retention_risk_model_probability = score.model_probability
            employee.retention_risk_model_reasons = score.model_reasons

    def _compute_retention_current_assignment(self):
        # One query for the whole recordset (ordered by date_start desc).
        assignments = self.env["retention.assignment"].search(
            [("employee_id", "in", self.ids), ("state", "!=", "cancelled")]
        )
        current = {}
        counts = {}
        for assignment in assignments:
            employee_id = assignment.employee_id.id
            counts[employee_id] = counts.get(employee_id, 0) + 1
            if assignment.state == "active":
                current.setdefault(employee_id, assignment)
        for employee in self:
            assignment = current.get(employee.id, self.env["retention.assignment"])
            employee.retention_current_assignment_id = assignment
            employee.retention_current_site_id = assignment.site_id
            employee.retention_current_client_id = assignment.client_id
            employee.retention_assignment_count = counts.get(employee.id, 0)

    def action_view_retention_risk_scores(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "outsourcing_retention.retention_risk_score_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"search_default_group_by_date": 0}
        action["view_mode"] = "graph,list,form"
        action["views"] = [(False, "graph"), (False, "list"), (False, "form")]
        return action

    def action_view_retention_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "outsourcing_retention.retention_assignment_action"
        )
        action["domain"] = [("employee_id", "=", self.id)]
        action["context"] = {"default_employee_id": self.id}
        return action
