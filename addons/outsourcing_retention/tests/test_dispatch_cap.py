from datetime import timedelta

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged

from .common import TODAY, RetentionCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestDispatchCap(RetentionCase):
    """The client has 90 own workers: at most 10 dispatched (10 / 100 = 10 %)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.workers = cls.env["hr.employee"].create(
            [{"name": f"派遣员工 {i}", "company_id": cls.company.id} for i in range(12)]
        )
        with freeze_time(TODAY):
            for worker in cls.workers[:9]:
                cls._assign(
                    worker,
                    cls.site_a if worker.id % 2 else cls.site_b,
                    TODAY - timedelta(days=5),
                    employment_mode="dispatch",
                    position_nature="auxiliary",
                )
            # Ended, cancelled and outsourced assignments do not count.
            cls._assign(
                cls.employee_1,
                cls.site_a,
                TODAY - timedelta(days=50),
                TODAY - timedelta(days=10),
                employment_mode="dispatch",
                position_nature="substitute",
            )
            cls._assign(cls.employee_2, cls.site_a, TODAY - timedelta(days=5))
        cls.Assignment = cls.env["retention.assignment"]

    def _dispatch_vals(self, worker, **vals):
        return {
            "employee_id": worker.id,
            "site_id": self.site_a.id,
            "date_start": TODAY + timedelta(days=1),
            "employment_mode": "dispatch",
            "position_nature": "substitute",
            **vals,
        }

    def test_tenth_worker_allowed_for_user(self):
        assignment = self.Assignment.with_user(self.user_a).create(self._dispatch_vals(self.workers[9]))
        self.assertEqual(assignment.state, "planned")
        self.assertFalse(assignment.cap_override_by)

    def test_eleventh_worker_refused_for_user(self):
        self.Assignment.create(self._dispatch_vals(self.workers[9]))
        with self.assertRaisesRegex(ValidationError, r"Dispatch cap exceeded .*11 dispatched.*at most 10"):
            self.Assignment.with_user(self.user_a).create(
                self._dispatch_vals(self.workers[10], cap_override_reason="I want to")
            )

    def test_switch_to_dispatch_refused_for_user(self):
        self.Assignment.create(self._dispatch_vals(self.workers[9]))
        outsourced = self.Assignment.create(
            self._dispatch_vals(self.workers[10], employment_mode="outsourcing", position_nature=False)
        )
        with self.assertRaisesRegex(ValidationError, "Dispatch cap exceeded"):
            outsourced.with_user(self.user_a).write(
                {"employment_mode": "dispatch", "position_nature": "temporary"}
            )

    def test_manager_needs_a_reason(self):
        self.Assignment.create(self._dispatch_vals(self.workers[9]))
        with self.assertRaisesRegex(ValidationError, "give a reason"):
            self.Assignment.with_user(self.manager).create(self._dispatch_vals(self.workers[10]))
        with self.assertRaisesRegex(ValidationError, "give a reason"):
            self.Assignment.with_user(self.manager).create(
                self._dispatch_vals(self.workers[10], cap_override_reason="   ")
            )

    def test_manager_override_is_recorded(self):
        self.Assignment.create(self._dispatch_vals(self.workers[9]))
        assignment = self.Assignment.with_user(self.manager).create(
            self._dispatch_vals(self.workers[10], cap_override_reason="春节旺季临时增援")
        )
        self.assertEqual(assignment.cap_override_by, self.manager)
        message = assignment.message_ids.filtered(lambda m: "春节旺季临时增援" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.manager.partner_id)
        self.assertIn(self.user_a.partner_id, message.partner_ids)  # the site's regional manager

    def test_existing_breach_does_not_block_other_edits(self):
        self.Assignment.create(self._dispatch_vals(self.workers[9]))
        over = self.Assignment.with_user(self.manager).create(
            self._dispatch_vals(self.workers[10], cap_override_reason="Approved by the client")
        )
        # Editing an assignment that is already counted does not ask again.
        over.with_user(self.user_a).write({"note": "night shift"})
        over.with_user(self.manager).write({"date_end": TODAY + timedelta(days=30)})

    def test_other_company_does_not_count(self):
        self.Assignment.create(self._dispatch_vals(self.workers[9]))
        worker_c2 = self.env["hr.employee"].create(
            {"name": "Company 2 worker", "company_id": self.company_2.id}
        )
        assignment = self.Assignment.create(self._dispatch_vals(worker_c2, site_id=self.site_c2.id))
        self.assertFalse(assignment.cap_override_by)

    def test_compliance_report(self):
        self.Assignment.create(self._dispatch_vals(self.workers[9]))
        self.Assignment.with_user(self.manager).create(
            self._dispatch_vals(self.workers[10], cap_override_reason="Approved by the client")
        )
        self.env.flush_all()
        Report = self.env["retention.dispatch.compliance"].with_user(self.manager)
        line = Report.search([("client_id", "=", self.client.id)])
        self.assertEqual(len(line), 1)  # the second company's row is hidden from this manager
        self.assertEqual(line.dispatched_count, 11)
        self.assertEqual(line.client_workforce, 90)
        self.assertEqual(line.dispatch_cap, 10)
        self.assertTrue(line.breach)
        self.assertAlmostEqual(line.dispatch_ratio, 11 / 101, places=4)
        self.assertEqual(line.temporary_overrun_count, 0)
        self.assertEqual(len(Report.sudo().search([("client_id", "=", self.client.id)])), 2)
