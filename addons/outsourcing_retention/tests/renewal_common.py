from datetime import date

from odoo.tests import TransactionCase, new_test_user

# The day every renewal test's contracts end on.
END = date(2026, 4, 30)


class RenewalCase(TransactionCase):
    """A company with reminder stages 30/15/7 (employee notified at 30) and an HR responsible."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.ref("base.main_company")
        cls.company.write({"retention_reminder_days": "30,15,7", "retention_notify_employee_days": "30"})
        cls.hr_responsible = new_test_user(
            cls.env,
            "renewal_hr_responsible",
            groups="hr_contract.group_hr_contract_manager",
            email="renewal.hr@example.com",
        )
        cls.Contract = cls.env["hr.contract"]

    @classmethod
    def _employee(cls, name, **vals):
        return cls.env["hr.employee"].create(
            {"name": name, "company_id": cls.company.id, "work_email": "staff@example.com", **vals}
        )

    @classmethod
    def _contract(cls, employee, date_start, date_end, state="open", wage=6000, **vals):
        return cls.Contract.create(
            {
                "name": f"{employee.name} {date_start}",
                "employee_id": employee.id,
                "date_start": date_start,
                "date_end": date_end,
                "wage": wage,
                "state": state,
                "hr_responsible_id": cls.hr_responsible.id,
                **vals,
            }
        )
