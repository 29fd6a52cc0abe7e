from datetime import date, timedelta

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

# The browser runs on the real clock (a frozen server clock would expire its session cookie).
TODAY = date.today()


@tagged("post_install", "-at_install")
class TestCareerPortal(HttpCase):
    """An employee reads their own path on a phone; nobody else's."""

    browser_size = "390x844"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        self.portal_user = new_test_user(
            self.env, "career_portal_emp", groups="base.group_portal", name="Li Na"
        )
        self.other_user = new_test_user(self.env, "career_portal_other", groups="base.group_portal")
        skill_type = self.env["hr.skill.type"].create(
            {
                "name": "Programming",
                "skill_ids": [Command.create({"name": "Python"})],
                "skill_level_ids": [
                    Command.create({"name": "Beginner", "level_progress": 20}),
                    Command.create({"name": "Advanced", "level_progress": 80}),
                ],
            }
        )
        python = skill_type.skill_ids
        beginner, advanced = skill_type.skill_level_ids.sorted("level_progress")
        track = self.env.ref("career_paths.track_professional")
        junior = self.env["career.grade"].create(
            {"name": "Junior Worker", "track_id": track.id, "sequence": 101}
        )
        self.senior = self.env["career.grade"].create(
            {
                "name": "Senior Worker",
                "track_id": track.id,
                "sequence": 102,
                "certificate_type_ids": [
                    Command.set(self.env.ref("career_paths.certificate_skill_level_3").ids)
                ],
                "skill_requirement_ids": [
                    Command.create(
                        {"skill_type_id": skill_type.id, "skill_id": python.id, "skill_level_id": advanced.id}
                    )
                ],
            }
        )
        self.env["career.training.course"].create(
            {"name": "Python Advanced", "skill_type_id": skill_type.id, "skill_id": python.id}
        )
        self.employee = self.env["hr.employee"].create({"name": "Li Na", "user_id": self.portal_user.id})
        self.other = self.env["hr.employee"].create({"name": "Wang Wu", "user_id": self.other_user.id})
        for employee in (self.employee, self.other):
            self.env["career.employee.grade"].create(
                {
                    "employee_id": employee.id,
                    "track_id": track.id,
                    "grade_id": junior.id,
                    "date_start": TODAY - timedelta(days=400),
                }
            )
        self.env["hr.employee.skill"].create(
            {
                "employee_id": self.employee.id,
                "skill_type_id": skill_type.id,
                "skill_id": python.id,
                "skill_level_id": beginner.id,
            }
        )
        self.env["career.certificate"].create(
            {
                "employee_id": self.employee.id,
                "certificate_type_id": self.env.ref("career_paths.certificate_electrician").id,
                "number": "LN-ELEC-1",
                "date_issued": TODAY - timedelta(days=30),
                "state": "verified",
            }
        )
        self.env["career.training.plan"]._create_from_gaps(
            self.employee, self.senior, TODAY + timedelta(days=90)
        )

    def test_page_shows_only_own_data(self):
        self.authenticate("career_portal_emp", "career_portal_emp")
        response = self.url_open("/my/career")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Senior Worker", response.text)
        self.assertIn("25.0 %", response.text)
        self.assertIn("Electrician Certificate", response.text)
        self.assertIn("Python Advanced", response.text)
        # The neighbour sees their own path, not Li Na's plan, skills or certificates.
        self.authenticate("career_portal_other", "career_portal_other")
        response = self.url_open("/my/career")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Senior Worker", response.text)
        self.assertIn("0.0 %", response.text)
        self.assertNotIn("Python Advanced", response.text)
        self.assertNotIn("Electrician Certificate", response.text)
        self.assertNotIn("Li Na", response.text)

    def test_user_without_employee(self):
        new_test_user(self.env, "career_portal_nobody", groups="base.group_portal")
        self.authenticate("career_portal_nobody", "career_portal_nobody")
        response = self.url_open("/my/career")
        self.assertEqual(response.status_code, 200)
        self.assertIn("not linked to an employee file", response.text)

    def test_anonymous_is_sent_to_login(self):
        response = self.url_open("/my/career", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_employee_reads_the_path_on_a_phone(self):
        self.start_tour("/my", "career_paths_portal_tour", login="career_portal_emp")
