from datetime import date
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools import SQL, mute_logger

from .renewal_common import END, RenewalCase

# A 1x1 PNG, as the portal signature widget sends (base64).
SIGNATURE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


@tagged("post_install", "-at_install")
@freeze_time("2026-04-01")
class TestRenewalOffer(RenewalCase):
    """Offers: labour-law checks before sending, signature, decline, expiry, rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(cls.env, "renewal_portal_emp", groups="base.group_portal")
        cls.employee = cls._employee("Renewal Employee", user_id=cls.portal_user.id)
        cls.contract = cls._contract(cls.employee, date(2025, 5, 1), END)
        cls.Offer = cls.env["retention.renewal.offer"].with_user(cls.hr_responsible)

    def _offer(self, **vals):
        values = {
            "contract_id": self.contract.id,
            "wage": 6500,
            "date_start": date(2026, 5, 1),
            "date_end": date(2029, 4, 30),
            "deadline": date(2026, 4, 20),
        }
        values.update(vals)
        return self.Offer.create(values)

    def test_send_publishes_with_token_and_notifies_the_employee(self):
        offer = self._offer()
        self.assertFalse(offer.has_blocking_issue)
        offer.action_send()
        self.assertEqual(offer.state, "sent")
        self.assertTrue(offer.access_token)
        self.assertEqual(offer.sudo().contract_id.retention_renewal_state, "offer_sent")
        partner = self.employee.work_contact_id
        notice = self.env["mail.message"].search(
            [("model", "=", offer._name), ("res_id", "=", offer.id), ("partner_ids", "in", partner.ids)]
        )
        self.assertEqual(len(notice), 1, "the employee is notified")
        base_url = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        self.assertIn(f"{base_url}/my/renewals/{offer.id}?access_token={offer.access_token}", notice.body)
        # The link is for the employee only: not in the chatter, not readable by other HR users.
        self.assertEqual(notice.message_type, "user_notification")
        self.assertNotIn(notice, offer.message_ids)
        self.assertFalse(any(offer.access_token in (m.body or "") for m in offer.message_ids))
        manager = new_test_user(
            self.env,
            "renewal_link_manager",
            groups="hr_contract.group_hr_contract_manager,outsourcing_retention.group_retention_manager",
        )
        self.assertTrue(offer.with_user(manager).read(["wage"]), "the manager reads the offer")
        self.assertFalse(self.env["mail.message"].with_user(manager).search([("id", "=", notice.id)]))

    def test_bad_input_is_refused(self):
        with self.assertRaises(ValidationError):
            self._offer(date_end=date(2026, 4, 1))
        with self.assertRaises(ValidationError):
            self._offer(wage=0)
        with self.assertRaises(ValidationError):
            self._offer(open_ended=True)  # open-ended with an end date
        with self.assertRaises(ValidationError):
            self._offer(date_end=False)  # fixed term without an end
        self.assertFalse(self.env["retention.renewal.offer"].search([("contract_id", "=", self.contract.id)]))

    def test_open_ended_right_blocks_a_fixed_term_offer(self):
        # A second fixed term ends on END: the renewal must be open-ended (art. 14).
        employee = self._employee("Second Term")
        first = self._contract(employee, date(2022, 5, 1), date(2024, 4, 30), state="close")
        second = self._contract(employee, date(2024, 5, 1), END, retention_predecessor_id=first.id)
        offer = self._offer(contract_id=second.id)
        self.assertTrue(offer.has_blocking_issue)
        with self.assertRaisesRegex(UserError, "open-ended"):
            offer.action_send()
        self.assertEqual(offer.state, "draft")
        # The employee's recorded request for a fixed term turns it into a warning to confirm.
        offer.employee_requested_fixed_term = True
        self.assertFalse(offer.has_blocking_issue)
        self.assertTrue(offer.has_warning)
        with self.assertRaisesRegex(UserError, "Warnings Reviewed"):
            offer.action_send()
        offer.warnings_confirmed = True
        offer.action_send()
        self.assertEqual(offer.state, "sent")
        # The offer and the contract agree on the right (same chain of renewals).
        self.assertTrue(second.retention_open_ended_right)
        # An open-ended offer passes without a request.
        offer.action_cancel()
        self.assertFalse(
            self._offer(contract_id=second.id, open_ended=True, date_end=False).has_blocking_issue
        )

    def test_lower_wage_is_a_warning(self):
        offer = self._offer(wage=5000)
        self.assertTrue(offer.has_warning)
        self.assertIn("46", offer.check_result)

    def test_sign_creates_the_renewed_contract(self):
        offer = self._offer(job_id=self.env["hr.job"].create({"name": "Team Lead"}).id)
        offer.action_send()
        token = offer.access_token
        new_contract = offer.sudo()._action_sign("Renewal Employee", SIGNATURE, self.portal_user, "10.1.2.3")
        self.assertEqual(offer.state, "accepted")
        self.assertEqual(offer.signed_by, "Renewal Employee")
        self.assertTrue(offer.signed_on)
        self.assertEqual(offer.signed_ip, "10.1.2.3")
        self.assertEqual(offer.signed_user_id, self.portal_user)
        self.assertNotEqual(offer.access_token, token, "the link sent to the employee changes once answered")
        self.assertEqual(new_contract.state, "draft")
        self.assertEqual(new_contract.date_start, date(2026, 5, 1))
        self.assertEqual(new_contract.date_end, date(2029, 4, 30))
        self.assertEqual(new_contract.wage, 6500)
        self.assertEqual(new_contract.job_id.name, "Team Lead")
        self.assertEqual(new_contract.sudo().retention_predecessor_id, self.contract)
        # Signed, the new contract still a draft: accepted; renewed once the new one runs.
        self.assertEqual(self.contract.sudo().retention_renewal_state, "accepted")
        self.assertEqual(offer.new_contract_id, new_contract)
        # The PDF is rendered afterwards, by a job: pending until then.
        self.assertEqual(offer.signed_pdf_state, "pending")
        self.assertFalse(offer.signed_pdf_id)
        # Signing twice is refused and changes nothing.
        with self.assertRaises(UserError):
            offer.sudo()._action_sign("Renewal Employee", SIGNATURE, self.portal_user)
        self.assertEqual(self.env["hr.contract"].search_count([("employee_id", "=", self.employee.id)]), 2)
        new_contract.sudo().state = "open"
        self.assertEqual(self.contract.sudo().retention_renewal_state, "renewed")
        # No new offer on a renewed contract.
        with self.assertRaisesRegex(UserError, "already renewed"):
            self._offer()

    def test_sign_needs_a_name_and_a_signature(self):
        offer = self._offer()
        offer.action_send()
        with self.assertRaises(UserError):
            offer.sudo()._action_sign("", SIGNATURE, self.portal_user)
        with self.assertRaises(UserError):
            offer.sudo()._action_sign("Renewal Employee", "not base64!", self.portal_user)
        self.assertEqual(offer.state, "sent")

    def test_only_the_employee_answers(self):
        offer = self._offer()
        offer.action_send()
        other = new_test_user(self.env, "renewal_other_portal", groups="base.group_portal")
        public = self.env.ref("base.public_user")
        for user in (other, public, self.hr_responsible, self.env["res.users"]):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "Log in as the employee"):
                offer.sudo()._action_sign("Renewal Employee", SIGNATURE, user)
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "Log in as the employee"):
                offer.sudo()._action_decline("No", user)
        self.assertEqual(offer.state, "sent")
        self.assertFalse(offer.signed_by)

    def test_decline_needs_a_reason(self):
        offer = self._offer()
        offer.action_send()
        with self.assertRaises(UserError):
            offer.sudo()._action_decline("  ", self.portal_user)
        token = offer.access_token
        offer.sudo()._action_decline("I am moving to another city.", self.portal_user)
        self.assertEqual(offer.state, "declined")
        self.assertNotEqual(offer.access_token, token)
        self.assertEqual(self.contract.sudo().retention_renewal_state, "declined")

    def test_expired_offer_cannot_be_signed(self):
        offer = self._offer()
        offer.action_send()
        with freeze_time("2026-04-21"):
            with self.assertRaisesRegex(UserError, "expired"):
                offer.sudo()._action_sign("Renewal Employee", SIGNATURE, self.portal_user)
            self.env["retention.renewal.offer"]._cron_expire_offers()
        self.assertEqual(offer.state, "expired")
        self.assertFalse(offer.new_contract_id)
        self._assert_back_to_review()

    def _assert_back_to_review(self):
        self.assertEqual(self.contract.sudo().retention_renewal_state, "to_review")
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "hr.contract"), ("res_id", "=", self.contract.id)]
        )
        self.assertEqual(activity.user_id, self.hr_responsible, "the HR responsible is told")

    def test_cancelled_offer_returns_the_contract_to_review(self):
        offer = self._offer()
        offer.action_send()
        offer.action_cancel()
        self.assertEqual(offer.state, "cancelled")
        self._assert_back_to_review()

    def test_one_open_offer_per_contract(self):
        offer = self._offer()
        with self.assertRaisesRegex(ValidationError, "already has an open renewal offer"):
            self._offer()
        offer.action_send()
        with self.assertRaisesRegex(ValidationError, "already has an open renewal offer"):
            self._offer()
        # The database holds it too, whatever writes the row.
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute(
                SQL(
                    "INSERT INTO retention_renewal_offer (contract_id, wage, date_start, deadline, state) "
                    "VALUES (%s, 1, '2026-05-01', '2026-04-20', 'draft')",
                    self.contract.id,
                )
            )
        offer.action_cancel()
        self.assertEqual(self._offer().state, "draft", "a new offer once the open one is cancelled")

    def test_no_offer_on_a_contract_with_a_successor(self):
        self._contract(self.employee, date(2026, 5, 1), date(2027, 4, 30), state="draft")
        with self.assertRaisesRegex(UserError, "already renewed or has a following contract"):
            self._offer()

    def test_signature_does_not_depend_on_the_pdf(self):
        """Without wkhtmltopdf the signature still counts, and the job renders the PDF later."""
        offer = self._offer()
        offer.action_send()
        Report = type(self.env["ir.actions.report"])
        missing = UserError("Unable to find Wkhtmltopdf on this system. The PDF can not be created.")
        with patch.object(Report, "_render_qweb_pdf", side_effect=missing):
            offer.sudo()._action_sign("Renewal Employee", SIGNATURE, self.portal_user)
            with mute_logger("odoo.addons.outsourcing_retention.models.retention_renewal_offer_answer"):
                offer._cron_render_signed_pdfs()
        self.assertEqual(offer.state, "accepted")
        self.assertEqual(offer.signed_pdf_state, "pending", "retried by the next run")
        with patch.object(Report, "_render_qweb_pdf", return_value=(b"%PDF-1.4 fake", "pdf")):
            offer._cron_render_signed_pdfs()
        self.assertEqual(offer.signed_pdf_state, "done")
        self.assertEqual(offer.signed_pdf_id.raw, b"%PDF-1.4 fake")
        self.assertEqual((offer.signed_pdf_id.res_model, offer.signed_pdf_id.res_id), (offer._name, offer.id))
        self.assertFalse(offer.signed_pdf_id.public)

    def test_probation_in_the_offer(self):
        offer = self._offer(trial_months=2)
        self.assertFalse(offer.has_blocking_issue, offer.check_result)
        offer.action_send()
        new_contract = offer.sudo()._action_sign("Renewal Employee", SIGNATURE, self.portal_user)
        self.assertEqual(new_contract.trial_date_end, date(2026, 6, 30))
        with self.assertRaises(ValidationError):
            self._offer(
                contract_id=self._contract(self._employee("T"), date(2025, 5, 1), END).id, trial_months=-1
            )

    def test_prepare_offer_from_the_contract(self):
        action = self.contract.with_user(self.hr_responsible).action_retention_prepare_offer()
        context = action["context"]
        self.assertEqual(action["res_model"], "retention.renewal.offer")
        self.assertEqual(context["default_date_start"], date(2026, 5, 1))
        self.assertFalse(context["default_open_ended"])
        # The same one-year term again.
        self.assertEqual(context["default_date_end"], date(2027, 4, 30))
        employee = self._employee("Second Term Prepare")
        first = self._contract(employee, date(2022, 5, 1), date(2024, 4, 30), state="close")
        second = self._contract(employee, date(2024, 5, 1), END, retention_predecessor_id=first.id)
        context = second.with_user(self.hr_responsible).action_retention_prepare_offer()["context"]
        self.assertTrue(context["default_open_ended"], "art. 14: open-ended by default")
        self.assertNotIn("default_date_end", context)

    def test_only_drafts_are_sent(self):
        offer = self._offer()
        offer.action_send()
        with self.assertRaises(UserError):
            offer.action_send()

    def test_rights(self):
        offer = self._offer()
        other_hr = new_test_user(self.env, "renewal_other_hr", groups="hr_contract.group_hr_contract_manager")
        manager = new_test_user(
            self.env,
            "renewal_retention_manager",
            groups="hr_contract.group_hr_contract_manager,outsourcing_retention.group_retention_manager",
        )
        # HR users manage the offers of contracts they are responsible for; managers all.
        self.assertEqual(
            self.env["retention.renewal.offer"].with_user(other_hr).search([]),
            self.env["retention.renewal.offer"],
        )
        with self.assertRaises(AccessError):
            offer.with_user(other_hr).read(["wage"])
        offer.with_user(manager).write({"wage": 6600})
        # Neither the employee (portal) nor a plain internal user reads offers in the back end.
        employee_user = new_test_user(self.env, "renewal_plain_user", groups="base.group_user")
        for user in (self.portal_user, employee_user):
            with self.assertRaises(AccessError):
                offer.with_user(user).read(["wage"])
