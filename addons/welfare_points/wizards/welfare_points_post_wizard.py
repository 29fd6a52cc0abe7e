from odoo import fields, models


class WelfarePointsPostWizard(models.TransientModel):
    _name = "welfare.points.post.wizard"
    _description = "Post Points by Hand"

    employee_ids = fields.Many2many("hr.employee", string="Employees", required=True)
    points = fields.Integer(required=True, help="Positive to credit, negative to debit (managers only).")
    kind = fields.Selection([("earned", "Earned"), ("adjusted", "Adjusted")], required=True, default="earned")
    reason = fields.Char(required=True)
    expiry_date = fields.Date(help="Last day the credited points can be spent. Empty: they never lapse.")

    def action_post(self):
        self.ensure_one()
        entries = [
            {
                "employee_id": employee.id,
                "points": self.points,
                "kind": self.kind,
                "reason": self.reason,
                "expiry_date": self.expiry_date or False,
                # One key per wizard and employee: a double click posts once.
                "idempotency_key": f"manual:{self.id}:{employee.id}",
                "res_model": self._name,
                "res_id": self.id,
            }
            for employee in self.employee_ids
        ]
        self.env["welfare.points.line"].post_points(entries)
        return {"type": "ir.actions.act_window_close"}
