from datetime import date, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import Form, freeze_time

from .renewal_common import RenewalCase


@freeze_time("2026-03-16")
class TestContractChain(RenewalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls._employee("李娜")
        cls.first = cls._contract(
            cls.employee, date(2022, 1, 1), date(2022, 12, 31), state="close", wage=5000
        )
        cls.second = cls._contract(
            cls.employee, date(2023, 1, 1), date(2024, 12, 31), state="close", wage=5500
        )
        cls.third = cls._contract(cls.employee, date(2025, 1, 1), date(2026, 6, 30), wage=6200)

    def test_chain_links(self):
        self.assertFalse(self.first.retention_predecessor_id)
        self.assertEqual(self.second.retention_predecessor_id, self.first)
        self.assertEqual(self.third.retention_predecessor_id, self.second)
        self.assertEqual(self.first.retention_successor_id, self.second)
        self.assertEqual(self.second.retention_successor_id, self.third)
        self.assertFalse(self.third.retention_successor_id)

    def test_counts_and_wage_change(self):
        self.assertEqual(self.first.retention_renewal_count, 0)
        self.assertEqual(self.third.retention_renewal_count, 2)
        self.assertEqual(self.second.retention_wage_change, 500)
        self.assertEqual(self.third.retention_wage_change, 700)
        self.assertEqual(self.first.retention_wage_change, 0)
        self.assertEqual(self.second.retention_consecutive_fixed_terms, 2)
        self.assertEqual(self.third.retention_consecutive_fixed_terms, 3)
        # Service from 2022-01-01 up to today (2026-03-16).
        self.assertEqual(self.third.retention_continuous_service, "4 years 2 months")
        self.assertAlmostEqual(self.third.retention_service_years, 4.2, places=1)

    def test_open_ended_right(self):
        self.assertFalse(self.first.retention_open_ended_right)
        self.assertTrue(self.second.retention_open_ended_right)
        self.assertTrue(self.third.retention_open_ended_right)
        self.assertEqual(self.third.retention_open_ended_reason, "Two consecutive fixed-term contracts")

    def test_ten_years(self):
        veteran = self._employee("张伟")
        contract = self._contract(veteran, date(2015, 1, 1), date(2026, 12, 31))
        self.assertEqual(contract.retention_consecutive_fixed_terms, 1)
        self.assertTrue(contract.retention_open_ended_right)
        self.assertEqual(contract.retention_open_ended_reason, "Ten years of continuous service")
        self.assertEqual(contract.retention_continuous_service, "11 years 2 months")

    def test_gap_breaks_the_chain(self):
        employee = self._employee("何静")
        self._contract(employee, date(2023, 1, 1), date(2023, 12, 31), state="close")
        later = self._contract(employee, date(2024, 3, 1), date(2026, 12, 31))
        self.assertEqual(later.retention_renewal_count, 1)
        self.assertEqual(later.retention_consecutive_fixed_terms, 1)
        self.assertFalse(later.retention_open_ended_right)

    def test_renewal_states(self):
        self.assertEqual(self.first.retention_renewal_state, "renewed")
        self.assertEqual(self.second.retention_renewal_state, "renewed")
        self.assertEqual(self.third.retention_renewal_state, "not_due")
        # Closing without a successor ends the renewal cycle.
        self.third.state = "close"
        self.assertEqual(self.third.retention_renewal_state, "ended")
        # A later renewal still counts as one.
        fourth = self._contract(self.employee, date(2026, 7, 1), date(2029, 6, 30))
        self.assertEqual(fourth.retention_predecessor_id, self.third)
        self.assertEqual(self.third.retention_renewal_state, "renewed")

    def test_draft_successor_does_not_renew(self):
        draft = self._contract(self.employee, date(2026, 7, 1), date(2029, 6, 30), state="draft")
        self.assertEqual(draft.retention_predecessor_id, self.third)
        self.assertEqual(self.third.retention_renewal_state, "not_due")
        draft.state = "open"
        self.assertEqual(self.third.retention_renewal_state, "renewed")

    def test_state_hook(self):
        self.third._retention_set_renewal_state("offer_sent")
        self.assertEqual(self.third.retention_renewal_state, "offer_sent")
        with self.assertRaises(ValueError):
            self.third._retention_set_renewal_state("bogus")

    def test_form_shows_the_chain_before_saving(self):
        form = Form(self.env["hr.contract"])
        form.name = "李娜 renewal"
        form.employee_id = self.employee
        form.date_start = date(2026, 7, 1)
        form.date_end = date(2029, 6, 30)
        form.wage = 7000
        form.retention_predecessor_id = self.third
        self.assertEqual(form.retention_renewal_count, 3)
        self.assertEqual(form.retention_wage_change, 800)
        self.assertEqual(form.retention_consecutive_fixed_terms, 4)
        self.assertTrue(form.retention_open_ended_right)

    def test_install_hook_links_contracts_created_before_the_addon(self):
        from .. import post_init_hook

        # As if the addon had been installed after these contracts were created.
        (self.second | self.third).write({"retention_predecessor_id": False})
        self.assertFalse(self.third.retention_open_ended_right)
        post_init_hook(self.env)
        self.assertEqual(self.second.retention_predecessor_id, self.first)
        self.assertEqual(self.third.retention_predecessor_id, self.second)
        self.assertTrue(self.third.retention_open_ended_right)

    def test_predecessor_of_the_same_employee_and_company(self):
        other = self._contract(self._employee("王芳"), date(2025, 1, 1), date(2026, 12, 31))
        with self.assertRaisesRegex(ValidationError, "same employee"):
            self.third.retention_predecessor_id = other
        with self.assertRaisesRegex(ValidationError, "same employee"):
            self.third.retention_predecessor_id = self.third
        company_2 = self.env["res.company"].create({"name": "链条公司二"})
        elsewhere = self._contract(
            self.employee, date(2020, 1, 1), date(2020, 12, 31), state="close", company_id=company_2.id
        )
        with self.assertRaisesRegex(ValidationError, "same employee"):
            self.first.retention_predecessor_id = elsewhere
        self.third.retention_predecessor_id = self.first  # same employee and company: allowed


class TestRenewalRate(RenewalCase):
    """The report runs on the database's clock (CURRENT_DATE): dates follow today's."""

    def test_renewal_rate_counts_contracts_once_due(self):
        today = date.today()
        Report = self.env["retention.renewal.report"]
        later = self._contract(
            self._employee("下季度"), today - timedelta(days=300), today + timedelta(days=90)
        )
        renewed = self._contract(
            self._employee("已续签"), today - timedelta(days=300), today + timedelta(days=90)
        )
        renewed._retention_set_renewal_state("renewed")
        lost = self._contract(
            self._employee("已到期"), today - timedelta(days=400), today - timedelta(days=10)
        )
        self.env.flush_all()
        rows = {
            row.contract_id: row
            for row in Report.search([("contract_id", "in", (later | renewed | lost).ids)])
        }
        # Ends next quarter, nothing decided: not due yet, so not a lost renewal.
        self.assertEqual(rows[later].due_count, 0)
        self.assertFalse(Report.search_count([("contract_id", "=", later.id), ("renewal_rate", "!=", False)]))
        # Decided before its end: due and renewed.
        self.assertEqual((rows[renewed].due_count, rows[renewed].renewed_count), (1, 1))
        self.assertEqual(rows[renewed].renewal_rate, 100.0)
        # Ended without a renewal: due and lost.
        self.assertEqual((rows[lost].due_count, rows[lost].renewed_count), (1, 0))
