from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import TODAY, LegalAidCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestCase(LegalAidCase):
    def _new_case(self, **vals):
        return (
            self.env["legal.case"]
            .with_user(self.coordinator)
            .create(
                {
                    "employee_id": self.employee.id,
                    "category_id": self.category_wages.id,
                    "known_on": date(2026, 3, 1),
                    **vals,
                }
            )
        )

    def test_create_numbers_and_links_the_requester(self):
        case = self._new_case()
        self.assertRegex(case.name, r"^LA/2026/\d{4}$")
        self.assertEqual(case.requester_user_id, self.employee_user)
        self.assertEqual(case.stage, "request")
        self.assertTrue(case.conflict_of_interest)  # the default opposing party is a client
        self.assertEqual(self.case_a.amount_claimed, 30000)

    def test_known_on_in_the_future_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be in the future"):
            self._new_case(known_on=date(2026, 3, 17))
        self.assertFalse(self.env["legal.case"].search([("known_on", "=", date(2026, 3, 17))]))

    def test_recovered_above_awarded_needs_a_note(self):
        self.case_a.write({"amount_awarded": 20000, "amount_recovered": 20000})
        with self.assertRaisesRegex(ValidationError, "recovery note"):
            self.case_a.amount_recovered = 21000
        self.case_a.write({"amount_recovered": 21000, "recovery_note": "含迟延履行利息"})
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.case_a.amount_awarded = -1

    def test_no_lawsuit_before_arbitration(self):
        case = self._new_case()
        with self.assertRaisesRegex(ValidationError, "arbitrated first"):
            case.stage = "first_instance"
        self.assertEqual(case.stage, "request")
        case.stage = "mediation"
        case.stage = "arbitration"
        case.stage = "first_instance"
        case.stage = "second_instance"
        self.assertTrue(case.arbitration_reached)

    def test_outcome_only_when_closed(self):
        case = self._new_case()
        with self.assertRaisesRegex(ValidationError, "Give the outcome"):
            case.stage = "closed"
        with self.assertRaisesRegex(ValidationError, "only once it is closed"):
            case.outcome = "won"
        case.write({"stage": "closed", "outcome": "settled"})
        self.assertEqual(case.date_closed, TODAY)

    def test_lawyer_must_belong_to_the_firm(self):
        with self.assertRaisesRegex(ValidationError, "not a lawyer of the firm"):
            self.case_a.lawyer_id = self.lawyer_b

    def test_lawyers_are_portal_users(self):
        with self.assertRaisesRegex(ValidationError, "must be portal users"):
            self.firm_a.lawyer_ids = [Command.link(self.hr_officer.id)]

    def test_coordinator_must_be_one(self):
        with self.assertRaisesRegex(ValidationError, "not a legal-aid coordinator"):
            self.case_a.coordinator_id = self.hr_officer

    def test_take_an_unassigned_request(self):
        case = self._new_case()
        case.action_take()
        self.assertEqual(case.coordinator_id, self.coordinator)
        self.assertTrue(case.date_first_response)

    def test_followers_are_the_parties_only(self):
        self.assertEqual(
            self.case_a.message_partner_ids,
            (self.employee_user | self.lawyer_a | self.coordinator).partner_id,
        )
        for outsider in (self.hr_officer, self.retention_manager, self.lawyer_b, self.coordinator_2):
            with self.assertRaisesRegex(AccessError, "may follow"):
                self.case_a.message_subscribe(partner_ids=outsider.partner_id.ids)
        self.assertNotIn(self.hr_officer.partner_id, self.case_a.message_partner_ids)
        # A change of firm or coordinator drops the former ones.
        self.case_a.write(
            {"lawyer_id": False, "firm_id": self.firm_b.id, "coordinator_id": self.coordinator_2.id}
        )
        self.assertEqual(
            self.case_a.message_partner_ids,
            (self.employee_user | self.lawyer_b | self.coordinator_2).partner_id,
        )

    def test_firm_load_counts_open_cases(self):
        self.assertEqual(self.firm_a.with_user(self.coordinator_2).open_case_count, 1)
        self.case_a.write({"stage": "closed", "outcome": "withdrawn"})
        self.firm_a.invalidate_recordset(["open_case_count"])
        self.assertEqual(self.firm_a.open_case_count, 0)

    def test_firm_suggestion(self):
        case = self._new_case(performance_city="苏州", opposing_party_type="third_party")
        self.assertEqual(case.suggested_firm_ids, self.firm_a)
        # The employer's domicile is competent too (art. 21).
        self.firm_b.write({"cities": "上海", "category_ids": [Command.set(self.category_wages.ids)]})
        self.client.city = "上海"
        case.write({"opposing_party_type": "client", "opposing_partner_id": self.client.id})
        self.assertEqual(
            case.suggested_firm_ids, self.firm_b | self.firm_a
        )  # firm_b has no open case yet... by load
        # A firm engaged for the other side is not suggested.
        self.firm_a.engaged_partner_ids = [Command.link(self.client.id)]
        case.invalidate_recordset(["suggested_firm_ids"])
        self.assertEqual(case.suggested_firm_ids, self.firm_b)
        # Nor a full one; a firm of another category neither.
        self.firm_b.capacity = 1
        case.invalidate_recordset(["suggested_firm_ids"])
        self.assertFalse(case.suggested_firm_ids)

    def test_messages_reach_the_parties_only(self):
        case = self.case_a.with_user(self.coordinator)
        for outsider in (self.hr_officer, self.retention_manager, self.lawyer_b):
            with self.assertRaisesRegex(AccessError, "may only be sent to"):
                case.message_post(body="请查收", partner_ids=outsider.partner_id.ids)
        case.message_post(body="请查收", partner_ids=self.lawyer_a.partner_id.ids)
        self.assertFalse(
            self.env["mail.message"].search(
                [("model", "=", "legal.case"), ("partner_ids", "in", self.hr_officer.partner_id.ids)]
            )
        )
