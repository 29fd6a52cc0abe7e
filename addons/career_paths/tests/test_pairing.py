from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import TODAY, CareerCase


class PairingCase(CareerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.client = cls.env["res.partner"].create(
            {"name": "苏州精密制造有限公司", "is_company": True, "is_outsourcing_client": True}
        )
        cls.client_hr = cls.env["res.partner"].create(
            {"name": "周敏", "parent_id": cls.client.id, "email": "zhoumin@example.com"}
        )
        cls.client_portal = new_test_user(
            cls.env, "car_client_portal", groups="base.group_portal", partner_id=cls.client_hr.id, **common
        )
        other_contact = cls.env["res.partner"].create({"name": "吴刚", "parent_id": cls.client.id})
        cls.other_portal = new_test_user(
            cls.env, "car_other_portal", groups="base.group_portal", partner_id=other_contact.id, **common
        )
        cls.project_manager = new_test_user(cls.env, "car_pm", groups="base.group_user", **common)
        cls.employee_user = new_test_user(cls.env, "car_employee", groups="base.group_portal", **common)
        cls.employee.user_id = cls.employee_user

    @classmethod
    def _trio(cls, user=None, **vals):
        Pairing = cls.env["career.pairing"]
        if user:
            Pairing = Pairing.with_user(user)
        return Pairing.create(
            {
                "employee_id": cls.employee.id,
                "client_partner_id": cls.client_hr.id,
                "manager_user_id": cls.project_manager.id,
                "date_start": date(2026, 4, 10),
                "date_end": date(2026, 9, 30),
                "goals": "半年内具备班组长能力",
                **vals,
            }
        )


@tagged("post_install", "-at_install")
class TestPairing(PairingCase):
    @freeze_time(TODAY)
    def test_monthly_talks_in_the_three_calendars(self):
        trio = self._trio(user=self.officer)
        trio.with_user(self.officer).action_start()
        self.assertEqual(trio.state, "active")
        talks = trio.talk_ids
        self.assertEqual(len(talks), 6, "April to September")
        self.assertEqual(
            [talk.date.date() for talk in talks], [date(2026, month, 10) for month in range(4, 10)]
        )
        three = self.client_hr | self.project_manager.partner_id | self.employee.work_contact_id
        for talk in talks:
            self.assertEqual(talk.event_id.partner_ids, three)
            self.assertEqual(talk.event_id.recurrence_id, trio.recurrence_id)
        # each of the three finds the talks in their calendar
        for partner in three:
            events = self.env["calendar.event"].search([("partner_ids", "in", partner.id)])
            self.assertEqual(events, talks.event_id)
        with self.assertRaisesRegex(UserError, "cannot change"):
            trio.write({"manager_user_id": self.officer.id})

    @freeze_time(TODAY)
    def test_a_start_after_the_28th_keeps_every_talk_on_the_rule(self):
        trio = self._trio(date_start=date(2026, 4, 29), date_end=date(2026, 8, 31))
        trio.action_start()
        self.assertEqual(
            [talk.date.date() for talk in trio.talk_ids], [date(2026, month, 28) for month in range(5, 9)]
        )
        self.assertTrue(all(trio.talk_ids.event_id.mapped("active")))
        self.assertEqual(trio.talk_ids.event_id.recurrence_id, trio.recurrence_id)

    def test_the_same_person_twice_is_refused(self):
        manager_contact = self.project_manager.partner_id
        manager_contact.parent_id = self.client
        with self.assertRaisesRegex(ValidationError, "three different people"):
            self._trio(client_partner_id=manager_contact.id)
        self.employee.user_id = self.project_manager
        with self.assertRaisesRegex(ValidationError, "three different people"):
            self._trio()
        self.employee.user_id = False
        with self.assertRaisesRegex(ValidationError, "three different people"):
            self._trio(client_partner_id=self.employee.work_contact_id.id)

    def test_bad_dates_and_non_client_contacts_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "end after it starts"):
            self._trio(date_end=date(2026, 1, 1))
        stranger = self.env["res.partner"].create({"name": "路人"})
        with self.assertRaisesRegex(ValidationError, "not a contact of an outsourcing client"):
            self._trio(client_partner_id=stranger.id)

    def test_missed_talks_are_flagged_once(self):
        with freeze_time(TODAY):
            trio = self._trio()
            trio.action_start()
        april, may = trio.talk_ids[:2]
        with freeze_time(datetime(2026, 5, 20, 8, 0)):
            april.notes = "谈了排班和技能提升"
            april.action_mark_held()
            with self.assertRaisesRegex(UserError, "before its date"):
                trio.talk_ids[2].action_mark_held()
            Talk = self.env["career.pairing.talk"]
            self.assertEqual(Talk._cron_flag_missed(), 1)
            self.assertEqual(Talk._cron_flag_missed(), 0)
        self.assertEqual((april.state, may.state), ("held", "missed"))
        self.assertEqual((trio.held_talk_count, trio.missed_talk_count), (1, 1))

    def test_cancel_removes_future_talks(self):
        with freeze_time(TODAY):
            trio = self._trio()
            trio.action_start()
            events = trio.talk_ids.event_id
            trio.action_cancel()
        self.assertFalse(trio.talk_ids)
        self.assertFalse(events.exists())

    @freeze_time(TODAY)
    def test_retention_of_paired_against_unpaired(self):
        Employee = self.env["hr.employee"]
        paired = Employee.create([{"name": f"结对{i}", "career_high_potential": True} for i in range(5)])
        unpaired = Employee.create([{"name": f"对照{i}", "career_high_potential": True} for i in range(5)])
        for employee in paired:
            self._trio(employee_id=employee.id, state="active")
        (paired[:1] | unpaired[:3]).write({"active": False, "departure_date": date(2026, 3, 1)})
        result = self.env["career.pairing"]._retention_comparison()
        self.assertEqual((result["paired"].count, result["paired"].rate), (5, 80.0))
        self.assertEqual((result["unpaired"].count, result["unpaired"].rate), (5, 40.0))
        action = self.env["career.pairing"].with_user(self.officer).action_retention_comparison()
        self.assertIn("80.0", action["params"]["message"])
        paired[1].active = False
        unpaired[1].career_high_potential = False
        self.assertIsNone(self.env["career.pairing"]._retention_comparison()["unpaired"])


@tagged("post_install", "-at_install")
class TestPairingAccess(PairingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(TODAY):
            cls.trio = cls._trio()
            cls.trio.action_start()
        cls.talk = cls.trio.talk_ids[0]
        cls.other_trio = cls._trio(
            employee_id=cls.employee_2.id, client_partner_id=cls.client.id, manager_user_id=cls.officer.id
        )

    def test_hr_officer_manages_trios(self):
        trio = self._trio(user=self.officer, employee_id=self.employee_2.id)
        trio.with_user(self.officer).write({"goals": "提升沟通能力"})
        trio.with_user(self.officer).unlink()

    def test_the_three_see_their_trio_and_nobody_else_does(self):
        for user in (self.project_manager, self.client_portal, self.employee_user):
            Pairing = self.env["career.pairing"].with_user(user)
            self.assertEqual(Pairing.search([]), self.trio, user.login)
            self.assertEqual(self.env["career.pairing.talk"].with_user(user).search([]), self.trio.talk_ids)
        for user in (self.other_portal, self.internal, self.officer_2):
            self.assertFalse(self.env["career.pairing"].with_user(user).search([]), user.login)
            with self.assertRaises(AccessError):
                self.trio.with_user(user).read(["goals"])

    def test_project_manager_writes_notes_and_actions_client_reads(self):
        self.talk.with_user(self.project_manager).write({"notes": "员工希望转到质检岗位"})
        self.env["career.pairing.action"].with_user(self.project_manager).create(
            {"talk_id": self.talk.id, "name": "安排质检培训", "owner_partner_id": self.client_hr.id}
        )
        self.assertEqual(self.talk.with_user(self.client_portal).notes, "员工希望转到质检岗位")
        self.assertEqual(len(self.talk.with_user(self.client_portal).action_item_ids), 1)
        with self.assertRaises(AccessError):
            self.talk.with_user(self.client_portal).write({"notes": "改写"})
        with self.assertRaises(AccessError):
            self.trio.with_user(self.project_manager).write({"goals": "改写"})
        with self.assertRaises(AccessError):
            self.env["career.pairing"].with_user(self.project_manager).create(
                {
                    "employee_id": self.employee_2.id,
                    "client_partner_id": self.client_hr.id,
                    "manager_user_id": self.project_manager.id,
                    "date_start": date(2026, 4, 1),
                    "date_end": date(2026, 5, 1),
                }
            )
