from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command, http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

# The browser runs on the real clock (a frozen server clock would expire its session cookie).
TODAY = date.today()


@tagged("post_install", "-at_install")
class TestCareerPortalMore(HttpCase):
    """On /my/career an employee reads their own mentoring talks and the open positions they fit,
    and says they are interested; a client's HR reads their own trios and the grades of the people
    placed with them. Nobody reads anybody else's."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        company = cls.env.ref("base.main_company")
        common = {"company_id": company.id, "company_ids": [Command.set(company.ids)]}
        Partner = cls.env["res.partner"]
        cls.client_a = Partner.create(
            {"name": "苏州精密制造有限公司", "is_company": True, "is_outsourcing_client": True}
        )
        cls.client_b = Partner.create(
            {"name": "上海物流有限公司", "is_company": True, "is_outsourcing_client": True}
        )
        cls.hr_a = Partner.create({"name": "周敏", "parent_id": cls.client_a.id, "email": "zm@example.com"})
        cls.hr_b = Partner.create({"name": "吴刚", "parent_id": cls.client_b.id, "email": "wg@example.com"})
        cls.client_user_a = new_test_user(
            cls.env, "car_more_client_a", groups="base.group_portal", partner_id=cls.hr_a.id, **common
        )
        cls.client_user_b = new_test_user(
            cls.env, "car_more_client_b", groups="base.group_portal", partner_id=cls.hr_b.id, **common
        )
        cls.regional = new_test_user(
            cls.env, "car_more_regional", groups="outsourcing_retention.group_retention_user", **common
        )
        cls.pm = new_test_user(cls.env, "car_more_pm", groups="base.group_user", name="孙经理", **common)
        cls.emp_user = new_test_user(
            cls.env, "car_more_emp", groups="base.group_portal", name="Li Na", **common
        )
        cls.other_user = new_test_user(cls.env, "car_more_other", groups="base.group_portal", **common)

        skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "Welding",
                "skill_ids": [Command.create({"name": "TIG Welding"})],
                "skill_level_ids": [
                    Command.create({"name": "Beginner", "level_progress": 20}),
                    Command.create({"name": "Advanced", "level_progress": 80}),
                ],
            }
        )
        cls.skill = skill_type.skill_ids
        beginner, advanced = skill_type.skill_level_ids.sorted("level_progress")
        track = cls.env.ref("career_paths.track_professional")
        cls.grade = cls.env["career.grade"].create(
            {"name": "Junior Welder", "track_id": track.id, "sequence": 101}
        )
        Employee = cls.env["hr.employee"]
        cls.employee = Employee.create(
            {"name": "Li Na", "user_id": cls.emp_user.id, "company_id": company.id}
        )
        cls.other = Employee.create(
            {"name": "Wang Wu", "user_id": cls.other_user.id, "company_id": company.id}
        )
        cls.env["career.employee.grade"].create(
            {
                "employee_id": cls.employee.id,
                "track_id": track.id,
                "grade_id": cls.grade.id,
                "date_start": TODAY - timedelta(days=400),
            }
        )
        for employee, level in ((cls.employee, beginner), (cls.other, advanced)):
            cls.env["hr.employee.skill"].create(
                {
                    "employee_id": employee.id,
                    "skill_type_id": skill_type.id,
                    "skill_id": cls.skill.id,
                    "skill_level_id": level.id,
                }
            )
        Site = cls.env["retention.client.site"]
        cls.site_a = Site.create(
            {
                "name": "苏州一厂",
                "code": "SZM1",
                "client_id": cls.client_a.id,
                "city": "苏州",
                "regional_manager_id": cls.regional.id,
            }
        )
        cls.site_b = Site.create(
            {"name": "上海仓", "code": "SHM1", "client_id": cls.client_b.id, "city": "上海"}
        )
        start = TODAY - timedelta(days=100)
        with freeze_time(start):
            Assignment = cls.env["retention.assignment"]
            Assignment.create({"employee_id": cls.employee.id, "site_id": cls.site_a.id, "date_start": start})
            Assignment.create({"employee_id": cls.other.id, "site_id": cls.site_b.id, "date_start": start})
        Request = cls.env["retention.staffing.request"]
        requirement = {
            "career_skill_ids": [
                Command.create(
                    {"skill_type_id": skill_type.id, "skill_id": cls.skill.id, "skill_level_id": advanced.id}
                )
            ]
        }
        cls.request_open = Request.create(
            {
                "site_id": cls.site_a.id,
                "date_start": TODAY + timedelta(days=30),
                "shift": "两班倒 8:00-20:00",
                **requirement,
            }
        )
        cls.request_cancelled = Request.create(
            {"site_id": cls.site_a.id, "date_start": TODAY + timedelta(days=30), **requirement}
        )
        cls.request_cancelled.action_cancel()
        company_2 = cls.env["res.company"].create({"name": "Career More Co 2"})
        site_c2 = Site.create(
            {"name": "外公司现场", "code": "C2M", "client_id": cls.client_a.id, "company_id": company_2.id}
        )
        cls.request_c2 = Request.create(
            {"site_id": site_c2.id, "date_start": TODAY + timedelta(days=30), **requirement}
        )

        # Two trios: Li Na with client A's HR, Wang Wu with client B's HR; one past talk each.
        Pairing = cls.env["career.pairing"].with_context(no_mail_to_attendees=True)
        cls.trio = Pairing.create(
            {
                "employee_id": cls.employee.id,
                "client_partner_id": cls.hr_a.id,
                "manager_user_id": cls.pm.id,
                "date_start": TODAY - timedelta(days=45),
                "date_end": TODAY + timedelta(days=120),
                "goals": "半年内具备班组长能力",
            }
        )
        cls.trio_b = Pairing.create(
            {
                "employee_id": cls.other.id,
                "client_partner_id": cls.hr_b.id,
                "manager_user_id": cls.pm.id,
                "date_start": TODAY - timedelta(days=45),
                "date_end": TODAY + timedelta(days=120),
                "goals": "OTHER TRIO GOAL",
            }
        )
        (cls.trio | cls.trio_b).action_start()
        talk = cls.trio.talk_ids.sorted("date")[0]
        talk.notes = "Discussed the welding certificate"
        cls.env["career.pairing.action"].create(
            [
                {"talk_id": talk.id, "name": "Book the TIG course", "owner_partner_id": cls.hr_a.id},
                {"talk_id": talk.id, "name": "Done already", "done": True},
            ]
        )
        cls.trio_b.talk_ids.sorted("date")[0].notes = "SECRET NOTE OF TRIO B"

    def _interest(self, request_id, csrf=True):
        data = {"csrf_token": http.Request.csrf_token(self)} if csrf else {"reason": "forged"}
        return self.url_open(f"/my/career/positions/{request_id}/interest", data=data, allow_redirects=False)

    def _interest_todos(self):
        return self.request_open.activity_ids.filtered(
            lambda a: a.user_id == self.regional and "Interested" in a.summary
        )

    def _match(self, employee=None, request=None):
        return self.env["career.match"].search(
            [
                ("employee_id", "=", (employee or self.employee).id),
                ("request_id", "=", (request or self.request_open).id),
            ]
        )

    # ------------------------------------------------------------------ the employee
    def test_employee_reads_own_talks_and_positions(self):
        self.authenticate("car_more_emp", "car_more_emp")
        page = self.url_open("/my/career").text
        self.assertIn("孙经理", page)  # the project manager
        self.assertIn(self.hr_a.name, page)  # the client's HR director
        self.assertIn("Discussed the welding certificate", page)
        self.assertIn("Book the TIG course", page)
        self.assertNotIn("Done already", page, "only open action items")
        self.assertNotIn("SECRET NOTE OF TRIO B", page)
        self.assertNotIn("OTHER TRIO GOAL", page)
        # the open position of the own company, with its facts and what is missing
        self.assertIn("苏州一厂", page)
        self.assertIn("两班倒 8:00-20:00", page)
        self.assertIn("TIG Welding", page)
        self.assertIn(f"/my/career/positions/{self.request_open.id}/interest", page)
        self.assertNotIn(f"/my/career/positions/{self.request_cancelled.id}/interest", page)
        self.assertNotIn(f"/my/career/positions/{self.request_c2.id}/interest", page)
        self.assertNotIn("Wang Wu", page)
        self.assertFalse(self._match(), "reading the page stores nothing")

    def test_positions_queries_do_not_grow(self):
        Match = self.env["career.match"]

        def count():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            positions = Match._portal_positions(self.employee)[0]
            return self.env.cr.sql_log_count - before, len(positions)

        count()  # warms the caches
        one, shown = count()
        self.assertEqual(shown, 1)
        self.env["retention.staffing.request"].create(
            [{"site_id": self.site_a.id, "date_start": TODAY + timedelta(days=40 + i)} for i in range(3)]
        )
        many, shown = count()
        self.assertEqual(shown, 4)
        self.assertLessEqual(many, one)

    def test_express_interest_once(self):
        self.authenticate("car_more_emp", "car_more_emp")
        response = self._interest(self.request_open.id)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/my/career?message=interest", response.headers["Location"])
        match = self._match()
        self.assertEqual(match.state, "interested")
        notes = self.request_open.message_ids.filtered(lambda m: "is interested" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertEqual(len(self._interest_todos()), 1)
        # a double submit changes nothing and tells HR nothing twice
        response = self._interest(self.request_open.id)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(len(self._match()), 1)
        self.assertEqual(
            len(self.request_open.message_ids.filtered(lambda m: "is interested" in (m.body or ""))), 1
        )
        self.assertEqual(len(self._interest_todos()), 1)
        # the page shows it marked; HR finds it with the filter
        page = self.url_open("/my/career").text
        self.assertEqual(page.count("o_career_position_state"), 1, "marked, and listed once")
        self.assertIn(
            self.request_open,
            self.env["retention.staffing.request"].search([("career_match_ids.state", "=", "interested")]),
        )

    def test_existing_proposal_becomes_interested(self):
        self.env["career.match"]._match_employees(self.employee)
        self.assertEqual(self._match().state, "proposed")
        self.authenticate("car_more_emp", "car_more_emp")
        self.assertEqual(self._interest(self.request_open.id).status_code, 303)
        self.assertEqual(self._match().state, "interested")

    def test_refusals_write_nothing(self):
        self.authenticate("car_more_emp", "car_more_emp")
        messages = self.env["mail.message"].search_count([])
        # a cancelled position, another company's, an unknown id
        response = self._interest(self.request_cancelled.id)
        self.assertEqual(response.status_code, 400)
        self.assertIn("no longer open", response.text)
        for request_id in (self.request_c2.id, 999999):
            response = self._interest(request_id)
            self.assertEqual(response.status_code, 400)
            self.assertIn("not among the open positions offered to you", response.text)
        # a dismissed match stays decided
        self.env["career.match"]._match_employees(self.employee)
        self._match().action_dismiss()
        self.assertNotIn(
            f"/my/career/positions/{self.request_open.id}/interest", self.url_open("/my/career").text
        )
        response = self._interest(self.request_open.id)
        self.assertEqual(response.status_code, 400)
        self.assertIn("already decided", response.text)
        self.assertEqual(self._match().state, "dismissed")
        self.assertFalse(self._match(request=self.request_cancelled) | self._match(request=self.request_c2))
        self.assertEqual(self.env["mail.message"].search_count([]), messages)

    def test_refusal_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.emp_user.lang = "zh_CN"
        self.authenticate("car_more_emp", "car_more_emp")
        response = self._interest(self.request_cancelled.id)
        self.assertEqual(response.status_code, 400)
        self.assertIn("该岗位已不再开放", response.text)

    def test_no_state_change_without_post_and_csrf(self):
        self.authenticate("car_more_emp", "car_more_emp")
        response = self.url_open(
            f"/my/career/positions/{self.request_open.id}/interest", allow_redirects=False
        )
        self.assertEqual(response.status_code, 405)
        with self.assertLogs("odoo.http", "WARNING"):
            response = self._interest(self.request_open.id, csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._match())

    def test_user_without_employee_cannot_express_interest(self):
        self.authenticate("car_more_client_a", "car_more_client_a")
        response = self._interest(self.request_open.id)
        self.assertEqual(response.status_code, 303)
        self.assertFalse(self.env["career.match"].search([("request_id", "=", self.request_open.id)]))

    # ------------------------------------------------------------------ the client's HR
    def test_client_reads_own_trios_and_careers(self):
        self.authenticate("car_more_client_a", "car_more_client_a")
        self.assertIn("/my/client/trios", self.url_open("/my/client").text)
        page = self.url_open("/my/client/trios").text
        self.assertIn("Li Na", page)
        self.assertIn("Discussed the welding certificate", page)
        self.assertIn("Junior Welder", page)  # the grade of the person placed
        self.assertNotIn("SECRET NOTE OF TRIO B", page)
        self.assertNotIn("Wang Wu", page)
        # client B sees their own trio, not client A's
        self.authenticate("car_more_client_b", "car_more_client_b")
        page = self.url_open("/my/client/trios").text
        self.assertIn("SECRET NOTE OF TRIO B", page)
        self.assertNotIn("Discussed the welding certificate", page)
        self.assertNotIn("Li Na", page)

    def test_internal_client_hr_sees_only_the_trios_they_belong_to(self):
        """An internal user of client A (Client HR) sees their own trio, not a colleague's."""
        company = self.env.ref("base.main_company")
        contact = self.env["res.partner"].create({"name": "钱主管", "parent_id": self.client_a.id})
        new_test_user(
            self.env,
            "car_more_client_int",
            groups="base.group_user,outsourcing_retention.group_retention_client",
            partner_id=contact.id,
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        own = (
            self.env["career.pairing"]
            .with_context(no_mail_to_attendees=True)
            .create(
                {
                    "employee_id": self.other.id,
                    "client_partner_id": contact.id,
                    "manager_user_id": self.pm.id,
                    "date_start": TODAY - timedelta(days=10),
                    "date_end": TODAY + timedelta(days=60),
                    "goals": "INTERNAL CLIENT TRIO",
                }
            )
        )
        own.action_start()
        self.authenticate("car_more_client_int", "car_more_client_int")
        page = self.url_open("/my/client/trios").text
        self.assertIn("INTERNAL CLIENT TRIO", page)
        self.assertNotIn("Discussed the welding certificate", page)
        self.assertIn("Junior Welder", page)  # the people placed at client A's sites

    def test_orm_keeps_members_to_their_own_trios(self):
        """The ids of another employee's trio and talks cannot be read through the ORM either."""
        for user in (self.emp_user, self.client_user_a):
            Pairing = self.env["career.pairing"].with_user(user)
            self.assertEqual(Pairing.search([]), self.trio)
            with self.assertRaises(AccessError):
                Pairing.browse(self.trio_b.id).read(["goals"])
            with self.assertRaises(AccessError):
                self.env["career.pairing.talk"].with_user(user).browse(self.trio_b.talk_ids[:1].id).read(
                    ["notes"]
                )

    def test_client_sees_no_wage_nor_risk(self):
        self.env["hr.contract"].create(
            {
                "name": "Li Na",
                "employee_id": self.employee.id,
                "date_start": TODAY - timedelta(days=100),
                "wage": 7654,
            }
        )
        self.authenticate("car_more_client_a", "car_more_client_a")
        page = self.url_open("/my/client/trios").text
        self.assertNotIn("7654", page)
        self.assertNotIn("7,654", page)

    def test_employee_is_not_a_client(self):
        self.authenticate("car_more_emp", "car_more_emp")
        response = self.url_open("/my/client/trios", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))

    def test_every_route_needs_a_login(self):
        for url in ("/my/career", "/my/client/trios"):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303), url)
            self.assertIn("/web/login", response.headers["Location"])
        response = self.url_open(
            f"/my/career/positions/{self.request_open.id}/interest",
            data={"reason": "anonymous"},
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
        self.assertFalse(self._match())

    def test_employee_expresses_interest_on_a_phone(self):
        self.start_tour("/my/career", "career_paths_portal_interest_tour", login="car_more_emp")
        self.assertEqual(self._match().state, "interested")
