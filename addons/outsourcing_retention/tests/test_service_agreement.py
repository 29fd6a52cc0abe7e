from datetime import date, timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged

from .common import TODAY
from .vendor_common import Q1, VendorCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestServiceAgreement(VendorCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Agreement = cls.env["retention.service.agreement"]
        cls.cron = cls.env.ref("outsourcing_retention.ir_cron_retention_service_agreement_states")

    def _agreement(self, partner=None, date_start=TODAY, date_end=None, **vals):
        return self.Agreement.create(
            {
                "name": "FW-2026-001",
                "agreement_type": "vendor",
                "partner_id": (partner or self.vendor).id,
                "date_start": date_start,
                "date_end": date_end or date_start + timedelta(days=364),
                "value": 1200000,
                "labour_relation_owner": "vendor",
                "social_insurance_bearer": "vendor",
                "work_injury_bearer": "vendor",
                **vals,
            }
        )

    @staticmethod
    def _complete(agreement):
        agreement.clause_ids.filtered("mandatory").status = "present"

    def test_clauses_from_templates(self):
        agreement = self._agreement()
        templates = self.env["retention.agreement.clause.template"].search([])
        self.assertEqual(agreement.clause_ids.template_id, templates)
        self.assertEqual(set(agreement.clause_ids.mapped("status")), {"missing"})
        self.assertEqual(agreement.missing_clause_count, len(templates.filtered("mandatory")))
        templates[0].active = False
        self.assertEqual(len(self._agreement().clause_ids), len(templates) - 1)

    def test_end_before_start_refused(self):
        with self.assertRaisesRegex(ValidationError, "before it starts"):
            self._agreement(date_end=TODAY - timedelta(days=1))

    def test_approval_blocked_by_missing_mandatory_clause(self):
        agreement = self._agreement()
        agreement.action_submit()
        self.assertEqual(agreement.state, "review")
        self._complete(agreement)
        dispute = agreement.clause_ids.filtered(lambda c: c.template_id.name == "Dispute resolution")
        dispute.status = "missing"
        with self.assertRaisesRegex(UserError, "mandatory clauses are missing: Dispute resolution"):
            agreement.action_approve()
        # An optional clause may stay missing.
        dispute.status = "reviewed"
        self.assertTrue(agreement.clause_ids.filtered(lambda c: not c.mandatory and c.status == "missing"))
        agreement.action_approve()
        self.assertEqual(agreement.state, "active")  # starts today

    def test_workflow_refusals(self):
        agreement = self._agreement()
        with self.assertRaisesRegex(UserError, "cannot take this step"):
            agreement.action_approve()
        with self.assertRaisesRegex(UserError, "Use the buttons"):
            agreement.state = "active"
        with self.assertRaisesRegex(UserError, "starts as a draft"):
            self._agreement(state="active")
        agreement.action_submit()
        agreement.action_draft()
        self.assertEqual(agreement.state, "draft")

    def test_eliminated_vendor_gets_no_new_agreement(self):
        existing = self._agreement()
        existing.action_submit()
        self._complete(existing)
        self._uniform(self.vendor, Q1, 40).action_done()
        self.assertEqual(self.vendor.retention_vendor_status, "eliminated")
        with self.assertRaisesRegex(UserError, "eliminated vendor"):
            self._agreement()
        with self.assertRaisesRegex(UserError, "eliminated vendor"):
            existing.action_approve()
        other = self._agreement(partner=self.vendor_2)
        with self.assertRaisesRegex(UserError, "eliminated vendor"):
            other.partner_id = self.vendor

    def test_cron_activates_and_expires(self):
        future = self._agreement(date_start=date(2026, 4, 1), date_end=date(2026, 6, 30))
        future.action_submit()
        self._complete(future)
        future.action_approve()
        self.assertEqual(future.state, "approved")
        with freeze_time(date(2026, 3, 31)):
            self.cron.method_direct_trigger()
            self.assertEqual(future.state, "approved")
        with freeze_time(date(2026, 4, 1)):
            self.cron.method_direct_trigger()
            self.assertEqual(future.state, "active")
            self.assertEqual(self.Agreement._cron_update_states(), 0)
        with freeze_time(date(2026, 6, 30)):
            self.assertEqual(self.Agreement._cron_update_states(), 0)
        with freeze_time(date(2026, 7, 1)):
            self.cron.method_direct_trigger()
            self.assertEqual(future.state, "expired")
            self.assertEqual(self.Agreement._cron_update_states(), 0)

    def test_cron_batches_and_query_count(self):
        agreements = self.Agreement
        for index in range(20):
            agreement = self._agreement(name=f"FW-{index}", date_start=date(2026, 4, 1))
            agreement.action_submit()
            self._complete(agreement)
            agreements |= agreement
        agreements.action_approve()
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(date(2026, 4, 2)):
            self.assertEqual(self.Agreement._cron_update_states(batch_size=15), 15)
            self.assertEqual(self.Agreement._cron_update_states(batch_size=15), 5)
            self.assertEqual(self.Agreement._cron_update_states(batch_size=15), 0)
        self.env.flush_all()
        self.env.invalidate_all()
        with freeze_time(date(2027, 4, 1)), self.assertQueryCount(__system__=AGREEMENT_QUERIES):
            self.assertEqual(self.Agreement._cron_update_states(), 20)
        self.assertEqual(set(agreements.mapped("state")), {"expired"})
        with freeze_time(date(2027, 4, 1)), self.assertQueryCount(__system__=2):
            self.assertEqual(self.Agreement._cron_update_states(), 0)


AGREEMENT_QUERIES = 5
