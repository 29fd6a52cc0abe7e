from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# Every test runs at frozen dates relative to this day.
TODAY = date(2026, 3, 16)


class WelfareCase(TransactionCase):
    """Employees with and without users, the welfare roles, and a second company.

    * ``officer``: welfare officer; ``manager``: welfare manager
    * ``employee_user``: internal user linked to ``employee_1``
    * ``portal_user``: portal user linked to ``employee_portal``
    * ``employee_2``: no user; ``employee_c2``: of ``company_2``
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.ref("base.main_company")
        cls.company_2 = cls.env["res.company"].create({"name": "Welfare Company 2"})
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.officer = new_test_user(
            cls.env, "wf_officer", groups="welfare_points.group_welfare_officer", **common
        )
        cls.manager = new_test_user(
            cls.env, "wf_manager", groups="welfare_points.group_welfare_manager", **common
        )
        cls.employee_user = new_test_user(cls.env, "wf_employee", groups="base.group_user", **common)
        cls.portal_user = new_test_user(cls.env, "wf_portal", groups="base.group_portal", **common)
        cls.officer_c2 = new_test_user(
            cls.env,
            "wf_officer_c2",
            groups="welfare_points.group_welfare_officer",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )
        Employee = cls.env["hr.employee"]
        cls.employee_1 = Employee.create(
            {"name": "王芳", "company_id": cls.company.id, "user_id": cls.employee_user.id}
        )
        cls.employee_2 = Employee.create({"name": "刘洋", "company_id": cls.company.id})
        cls.employee_portal = Employee.create(
            {"name": "陈静", "company_id": cls.company.id, "user_id": cls.portal_user.id}
        )
        cls.employee_c2 = Employee.create({"name": "赵磊", "company_id": cls.company_2.id})
        cls.Line = cls.env["welfare.points.line"]
        cls.Account = cls.env["welfare.points.account"]

    @contextmanager
    def assertRaisesRegex(self, exception, regex):
        """As assertRaises (rolled back to a savepoint), and the message matches ``regex``."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), regex)

    @classmethod
    def _entry(cls, employee, points, key, **vals):
        return {
            "employee_id": employee.id,
            "points": points,
            "idempotency_key": key,
            "reason": "测试",
            **vals,
        }

    @classmethod
    def _post(cls, employee, points, key, user=None, **vals):
        Line = cls.env["welfare.points.line"]
        if user:
            Line = Line.with_user(user)
        return Line.browse(Line.post_points([cls._entry(employee, points, key, **vals)]))

    def _wallet(self, employee, company=None):
        return self.Account.with_context(active_test=False).search(
            [("employee_id", "=", employee.id), ("company_id", "=", (company or employee.company_id).id)]
        )
