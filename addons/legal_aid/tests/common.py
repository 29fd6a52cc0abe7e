from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# Every test runs at frozen dates relative to this day.
TODAY = date(2026, 3, 16)
COORDINATOR = "legal_aid.group_legal_aid_coordinator"


class LegalAidCase(TransactionCase):
    """Two firms, the roles around a case, and a second company.

    * ``coordinator``: coordinator of ``case_a``; ``coordinator_2``: another coordinator
    * ``lawyer_a`` (portal) of ``firm_a``, which has ``case_a``; ``lawyer_b`` of ``firm_b``
    * ``employee_user`` (portal) asked for ``case_a``; ``neighbour_user`` (portal) for ``case_b``
    * ``hr_officer``, ``retention_manager``, ``regional_manager``: the employer's side
    * ``coordinator_c2``: a coordinator of the second company
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.ref("base.main_company")
        cls.company_2 = cls.env["res.company"].create({"name": "Legal Company 2"})
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.coordinator = new_test_user(cls.env, "la_coordinator", groups=COORDINATOR, **common)
        cls.coordinator_2 = new_test_user(cls.env, "la_coordinator_2", groups=COORDINATOR, **common)
        cls.hr_officer = new_test_user(
            cls.env,
            "la_hr_officer",
            groups="hr.group_hr_manager,hr_contract.group_hr_contract_manager",
            **common,
        )
        cls.retention_manager = new_test_user(
            cls.env, "la_ret_manager", groups="outsourcing_retention.group_retention_manager", **common
        )
        cls.regional_manager = new_test_user(
            cls.env, "la_regional", groups="outsourcing_retention.group_retention_user", **common
        )
        cls.lawyer_a = new_test_user(cls.env, "la_lawyer_a", groups="base.group_portal", **common)
        cls.lawyer_b = new_test_user(cls.env, "la_lawyer_b", groups="base.group_portal", **common)
        cls.employee_user = new_test_user(cls.env, "la_employee", groups="base.group_portal", **common)
        cls.neighbour_user = new_test_user(cls.env, "la_neighbour", groups="base.group_portal", **common)
        cls.coordinator_c2 = new_test_user(
            cls.env,
            "la_coordinator_c2",
            groups=COORDINATOR,
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )

        Employee = cls.env["hr.employee"]
        cls.employee = Employee.create(
            {"name": "陈静", "company_id": cls.company.id, "user_id": cls.employee_user.id}
        )
        cls.neighbour = Employee.create(
            {"name": "刘洋", "company_id": cls.company.id, "user_id": cls.neighbour_user.id}
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "苏州精密制造有限公司", "is_company": True, "is_outsourcing_client": True}
        )
        cls.category_wages = cls.env.ref("legal_aid.category_wage_arrears")
        cls.category_dismissal = cls.env.ref("legal_aid.category_dismissal")
        cls.type_wages = cls.env.ref("legal_aid.claim_type_wages")
        cls.type_compensation = cls.env.ref("legal_aid.claim_type_compensation")
        Firm = cls.env["legal.law.firm"]
        cls.firm_a = Firm.create(
            {
                "name": "江苏衡正律师事务所",
                "cities": "苏州, 昆山",
                "state_ids": [Command.set(cls.env.ref("base.state_cn_JS").ids)],
                "category_ids": [Command.set((cls.category_wages | cls.category_dismissal).ids)],
                "lawyer_ids": [Command.set(cls.lawyer_a.ids)],
                "capacity": 10,
            }
        )
        cls.firm_b = Firm.create(
            {"name": "上海明理律师事务所", "lawyer_ids": [Command.set(cls.lawyer_b.ids)]}
        )
        Case = cls.env["legal.case"]
        cls.case_a = Case.create(
            {
                "employee_id": cls.employee.id,
                "category_id": cls.category_wages.id,
                "facts": "工资拖欠三个月",
                "known_on": date(2026, 1, 10),
                "opposing_party_type": "client",
                "opposing_partner_id": cls.client.id,
                "firm_id": cls.firm_a.id,
                "lawyer_id": cls.lawyer_a.id,
                "coordinator_id": cls.coordinator.id,
                "claim_ids": [
                    Command.create({"claim_type_id": cls.type_compensation.id, "amount": 12000}),
                    Command.create({"claim_type_id": cls.type_wages.id, "amount": 18000}),
                ],
            }
        )
        cls.case_b = Case.create(
            {
                "employee_id": cls.neighbour.id,
                "category_id": cls.category_dismissal.id,
                "facts": "被违法解除",
                "known_on": date(2026, 2, 1),
                "firm_id": cls.firm_b.id,
                "coordinator_id": cls.coordinator_2.id,
            }
        )
        cls.case_c2 = Case.create(
            {
                "company_id": cls.company_2.id,
                "category_id": cls.category_wages.id,
                "contact_name": "匿名",
                "known_on": date(2026, 2, 1),
            }
        )

    @contextmanager
    def assertRaisesRegex(self, exception, regex):
        """As assertRaises (rolled back to a savepoint), and the message matches ``regex``."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), regex)
