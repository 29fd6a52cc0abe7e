import random
import threading
import time

from odoo import SUPERUSER_ID, Command, api
from odoo.api import Transaction
from odoo.exceptions import UserError
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE, PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestFirmAnswerRace(TransactionCase):
    """Two lawyers of the firm answer the same case at once, each with its own cursor:
    one answer is recorded, the other is refused, and the case stays consistent."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            lawyers = new_test_user(env, "la_race_1", groups="base.group_portal") | new_test_user(
                env, "la_race_2", groups="base.group_portal"
            )
            firm = env["legal.law.firm"].create(
                {"name": "并发律师事务所", "lawyer_ids": [Command.set(lawyers.ids)]}
            )
            case = env["legal.case"].create(
                {
                    "category_id": env.ref("legal_aid.category_wage_arrears").id,
                    "contact_name": "并发测试",
                    "known_on": "2026-01-05",
                    "firm_id": firm.id,
                }
            )
            self.ids_ = {"lawyers": lawyers.ids, "firm": firm.id, "case": case.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["legal.case"].browse(self.ids_["case"]).unlink()
            env["legal.law.firm"].browse(self.ids_["firm"]).unlink()
            env["res.users"].browse(self.ids_["lawyers"]).unlink()

    def _answer(self, env, user_id, accept):
        """As odoo.service.model.retrying: a serialization failure re-runs the call."""
        for tryno in range(1, MAX_TRIES_ON_CONCURRENCY_FAILURE + 1):
            try:
                case = env["legal.case"].browse(self.ids_["case"])
                case._legal_firm_answer(
                    env["res.users"].browse(user_id), accept, "" if accept else "人手不足"
                )
                env.cr.commit()
                return "ok"
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                env.cr.rollback()
                env.invalidate_all()
                time.sleep(random.uniform(0.0, 0.2 * tryno))
        return "gave up"

    @mute_logger("odoo.sql_db")
    def test_one_answer_wins(self):
        barrier = threading.Barrier(2)
        results = [None, None]

        def run(index):
            with self.registry.cursor() as cr:
                cr.transaction = Transaction(self.registry)
                env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
                barrier.wait(timeout=60)
                try:
                    results[index] = self._answer(env, self.ids_["lawyers"][index], index == 0)
                except UserError as error:
                    cr.rollback()
                    results[index] = str(error)

        threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        self.assertEqual(results.count("ok"), 1, results)
        self.assertIn("not awaiting the firm", [r for r in results if r != "ok"][0])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            case = env["legal.case"].browse(self.ids_["case"])
            answers = case.assignment_ids.filtered(lambda a: a.response in ("accepted", "declined"))
            self.assertEqual(len(answers), 1)
            if answers.response == "accepted":
                self.assertEqual((case.firm_response, case.firm_id.id), ("accepted", self.ids_["firm"]))
            else:
                self.assertEqual((case.firm_response, case.firm_id.id), (False, False))
