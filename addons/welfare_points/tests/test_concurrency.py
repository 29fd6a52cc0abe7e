import random
import threading
import time
import uuid

from odoo import SUPERUSER_ID, api
from odoo.api import Transaction
from odoo.exceptions import ValidationError
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE, PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger


@tagged("post_install", "-at_install")
class TestConcurrency(TransactionCase):
    """Races between real transactions, each thread with its own cursor.

    Each thread calls the posting as Odoo's RPC layer does (``retrying``: a
    serialization failure re-runs the call, success commits). The employee and
    its wallet are committed for the threads to see, and removed afterwards.
    """

    THREADS = 8

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.employee_id = env["hr.employee"].create({"name": "并发测试员工"}).id
            self.company_id = env.company.id
        self.run = uuid.uuid4().hex
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            # Ledger lines refuse unlink by design; the test's own rows go by SQL.
            cr.execute(
                SQL(
                    "DELETE FROM welfare_points_line WHERE account_id IN "
                    "(SELECT id FROM welfare_points_account WHERE employee_id = %s)",
                    self.employee_id,
                )
            )
            cr.execute(SQL("DELETE FROM welfare_points_account WHERE employee_id = %s", self.employee_id))
            api.Environment(cr, SUPERUSER_ID, {})["hr.employee"].browse(self.employee_id).unlink()

    def _entry(self, points, key, **vals):
        key = f"{self.run}-{key}"  # never meets a key of another run
        return {
            "employee_id": self.employee_id,
            "points": points,
            "idempotency_key": key,
            "reason": "并发",
            **vals,
        }

    def _race(self, entry_for):
        barrier = threading.Barrier(self.THREADS)
        results = [None] * self.THREADS

        def run(index):
            with self.registry.cursor() as cr:
                # The test runner holds the registry lock that Environment() would take
                # to look the registry up: hand it the registry instead.
                cr.transaction = Transaction(self.registry)
                env = api.Environment(cr, SUPERUSER_ID, {})
                barrier.wait(timeout=60)
                try:
                    results[index] = ("ok", self._retrying(env, entry_for(index)))
                except ValidationError as error:
                    cr.rollback()
                    results[index] = ("refused", str(error))

        threads = [threading.Thread(target=run, args=(i,)) for i in range(self.THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        return results

    @staticmethod
    def _retrying(env, entry):
        """Post and commit, as odoo.service.model.retrying does for an RPC call.

        (retrying itself cannot run here: its env.reset() looks the registry up
        under the lock the test runner holds.) A serialization failure rolls
        back and re-runs the whole call with a fresh snapshot.
        """
        for tryno in range(1, MAX_TRIES_ON_CONCURRENCY_FAILURE + 1):
            try:
                ids = env["welfare.points.line"].post_points([entry])
                env.cr.commit()
                return ids
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                env.cr.rollback()
                env.invalidate_all()
                if tryno == MAX_TRIES_ON_CONCURRENCY_FAILURE:
                    raise
                time.sleep(random.uniform(0.0, 0.5 * 2**tryno))
        return None

    def _state(self):
        with self.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "SELECT a.balance, COALESCE(SUM(l.points), 0), COUNT(l.id) FROM welfare_points_account a "
                    "LEFT JOIN welfare_points_line l ON l.account_id = a.id "
                    "WHERE a.employee_id = %s GROUP BY a.id",
                    self.employee_id,
                )
            )
            return cr.fetchall()

    def _post_committed(self, entries):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["welfare.points.line"].post_points(entries)

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_debits_past_the_balance_one_wallet(self):
        self._post_committed([self._entry(300, "funds")])
        results = self._race(lambda i: self._entry(-100, f"debit-{i}", kind="adjusted"))
        self.assertEqual(sum(1 for status, _ in results if status == "ok"), 3, results)
        refused = [message for status, message in results if status == "refused"]
        self.assertEqual(len(refused), 5, results)
        for message in refused:
            self.assertIn("not enough points", message)
        [(balance, total, count)] = self._state()
        self.assertEqual((balance, total, count), (0, 0, 4))

    @mute_logger("odoo.sql_db", "odoo.service.model")
    def test_same_idempotency_key_writes_one_line(self):
        # No wallet yet: the threads also race to open it.
        results = self._race(lambda i: self._entry(50, "one-key"))
        self.assertTrue(all(status == "ok" for status, _ in results), results)
        self.assertEqual(len({tuple(ids) for _, ids in results}), 1, results)
        [(balance, total, count)] = self._state()
        self.assertEqual((balance, total, count), (50, 50, 1))

    @mute_logger("odoo.sql_db")
    def test_rules_acknowledged_twice_at_once_record_once(self):
        """The rules form sent twice at the same moment: one acknowledgement, no error."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            rule = env["welfare.earning.rule"].create(
                {"name": f"并发规则 {self.run}", "trigger": "referral", "points": 10}
            )
            rule.action_publish()
            rule_id = rule.id
        self.addCleanup(self._drop_rule, rule_id)
        barrier = threading.Barrier(2)
        outcomes = []

        def run():
            with self.registry.cursor() as cr:
                cr.transaction = Transaction(self.registry)
                env = api.Environment(cr, SUPERUSER_ID, {})
                Ack = env["welfare.rule.acknowledgement"]
                Ack.search_count([])  # both snapshots are taken before either writes
                barrier.wait(timeout=60)
                try:
                    created = Ack._acknowledge(
                        env["hr.employee"].browse(self.employee_id),
                        env["welfare.earning.rule"].browse(rule_id),
                    )
                    outcomes.append(len(created))
                except Exception as error:  # the assertion below shows it
                    outcomes.append(repr(error))

        threads = [threading.Thread(target=run) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertEqual(sorted(outcomes, key=str), [0, 1])
        with self.registry.cursor() as cr:
            cr.execute(SQL("SELECT COUNT(*) FROM welfare_rule_acknowledgement WHERE rule_id = %s", rule_id))
            self.assertEqual(cr.fetchone()[0], 1)

    def _drop_rule(self, rule_id):
        with self.registry.cursor() as cr:
            cr.execute(SQL("DELETE FROM welfare_rule_acknowledgement WHERE rule_id = %s", rule_id))
            cr.execute(SQL("DELETE FROM welfare_earning_rule WHERE id = %s", rule_id))
