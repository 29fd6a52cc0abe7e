from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import TODAY, WelfareCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestLedger(WelfareCase):
    def _assert_invariants(self, wallet):
        lines = self.Line.search([("account_id", "=", wallet.id)])
        self.assertEqual(wallet.balance, sum(lines.mapped("points")), "balance = sum of the lines")
        self.assertGreaterEqual(wallet.balance, 0)

    def test_first_posting_opens_the_wallet(self):
        self.assertFalse(self._wallet(self.employee_1))
        line = self._post(self.employee_1, 100, "k1", user=self.officer, expiry_date="2026-12-31")
        wallet = self._wallet(self.employee_1)
        self.assertEqual(line.account_id, wallet)
        self.assertRecordValues(
            line,
            [
                {
                    "points": 100,
                    "kind": "earned",
                    "date": TODAY,
                    "expiry_date": date(2026, 12, 31),
                    "funding": "company",
                    "posted_by_id": self.officer.id,
                    "employee_id": self.employee_1.id,
                    "company_id": self.company.id,
                }
            ],
        )
        self.assertRecordValues(wallet, [{"balance": 100, "earned_total": 100, "spent_total": 0}])
        self._post(self.employee_1, 50, "k2", user=self.officer)
        self.assertEqual(self.Account.search_count([("employee_id", "=", self.employee_1.id)]), 1)
        self._assert_invariants(wallet)

    def test_same_key_returns_the_first_line(self):
        first = self._post(self.employee_1, 100, "same")
        again = self._post(self.employee_1, 100, "same")
        self.assertEqual(first, again)
        self.assertEqual(self._wallet(self.employee_1).balance, 100)
        self.assertEqual(self.Line.search_count([("idempotency_key", "=", "same")]), 1)
        # Twice in one batch: one line.
        ids = self.Line.post_points(
            [self._entry(self.employee_2, 5, "twice"), self._entry(self.employee_2, 5, "twice")]
        )
        self.assertEqual(ids[0], ids[1])
        self.assertEqual(self._wallet(self.employee_2).balance, 5)

    def test_same_key_with_other_content_is_refused(self):
        self._post(self.employee_1, 100, "dup")
        with self.assertRaisesRegex(ValidationError, "already used for a different posting"):
            self._post(self.employee_1, 99, "dup")
        with self.assertRaisesRegex(ValidationError, "already used for a different posting"):
            self._post(self.employee_2, 100, "dup")
        self.assertEqual(self._wallet(self.employee_1).balance, 100)
        self.assertFalse(self._wallet(self.employee_2))

    def test_keys_are_unique_per_company(self):
        self._post(self.employee_1, 10, "shared-key")
        line_c2 = self.Line.with_user(self.officer_c2).post_points(
            [self._entry(self.employee_c2, 10, "shared-key")]
        )
        self.assertEqual(self.Line.browse(line_c2).company_id, self.company_2)

    def test_no_wallet_below_zero_and_all_or_nothing(self):
        self._post(self.employee_1, 100, "c1")
        with self.assertRaisesRegex(
            ValidationError, r"Entry 2 \(d2\): not enough points \(balance 40, debit 50\)"
        ):
            self.Line.post_points(
                [
                    self._entry(self.employee_1, -60, "d1", kind="adjusted"),
                    self._entry(self.employee_1, -50, "d2", kind="adjusted"),
                ]
            )
        wallet = self._wallet(self.employee_1)
        self.assertEqual(wallet.balance, 100)
        self.assertFalse(self.Line.search([("idempotency_key", "in", ["d1", "d2"])]))
        self._post(self.employee_1, -100, "d3", kind="adjusted")
        self.assertEqual(wallet.balance, 0)
        self._assert_invariants(wallet)

    def test_bad_input_is_refused_with_a_clear_message(self):
        cases = [
            ({"points": 0}, "non-zero whole number"),
            ({"points": 1.5}, "non-zero whole number"),
            ({"points": True}, "non-zero whole number"),
            ({"points": "10"}, "non-zero whole number"),
            ({"idempotency_key": ""}, "idempotency key"),
            ({"idempotency_key": 7}, "idempotency key"),
            ({"reason": " "}, "reason is required"),
            ({"employee_id": 999999}, "unknown employee 999999"),
            ({"employee_id": "x"}, "employee_id must be"),
            ({"points": -5}, "earned points are a credit"),
            ({"kind": "redeemed"}, "kind must be earned or adjusted"),
            ({"expiry_date": "2026-03-01"}, "cannot be before its date"),
            ({"date": "16/03/2026"}, "YYYY-MM-DD"),
            ({"funding": "bank"}, "funding must be"),
            ({"funding": "client"}, "name the client"),
            ({"colour": "red"}, "unknown fields colour"),
        ]
        for vals, message in cases:
            with self.subTest(vals=vals), self.assertRaisesRegex(ValidationError, message):
                self.Line.post_points([{**self._entry(self.employee_1, 10, "bad"), **vals}])
        with self.assertRaisesRegex(ValidationError, "non-empty list"):
            self.Line.post_points([])
        with self.assertRaisesRegex(ValidationError, r"Entry 1 \(-\): an entry must be a dict"):
            self.Line.post_points(["x"])
        # Another company's employee is unknown to this company's users.
        with self.assertRaisesRegex(ValidationError, "unknown employee"):
            self._post(self.employee_c2, 10, "c2", user=self.officer)
        self.assertFalse(self.Line.search([]).filtered(lambda line: line.idempotency_key in ("bad", "c2")))

    def test_archived_wallet_refuses_postings(self):
        self._post(self.employee_1, 10, "a1")
        wallet = self._wallet(self.employee_1)
        wallet.with_user(self.manager).action_archive()
        with self.assertRaisesRegex(ValidationError, "the wallet is archived"):
            self._post(self.employee_1, 10, "a2")

    def test_lines_are_append_only_even_for_the_superuser(self):
        line = self._post(self.employee_1, 10, "ro")
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            line.sudo().write({"points": 1000})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            line.sudo().unlink()
        with self.assertRaisesRegex(UserError, "written by postings only"):
            self.Line.sudo().create({"account_id": line.account_id.id, "points": 5, "kind": "earned"})
        wallet = line.account_id
        with self.assertRaisesRegex(UserError, "only be archived"):
            wallet.sudo().write({"balance": 1000})
        with self.assertRaisesRegex(UserError, "never deleted"):
            wallet.sudo().unlink()
        with self.assertRaisesRegex(UserError, "opened by the first posting"):
            self.Account.sudo().create({"employee_id": self.employee_2.id, "company_id": self.company.id})
        self.assertEqual(line.points, 10)

    def test_reversal_once(self):
        credit = self._post(self.employee_1, 100, "r1")
        credit.with_user(self.manager).action_reverse()
        reversal = credit.reversal_line_id
        self.assertRecordValues(
            reversal,
            [
                {
                    "points": -100,
                    "kind": "reversed",
                    "reversed_line_id": credit.id,
                    "posted_by_id": self.manager.id,
                }
            ],
        )
        wallet = self._wallet(self.employee_1)
        self.assertRecordValues(wallet, [{"balance": 0, "earned_total": 0}])
        with self.assertRaisesRegex(UserError, "already reversed"):
            credit.with_user(self.manager).action_reverse()
        with self.assertRaisesRegex(UserError, "not reversed"):
            reversal.with_user(self.manager).action_reverse()
        self._assert_invariants(wallet)

    def test_reversing_a_spent_credit_needs_the_points(self):
        credit = self._post(self.employee_1, 100, "r2")
        self._post(self.employee_1, -80, "r3", kind="adjusted")
        with self.assertRaisesRegex(ValidationError, "not enough points"):
            credit.with_user(self.manager).action_reverse()

    def test_reversed_debit_returns_points_with_their_expiry(self):
        self._post(self.employee_1, 50, "e1", expiry_date="2026-06-30")
        self._post(self.employee_1, 50, "e2", expiry_date="2026-12-31")
        debit = self._post(self.employee_1, -70, "e3", kind="adjusted")
        wallet = self._wallet(self.employee_1)
        self.assertRecordValues(wallet, [{"balance": 30}])
        debit.with_user(self.manager).action_reverse()
        self.assertEqual(debit.reversal_line_id.points, 70)
        self.assertEqual(debit.reversal_line_id.expiry_date, date(2026, 12, 31))
        self.assertRecordValues(wallet, [{"balance": 100}])
        self._assert_invariants(wallet)

    def test_expiring_soon(self):
        self._post(self.employee_1, 40, "x1", expiry_date="2026-04-10")
        self._post(self.employee_1, 60, "x2", expiry_date="2026-09-30")
        self._post(self.employee_1, -30, "x3", kind="adjusted")
        wallet = self._wallet(self.employee_1)
        # The debit consumed the points expiring first: 10 of the April lot remain.
        self.assertEqual(wallet.expiring_soon, 10)

    def test_officer_limits(self):
        self.company.welfare_officer_post_limit = 200
        self._post(self.employee_1, 200, "o1", user=self.officer)
        with self.assertRaisesRegex(AccessError, "up to 200"):
            self._post(self.employee_1, 201, "o2", user=self.officer)
        with self.assertRaisesRegex(AccessError, "need a welfare manager"):
            self._post(self.employee_1, -10, "o3", user=self.officer, kind="adjusted")
        self._post(self.employee_1, 5000, "o4", user=self.manager)
        self._post(self.employee_1, -10, "o5", user=self.manager, kind="adjusted")
        self.assertEqual(self._wallet(self.employee_1).balance, 5190)

    def test_get_balances(self):
        self._post(self.employee_1, 30, "b1")
        balances = self.Account.with_user(self.officer).get_balances([self.employee_1.id, self.employee_2.id])
        self.assertEqual(balances, {str(self.employee_1.id): 30, str(self.employee_2.id): 0})
        with self.assertRaisesRegex(ValidationError, "list of whole numbers"):
            self.Account.get_balances(["1"])

    def test_hand_posting_wizard(self):
        wizard = (
            self.env["welfare.points.post.wizard"]
            .with_user(self.officer)
            .create(
                {
                    "employee_ids": [(6, 0, (self.employee_1 | self.employee_2).ids)],
                    "points": 20,
                    "reason": "优秀员工",
                }
            )
        )
        wizard.action_post()
        wizard.action_post()  # a double click posts once
        self.assertEqual(self._wallet(self.employee_1).balance, 20)
        self.assertEqual(self._wallet(self.employee_2).balance, 20)

    def test_batch_posting_query_count_is_flat(self):
        """A batch costs the same number of queries whatever its size."""
        employees = self.env["hr.employee"].create([{"name": f"员工{i}"} for i in range(24)])
        Line = self.Line.with_user(self.officer)

        def queries(batch, size):
            entries = [self._entry(employees[i], 5, f"q{batch}-{i}") for i in range(size)]
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Line.post_points(entries)
            self.env.flush_all()
            return self.cr.sql_log_count - before

        queries("warm", 2)
        few = queries("few", 3)
        self.assertGreater(few, 0)
        self.assertEqual(few, queries("many", 24))
