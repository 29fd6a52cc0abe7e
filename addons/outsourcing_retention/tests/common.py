from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# Every test runs at frozen dates relative to this day.
TODAY = date(2026, 3, 16)


class RetentionCase(TransactionCase):
    """Two sites of one client, the roles of the suite, and a second company.

    * ``user_a``: retention user, regional manager of ``site_a``
    * ``user_b``: retention user, regional manager of ``site_b``
    * ``manager``: retention manager
    * ``hr_officer``: HR officer, no retention group
    * ``portal_user``: portal user linked to ``employee_portal``
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.ref("base.main_company")
        cls.company_2 = cls.env["res.company"].create({"name": "Retention Company 2"})
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.user_a = new_test_user(
            cls.env, "ret_user_a", groups="outsourcing_retention.group_retention_user", **common
        )
        cls.user_b = new_test_user(
            cls.env, "ret_user_b", groups="outsourcing_retention.group_retention_user", **common
        )
        cls.manager = new_test_user(
            cls.env, "ret_manager", groups="outsourcing_retention.group_retention_manager", **common
        )
        cls.hr_officer = new_test_user(cls.env, "ret_hr_officer", groups="hr.group_hr_user", **common)
        cls.portal_user = new_test_user(cls.env, "ret_portal", groups="base.group_portal", **common)

        cls.client = cls.env["res.partner"].create(
            {
                "name": "苏州精密制造有限公司",
                "is_company": True,
                "is_outsourcing_client": True,
                "client_workforce": 90,
            }
        )
        cls.site_a = cls.env["retention.client.site"].create(
            {
                "name": "苏州二厂",
                "code": "SZ-2",
                "client_id": cls.client.id,
                "state_id": cls.env.ref("base.state_cn_JS").id,
                "city": "苏州",
                "regional_manager_id": cls.user_a.id,
                "planned_headcount": 20,
            }
        )
        cls.site_b = cls.env["retention.client.site"].create(
            {
                "name": "昆山仓库",
                "code": "KS-1",
                "client_id": cls.client.id,
                "state_id": cls.env.ref("base.state_cn_JS").id,
                "city": "昆山",
                "regional_manager_id": cls.user_b.id,
            }
        )
        Employee = cls.env["hr.employee"]
        cls.employee_1 = Employee.create({"name": "王芳", "company_id": cls.company.id})
        cls.employee_2 = Employee.create({"name": "刘洋", "company_id": cls.company.id})
        cls.employee_portal = Employee.create(
            {"name": "陈静", "company_id": cls.company.id, "user_id": cls.portal_user.id}
        )
        # The second company's own site and assignment.
        cls.site_c2 = cls.env["retention.client.site"].create(
            {
                "name": "深圳呼叫中心",
                "code": "SZ-2",
                "client_id": cls.client.id,
                "company_id": cls.company_2.id,
            }
        )
        cls.employee_c2 = Employee.create({"name": "赵磊", "company_id": cls.company_2.id})

    @contextmanager
    def assertRaisesRegex(self, exception, regex):
        """As assertRaises (rolled back to a savepoint), and the message matches ``regex``."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), regex)

    @classmethod
    def _assign(cls, employee, site, date_start, date_end=None, **vals):
        return (
            cls.env["retention.assignment"]
            .with_context(tracking_disable=True)
            .create(
                {
                    "employee_id": employee.id,
                    "site_id": site.id,
                    "date_start": date_start,
                    "date_end": date_end,
                    **vals,
                }
            )
        )
