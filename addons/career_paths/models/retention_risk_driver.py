from odoo import models
from odoo.addons.outsourcing_retention.engine import risk_scorecard


class RetentionRiskDriver(models.Model):
    """Feeds the risk scorecard's training driver from the training plans."""

    _inherit = "retention.risk.driver"

    def _risk_driver_training(self, employees, on_date, driver):
        """Items of active plans due by ``on_date``, and how many are done (two queries).

        An employee with no training plan has no data; one whose items are not due yet
        has nothing required so far.
        """
        Item = self.env["career.training.plan.item"]
        base = [("employee_id", "in", employees.ids), ("state", "!=", "cancelled")]
        planned = {employee.id for [employee] in Item._read_group(base, ["employee_id"])}
        due = Item._read_group(
            base + [("date_deadline", "<=", on_date)], ["employee_id", "state"], ["__count"]
        )
        required, completed = dict.fromkeys(planned, 0), dict.fromkeys(planned, 0)
        for employee, state, count in due:
            required[employee.id] += count
            if state == "done":
                completed[employee.id] += count
        return {
            employee_id: risk_scorecard.training_subscore(required[employee_id], completed[employee_id])
            for employee_id in planned
        }
