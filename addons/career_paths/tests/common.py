from contextlib import contextmanager
from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

# Every test runs at frozen dates relative to this day.
TODAY = date(2026, 3, 16)


class CareerCase(TransactionCase):
    """A professional ladder with skill, certificate and service requirements, and the roles.

    * ``officer``: HR officer (records certificates, proposes promotions), no contract rights
    * ``career_manager``: career manager (configures, approves)
    * ``internal``: an internal user without HR rights
    * ``officer_2``: HR officer of the second company
    * grades on ``track``: ``grade_1`` (entry) < ``grade_2`` (needs Python at Advanced, SQL at
      Intermediate, the Level 3 vocational certificate and 12 months of service) < ``grade_3``
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.ref("base.main_company")
        cls.company_2 = cls.env["res.company"].create({"name": "Career Company 2"})
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.officer = new_test_user(cls.env, "car_officer", groups="hr.group_hr_user", **common)
        cls.career_manager = new_test_user(
            cls.env, "car_manager", groups="career_paths.group_career_manager", **common
        )
        cls.internal = new_test_user(cls.env, "car_internal", groups="base.group_user", **common)
        cls.officer_2 = new_test_user(
            cls.env,
            "car_officer_2",
            groups="hr.group_hr_user",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )

        skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "编程",
                "skill_ids": [Command.create({"name": "Python"}), Command.create({"name": "SQL"})],
                "skill_level_ids": [
                    Command.create({"name": "Beginner", "level_progress": 20}),
                    Command.create({"name": "Intermediate", "level_progress": 40}),
                    Command.create({"name": "Advanced", "level_progress": 80}),
                ],
            }
        )
        cls.skill_type = skill_type
        cls.python, cls.sql = skill_type.skill_ids.sorted("name")
        levels = {level.name: level for level in skill_type.skill_level_ids}
        cls.beginner, cls.intermediate, cls.advanced = (
            levels["Beginner"],
            levels["Intermediate"],
            levels["Advanced"],
        )

        cls.track = cls.env.ref("career_paths.track_professional")
        cls.management = cls.env.ref("career_paths.track_management")
        cls.cert_l3 = cls.env.ref("career_paths.certificate_skill_level_3")
        cls.cert_l2 = cls.env.ref("career_paths.certificate_skill_level_2")
        cls.cert_l4 = cls.env.ref("career_paths.certificate_skill_level_4")
        cls.electrician = cls.env.ref("career_paths.certificate_electrician")
        Grade = cls.env["career.grade"]
        cls.grade_1 = Grade.create({"name": "初级技工", "track_id": cls.track.id, "sequence": 1})
        cls.grade_2 = Grade.create(
            {
                "name": "中级技工",
                "track_id": cls.track.id,
                "sequence": 2,
                "min_service_months": 12,
                "certificate_type_ids": [Command.set(cls.cert_l3.ids)],
                "skill_requirement_ids": [
                    Command.create(
                        {
                            "skill_type_id": skill_type.id,
                            "skill_id": cls.python.id,
                            "skill_level_id": cls.advanced.id,
                        }
                    ),
                    Command.create(
                        {
                            "skill_type_id": skill_type.id,
                            "skill_id": cls.sql.id,
                            "skill_level_id": cls.intermediate.id,
                        }
                    ),
                ],
            }
        )
        cls.grade_3 = Grade.create({"name": "高级技工", "track_id": cls.track.id, "sequence": 3})
        cls.team_lead = Grade.create(
            {"name": "班组长", "track_id": cls.management.id, "sequence": 1, "min_service_months": 36}
        )

        Employee = cls.env["hr.employee"]
        cls.employee = Employee.create({"name": "王芳", "company_id": cls.company.id})
        cls.employee_2 = Employee.create({"name": "刘洋", "company_id": cls.company.id})
        cls.employee_c2 = Employee.create({"name": "赵磊", "company_id": cls.company_2.id})
        cls.env["career.employee.grade"].create(
            [
                {
                    "employee_id": employee.id,
                    "track_id": cls.track.id,
                    "grade_id": cls.grade_1.id,
                    "date_start": date(2024, 1, 1),
                }
                for employee in (cls.employee, cls.employee_2)
            ]
        )
        cls.env["hr.contract"].create(
            {
                "name": "王芳 合同",
                "employee_id": cls.employee.id,
                "date_start": date(2024, 1, 1),
                "wage": 6000,
                "state": "open",
            }
        )

    @classmethod
    def _set_skill(cls, employee, skill, level):
        return cls.env["hr.employee.skill"].create(
            {
                "employee_id": employee.id,
                "skill_type_id": cls.skill_type.id,
                "skill_id": skill.id,
                "skill_level_id": level.id,
            }
        )

    @classmethod
    def _certificate(cls, employee, kind, user=None, **vals):
        Certificate = cls.env["career.certificate"]
        if user:
            Certificate = Certificate.with_user(user)
        return Certificate.create(
            {
                "employee_id": employee.id,
                "certificate_type_id": kind.id,
                "issuer": "苏州市职业技能鉴定中心",
                "date_issued": date(2026, 3, 1),
                **vals,
            }
        )

    @contextmanager
    def assertRaisesRegex(self, exception, regex):
        """As assertRaises (rolled back to a savepoint), and the message matches ``regex``."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), regex)
