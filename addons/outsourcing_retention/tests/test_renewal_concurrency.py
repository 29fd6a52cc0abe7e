import threading
from datetime import date, timedelta

from psycopg2 import errors as pg_errors

from odoo import api
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

from .test_renewal_offer import SIGNATURE

SUPERUSER_ID = 1


@tagged("post_install", "-at_install")
class TestRenewalRace(BaseCase):
    """Two transactions at once on one contract, each with its own cursor, end with one renewal.

    The data is committed (other cursors must see it) and removed at the end.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        today = date.today()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            hr = env["res.users"].create(
                {
                    "name": "Race HR",
                    "login": "race_hr",
                    "groups_id": [(6, 0, [env.ref("hr_contract.group_hr_contract_manager").id])],
                }
            )
            portal = env["res.users"].create(
                {
                    "name": "Race Employee",
                    "login": "race_employee",
                    "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
                }
            )
            employee = env["hr.employee"].create({"name": "Race Employee", "user_id": portal.id})
            contract = env["hr.contract"].create(
                {
                    "name": "Race contract",
                    "employee_id": employee.id,
                    "date_start": today - timedelta(days=300),
                    "date_end": today + timedelta(days=30),
                    "wage": 6000,
                    "state": "open",
                    "hr_responsible_id": hr.id,
                }
            )
            self.ids = {"hr": hr.id, "portal": portal.id, "employee": employee.id, "contract": contract.id}
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            contracts = env["hr.contract"].search([("employee_id", "=", self.ids["employee"])])
            env["retention.renewal.offer"].search([("contract_id", "in", contracts.ids)]).unlink()
            contracts.write({"retention_predecessor_id": False})
            contracts.unlink()
            employee = env["hr.employee"].browse(self.ids["employee"])
            partner = employee.work_contact_id
            employee.unlink()
            users = env["res.users"].browse([self.ids["hr"], self.ids["portal"]])
            partners = users.partner_id | partner
            users.unlink()
            partners.exists().unlink()

    def _env(self, cr):
        """An environment on ``cr`` for this registry. Set the transaction first: the
        registry lookup that Environment would do waits for the lock the test runner
        holds while post-install tests run (hence also no e-mail sent after commit, which
        would look the registry up)."""
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_notify_force_send": False})

    def _offer_values(self, env):
        contract = env["hr.contract"].browse(self.ids["contract"])
        start = contract.date_end + timedelta(days=1)
        return {
            "contract_id": contract.id,
            "wage": 6500,
            "date_start": start,
            "date_end": start + timedelta(days=365 * 2),
            "deadline": date.today() + timedelta(days=10),
        }

    def _race(self, work):
        """Run ``work(env)`` in two threads at once, each in its own transaction.

        Returns the outcomes: "ok", or the name of the error that stopped the transaction
        (a refusal, or a serialization failure that Odoo's request retry would turn into
        a refusal).
        """
        barrier = threading.Barrier(2, timeout=30)
        outcomes = []

        def run():
            try:
                with self.registry.cursor() as cr:
                    env = self._env(cr)
                    env.cr.execute("SELECT 1")  # take the transaction's snapshot before the other one
                    barrier.wait()
                    work(env)
                outcomes.append("ok")
            except (
                UserError,
                ValidationError,
                pg_errors.SerializationFailure,
                pg_errors.UniqueViolation,
            ) as e:
                outcomes.append(type(e).__name__)

        threads = [threading.Thread(target=run) for _ in range(2)]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
        return outcomes

    def test_two_tabs_sign_at_once_one_renewal(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            offer = env["retention.renewal.offer"].create(self._offer_values(env))
            offer.action_send()
            offer_id = offer.id

        def sign(env):
            user = env["res.users"].browse(self.ids["portal"])
            env["retention.renewal.offer"].browse(offer_id)._action_sign("Race Employee", SIGNATURE, user)

        outcomes = self._race(sign)
        self.assertEqual(outcomes.count("ok"), 1, outcomes)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            contracts = env["hr.contract"].search([("employee_id", "=", self.ids["employee"])])
            self.assertEqual(len(contracts), 2, "exactly one renewed contract")
            offer = env["retention.renewal.offer"].browse(offer_id)
            self.assertEqual(offer.state, "accepted")
            self.assertEqual(offer.contract_id.retention_renewal_state, "accepted")

    def test_two_hr_users_offer_at_once_one_open_offer(self):
        def create_and_send(env):
            env["retention.renewal.offer"].create(self._offer_values(env)).action_send()

        outcomes = self._race(create_and_send)
        self.assertEqual(outcomes.count("ok"), 1, outcomes)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            offers = env["retention.renewal.offer"].search([("contract_id", "=", self.ids["contract"])])
            self.assertEqual(offers.mapped("state"), ["sent"])
