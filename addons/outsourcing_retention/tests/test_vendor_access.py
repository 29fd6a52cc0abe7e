from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import TODAY
from .vendor_common import Q1, VendorCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestVendorAccess(VendorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.review = cls._uniform(cls.vendor, Q1, 80)
        cls.agreement = cls.env["retention.service.agreement"].create(
            {
                "name": "FW-2026-007",
                "agreement_type": "vendor",
                "partner_id": cls.vendor.id,
                "date_start": TODAY,
                "value": 500000,
            }
        )
        cls.qualification = cls.env["retention.vendor.qualification"].create(
            {
                "vendor_id": cls.vendor.id,
                "type_id": cls.env.ref("outsourcing_retention.qualification_type_business_licence").id,
                "number": "91310000",
            }
        )
        # The second company's own vendor records.
        cls.review_c2 = cls._uniform(cls.vendor, Q1, 70, company=cls.company_2)
        cls.agreement_c2 = cls.env["retention.service.agreement"].create(
            {
                "name": "FW-C2",
                "agreement_type": "vendor",
                "partner_id": cls.vendor.id,
                "date_start": TODAY,
                "company_id": cls.company_2.id,
            }
        )
        cls.qualification_c2 = cls.qualification.copy({"company_id": cls.company_2.id})

    def test_user_reads_but_cannot_write(self):
        review = self.review.with_user(self.user_a)
        self.assertEqual(review.total_score, 80)
        self.assertEqual(len(review.line_ids), 5)
        with self.assertRaises(AccessError):
            review.write({"note": "x"})
        with self.assertRaises(AccessError):
            review.line_ids[0].write({"score": 100})
        with self.assertRaises(AccessError):
            review.action_done()
        with self.assertRaises(AccessError):
            self.env["retention.vendor.review"].with_user(self.user_a).create(
                {"vendor_id": self.vendor.id, "period_start": Q1}
            )
        agreement = self.agreement.with_user(self.user_a)
        self.assertEqual(agreement.name, "FW-2026-007")
        with self.assertRaises(AccessError):
            agreement.write({"scope": "x"})
        with self.assertRaises(AccessError):
            agreement.action_submit()
        with self.assertRaises(AccessError):
            agreement.clause_ids[0].write({"status": "present"})
        with self.assertRaises(AccessError):
            self.qualification.with_user(self.user_a).write({"number": "x"})
        with self.assertRaises(AccessError):
            self.vendor.with_user(self.user_a).action_start_due_diligence()

    def test_agreement_value_is_for_managers(self):
        with self.assertRaises(AccessError):
            self.agreement.with_user(self.user_a).read(["value"])
        self.assertNotIn("value", self.agreement.with_user(self.user_a).fields_get())
        self.assertEqual(self.agreement.with_user(self.manager).value, 500000)
        # The web client never asks for it: the views drop the field for retention users.
        views = (
            self.env["retention.service.agreement"]
            .with_user(self.user_a)
            .get_views([(False, "list"), (False, "form")])
        )
        for view in views["views"].values():
            self.assertNotIn('name="value"', view["arch"])
        manager_views = (
            self.env["retention.service.agreement"].with_user(self.manager).get_views([(False, "form")])
        )
        self.assertIn('name="value"', manager_views["views"]["form"]["arch"])

    def test_manager_writes(self):
        review = self.review.with_user(self.manager)
        review.action_done()
        self.assertEqual(self.vendor.retention_vendor_status, "approved")
        self.agreement.with_user(self.manager).action_submit()
        self.vendor.with_user(self.manager).action_start_due_diligence()
        self.assertEqual(len(self.vendor.retention_diligence_ids), 5)

    def test_other_company_invisible(self):
        for user in (self.manager, self.user_a):
            mine = [("vendor_id", "=", self.vendor.id)]
            self.assertEqual(self.env["retention.vendor.review"].with_user(user).search(mine), self.review)
            self.assertEqual(
                self.env["retention.service.agreement"]
                .with_user(user)
                .search([("partner_id", "=", self.vendor.id)]),
                self.agreement,
            )
            self.assertEqual(
                self.env["retention.vendor.qualification"].with_user(user).search(mine), self.qualification
            )
            for record in (self.review_c2, self.agreement_c2, self.qualification_c2):
                with self.assertRaises(AccessError):
                    record.with_user(user).read(["company_id"])
            with self.assertRaises(AccessError):
                self.review_c2.line_ids[0].with_user(user).read(["score"])
            with self.assertRaises(AccessError):
                self.agreement_c2.clause_ids[0].with_user(user).read(["status"])

    def test_plain_user_has_no_access(self):
        plain = new_test_user(self.env, "ret_vendor_plain", groups="base.group_user")
        for model in (
            "retention.vendor.review",
            "retention.service.agreement",
            "retention.vendor.qualification",
            "retention.vendor.review.template",
            "retention.agreement.clause.template",
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(plain).search([])
