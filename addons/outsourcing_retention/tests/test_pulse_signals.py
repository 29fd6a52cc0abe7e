from datetime import timedelta

from odoo.tests import freeze_time, tagged

from .common import TODAY
from .pulse_common import WEEK, PulseCase


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestPulseSignals(PulseCase):
    """The pulse feeds the rest of the suite: keyword alerts and the risk engine's intention driver."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.intention = cls.env.ref("outsourcing_retention.risk_driver_intention")

    def test_keyword_in_an_answer_alerts_the_site_manager_in_the_same_transaction(self):
        invitation = self._invite(self.campaign_a).filtered(lambda i: i.employee_id == self.employee_portal)
        Alert = self.env["retention.pulse.alert"]
        before = Alert.search([])
        self._answer(invitation, enps=3, mood=2, comment="最近工资晚发，加班太多")
        alert = Alert.search([]) - before
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.site_id, self.site_a)
        self.assertEqual(alert.regional_manager_id, self.user_a)
        self.assertIn("工资晚发", alert.text)
        # no consent: the alert shows the text and the site, never the person
        self.assertFalse(alert.employee_id)
        self.assertTrue(alert.with_user(self.user_a).read(["text"]))
        self.assertFalse(alert.with_user(self.user_b).search([("id", "=", alert.id)]))

    def test_kept_answers_and_open_alerts_feed_the_intention_driver(self):
        employee = self.employee_2
        self.env["retention.consent"]._give(employee, "pulse")
        earlier = WEEK.replace(day=WEEK.day - 7)
        for week, enps, mood, comment in ((earlier, 9, 5, ""), (WEEK, 4, 3, "不想干了")):
            invitation = self._invite(self.campaign_a, week).filtered(lambda i: i.employee_id == employee)
            self._answer(invitation, enps=enps, mood=mood, comment=comment)
        values = self.intention._risk_values(self.people_a, TODAY)["intention"]
        sub = values[employee.id]
        self.assertEqual(sub.code, "intention_signs")
        for sign in ("enps_detractor", "enps_falling", "mood_falling", "keyword_alerts"):
            self.assertIn(sign, sub.params["signs"])
        # An anonymous answer (no consent) never reaches a person's score.
        portal = self.employee_portal
        invitation = self._invite(self.campaign_a).filtered(lambda i: i.employee_id == portal)
        self._answer(invitation, enps=0, mood=1, comment="不想干了")
        values = self.intention._risk_values(self.people_a, TODAY)["intention"]
        self.assertNotIn(values[portal.id].code, ("intention_signs",))
        # A handled alert no longer counts.
        self.env["retention.pulse.alert"].search([("employee_id", "=", employee.id)]).action_false_positive()
        values = self.intention._risk_values(self.people_a, TODAY)["intention"]
        self.assertNotIn("keyword_alerts", values[employee.id].params["signs"])


@tagged("post_install", "-at_install")
class TestPulseRetentionPeriod(PulseCase):
    """Kept answers go after the 12 months the consent text promises."""

    def test_answers_older_than_twelve_months_are_deleted(self):
        employee = self.employee_2
        with freeze_time(TODAY):
            self.env["retention.consent"]._give(employee, "pulse")
            invitation = self._invite(self.campaign_a).filtered(lambda i: i.employee_id == employee)
            self._answer(invitation, enps=8, mood=4)
        Response = self.env["retention.pulse.response"]
        kept = Response.search([("employee_id", "=", employee.id)])
        self.assertEqual(len(kept), 1)
        with freeze_time(WEEK.replace(year=WEEK.year + 1) - timedelta(days=1)):
            self.assertEqual(Response._cron_purge_expired(), 0, "not yet 12 months")
        with freeze_time(WEEK.replace(year=WEEK.year + 1) + timedelta(days=1)):
            self.assertEqual(Response._cron_purge_expired(), 1)
        self.assertFalse(kept.exists())
