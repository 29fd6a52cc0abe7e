from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .renewal_common import END, RenewalCase


class TestRenewalAccess(RenewalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal = new_test_user(cls.env, "renewal_internal", groups="base.group_user")
        cls.hr_officer = new_test_user(cls.env, "renewal_hr_officer", groups="hr.group_hr_user")
        cls.contract_reader = new_test_user(
            cls.env, "renewal_contract_reader", groups="hr_contract.group_hr_contract_employee_manager"
        )
        # The contract reader manages the employee, so the stock rule lets them read the contract.
        manager = cls._employee("主管", user_id=cls.contract_reader.id)
        cls.contract = cls._contract(cls._employee("林峰", parent_id=manager.id), date(2025, 5, 1), END)
        cls.reminder = cls.env["retention.renewal.reminder"].create(
            {"contract_id": cls.contract.id, "stage_days": 30, "date_sent": date(2026, 3, 31)}
        )

    def test_plain_users_cannot_read_renewals(self):
        for user in (self.internal, self.hr_officer):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.contract.with_user(user).read(["retention_renewal_state"])
                with self.assertRaises(AccessError):
                    self.reminder.with_user(user).read(["stage_days"])
                with self.assertRaises(AccessError):
                    self.env["retention.renewal.reminder"].with_user(user).search([])

    def test_contract_reader_without_manager_rights(self):
        contract = self.contract.with_user(self.contract_reader)
        self.assertEqual(contract.read(["name"])[0]["name"], self.contract.name)
        for field in ("retention_renewal_state", "retention_open_ended_right", "retention_wage_change"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                contract.read([field])
        with self.assertRaises(AccessError):
            self.reminder.with_user(self.contract_reader).read(["stage_days"])

    def test_contract_manager_reads(self):
        contract = self.contract.with_user(self.hr_responsible)
        values = contract.read(
            ["retention_renewal_state", "retention_renewal_count", "retention_open_ended_right"]
        )
        self.assertEqual(values[0]["retention_renewal_state"], "not_due")
        reminder = self.reminder.with_user(self.hr_responsible)
        self.assertEqual(reminder.stage_days, 30)
        with self.assertRaises(AccessError):
            reminder.unlink()

    def test_other_company_reminders_hidden(self):
        company_2 = self.env["res.company"].create({"name": "Renewal Company 2"})
        employee = self.env["hr.employee"].create({"name": "Other", "company_id": company_2.id})
        other = self._contract(employee, date(2025, 5, 1), END, company_id=company_2.id)
        self.env["retention.renewal.reminder"].create({"contract_id": other.id, "stage_days": 30})
        visible = self.env["retention.renewal.reminder"].with_user(self.hr_responsible).search([])
        self.assertEqual(visible, self.reminder)

    def test_employee_history_page_for_contract_managers_only(self):
        form_id = self.env.ref("hr.view_employee_form").id
        Employee = self.env["hr.employee"]
        arch = Employee.with_user(self.hr_responsible).get_view(form_id)["arch"]
        self.assertIn("retention_contract_history", arch)
        arch = Employee.with_user(self.hr_officer).get_view(form_id)["arch"]
        self.assertNotIn("retention_contract_history", arch)
        self.assertNotIn("retention_renewal_state", arch)
