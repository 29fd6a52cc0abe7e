from datetime import date, timedelta

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import TODAY
from .vendor_common import Q1, Q2, Q3, VendorCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestVendor(VendorCase):
    # ------------------------------------------------------------------ configuration data

    def test_default_data(self):
        types = self.env["retention.vendor.qualification.type"].search([])
        self.assertEqual(set(types.mapped("code")), {"BL", "HRSL", "LDBL"})
        self.assertEqual(len(self.env["retention.vendor.diligence.item"].search([])), 5)
        default = self.env.ref("outsourcing_retention.review_template_default")
        self.assertEqual(default.criterion_ids.mapped("weight"), [30, 20, 20, 15, 15])
        self.assertEqual(default._thresholds(), (90, 75, 60))
        clauses = self.env["retention.agreement.clause.template"].search([])
        self.assertEqual(len(clauses), 11)
        self.assertIn("Dispute resolution", clauses.filtered("mandatory").mapped("name"))

    def test_template_weights_must_sum_to_100(self):
        with self.assertRaisesRegex(ValidationError, "must sum to 100, not 90"):
            self.env["retention.vendor.review.template"].create(
                {
                    "name": "坏模板",
                    "criterion_ids": [
                        Command.create({"name": "A", "weight": 50}),
                        Command.create({"name": "B", "weight": 40}),
                    ],
                }
            )
        with self.assertRaisesRegex(ValidationError, "must sum to 100"):
            self.template.write(
                {"criterion_ids": [Command.update(self.template.criterion_ids[0].id, {"weight": 35})]}
            )

    def test_template_thresholds_must_be_ordered(self):
        with self.assertRaisesRegex(ValidationError, "warning <= approved <= preferred"):
            self.template.threshold_approved = 95
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self.template.threshold_preferred = 101

    # ------------------------------------------------------------------ reviews

    def test_review_lines_period_and_total(self):
        review = self._review(self.vendor, Q1, [90, 80, 70, 60, 50])
        self.assertEqual(
            review.line_ids.mapped("name"), ["服务质量", "响应时效", "合规", "人员流失", "客户满意度"]
        )
        self.assertEqual(review.period_end, date(2026, 3, 31))
        self.assertAlmostEqual(review.total_score, 73.5)
        self.assertEqual(review.proposed_result, "warning")
        review.period_type = "half_yearly"
        self.assertEqual(review.period_end, date(2026, 6, 30))
        with self.assertRaisesRegex(ValidationError, "ends on 2025-12-31, before it starts"):
            review.period_end = date(2025, 12, 31)

    def test_review_weights_and_scores(self):
        review = self._uniform(self.vendor, Q1, 80)
        with self.assertRaisesRegex(ValidationError, "must sum to 100, not 110"):
            review.write({"line_ids": [Command.update(review.line_ids[0].id, {"weight": 40})]})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            review.line_ids[0].score = 101
            self.env.flush_all()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            review.line_ids[0].score = -1
            self.env.flush_all()

    def test_review_results(self):
        for score, result in ((95, "preferred"), (90, "preferred"), (80, "approved"), (59, "eliminated")):
            vendor = self.env["res.partner"].create({"name": f"服务商{score}", "is_outsourcing_vendor": True})
            review = self._uniform(vendor, Q1, score)
            review.action_done()
            self.assertEqual((review.state, review.result), ("done", result))
            self.assertEqual(vendor.retention_vendor_status, result)

    def test_warning_needs_rectification_plan(self):
        review = self._uniform(self.vendor, Q1, 70)
        with self.assertRaisesRegex(UserError, "rectification plan"):
            review.action_done()
        review.rectification_plan = "增加驻场主管，两周内补齐人员。"
        with self.assertRaisesRegex(UserError, "rectification plan"):
            review.action_done()
        review.rectification_deadline = date(2026, 5, 31)
        review.action_done()
        self.assertEqual(review.result, "warning")
        self.assertEqual(self.vendor.retention_vendor_status, "warning")
        with self.assertRaisesRegex(UserError, "already validated"):
            review.action_done()

    def test_second_consecutive_warning_eliminates(self):
        plan = {"rectification_plan": "整改", "rectification_deadline": date(2026, 6, 30)}
        self._uniform(self.vendor, Q1, 65, **plan).action_done()
        second = self._uniform(self.vendor, Q2, 70)
        self.assertEqual(second.proposed_result, "eliminated")
        second.action_done()  # no plan needed: the vendor is out
        self.assertEqual(second.result, "eliminated")
        self.assertEqual(self.vendor.retention_vendor_status, "eliminated")
        # A warning after an approved period is a first warning again.
        self._uniform(self.vendor_2, Q1, 65, **plan).action_done()
        self._uniform(self.vendor_2, Q2, 80).action_done()
        third = self._uniform(self.vendor_2, Q3, 65, **plan)
        third.action_done()
        self.assertEqual(third.result, "warning")

    def test_status_follows_latest_review(self):
        q1 = self._uniform(self.vendor, Q1, 92)
        q2 = self._uniform(self.vendor, Q2, 80)
        self.assertFalse(self.vendor.retention_vendor_status)
        q2.action_done()
        q1.action_done()  # validated later, but for an earlier period
        self.assertEqual(self.vendor.retention_vendor_status, "approved")
        q2.action_draft()
        self.assertEqual(self.vendor.retention_vendor_status, "preferred")

    def test_custom_thresholds(self):
        self.template.write({"threshold_preferred": 80, "threshold_approved": 70, "threshold_warning": 50})
        review = self._uniform(self.vendor, Q1, 55, rectification_plan="整改", rectification_deadline=Q2)
        review.action_done()
        self.assertEqual(review.result, "warning")

    # ------------------------------------------------------------------ qualifications

    def _qualification(self, date_end, vendor=None, code="BL", **vals):
        return self.env["retention.vendor.qualification"].create(
            {
                "vendor_id": (vendor or self.vendor).id,
                "type_id": self.env["retention.vendor.qualification.type"].search([("code", "=", code)]).id,
                "number": "91310000MA1K",
                "date_start": date(2024, 1, 1),
                "date_end": date_end,
                **vals,
            }
        )

    def _activities(self, qualifications):
        return self.env["mail.activity"].search(
            [("res_model", "=", "retention.vendor.qualification"), ("res_id", "in", qualifications.ids)]
        )

    def test_qualification_dates(self):
        with self.assertRaisesRegex(ValidationError, "before it starts"):
            self._qualification(date(2023, 12, 31))
        self.assertEqual(self._qualification(False).state, "valid")
        self.assertEqual(self._qualification(TODAY + timedelta(days=31)).state, "valid")
        self.assertEqual(self._qualification(TODAY + timedelta(days=30)).state, "expiring")
        self.assertEqual(self._qualification(TODAY - timedelta(days=1)).state, "expired")

    def test_cron_warns_once_30_days_before_expiry(self):
        date_end = date(2026, 5, 15)
        managed = self._qualification(date_end)
        unmanaged = self._qualification(date_end, vendor=self.vendor_2, code="HRSL")
        cron = self.env.ref("outsourcing_retention.ir_cron_retention_vendor_qualification_expiry")
        with freeze_time(date_end - timedelta(days=31)):
            cron.method_direct_trigger()
            self.assertFalse(self._activities(managed | unmanaged))
            self.assertEqual(managed.state, "valid")
        with freeze_time(date_end - timedelta(days=30)):
            cron.method_direct_trigger()
            self.assertEqual(managed.state, "expiring")
            activity = self._activities(managed)
            self.assertEqual(len(activity), 1)
            self.assertEqual(activity.user_id, self.manager)
            self.assertEqual(activity.date_deadline, date_end)
            self.assertEqual(self._activities(unmanaged).user_id, cron.user_id)
            self.assertTrue(managed.expiry_warned)
            self.assertEqual(self.env["retention.vendor.qualification"]._cron_check_expiry(), 0)
        with freeze_time(date_end - timedelta(days=10)):
            cron.method_direct_trigger()
            self.assertEqual(len(self._activities(managed | unmanaged)), 2)
        with freeze_time(date_end + timedelta(days=1)):
            cron.method_direct_trigger()
            self.assertEqual((managed | unmanaged).mapped("state"), ["expired", "expired"])
            self.assertEqual(len(self._activities(managed | unmanaged)), 2)
            self.assertEqual(self.env["retention.vendor.qualification"]._cron_check_expiry(), 0)

    def test_renewed_qualification_is_warned_again(self):
        qualification = self._qualification(TODAY + timedelta(days=10))
        self.env["retention.vendor.qualification"]._cron_check_expiry()
        self.assertTrue(qualification.expiry_warned)
        qualification.date_end = TODAY + timedelta(days=20)
        self.assertFalse(qualification.expiry_warned)
        self.env["retention.vendor.qualification"]._cron_check_expiry()
        self.assertEqual(len(self._activities(qualification)), 2)

    def test_cron_batches_and_query_count(self):
        Qualification = self.env["retention.vendor.qualification"]
        vendors = self.env["res.partner"].create(
            [{"name": f"服务商{i}", "is_outsourcing_vendor": True} for i in range(20)]
        )
        for vendor in vendors:
            self._qualification(TODAY + timedelta(days=40), vendor=vendor)
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(TODAY + timedelta(days=15)):
            self.assertEqual(Qualification._cron_check_expiry(batch_size=15), 15)
            self.assertEqual(Qualification._cron_check_expiry(batch_size=15), 5)
            self.assertEqual(Qualification._cron_check_expiry(batch_size=15), 0)
        for vendor in vendors:
            self._qualification(TODAY + timedelta(days=40), vendor=vendor, code="HRSL")
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(TODAY + timedelta(days=15)), self.assertQueryCount(__system__=QUALIFICATION_QUERIES):
            self.assertEqual(Qualification._cron_check_expiry(), 20)
        with freeze_time(TODAY + timedelta(days=15)), self.assertQueryCount(__system__=2):
            self.assertEqual(Qualification._cron_check_expiry(), 0)

    # ------------------------------------------------------------------ due diligence

    def test_start_due_diligence(self):
        items = self.env["retention.vendor.diligence.item"].search([])
        items[-1].active = False
        self.vendor.action_start_due_diligence()
        lines = self.vendor.retention_diligence_ids
        self.assertEqual(lines.item_id, items[:-1])
        self.assertFalse(any(lines.mapped("done")))
        lines[0].write({"done": True, "date": TODAY, "note": "已实地考察"})
        items[-1].active = True
        self.vendor.action_start_due_diligence()  # only adds what is missing
        self.assertEqual(self.vendor.retention_diligence_ids.item_id, items)
        self.assertTrue(self.vendor.retention_diligence_ids.filtered("done"))


QUALIFICATION_QUERIES = 14
