from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import TODAY, RetentionCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestAssignment(RetentionCase):
    def test_state_from_dates_on_create(self):
        planned = self._assign(self.employee_1, self.site_a, TODAY + timedelta(days=10))
        active = self._assign(self.employee_2, self.site_a, TODAY - timedelta(days=10))
        ended = self._assign(
            self.employee_portal, self.site_a, TODAY - timedelta(days=30), TODAY - timedelta(days=1)
        )
        self.assertEqual(planned.state, "planned")
        self.assertEqual(active.state, "active")
        self.assertEqual(ended.state, "ended")
        self.assertEqual(active.client_id, self.client)
        self.assertEqual(active.company_id, self.company)

    def test_state_follows_date_changes(self):
        assignment = self._assign(self.employee_1, self.site_a, TODAY + timedelta(days=10))
        assignment.date_start = TODAY
        self.assertEqual(assignment.state, "active")
        assignment.date_end = TODAY - timedelta(days=0)
        self.assertEqual(assignment.state, "active")  # the last day is still worked
        assignment.write({"date_start": TODAY - timedelta(days=5), "date_end": TODAY - timedelta(days=1)})
        self.assertEqual(assignment.state, "ended")
        assignment.date_end = False
        self.assertEqual(assignment.state, "active")

    def test_state_is_not_written_directly(self):
        assignment = self._assign(self.employee_1, self.site_a, TODAY)
        with self.assertRaisesRegex(UserError, "follows its dates"):
            assignment.state = "ended"
        with self.assertRaisesRegex(UserError, "Cancel button"):
            self._assign(self.employee_2, self.site_a, TODAY, state="cancelled")

    def test_cancel_and_end(self):
        assignment = self._assign(self.employee_1, self.site_a, TODAY - timedelta(days=3))
        assignment.action_end()
        self.assertEqual(assignment.date_end, TODAY)
        assignment.action_cancel()
        self.assertEqual(assignment.state, "cancelled")
        # Dates no longer move a cancelled assignment.
        assignment.date_end = TODAY - timedelta(days=1)
        self.assertEqual(assignment.state, "cancelled")
        with self.assertRaises(UserError):
            assignment.action_cancel()
        with self.assertRaises(UserError):
            assignment.action_end()
        planned = self._assign(self.employee_2, self.site_a, TODAY + timedelta(days=3))
        with self.assertRaisesRegex(UserError, "Only active"):
            planned.action_end()

    def test_end_before_start_refused(self):
        with self.assertRaisesRegex(ValidationError, "before it starts"):
            self._assign(self.employee_1, self.site_a, TODAY, TODAY - timedelta(days=1))

    def test_overlap_refused(self):
        self._assign(self.employee_1, self.site_a, TODAY - timedelta(days=30), TODAY + timedelta(days=30))
        with self.assertRaisesRegex(ValidationError, "overlaps"):
            self._assign(self.employee_1, self.site_b, TODAY + timedelta(days=30))
        with self.assertRaisesRegex(ValidationError, "overlaps"):
            self._assign(self.employee_1, self.site_b, TODAY - timedelta(days=60), TODAY - timedelta(days=30))
        # Back to back is fine, and so is another employee on the same dates.
        self._assign(self.employee_1, self.site_b, TODAY + timedelta(days=31))
        self._assign(self.employee_2, self.site_a, TODAY - timedelta(days=30))

    def test_overlap_with_open_ended_refused(self):
        self._assign(self.employee_1, self.site_a, TODAY - timedelta(days=30))
        with self.assertRaisesRegex(ValidationError, "overlaps"):
            self._assign(
                self.employee_1, self.site_b, TODAY + timedelta(days=300), TODAY + timedelta(days=400)
            )

    def test_cancelled_does_not_block(self):
        first = self._assign(self.employee_1, self.site_a, TODAY)
        first.action_cancel()
        second = self._assign(self.employee_1, self.site_b, TODAY)
        self.assertEqual(second.state, "active")

    def test_archived_site_refused(self):
        self.site_b.action_archive()
        with self.assertRaisesRegex(ValidationError, "archived"):
            self._assign(self.employee_1, self.site_b, TODAY)
        assignment = self._assign(self.employee_1, self.site_a, TODAY)
        with self.assertRaisesRegex(ValidationError, "archived"):
            assignment.site_id = self.site_b

    def test_dispatch_requires_position_nature(self):
        with self.assertRaisesRegex(ValidationError, "position nature"):
            self._assign(self.employee_1, self.site_a, TODAY, employment_mode="dispatch")
        assignment = self._assign(
            self.employee_1, self.site_a, TODAY, employment_mode="dispatch", position_nature="auxiliary"
        )
        with self.assertRaisesRegex(ValidationError, "position nature"):
            assignment.position_nature = False

    def test_other_company_employee_refused(self):
        with self.assertRaises(UserError):
            self._assign(self.employee_c2, self.site_a, TODAY)

    def test_site_code_unique_per_company(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.env["retention.client.site"].create(
                {"name": "Duplicate", "code": "SZ-2", "client_id": self.client.id}
            )
            self.env.flush_all()

    def test_site_province_in_china(self):
        with self.assertRaisesRegex(ValidationError, "Chinese province"):
            self.site_a.state_id = self.env.ref("base.state_us_1")

    def test_headcounts_and_partner_counts(self):
        self._assign(self.employee_1, self.site_a, TODAY - timedelta(days=1))
        self._assign(self.employee_2, self.site_a, TODAY + timedelta(days=1))
        self._assign(self.employee_portal, self.site_b, TODAY - timedelta(days=1))
        self.assertEqual(self.site_a.active_headcount, 1)
        self.assertEqual(self.site_b.active_headcount, 1)
        self.client.invalidate_recordset()
        self.assertEqual(self.client.with_user(self.manager).retention_site_count, 2)
        self.assertEqual(self.client.with_user(self.user_a).retention_assignment_count, 2)
        self.assertEqual(self.client.with_user(self.manager).retention_assignment_count, 3)

    def test_employee_current_site(self):
        self._assign(self.employee_1, self.site_b, TODAY - timedelta(days=40), TODAY - timedelta(days=20))
        self._assign(self.employee_1, self.site_a, TODAY - timedelta(days=10))
        employee = self.employee_1.with_user(self.hr_officer)
        self.assertEqual(employee.retention_current_site_id, self.site_a)
        self.assertEqual(employee.retention_current_client_id, self.client)
        self.assertEqual(employee.retention_assignment_count, 2)
        self.assertEqual(len(employee.retention_assignment_ids), 2)

    def test_temporary_overrun_on_create(self):
        long_one = self._assign(
            self.employee_1,
            self.site_a,
            TODAY - timedelta(days=30),
            TODAY + timedelta(days=200),
            employment_mode="dispatch",
            position_nature="temporary",
        )
        short_one = self._assign(
            self.employee_2,
            self.site_a,
            TODAY - timedelta(days=30),
            TODAY + timedelta(days=100),
            employment_mode="dispatch",
            position_nature="temporary",
        )
        self.assertTrue(long_one.temporary_overrun)
        self.assertFalse(short_one.temporary_overrun)


@tagged("post_install", "-at_install")
class TestAssignmentCron(RetentionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time(TODAY):
            cls.planned = cls._assign(cls.employee_1, cls.site_a, TODAY + timedelta(days=2))
            cls.ending = cls._assign(
                cls.employee_2, cls.site_a, TODAY - timedelta(days=10), TODAY + timedelta(days=1)
            )
            cls.temporary = cls._assign(
                cls.employee_portal,
                cls.site_b,
                TODAY - timedelta(days=170),
                employment_mode="dispatch",
                position_nature="temporary",
            )
            cls.env.flush_all()  # stored computes that depend on today run now, not later
        cls.cron = cls.env.ref("outsourcing_retention.ir_cron_retention_assignment_states")

    def test_cron_updates_states_idempotently(self):
        Assignment = self.env["retention.assignment"]
        self.assertEqual(
            (self.planned.state, self.ending.state, self.temporary.state), ("planned", "active", "active")
        )
        self.assertFalse(self.temporary.temporary_overrun)
        with freeze_time(TODAY + timedelta(days=1)):
            self.assertEqual(Assignment._cron_update_states(), 0)
        with freeze_time(TODAY + timedelta(days=3)):
            self.cron.method_direct_trigger()
            self.assertEqual(self.planned.state, "active")
            self.assertEqual(self.ending.state, "ended")
            self.assertFalse(self.temporary.temporary_overrun)  # 173 days
            self.assertEqual(Assignment._cron_update_states(), 0)  # idempotent
        with freeze_time(TODAY + timedelta(days=20)):
            self.assertEqual(Assignment._cron_update_states(), 1)
            self.assertTrue(self.temporary.temporary_overrun)
            self.assertEqual(Assignment._cron_update_states(), 0)
            self.assertEqual(self.site_a.active_headcount, 1)

    def test_cron_batches(self):
        Assignment = self.env["retention.assignment"]
        with freeze_time(TODAY + timedelta(days=3)):
            self.assertEqual(Assignment._cron_update_states(batch_size=1), 1)
            self.assertEqual(Assignment._cron_update_states(batch_size=1), 1)
            self.assertEqual(Assignment._cron_update_states(batch_size=1), 0)

    def test_cron_query_count_does_not_grow_per_record(self):
        employees = self.env["hr.employee"].create(
            [{"name": f"Worker {i}", "company_id": self.company.id} for i in range(20)]
        )
        with freeze_time(TODAY):
            for employee in employees:
                self._assign(employee, self.site_a, TODAY + timedelta(days=1))
            self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(TODAY + timedelta(days=5)), self.assertQueryCount(__system__=10):
            self.assertEqual(self.env["retention.assignment"]._cron_update_states(), 22)
        with freeze_time(TODAY + timedelta(days=5)), self.assertQueryCount(__system__=2):
            self.assertEqual(self.env["retention.assignment"]._cron_update_states(), 0)
