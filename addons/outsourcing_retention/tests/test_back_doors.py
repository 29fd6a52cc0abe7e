"""What the web client shows read-only is refused by the model too, over XML-RPC as in the ORM."""

from datetime import timedelta
from xmlrpc.client import Fault

from lxml import etree

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, freeze_time, tagged

from .common import TODAY
from .vendor_common import Q1, Q2, VendorCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestBackDoors(HttpCase, VendorCase):
    def _call(self, user, model, method, *args, **kwargs):
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname, user.id, user.login, model, method, list(args), kwargs
        )

    def _assert_refused(self, user, model, method, *args, message="", **kwargs):
        with self.assertRaises(Fault) as caught:
            self._call(user, model, method, *args, **kwargs)
        self.assertIn(message, caught.exception.faultString)
        self.assertNotIn("Traceback", caught.exception.faultString)

    # ------------------------------------------------------------------ client workforce

    def test_client_workforce_is_for_managers_and_tracked(self):
        # Both may edit contacts: only the retention manager may change the workforce.
        contacts = self.env.ref("base.group_partner_manager")
        (self.user_a | self.manager).write({"groups_id": [Command.link(contacts.id)]})
        self._assert_refused(
            self.user_a,
            "res.partner",
            "write",
            [self.client.id],
            {"client_workforce": 9000},
            message="Only a retention manager may change the workforce",
        )
        self._assert_refused(
            self.user_a,
            "res.partner",
            "create",
            {"name": "新客户", "is_outsourcing_client": True, "client_workforce": 10},
            message="Only a retention manager",
        )
        self.assertEqual(self.client.client_workforce, 90)
        self._call(self.manager, "res.partner", "write", [self.client.id], {"client_workforce": 180})
        self.assertEqual(self.client.client_workforce, 180)
        tracked = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.res_id", "=", self.client.id),
                ("mail_message_id.model", "=", "res.partner"),
                ("field_id.name", "=", "client_workforce"),
            ]
        )
        self.assertEqual((tracked.old_value_integer, tracked.new_value_integer), (90, 180))
        # In the form, a retention user sees the workforce read-only, a manager may edit it.
        for user, readonly in ((self.user_a, {"1", "True"}), (self.manager, {None})):
            arch = (
                self.env["res.partner"].with_user(user).get_views([(False, "form")])["views"]["form"]["arch"]
            )
            nodes = etree.fromstring(arch).xpath("//field[@name='client_workforce']")
            self.assertEqual(len(nodes), 1)
            self.assertIn(nodes[0].get("readonly"), readonly)

    # ------------------------------------------------------------------ site moves

    def test_moving_a_site_checks_the_new_clients_cap(self):
        small = self.env["res.partner"].create(
            {"name": "常州小厂", "is_company": True, "is_outsourcing_client": True, "client_workforce": 9}
        )
        workers = self.env["hr.employee"].create(
            [{"name": f"派遣员工 {i}", "company_id": self.company.id} for i in range(2)]
        )
        for worker in workers:
            self._assign(
                worker,
                self.site_b,
                TODAY - timedelta(days=5),
                employment_mode="dispatch",
                position_nature="auxiliary",
            )
        # 9 own workers allow one dispatched worker: two would break the cap.
        with self.assertRaisesRegex(ValidationError, "Dispatch cap exceeded at 常州小厂"):
            self.site_b.with_user(self.user_b).write({"client_id": small.id})
        self.assertEqual(self.site_b.client_id, self.client)
        self._assert_refused(
            self.manager,
            "retention.client.site",
            "write",
            [self.site_b.id],
            {"client_id": small.id},
            message="give a reason in Cap Override Reason",
        )
        # A client whose workforce allows them takes the site.
        big = self.env["res.partner"].create(
            {"name": "无锡大厂", "is_company": True, "is_outsourcing_client": True, "client_workforce": 900}
        )
        self._call(self.user_b, "retention.client.site", "write", [self.site_b.id], {"client_id": big.id})
        self.assertEqual(self.site_b.assignment_ids.client_id, big)

    # ------------------------------------------------------------------ override author

    def test_override_author_is_written_by_the_system_only(self):
        assignment = self._assign(self.employee_1, self.site_a, TODAY)
        self._assert_refused(
            self.manager,
            "retention.assignment",
            "write",
            [assignment.id],
            {"cap_override_by": self.user_b.id},
            message="recorded by the system",
        )
        self._assert_refused(
            self.manager,
            "retention.assignment",
            "create",
            {
                "employee_id": self.employee_2.id,
                "site_id": self.site_a.id,
                "date_start": str(TODAY),
                "cap_override_by": self.user_b.id,
            },
            message="recorded by the system",
        )
        self.assertFalse(assignment.cap_override_by)

    # ------------------------------------------------------------------ validated reviews

    def test_validated_review_is_locked(self):
        review = self._uniform(self.vendor, Q1, 80)
        review.action_done()
        line = review.line_ids[0]
        for model, record, vals in (
            ("retention.vendor.review.line", line, {"score": 100}),
            ("retention.vendor.review", review, {"period_start": str(Q2)}),
            ("retention.vendor.review", review, {"line_ids": [(1, line.id, {"score": 0})]}),
            ("retention.vendor.review", review, {"result": "preferred"}),
        ):
            with self.subTest(model=model, vals=vals):
                self._assert_refused(self.manager, model, "write", [record.id], vals, message="review")
        self._assert_refused(
            self.manager, "retention.vendor.review.line", "unlink", [line.id], message="validated"
        )
        self._assert_refused(
            self.manager, "retention.vendor.review", "unlink", [review.id], message="validated"
        )
        self._assert_refused(
            self.manager,
            "retention.vendor.review.line",
            "create",
            {"review_id": review.id, "name": "额外", "weight": 0},
            message="validated",
        )
        self.assertEqual((line.score, review.result, review.period_start), (80, "approved", Q1))
        # Notes stay open, as in the form.
        self._call(self.manager, "retention.vendor.review", "write", [review.id], {"note": "<p>复核</p>"})

    def test_reopening_needs_a_validated_review_and_a_manager(self):
        review = self._uniform(self.vendor, Q1, 80)
        with self.assertRaisesRegex(UserError, "not validated"):
            review.with_user(self.manager).action_draft()
        review.action_done()
        with self.assertRaises(AccessError):
            review.with_user(self.user_a).action_draft()
        self._call(self.manager, "retention.vendor.review", "action_draft", [review.id])
        self.assertEqual((review.state, review.result), ("draft", False))
        review.line_ids[0].score = 90  # editable again

    # ------------------------------------------------------------------ approved agreements

    def test_approved_agreement_terms_and_clauses_are_locked(self):
        agreement = self.env["retention.service.agreement"].create(
            {"name": "FW-LOCK", "agreement_type": "vendor", "partner_id": self.vendor.id, "date_start": TODAY}
        )
        clause = agreement.clause_ids[0]
        # Under review, the clauses are still checked off.
        agreement.action_submit()
        self._call(
            self.manager, "retention.service.agreement.clause", "write", clause.ids, {"status": "present"}
        )
        agreement.clause_ids.status = "present"
        agreement.action_approve()
        self.assertEqual(agreement.state, "active")
        for model, record, vals in (
            ("retention.service.agreement.clause", clause, {"status": "missing"}),
            ("retention.service.agreement", agreement, {"date_end": str(TODAY + timedelta(days=30))}),
            (
                "retention.service.agreement",
                agreement,
                {"clause_ids": [(1, clause.id, {"status": "missing"})]},
            ),
            ("retention.service.agreement", agreement, {"partner_id": self.vendor_2.id}),
        ):
            with self.subTest(model=model, vals=vals):
                self._assert_refused(
                    self.manager, model, "write", record.ids, vals, message="can no longer change"
                )
        self._assert_refused(
            self.manager, "retention.service.agreement.clause", "unlink", clause.ids, message="can no longer"
        )
        self.assertEqual(clause.status, "present")

    # ------------------------------------------------------------------ vendor status per company

    def test_vendor_status_is_per_company(self):
        self._uniform(self.vendor, Q1, 40, company=self.company_2).action_done()
        vendor_c2 = self.vendor.with_company(self.company_2)
        self.assertEqual(vendor_c2.retention_vendor_status, "eliminated")
        # The main company's users neither see that status nor are blocked by it.
        vendor_c1 = self.vendor.with_user(self.manager)
        self.assertFalse(vendor_c1.retention_vendor_status)
        Partner = self.env["res.partner"].with_user(self.manager)
        self.assertNotIn(self.vendor, Partner.search([("retention_vendor_status", "=", "eliminated")]))
        self.assertIn(
            self.vendor,
            Partner.with_company(self.company_2)
            .sudo()
            .search([("retention_vendor_status", "=", "eliminated")]),
        )
        agreement_id = self._call(
            self.manager,
            "retention.service.agreement",
            "create",
            {
                "name": "FW-C1",
                "agreement_type": "vendor",
                "partner_id": self.vendor.id,
                "date_start": str(TODAY),
            },
        )
        self.assertTrue(agreement_id)
        with self.assertRaisesRegex(UserError, "eliminated vendor"):
            self.env["retention.service.agreement"].create(
                {
                    "name": "FW-C2",
                    "agreement_type": "vendor",
                    "partner_id": self.vendor.id,
                    "date_start": TODAY,
                    "company_id": self.company_2.id,
                }
            )
        # A main-company review in its turn sets only the main company's status.
        self._uniform(self.vendor, Q1, 95).action_done()
        self.assertEqual(self.vendor.with_user(self.manager).retention_vendor_status, "preferred")
        self.assertEqual(self.vendor.with_company(self.company_2).retention_vendor_status, "eliminated")

    def test_new_review_gets_the_default_template(self):
        """The Vendor Reviews action used to set this default with ref(), which crashed the web client."""
        action = self.env.ref("outsourcing_retention.retention_vendor_review_action")
        self.assertNotIn("ref(", action.context)
        form = Form(self.env["retention.vendor.review"].with_user(self.manager))
        self.assertEqual(form.template_id, self.env.ref("outsourcing_retention.review_template_default"))
        self.assertEqual(len(form.line_ids), 5)
