from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, new_test_user
from odoo.tools import mute_logger

from .common import TODAY
from .pulse_common import WEEK, PulseCase

NEXT_WEEK = WEEK.replace(day=WEEK.day + 7)


@freeze_time(TODAY)
class TestPulseCron(PulseCase):
    def test_cron_invites_once_per_campaign_and_week(self):
        Campaign = self.env["retention.pulse.campaign"]
        Campaign._cron_send_invitations()
        invitations = self.env["retention.pulse.invitation"].search([("week", "=", WEEK)])
        self.assertEqual(len(invitations), len(self.people_a) + len(self.people_b))
        self.assertEqual(
            invitations.filtered(lambda i: i.campaign_id == self.campaign_a).employee_id, self.people_a
        )
        self.assertEqual(set(invitations.wave_id.mapped("state")), {"done"})
        # Run again the same week: nothing new.
        self.assertEqual(Campaign._cron_send_invitations(), 0)
        self.assertEqual(
            self.env["retention.pulse.invitation"].search_count([("week", "=", WEEK)]), len(invitations)
        )
        # The database refuses a second wave for the same week.
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["retention.pulse.wave"].create({"campaign_id": self.campaign_a.id, "week": WEEK})
        # E-mails went to the people with an address, with the token link.
        mails = self.env["mail.mail"].search([("model", "=", "retention.pulse.invitation")])
        self.assertTrue(mails)
        self.assertIn("/pulse/", mails[0].body_html)

    def test_cron_batches_report_progress(self):
        with patch.object(type(self.env["ir.cron"]), "_notify_progress") as progress:
            done = self.env["retention.pulse.campaign"]._cron_send_invitations(batch_size=4)
        self.assertEqual(done, 4)
        progress.assert_called_once_with(done=4, remaining=len(self.people_a) + len(self.people_b) - 4)

    def test_batch_query_count_is_constant(self):
        # Everybody at site_b has an e-mail address: each batch sends its mails.
        Wave = self.env["retention.pulse.wave"]
        Wave.create({"campaign_id": self.campaign_b.id, "week": WEEK})._send_batch(1)  # warm the caches
        wave_small = Wave.create({"campaign_id": self.campaign_b.id, "week": NEXT_WEEK})
        wave_large = Wave.create({"campaign_id": self.campaign_b.id, "week": WEEK.replace(day=WEEK.day + 14)})
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        wave_small._send_batch(2)
        self.env.flush_all()
        small = self.env.cr.sql_log_count - before
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        wave_large._send_batch(5)
        self.env.flush_all()
        large = self.env.cr.sql_log_count - before
        self.assertEqual(small, large, "inviting 2 or 5 people costs the same number of queries")

    def test_cadence(self):
        self.campaign_a.cadence = "biweekly"
        self.campaign_a.date_start = WEEK
        with freeze_time(NEXT_WEEK):
            waves = self.env["retention.pulse.campaign"]._open_due_waves(NEXT_WEEK)
        self.assertNotIn(self.campaign_a, waves.campaign_id)
        self.assertIn(self.campaign_b, waves.campaign_id)


@freeze_time(TODAY)
class TestPulseConsent(PulseCase):
    def _bucket(self, site, kind="pulse", period=WEEK):
        self.env.cr.execute(
            "SELECT answer_count, promoter_count, detractor_count, mood_sum FROM retention_pulse_bucket"
            " WHERE kind = %s AND site_id = %s AND period = %s",
            [kind, site.id, period],
        )
        return self.env.cr.fetchone()

    def test_answer_without_consent_leaves_nothing_linking_the_person(self):
        employee = self.employee_portal
        partner = employee.user_id.partner_id
        invitation = self._invite(self.campaign_a).filtered(lambda i: i.employee_id == employee)
        messages_before = self.env["mail.message"].search([]).ids
        with patch.object(type(self.env["survey.user_input"]), "_retention_raise_pulse_alert") as alert:
            # The employee answers logged in on the portal.
            answer = invitation.with_user(self.portal_user)._open_answer()
            self.assertFalse(answer.partner_id or answer.email or answer.nickname)
            self.assertEqual(answer.create_uid.id, SUPERUSER_ID)
            self.assertFalse(
                answer.retention_employee_id, "no consent: the answer does not name the employee"
            )
            answer = answer.with_user(self.portal_user).sudo()
            for question in answer.survey_id.question_ids:
                value = {"enps": "3", "mood": "2", "comment": "工资晚发，加班太多"}[question.retention_role]
                answer._save_lines(question, value, None)
            answer._mark_done()
        self.assertEqual(invitation.state, "used")
        # The comment went to the keyword alerts without the employee.
        alert.assert_called_once()
        self.assertEqual(alert.call_args.args[:3], ("工资晚发，加班太多", self.site_a, None))
        # Counted in the anonymous totals only.
        self.assertEqual(self._bucket(self.site_a), (1, 0, 1, 2))
        self.assertFalse(self.env["retention.pulse.response"].search([("employee_id", "=", employee.id)]))
        # What is left of the survey answer names nobody and holds no answer.
        self.env.invalidate_all()
        shell = self.env["survey.user_input"].browse(answer.id)
        self.assertFalse(shell.user_input_line_ids)
        self.assertFalse(shell.partner_id or shell.email or shell.nickname or shell.invite_token)
        self.assertFalse(shell.create_uid or shell.write_uid)
        self.assertFalse(shell.retention_employee_id or shell.retention_site_id or shell.retention_period)
        self.assertFalse(self.env["survey.user_input.line"].search([("survey_id", "=", self.survey.id)]))
        self.assertFalse(self.env["survey.user_input"].search([("partner_id", "=", partner.id)]))
        self.assertFalse(self.env["survey.user_input"].search([("retention_employee_id", "=", employee.id)]))
        # No message about the participation, no message by the employee.
        new_messages = self.env["mail.message"].search([("id", "not in", messages_before)])
        self.assertFalse(
            new_messages.filtered(lambda m: m.model == "survey.user_input" or m.author_id == partner)
        )
        # The invitation keeps no date or user to line up with, and no link to the answer.
        Invitation = self.env["retention.pulse.invitation"]
        for name in ("create_date", "write_date", "create_uid", "write_uid"):
            self.assertNotIn(name, Invitation._fields)
        self.assertFalse([f for f in Invitation._fields.values() if f.comodel_name == "survey.user_input"])
        # The anonymous totals have no user or date columns either.
        for name in ("create_date", "write_date", "create_uid", "write_uid"):
            self.assertNotIn(name, self.env["retention.pulse.bucket"]._fields)
        # The invitation is used once.
        with self.assertRaises(UserError):
            invitation._open_answer()
        # The purge deletes the shell later on.
        with freeze_time(NEXT_WEEK):
            self.assertGreaterEqual(self.env["survey.user_input"]._cron_purge_retention_shells(), 1)
        self.assertFalse(shell.exists())

    def test_answer_with_consent_is_kept_for_managers(self):
        employee = self.employee_2
        Consent = self.env["retention.consent"]
        consent = Consent._give(employee, "pulse")
        self.assertEqual(consent.text_version, "2026-01")
        self.assertEqual(Consent._give(employee, "pulse"), consent, "giving twice keeps one consent")
        invitation = self._invite(self.campaign_a).filtered(lambda i: i.employee_id == employee)
        with patch.object(type(self.env["survey.user_input"]), "_retention_raise_pulse_alert") as alert:
            self._answer(invitation, enps=10, mood=5, comment="不想干了")
        response = self.env["retention.pulse.response"].search([("employee_id", "=", employee.id)])
        self.assertRecordValues(
            response,
            [{"kind": "pulse", "enps": 10, "mood": 5, "comment": "不想干了", "consent_id": consent.id}],
        )
        self.assertEqual(alert.call_args.args[:3], ("不想干了", self.site_a, employee))
        self.assertEqual(self._bucket(self.site_a), (1, 1, 0, 5))
        # Withdrawn: the next answers are anonymous again; what was kept stays.
        consent._withdraw()
        self.assertTrue(consent.date_withdrawn)
        with self.assertRaises(UserError):
            consent.write({"date_withdrawn": False})
        invitation = self._invite(self.campaign_a, NEXT_WEEK).filtered(lambda i: i.employee_id == employee)
        self._answer(invitation, enps=2, mood=1)
        self.assertEqual(
            self.env["retention.pulse.response"].search_count([("employee_id", "=", employee.id)]), 1
        )
        # A new consent can be given after a withdrawal.
        self.assertNotEqual(Consent._give(employee, "pulse"), consent)

    def test_consent_withdrawn_before_submitting(self):
        employee = self.employee_2
        consent = self.env["retention.consent"]._give(employee, "pulse")
        invitation = self._invite(self.campaign_a).filtered(lambda i: i.employee_id == employee)
        answer = invitation._open_answer()
        self.assertEqual(answer.retention_employee_id, employee)
        consent._withdraw()
        for question in answer.survey_id.question_ids:
            answer._save_lines(
                question, {"enps": "8", "mood": "4", "comment": ""}[question.retention_role], None
            )
        answer._mark_done()
        self.assertFalse(self.env["retention.pulse.response"].search([("employee_id", "=", employee.id)]))
        self.assertEqual(self._bucket(self.site_a)[0], 1)

    def test_one_current_consent_in_the_database(self):
        consent = self.env["retention.consent"]._give(self.employee_1, "pulse")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.env.cr.savepoint():
            self.env["retention.consent"].create(
                {"employee_id": self.employee_1.id, "purpose": "pulse", "text_version": "x"}
            )
        self.assertTrue(consent.is_current)


@freeze_time(TODAY)
class TestPulseUnderFive(PulseCase):
    def test_figures_under_five_answers_are_hidden_everywhere(self):
        # Four answers at site_a (all detractors), five at site_b (all promoters).
        self._pulse(self.campaign_a, [(0, 1)] * 4)
        self._pulse(self.campaign_b, [(10, 5)] * 5)
        Report = self.env["retention.pulse.report"].with_user(self.manager)
        row_a = Report.search([("site_id", "=", self.site_a.id)])
        row_b = Report.search([("site_id", "=", self.site_b.id)])
        self.assertRecordValues(
            row_a, [{"answer_count": 4, "is_hidden": True, "enps": False, "mood_avg": False}]
        )
        self.assertRecordValues(
            row_b, [{"answer_count": 5, "is_hidden": False, "enps": 100.0, "mood_avg": 5.0}]
        )
        self.assertEqual(row_a.read(["enps", "mood_avg"])[0]["enps"], False)
        # Grouping by client or week: site_a's four answers never enter a figure, so the
        # client's total minus site_b's gives nothing away.
        for groupby in (["client_id"], ["week:week"], ["company_id"], []):
            groups = Report.read_group(
                [], ["enps:avg", "mood_avg:max", "answer_count:sum"], groupby, lazy=False
            )
            self.assertEqual(len(groups), 1)
            self.assertEqual(groups[0]["answer_count"], 9)
            self.assertEqual(groups[0]["enps"], 100.0, groupby)
            self.assertEqual(groups[0]["mood_avg"], 5.0, groupby)
        # Only the small site: hidden, whatever the aggregate.
        for spec in ("enps:sum", "enps:min", "enps:avg", "mood_avg:sum"):
            groups = Report._read_group([("site_id", "=", self.site_a.id)], [], [spec])
            self.assertIs(groups[0][0], False, spec)
        # The raw totals are readable by nobody.
        with self.assertRaises(AccessError):
            self.env["retention.pulse.bucket"].with_user(self.manager).search([])
        # The fifth answer shows the site.
        invitation = self._invite(self.campaign_a).filtered(lambda i: i.state == "sent")[:1]
        self._answer(invitation, enps=9, mood=3)
        self.env.invalidate_all()
        self.assertRecordValues(
            row_a, [{"answer_count": 5, "is_hidden": False, "enps": -60.0, "mood_avg": 1.4}]
        )


@freeze_time(TODAY)
class TestPulseAccess(PulseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_c2 = new_test_user(
            cls.env,
            "ret_manager_c2",
            groups="outsourcing_retention.group_retention_manager",
            company_id=cls.company_2.id,
            company_ids=[Command.set(cls.company_2.ids)],
        )

    def test_rights(self):
        self.env["retention.consent"]._give(self.employee_2, "pulse")
        self.env["retention.consent"]._give(self.employee_1, "pulse")
        self._pulse(self.campaign_a, [(8, 4, "还行")] * 6)
        self._pulse(self.campaign_b, [(8, 4)] * 5)
        Report = self.env["retention.pulse.report"]
        # Regional managers: the aggregates of their own sites only.
        self.assertEqual(Report.with_user(self.user_a).search([]).site_id, self.site_a)
        self.assertEqual(Report.with_user(self.user_b).search([]).site_id, self.site_b)
        self.assertEqual(len(Report.with_user(self.manager).search([])), 2)
        self.assertFalse(Report.with_user(self.manager_c2).search([]))
        for user in (self.hr_officer, self.portal_user, self.employee_user):
            with self.assertRaises(AccessError):
                Report.with_user(user).search([])
        # Answers kept with consent: retention managers only.
        Response = self.env["retention.pulse.response"]
        self.assertEqual(len(Response.with_user(self.manager).search([])), 2)
        self.assertFalse(Response.with_user(self.manager_c2).search([]))
        for user in (self.user_a, self.hr_officer, self.portal_user, self.employee_user):
            with self.assertRaises(AccessError):
                Response.with_user(user).search([])
        # Consents: the employee their own, managers all, nobody writes them.
        Consent = self.env["retention.consent"]
        self.assertEqual(Consent.with_user(self.employee_user).search([]).employee_id, self.employee_2)
        self.assertEqual(len(Consent.with_user(self.manager).search([])), 2)
        self.assertFalse(Consent.with_user(self.manager_c2).search([]))
        with self.assertRaises(AccessError):
            Consent.with_user(self.employee_user).create(
                {"employee_id": self.employee_1.id, "purpose": "pulse", "text_version": "x"}
            )
        with self.assertRaises(AccessError):
            Consent.with_user(self.manager).search([], limit=1).write(
                {"date_withdrawn": "2026-03-16 00:00:00"}
            )
        self.assertFalse(Consent.with_user(self.user_a).search([]), "a regional manager reads only their own")
        # Invitations and their tokens: managers read invitations, never the token.
        invitation = self.env["retention.pulse.invitation"].with_user(self.manager).search([], limit=1)
        with self.assertRaises(AccessError):
            invitation.read(["access_token"])
        with self.assertRaises(AccessError):
            self.env["retention.pulse.invitation"].with_user(self.user_a).search([])


@freeze_time(TODAY)
class TestWellbeing(PulseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.site_a.high_pressure = True
        cls.campaign_w = cls.env["retention.pulse.campaign"].create(
            {
                "name": "苏州二厂心理健康月检",
                "kind": "wellbeing",
                "survey_id": cls.wellbeing_survey.id,
                "cadence": "monthly",
                "client_id": cls.client.id,
                "high_pressure_only": True,
                "followup_user_id": cls.manager.id,
                "date_start": TODAY.replace(day=1),
            }
        )

    def _check(self, invitation, pss4, gad2):
        values = dict(zip(("pss4_1", "pss4_2", "pss4_3", "pss4_4"), pss4, strict=True))
        values.update(zip(("gad2_1", "gad2_2"), gad2, strict=True))
        return self._answer(invitation, **values)

    def test_wellbeing_check(self):
        invitations = self._invite(self.campaign_w, WEEK.replace(day=2))
        self.assertEqual(invitations.employee_id, self.people_a, "only the high-pressure site is invited")
        self.assertEqual(set(invitations.site_id.ids), {self.site_a.id})
        self.env["retention.consent"]._give(self.employee_2, "wellbeing")
        by_employee = {i.employee_id: i for i in invitations}
        # With consent and past the threshold: kept, confidential follow-up for the manager.
        answer = self._check(by_employee[self.employee_2], (4, 0, 0, 4), (3, 3))
        self.assertTrue(answer.retention_referral)
        response = self.env["retention.pulse.response"].search([("employee_id", "=", self.employee_2.id)])
        self.assertRecordValues(response, [{"kind": "wellbeing", "pss4": 16, "gad2": 6, "flagged": True}])
        self.assertEqual(response.activity_ids.user_id, self.manager)
        # Without consent and past the threshold: the referral only, nothing kept per person.
        answer = self._check(by_employee[self.employee_1], (3, 1, 1, 3), (2, 1))
        self.assertTrue(answer.retention_referral)
        self.assertFalse(
            self.env["retention.pulse.response"].search([("employee_id", "=", self.employee_1.id)])
        )
        self.assertFalse(self.env["mail.activity"].search([("res_model", "=", "survey.user_input")]))
        # Under the threshold: no referral.
        answer = self._check(by_employee[self.employee_portal], (0, 4, 4, 0), (0, 0))
        self.assertFalse(answer.retention_referral)
        # The stress index shows from five answers on.
        Report = self.env["retention.wellbeing.report"].with_user(self.user_a)
        self.assertRecordValues(
            Report.search([]), [{"answer_count": 3, "is_hidden": True, "stress_index": False}]
        )
        others = invitations - by_employee[self.employee_2] - by_employee[self.employee_1]
        others = others - by_employee[self.employee_portal]
        for invitation in others[:2]:
            self._check(invitation, (2, 2, 2, 2), (1, 1))
        self.env.invalidate_all()
        row = Report.search([])
        # PSS-4 totals 16 + 12 + 0 + 8 + 8 = 44 over 5 answers, on a 0-100 scale.
        self.assertRecordValues(row, [{"answer_count": 5, "is_hidden": False, "stress_index": 55.0}])
        self.assertEqual(Report.read_group([], ["stress_index:avg"], [])[0]["stress_index"], 55.0)
