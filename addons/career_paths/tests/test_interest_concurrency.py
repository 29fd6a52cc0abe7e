import threading
from datetime import date, timedelta

from psycopg2 import errors as pg_errors

from odoo import Command, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

SUPERUSER_ID = 1
MAX_TRIES = 5  # as odoo.service.model.retrying


@tagged("post_install", "-at_install")
class TestInterestRace(BaseCase):
    """An employee's two submissions of "I am interested" at once, each in its own transaction.

    The data is committed (other cursors must see it) and removed at the end.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            client = env["res.partner"].create(
                {"name": "并发意向客户", "is_company": True, "is_outsourcing_client": True}
            )
            site = env["retention.client.site"].create(
                {"name": "并发意向现场", "code": "RACE-INT", "client_id": client.id, "city": "苏州"}
            )
            skill_type = env["hr.skill.type"].create(
                {
                    "name": "并发技能",
                    "skill_ids": [Command.create({"name": "并发焊接"})],
                    "skill_level_ids": [
                        Command.create({"name": "初级", "level_progress": 20}),
                        Command.create({"name": "高级", "level_progress": 80}),
                    ],
                }
            )
            low, high = skill_type.skill_level_ids.sorted("level_progress")
            employee = env["hr.employee"].create({"name": "并发意向员工"})
            env["hr.employee.skill"].create(
                {
                    "employee_id": employee.id,
                    "skill_type_id": skill_type.id,
                    "skill_id": skill_type.skill_ids.id,
                    "skill_level_id": low.id,
                }
            )
            request = env["retention.staffing.request"].create(
                {
                    "site_id": site.id,
                    "date_start": date.today() + timedelta(days=30),
                    "career_skill_ids": [
                        Command.create(
                            {
                                "skill_type_id": skill_type.id,
                                "skill_id": skill_type.skill_ids.id,
                                "skill_level_id": high.id,
                            }
                        )
                    ],
                }
            )
            self.ids = {
                "client": client.id,
                "site": site.id,
                "skill_type": skill_type.id,
                "employee": employee.id,
                "request": request.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["career.match"].search([("request_id", "=", self.ids["request"])]).unlink()
            env["retention.staffing.request"].browse(self.ids["request"]).unlink()
            employee = env["hr.employee"].browse(self.ids["employee"])
            partner = employee.work_contact_id
            employee.unlink()
            partner.unlink()
            env["hr.skill.type"].browse(self.ids["skill_type"]).unlink()
            env["retention.client.site"].browse(self.ids["site"]).unlink()
            env["res.partner"].browse(self.ids["client"]).unlink()

    def _race(self, work):
        """Run ``work(env)`` in two threads at once; a serialization failure is retried as Odoo does."""
        barrier = threading.Barrier(2, timeout=30)
        outcomes = []

        def run():
            for attempt in range(MAX_TRIES):
                try:
                    with self.registry.cursor() as cr:
                        cr.transaction = api.Transaction(self.registry)
                        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
                        env.cr.execute("SELECT 1")  # take the snapshot before the other one
                        if attempt == 0:
                            barrier.wait()
                        work(env)
                    outcomes.append("ok")
                    return
                except pg_errors.SerializationFailure:
                    continue
            outcomes.append("gave up")

        threads = [threading.Thread(target=run) for _ in range(2)]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
        return outcomes

    def _express(self, env):
        employee = env["hr.employee"].browse(self.ids["employee"])
        env["career.match"]._express_interest(employee, self.ids["request"])

    def _state(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            matches = env["career.match"].search([("request_id", "=", self.ids["request"])])
            notes = env["mail.message"].search_count(
                [
                    ("model", "=", "retention.staffing.request"),
                    ("res_id", "=", self.ids["request"]),
                    ("body", "ilike", "is interested"),
                ]
            )
            return matches.mapped("state"), notes

    def test_two_submissions_make_one_match_and_one_note(self):
        self.assertEqual(self._race(self._express), ["ok", "ok"])
        self.assertEqual(self._state(), (["interested"], 1))

    def test_two_submissions_on_a_proposal_change_it_once(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["career.match"]._match_employees(env["hr.employee"].browse(self.ids["employee"]))
        self.assertEqual(self._state(), (["proposed"], 0))
        self.assertEqual(self._race(self._express), ["ok", "ok"])
        self.assertEqual(self._state(), (["interested"], 1))
