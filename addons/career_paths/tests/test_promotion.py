from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import TODAY, CareerCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestPromotion(CareerCase):
    def _propose(self, user=None, **vals):
        Promotion = self.env["career.promotion"]
        if user:
            Promotion = Promotion.with_user(user)
        return Promotion.create(
            {
                "employee_id": self.employee.id,
                "track_id": self.track.id,
                "grade_from_id": self.grade_1.id,
                "grade_to_id": self.grade_2.id,
                **vals,
            }
        )

    def test_proposed_approved_effective(self):
        promotion = self._propose(user=self.officer, date_effective=date(2026, 4, 1))
        self.assertEqual((promotion.kind, promotion.state), ("manual", "proposed"))
        with self.assertRaisesRegex(UserError, "Only career managers"):
            promotion.with_user(self.officer).action_approve()
        with self.assertRaisesRegex(UserError, "Only career managers"):
            promotion.with_user(self.officer).write({"state": "approved"})
        promotion.with_user(self.career_manager).action_approve()
        self.assertEqual((promotion.state, promotion.approved_by_id), ("approved", self.career_manager))
        with self.assertRaisesRegex(UserError, "Only career managers"):
            promotion.with_user(self.officer).note = "officers cannot edit an approved promotion"
        promotion.with_user(self.career_manager).action_make_effective()
        self.assertEqual(promotion.state, "effective")
        history = self.env["career.employee.grade"].search(
            [("employee_id", "=", self.employee.id), ("track_id", "=", self.track.id)], order="date_start"
        )
        self.assertRecordValues(
            history,
            [
                {"grade_id": self.grade_1.id, "date_start": date(2024, 1, 1), "date_end": date(2026, 3, 31)},
                {"grade_id": self.grade_2.id, "date_start": date(2026, 4, 1), "date_end": False},
            ],
        )
        self.assertEqual(history[-1].promotion_id, promotion)
        self.assertEqual(self.employee._career_current_grades(), {self.track.id: self.grade_2})
        self.assertIn("中级技工", self.employee.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "this step is not possible"):
            promotion.with_user(self.career_manager).action_approve()

    def test_refuse(self):
        promotion = self._propose(user=self.officer)
        promotion.with_user(self.career_manager).action_refuse()
        self.assertEqual(promotion.state, "refused")
        with self.assertRaisesRegex(UserError, "this step is not possible"):
            promotion.with_user(self.career_manager).action_make_effective()
        # A refused promotion does not block a new proposal.
        self.assertTrue(self._propose(user=self.officer))

    def test_one_open_promotion_per_grade(self):
        self._propose(user=self.officer)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self._propose(user=self.officer)

    def test_grade_of_another_track_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "moving to another track is a transfer"):
            self._propose(user=self.officer, grade_to_id=self.team_lead.id)
        self.assertFalse(self.env["career.promotion"].search([("employee_id", "=", self.employee.id)]))

    def test_officer_cannot_create_an_approved_promotion(self):
        with self.assertRaisesRegex(UserError, "Only career managers"):
            self._propose(user=self.officer, state="approved")

    def test_grade_history_rejects_older_start(self):
        with self.assertRaisesRegex(ValidationError, "a new grade must start later"):
            self.env["career.employee.grade"].create(
                {
                    "employee_id": self.employee.id,
                    "track_id": self.track.id,
                    "grade_id": self.grade_2.id,
                    "date_start": date(2023, 1, 1),
                }
            )
        with self.assertRaisesRegex(ValidationError, "belongs to the track"):
            self.env["career.employee.grade"].create(
                {
                    "employee_id": self.employee_2.id,
                    "track_id": self.management.id,
                    "grade_id": self.grade_2.id,
                }
            )
