from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .client_common import ClientCase
from .common import TODAY


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestStaffingRequest(ClientCase):
    def test_create_numbers_and_notifies_the_regional_manager(self):
        staffing_request = self._request()
        self.assertTrue(staffing_request.name.startswith("REQ/"))
        self.assertEqual(staffing_request.state, "requested")
        self.assertEqual(staffing_request.client_id, self.client)
        self.assertEqual(staffing_request.city, "苏州")
        self.assertEqual(staffing_request.date_requested, TODAY)
        activity = staffing_request.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user_a)
        self.assertIn(staffing_request.name, activity.summary)

    def test_bad_input_is_refused_and_writes_nothing(self):
        count = self.Request.search_count([])
        cases = [
            ({"date_start": TODAY - timedelta(days=1)}, "in the past"),
            ({"quantity": 0}, "at least one person"),
            ({"quantity": -3}, "at least one person"),
            ({"site_id": 999999}, "no record with the id 999999"),
            ({"site_id": str(self.site_a.id)}, "expects the id of a record"),
            ({"quantity": "3"}, "expects a number"),
            ({"date_start": "16/03/2026"}, "YYYY-MM-DD"),
            ({"state": "filled"}, "through its buttons"),
            ({"site_id": False}, "needs the client site"),
        ]
        for vals, message in cases:
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, message):
                self._request(**vals)
        self.assertEqual(self.Request.search_count([]), count)

    def test_archived_site_is_refused(self):
        self.site_b.active = False
        with self.assertRaisesRegex(ValidationError, "archived"):
            self._request(site=self.site_b)

    def test_confirm_fill_partly_then_fully(self):
        staffing_request = self._request(quantity=2)
        with self.assertRaisesRegex(UserError, "confirmed or partly filled"):
            staffing_request.with_user(self.user_a).action_open_fill_wizard()
        staffing_request.with_user(self.user_a).action_confirm()
        self.assertEqual(staffing_request.state, "confirmed")
        self._fill(staffing_request, self.employee_1, user=self.user_a, date_start=TODAY + timedelta(days=7))
        self.assertEqual(staffing_request.filled_count, 1)
        self.assertEqual(staffing_request.state, "partial")
        self.assertEqual(staffing_request.remaining_count, 1)
        self.assertEqual(staffing_request.fill_rate, 50.0)
        assignment = staffing_request.assignment_ids
        self.assertEqual(assignment.site_id, self.site_a)
        self.assertEqual(assignment.job_id, self.job)
        self._fill(staffing_request, self.employee_2, user=self.user_a, date_start=TODAY + timedelta(days=10))
        self.assertEqual(staffing_request.state, "filled")
        self.assertEqual(staffing_request.fill_rate, 100.0)
        self.assertEqual(staffing_request.date_filled, TODAY + timedelta(days=10))
        self.assertEqual(staffing_request.time_to_fill, 10)
        # Closed: no more changes, no more people.
        with self.assertRaisesRegex(UserError, "closed"):
            staffing_request.with_user(self.manager).write({"shift": "夜班"})
        with self.assertRaisesRegex(UserError, "Only an open"):
            staffing_request.with_user(self.manager).action_cancel()
        with self.assertRaisesRegex(ValidationError, "confirmed or partly filled"):
            self._assign(self.employee_3, self.site_a, TODAY, staffing_request_id=staffing_request.id)
        # A person cancelled: the client still needs someone, the request reopens.
        assignment.action_cancel()
        self.assertEqual(staffing_request.state, "partial")
        self.assertEqual(staffing_request.time_to_fill, 0)

    def test_fill_more_than_requested_is_refused(self):
        staffing_request = self._request(quantity=1)
        staffing_request.action_confirm()
        with self.assertRaisesRegex(ValidationError, "needs 1 more people"):
            self._fill(staffing_request, self.employee_1 | self.employee_2)
        with self.assertRaisesRegex(ValidationError, "at its site"):
            self._assign(self.employee_1, self.site_b, TODAY, staffing_request_id=staffing_request.id)
        self.assertFalse(staffing_request.assignment_ids)
        self.assertEqual(staffing_request.state, "confirmed")

    def test_fill_obeys_the_dispatch_cap(self):
        # 90 own workers: at most 10 dispatched; nine are there already.
        for index in range(9):
            employee = self.env["hr.employee"].create({"name": f"派遣{index}", "company_id": self.company.id})
            self._assign(
                employee, self.site_b, TODAY, employment_mode="dispatch", position_nature="auxiliary"
            )
        staffing_request = self._request(quantity=2)
        staffing_request.action_confirm()
        with self.assertRaisesRegex(ValidationError, "Dispatch cap exceeded"):
            self._fill(
                staffing_request,
                self.employee_1 | self.employee_2,
                user=self.user_a,
                employment_mode="dispatch",
                position_nature="auxiliary",
            )
        self.assertFalse(staffing_request.assignment_ids)
        self.assertEqual(staffing_request.state, "confirmed")

    def test_quantity_cannot_drop_below_the_people_placed(self):
        staffing_request = self._request(quantity=3)
        staffing_request.action_confirm()
        self._fill(staffing_request, self.employee_1 | self.employee_2)
        with self.assertRaisesRegex(ValidationError, "already has 2 people placed"):
            staffing_request.quantity = 1
        staffing_request.quantity = 2
        self.assertEqual(staffing_request.state, "filled")

    def test_who_confirms_and_fills(self):
        staffing_request = self._request(site=self.site_b)
        # user_a manages site_a only; an HR officer reads but does not act; clients do not confirm.
        for user in (self.user_a, self.hr_officer, self.client_internal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                staffing_request.with_user(user).action_confirm()
        with self.assertRaises(AccessError):
            staffing_request.with_user(self.client_user).action_confirm()
        staffing_request.with_user(self.user_b).action_confirm()
        with self.assertRaisesRegex(UserError, "Only a requested"):
            staffing_request.with_user(self.user_b).action_confirm()

    def test_cancel_by_the_provider_closes_the_activity(self):
        staffing_request = self._request()
        staffing_request.with_user(self.user_a).action_cancel()
        self.assertEqual(staffing_request.state, "cancelled")
        self.assertFalse(staffing_request.activity_ids)
        with self.assertRaisesRegex(UserError, "closed"):
            staffing_request.write({"quantity": 5})

    def test_fill_rates_per_client(self):
        first = self._request(quantity=2)
        first.action_confirm()
        self._fill(first, self.employee_1 | self.employee_2, date_start=TODAY + timedelta(days=4))
        second = self._request(quantity=2, site=self.site_b)
        second.action_confirm()
        self._fill(second, self.employee_3)
        self._request(site=self.site_other, quantity=3)
        cancelled = self._request(quantity=5)
        cancelled.action_cancel()
        rates = {row["client_id"]: row for row in self.Request.retention_fill_rates()}
        self.assertEqual(rates[self.client.id]["requested"], 4)
        self.assertEqual(rates[self.client.id]["filled"], 3)
        self.assertEqual(rates[self.client.id]["fill_rate"], 75.0)
        self.assertEqual(rates[self.client.id]["avg_time_to_fill"], 4.0)
        self.assertEqual(rates[self.other_client.id]["fill_rate"], 0.0)
        self.assertIs(rates[self.other_client.id]["avg_time_to_fill"], False)
        # A client user measures their own client only.
        own = self.Request.with_user(self.client_user).retention_fill_rates()
        self.assertEqual([row["client_id"] for row in own], [self.client.id])
        with self.assertRaisesRegex(ValidationError, "list of ids"):
            self.Request.retention_fill_rates("1")
