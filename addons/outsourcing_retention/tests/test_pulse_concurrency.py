import threading
from datetime import date, timedelta

from psycopg2 import errors as pg_errors

from odoo import api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

SUPERUSER_ID = 1
MAX_TRIES = 5  # as odoo.service.model.retrying


@tagged("post_install", "-at_install")
class TestPulseRace(BaseCase):
    """Two answers at the same time, each in its own transaction and cursor.

    The data is committed (other cursors must see it) and removed at the end.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        self.week = date.today() - timedelta(days=date.today().weekday())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            client = env["res.partner"].create(
                {"name": "并发客户", "is_company": True, "is_outsourcing_client": True}
            )
            site = env["retention.client.site"].create(
                {"name": "并发现场", "code": "RACE-1", "client_id": client.id}
            )
            employee = env["hr.employee"].create({"name": "并发员工"})
            campaign = env["retention.pulse.campaign"].create({"name": "并发调查", "site_id": site.id})
            wave = env["retention.pulse.wave"].create({"campaign_id": campaign.id, "week": self.week})
            invitation = env["retention.pulse.invitation"].create(
                {"wave_id": wave.id, "employee_id": employee.id, "site_id": site.id}
            )
            self.ids = {
                "client": client.id,
                "site": site.id,
                "employee": employee.id,
                "campaign": campaign.id,
                "invitation": invitation.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["survey.user_input"].search([("retention_campaign_id", "=", self.ids["campaign"])]).unlink()
            env["retention.pulse.bucket"].search([("site_id", "=", self.ids["site"])]).unlink()
            env["retention.pulse.campaign"].browse(self.ids["campaign"]).unlink()
            employee = env["hr.employee"].browse(self.ids["employee"])
            partner = employee.work_contact_id
            employee.unlink()
            partner.unlink()
            env["retention.client.site"].browse(self.ids["site"]).unlink()
            env["res.partner"].browse(self.ids["client"]).unlink()

    def _env(self, cr):
        # Set the transaction first: see TestRenewalRace._env.
        cr.transaction = api.Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_notify_force_send": False})

    def _race(self, work):
        """Run ``work(env)`` in two threads at once; a serialization failure is retried as Odoo does."""
        barrier = threading.Barrier(2, timeout=30)
        outcomes = []

        def run():
            for attempt in range(MAX_TRIES):
                try:
                    with self.registry.cursor() as cr:
                        env = self._env(cr)
                        env.cr.execute("SELECT 1")  # take the snapshot before the other one
                        if attempt == 0:
                            barrier.wait()
                        work(env)
                    outcomes.append("ok")
                    return
                except pg_errors.SerializationFailure:
                    continue
                except UserError as e:
                    outcomes.append(type(e).__name__)
                    return
            outcomes.append("gave up")

        threads = [threading.Thread(target=run) for _ in range(2)]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
        return outcomes

    def test_two_answers_at_once_are_both_counted(self):
        def answer(env):
            site = env["retention.client.site"].browse(self.ids["site"])
            env["retention.pulse.bucket"]._add("pulse", site, self.week, promoter_count=1, mood_sum=4)

        outcomes = self._race(answer)
        self.assertEqual(outcomes, ["ok", "ok"])
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT answer_count, promoter_count, mood_sum FROM retention_pulse_bucket"
                " WHERE site_id = %s",
                [self.ids["site"]],
            )
            self.assertEqual(cr.fetchall(), [(2, 2, 8)], "one bucket, no answer lost")

    def test_one_invitation_opened_twice_at_once_makes_one_answer(self):
        def open_invitation(env):
            env["retention.pulse.invitation"].browse(self.ids["invitation"])._open_answer()

        outcomes = self._race(open_invitation)
        self.assertEqual(sorted(outcomes), ["UserError", "ok"])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            answers = env["survey.user_input"].search([("retention_campaign_id", "=", self.ids["campaign"])])
            self.assertEqual(len(answers), 1)
