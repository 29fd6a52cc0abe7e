from odoo import models
from odoo.addons.outsourcing_retention.engine.risk_scorecard import MAX_SCORE, SubScore

from .legal_law_firm import OPEN_STAGES

OPEN_CASE = "legal_open_case"
NO_OPEN_CASE = "legal_no_open_case"


class RetentionRiskDriver(models.Model):
    """The risk engine's ``legal`` driver: does the employee have an open legal-aid case?

    A yes/no and nothing else: never the category, the firm, the other side nor the
    stage. The driver ships inactive (weight 0), so the default weights still sum to 100;
    an HR administrator who wants it activates it and rebalances the weights.
    """

    _inherit = "retention.risk.driver"

    def _risk_driver_legal(self, employees, on_date, driver):
        """{employee_id: SubScore} for every employee in one query: 0 with an open case, else 100."""
        # sudo: the risk engine runs as HR users, who may not read legal cases (the Chinese
        # wall). Only the ids of the employees with a case open on ``on_date`` leave this
        # query, and the sub-scores carry no parameter about the case.
        groups = (
            self.env["legal.case"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("date_request", "<", on_date.strftime("%Y-%m-%d 23:59:59")),
                    "|",
                    ("stage", "in", OPEN_STAGES),
                    ("date_closed", ">", on_date),
                ],
                ["employee_id"],
            )
        )
        with_case = {employee.id for [employee] in groups}
        return {
            employee.id: SubScore(0.0, OPEN_CASE)
            if employee.id in with_case
            else SubScore(MAX_SCORE, NO_OPEN_CASE)
            for employee in employees
        }

    def _risk_explanation(self, sub):
        if sub.code == OPEN_CASE:
            return self.env._("The employee has an open legal-aid case.")
        if sub.code == NO_OPEN_CASE:
            return self.env._("No open legal-aid case.")
        return super()._risk_explanation(sub)
