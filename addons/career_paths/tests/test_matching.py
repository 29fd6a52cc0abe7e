from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import TODAY, CareerCase


class MatchingCase(CareerCase):
    """Two client sites (苏州, 上海), people placed at them, and an open welder position in 苏州."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.retention_officer = new_test_user(
            cls.env,
            "car_match_officer",
            groups="career_paths.group_career_manager,outsourcing_retention.group_retention_manager",
            **common,
        )
        cls.regional = new_test_user(
            cls.env, "car_regional", groups="outsourcing_retention.group_retention_user", **common
        )
        Partner = cls.env["res.partner"]
        cls.client_a = Partner.create(
            {"name": "苏州精密制造有限公司", "is_company": True, "is_outsourcing_client": True}
        )
        cls.client_b = Partner.create(
            {"name": "上海物流有限公司", "is_company": True, "is_outsourcing_client": True}
        )
        Site = cls.env["retention.client.site"]
        cls.site_a = Site.create(
            {
                "name": "苏州一厂",
                "code": "SZ1",
                "client_id": cls.client_a.id,
                "city": "苏州",
                "regional_manager_id": cls.regional.id,
            }
        )
        cls.site_b = Site.create(
            {"name": "上海仓", "code": "SH1", "client_id": cls.client_b.id, "city": "上海"}
        )
        cls.shanghai_worker = cls.env["hr.employee"].create({"name": "陈静", "company_id": cls.company.id})
        with freeze_time(date(2025, 6, 1)):
            Assignment = cls.env["retention.assignment"]
            cls.assignment_b = Assignment.create(
                {
                    "employee_id": cls.shanghai_worker.id,
                    "site_id": cls.site_b.id,
                    "date_start": date(2025, 6, 1),
                }
            )
            cls.assignment_a = Assignment.create(
                {"employee_id": cls.employee_2.id, "site_id": cls.site_a.id, "date_start": date(2025, 6, 1)}
            )
        # asked for on TODAY (a request's start date may not be in the past when created)
        with freeze_time(TODAY):
            cls.request = cls.env["retention.staffing.request"].create(
                {
                    "site_id": cls.site_a.id,
                    "quantity": 1,
                    "date_start": date(2026, 4, 1),
                    "career_track_id": cls.track.id,
                    "career_skill_ids": [
                        Command.create(
                            {
                                "skill_type_id": cls.skill_type.id,
                                "skill_id": cls.python.id,
                                "skill_level_id": cls.advanced.id,
                            }
                        ),
                    ],
                }
            )
            cls.request.action_confirm()
        # 王芳 (employee): Python advanced, no site. 刘洋 (employee_2): Python intermediate, at 苏州.
        # 陈静 (shanghai_worker): Python advanced, at 上海, wants 苏州.
        cls._set_skill(cls.employee, cls.python, cls.advanced)
        cls._set_skill(cls.employee_2, cls.python, cls.intermediate)
        cls._set_skill(cls.shanghai_worker, cls.python, cls.advanced)
        cls.shanghai_worker.career_desired_cities = "苏州，杭州"

    def _matches(self, request=None):
        return self.env["career.match"].search(
            [("request_id", "=", (request or self.request).id)], order="rank"
        )


@tagged("post_install", "-at_install")
class TestMatching(MatchingCase):
    @freeze_time(TODAY)
    def test_people_ranked_for_a_request_with_explanations(self):
        self.request.with_user(self.officer).action_career_find_people()
        matches = self._matches()
        self.assertEqual(
            matches[:3].employee_id.ids,
            [self.shanghai_worker.id, self.employee.id, self.employee_2.id],
            matches.mapped("score"),
        )
        first = matches[0]
        # 70 for the skill, 15 × 0.5 for the desired city (not the same city today)
        self.assertEqual(first.score, 77.5)
        self.assertEqual(first.rank, 1)
        self.assertTrue(first.eligible)
        self.assertFalse(first.same_city)
        self.assertIn("career-match-1", first.scoring_version)
        self.assertIn("Python", first.explanation)
        # 刘洋 is half-way to the level but works in 苏州: 35 + 15
        self.assertEqual(matches[2].score, 50.0)
        self.assertTrue(matches[2].same_city)
        self.assertIn("missing: Python", matches[2].explanation)

    @freeze_time(TODAY)
    def test_required_certificate_ranks_holders_first(self):
        self.request.career_certificate_type_ids = self.electrician
        self._certificate(self.employee_2, self.electrician, state="verified")
        self.env["career.match"]._match_requests(self.request)
        matches = self._matches()
        self.assertEqual(matches[0].employee_id, self.employee_2)
        self.assertFalse(matches[1].eligible)
        self.assertIn(self.electrician.name, matches[1].explanation)

    @freeze_time(TODAY)
    def test_rematching_is_idempotent_and_keeps_decisions(self):
        Match = self.env["career.match"]
        Match._match_requests(self.request)
        first = self._matches()
        first[1].action_dismiss()
        Match._match_requests(self.request)
        again = self._matches()
        self.assertEqual(first, again)
        self.assertEqual(again[1].state, "dismissed")

    @freeze_time(TODAY)
    def test_protected_attributes_change_nothing(self):
        """Age, gender, 户籍 (place of birth), marital status never move a score or a rank."""
        self.env["career.match"]._match_requests(self.request)
        before = [(m.employee_id, m.score, m.rank) for m in self._matches()]
        for employee, vals in (
            (self.shanghai_worker, {"gender": "female", "birthday": date(1968, 1, 1), "marital": "married"}),
            (self.employee, {"gender": "male", "birthday": date(2004, 5, 1), "marital": "single"}),
            (
                self.employee_2,
                {"place_of_birth": "甘肃", "country_of_birth": self.env.ref("base.cn").id, "children": 3},
            ),
        ):
            employee.write(vals)
        self.env["career.match"]._match_requests(self.request)
        self.assertEqual(before, [(m.employee_id, m.score, m.rank) for m in self._matches()])

    @freeze_time(TODAY)
    def test_best_open_positions_for_one_employee(self):
        other = self.env["retention.staffing.request"].create(
            {"site_id": self.site_b.id, "quantity": 2, "date_start": date(2026, 5, 1)}
        )
        # a closed request (cancelled: its state is never written by hand) is not an open position
        filled = self.env["retention.staffing.request"].create(
            {"site_id": self.site_b.id, "quantity": 1, "date_start": date(2026, 5, 1)}
        )
        filled.action_cancel()
        self.employee_2.with_user(self.officer).action_career_best_positions()
        matches = self.env["career.match"].search(
            [("employee_id", "=", self.employee_2.id)], order="score desc"
        )
        self.assertEqual(matches.request_id, self.request | other)
        self.assertNotIn(filled, matches.request_id)
        # the request without skill requirements is fully ready but in another city
        self.assertEqual(matches[0].request_id, other)
        result = self.employee_2.with_user(self.officer).career_matches()
        self.assertEqual([m["request_id"] for m in result[0]["matches"]], matches.request_id.ids)
        self.assertIn("scoring_version", result[0]["matches"][0])

    @freeze_time(TODAY)
    def test_confirmed_match_becomes_a_transfer_ending_and_creating_assignments(self):
        """Art. 62: the provider moves 陈静 from 上海 to 苏州 through a new assignment."""
        self.env["career.match"]._match_requests(self.request)
        match = self._matches().filtered(lambda m: m.employee_id == self.shanghai_worker)
        transfer = match.with_user(self.officer).action_confirm()
        self.assertEqual((match.state, transfer.kind, transfer.state), ("confirmed", "transfer", "proposed"))
        self.assertEqual(transfer.staffing_request_id, self.request)
        with self.assertRaises(UserError):
            transfer.with_user(self.officer).action_approve()
        transfer.with_user(self.retention_officer).action_approve()
        transfer.with_user(self.retention_officer).date_effective = date(2026, 4, 1)
        transfer.with_user(self.retention_officer).action_make_effective()
        self.assertEqual(transfer.state, "effective")
        self.assertEqual(self.assignment_b.date_end, date(2026, 3, 31))
        new = transfer.assignment_to_id
        self.assertEqual(
            (new.site_id, new.staffing_request_id, new.date_start),
            (self.site_a, self.request, date(2026, 4, 1)),
        )
        self.assertEqual(transfer.assignment_from_id, self.assignment_b)
        self.assertIn(self.shanghai_worker, self.request.assignment_ids.employee_id)
        with self.assertRaises(UserError):
            match.action_confirm()

    @freeze_time(TODAY)
    def test_transfer_needs_a_request_and_one_open_per_request(self):
        Promotion = self.env["career.promotion"]
        with self.assertRaisesRegex(ValidationError, "staffing request"):
            Promotion.create({"employee_id": self.employee.id, "kind": "transfer"})
        with self.assertRaisesRegex(ValidationError, "track and a grade"):
            Promotion.create({"employee_id": self.employee.id, "kind": "manual"})
        Promotion.create(
            {"employee_id": self.employee.id, "kind": "transfer", "staffing_request_id": self.request.id}
        )
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            Promotion.create(
                {"employee_id": self.employee.id, "kind": "transfer", "staffing_request_id": self.request.id}
            )

    @freeze_time(TODAY)
    def test_client_users_never_see_or_confirm_matches(self):
        self.env["career.match"]._match_requests(self.request)
        contact = self.env["res.partner"].create({"name": "周敏", "parent_id": self.client_a.id})
        client_user = new_test_user(
            self.env,
            "car_client_hr",
            groups="outsourcing_retention.group_retention_client",
            partner_id=contact.id,
            company_id=self.company.id,
        )
        with self.assertRaises(AccessError):
            self.env["career.match"].with_user(client_user).search([])
        with self.assertRaisesRegex(UserError, "HR officers"):
            self._matches()[0].with_user(client_user).action_confirm()
        self.assertFalse(self.env["career.match"].with_user(self.internal).has_access("read"))

    @freeze_time(TODAY)
    def test_regional_manager_reads_the_matches_of_their_sites_only(self):
        other = self.env["retention.staffing.request"].create(
            {"site_id": self.site_b.id, "quantity": 1, "date_start": date(2026, 5, 1)}
        )
        self.env["career.match"]._match_requests(self.request | other)
        seen = self.env["career.match"].with_user(self.regional).search([])
        self.assertTrue(seen)
        self.assertEqual(seen.request_id, self.request)
        with self.assertRaises(AccessError):
            seen[0].with_user(self.regional).write({"score": 1})

    @freeze_time(TODAY)
    def test_matching_queries_do_not_grow_with_people(self):
        Match = self.env["career.match"]

        def run():
            Match.search([]).unlink()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Match._match_requests(self.request)
            self.env.flush_all()
            return self.cr.sql_log_count - before

        run()
        few = run()
        people = self.env["hr.employee"].create(
            [{"name": f"员工{i}", "company_id": self.company.id} for i in range(15)]
        )
        for employee in people:
            self._set_skill(employee, self.sql, self.beginner)
        many = run()
        self.assertEqual(few, many)

    def test_bad_weights_are_refused_clearly(self):
        self.env["ir.config_parameter"].set_param("career_paths.match_weight_city", "many")
        with self.assertRaisesRegex(UserError, "must be a number"):
            self.env["career.match"]._weights()
        self.env["ir.config_parameter"].set_param("career_paths.match_weight_city", "-5")
        with self.assertRaisesRegex(UserError, "non-negative"):
            self.env["career.match"]._weights()

    def test_request_skill_level_of_another_type_is_refused(self):
        other_type = self.env["hr.skill.type"].create(
            {
                "name": "语言",
                "skill_ids": [Command.create({"name": "英语"})],
                "skill_level_ids": [Command.create({"name": "A1", "level_progress": 10})],
            }
        )
        with self.assertRaisesRegex(ValidationError, "not a level"):
            self.request.write(
                {
                    "career_skill_ids": [
                        Command.create(
                            {
                                "skill_type_id": self.skill_type.id,
                                "skill_id": self.sql.id,
                                "skill_level_id": other_type.skill_level_ids.id,
                            }
                        )
                    ]
                }
            )
