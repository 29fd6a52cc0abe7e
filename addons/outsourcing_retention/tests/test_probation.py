from datetime import date

from odoo.exceptions import ValidationError

from .renewal_common import RenewalCase


class TestProbation(RenewalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee = cls._employee("黄磊")

    def _new(self, date_start, date_end, trial_date_end, employee=None, **vals):
        return self._contract(
            employee or self.employee,
            date_start,
            date_end,
            state="draft",
            trial_date_end=trial_date_end,
            **vals,
        )

    def test_valid_probations_accepted(self):
        # One year allows 2 months, three years 6, open-ended 6, 3 months to a year 1.
        cases = [
            (date(2026, 1, 1), date(2026, 12, 31), date(2026, 2, 28)),
            (date(2026, 1, 1), date(2028, 12, 31), date(2026, 6, 30)),
            (date(2026, 1, 1), False, date(2026, 6, 30)),
            (date(2026, 1, 1), date(2026, 6, 30), date(2026, 1, 31)),
        ]
        for date_start, date_end, trial in cases:
            with self.subTest(date_end=date_end):
                contract = self._new(date_start, date_end, trial, employee=self._employee(f"E {date_end}"))
                self.assertEqual(contract.trial_date_end, trial)

    def test_probation_too_long(self):
        with self.assertRaisesRegex(ValidationError, "exceeds the limit of 2 months"):
            self._new(date(2026, 1, 1), date(2026, 12, 31), date(2026, 3, 1))
        with self.assertRaisesRegex(ValidationError, "a probation of 2 months exceeds the limit of 1"):
            self._new(date(2026, 1, 1), date(2026, 6, 30), date(2026, 2, 28))
        with self.assertRaisesRegex(ValidationError, "limit of 6 months"):
            self._new(date(2026, 1, 1), False, date(2026, 7, 31))

    def test_short_contract_has_no_probation(self):
        with self.assertRaisesRegex(ValidationError, "less than three months"):
            self._new(date(2026, 1, 1), date(2026, 2, 28), date(2026, 1, 15))
        contract = self._new(date(2026, 1, 1), date(2026, 2, 28), False)
        with self.assertRaisesRegex(ValidationError, "less than three months"):
            contract.trial_date_end = date(2026, 1, 10)

    def test_extending_the_probation_on_write(self):
        contract = self._new(date(2026, 1, 1), date(2026, 12, 31), date(2026, 2, 28))
        with self.assertRaisesRegex(ValidationError, "exceeds the limit"):
            contract.trial_date_end = date(2026, 4, 30)
        with self.assertRaisesRegex(ValidationError, "exceeds the limit"):
            contract.date_end = date(2026, 6, 30)

    def test_second_probation_refused(self):
        self._contract(
            self.employee,
            date(2024, 1, 1),
            date(2025, 12, 31),
            state="close",
            trial_date_end=date(2024, 2, 29),
        )
        with self.assertRaisesRegex(ValidationError, "only once"):
            self._new(date(2026, 1, 1), date(2027, 12, 31), date(2026, 2, 28))
        renewal = self._new(date(2026, 1, 1), date(2027, 12, 31), False)
        self.assertFalse(renewal.trial_date_end)

    def test_probation_with_another_employer_allowed(self):
        company_2 = self.env["res.company"].create({"name": "另一家公司"})
        self._contract(
            self.employee,
            date(2024, 1, 1),
            date(2025, 12, 31),
            state="close",
            trial_date_end=date(2024, 2, 29),
            company_id=company_2.id,
        )
        contract = self._new(date(2026, 1, 1), date(2027, 12, 31), date(2026, 2, 28))
        self.assertEqual(contract.trial_date_end, date(2026, 2, 28))
