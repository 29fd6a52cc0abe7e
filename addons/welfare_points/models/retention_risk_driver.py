from datetime import timedelta

from odoo import models
from odoo.addons.outsourcing_retention.engine import risk_scorecard
from odoo.tools import SQL

from ..engine import rules as rule_engine

# The last window compared with this many earlier windows of the employee's own history.
HISTORY_WINDOWS = 4


class RetentionRiskDriver(models.Model):
    """Feeds the risk scorecard's ``points`` driver: points activity against the employee's history."""

    _inherit = "retention.risk.driver"

    def _risk_driver_points(self, employees, on_date, driver):
        """Points earned and redeemed in the last window against the earlier windows (three queries).

        Only windows after the wallet was opened count as history; an employee
        without a wallet in the company has no data.
        """
        window = max(driver.window_days, 1)
        start = on_date - timedelta(days=window * (HISTORY_WINDOWS + 1))
        Account = self.env["welfare.points.account"].sudo()  # sudo: counts only, never shown
        wallets = {
            account.employee_id.id: account.create_date.date()
            for account in Account.with_context(active_test=False).search_fetch(
                [("employee_id", "in", employees.ids)], ["employee_id", "create_date"]
            )
        }
        if not wallets:
            return {}
        self.env["welfare.points.line"].flush_model(["employee_id", "kind", "points", "date"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT employee_id,
                       LEAST(((%(on_date)s::date - date) / %(window)s)::int, %(last)s),
                       SUM(ABS(points))
                  FROM welfare_points_line
                 WHERE employee_id = ANY(%(ids)s)
                   AND kind IN ('earned', 'redeemed')
                   AND date > %(start)s
                   AND date <= %(on_date)s
              GROUP BY 1, 2
                """,
                on_date=on_date,
                window=window,
                last=HISTORY_WINDOWS,
                ids=list(wallets),
                start=start,
            )
        )
        activity = {}
        for employee_id, index, total in rows:
            activity.setdefault(employee_id, [0] * (HISTORY_WINDOWS + 1))[index] = int(total or 0)
        result = {}
        for employee_id, opened in wallets.items():
            per_window = activity.get(employee_id, [0] * (HISTORY_WINDOWS + 1))
            history = [
                per_window[i]
                for i in range(1, HISTORY_WINDOWS + 1)
                if opened <= on_date - timedelta(days=window * (i + 1))
            ]
            score, code, params = rule_engine.points_activity(per_window[0], history)
            result[employee_id] = risk_scorecard.SubScore(score, code, params)
        return result

    def _risk_explanation(self, sub):
        p = sub.params or {}
        texts = {
            "points_no_data": lambda: self.env._("No points wallet."),
            "points_no_history": lambda: self.env._("The points wallet is too new to compare."),
            "points_usual": lambda: self.env._(
                "Points activity as usual (%(recent)s points in the window, usually %(usual)s).", **p
            ),
            "points_falling": lambda: self.env._(
                "Points activity fell to %(recent)s points in the window, usually %(usual)s.", **p
            ),
        }
        text = texts.get(sub.code)
        return text() if text else super()._risk_explanation(sub)
