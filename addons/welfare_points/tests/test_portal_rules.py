from odoo.tests import HttpCase, freeze_time, tagged

from .common import TODAY, WelfareCase
from .test_portal import http_csrf


class PortalRulesCase(HttpCase, WelfareCase):
    """/my/points/rules: the published rules in force, acknowledged by the employee."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rule = cls.env["welfare.earning.rule"]
        Rule.search([]).action_archive()
        cls.rule = Rule.create({"name": "全勤奖励", "trigger": "attendance", "points": 50})
        cls.rule.action_publish()
        cls.draft = Rule.create({"name": "草稿规则", "trigger": "referral", "points": 10})
        cls.rule_c2 = Rule.create(
            {"name": "二公司规则", "trigger": "referral", "points": 10, "company_id": cls.company_2.id}
        )
        cls.rule_c2.action_publish()
        cls.checkup = cls.env["welfare.benefit"].create({"name": "体检", "points_cost": 10})
        cls.Ack = cls.env["welfare.rule.acknowledgement"]


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestPortalRules(PortalRulesCase):
    def _form(self):
        response = self.url_open("/my/points/rules")
        marker = 'name="versions" value="'
        start = response.text.index(marker) + len(marker)
        return response, response.text[start : response.text.index('"', start)]

    def test_rules_shown_and_acknowledged(self):
        self.authenticate("wf_portal", "wf_portal")
        response, versions = self._form()
        self.assertIn("全勤奖励", response.text)
        self.assertNotIn("草稿规则", response.text, "drafts are not shown")
        self.assertNotIn("二公司规则", response.text, "nor another company's rules")
        self.assertEqual(versions, f"{self.rule.id}:1")
        # GET never acknowledges
        self.url_open(f"/my/points/rules/acknowledge?versions={versions}")
        self.assertFalse(self.Ack.search([]))
        form = {"versions": versions, "csrf_token": http_csrf(self)}
        self.url_open("/my/points/rules/acknowledge", data=form)
        self.url_open("/my/points/rules/acknowledge", data=form)
        self.assertRecordValues(
            self.Ack.search([]),
            [{"employee_id": self.employee_portal.id, "rule_id": self.rule.id, "version": 1}],
        )
        self.assertIn("o_welfare_rule_acknowledged", self.url_open("/my/points/rules").text)

    def test_changed_rule_must_be_read_again(self):
        self.authenticate("wf_portal", "wf_portal")
        _response, versions = self._form()
        self.rule.points = 60
        self.rule.action_publish()
        response = self.url_open(
            "/my/points/rules/acknowledge", data={"versions": versions, "csrf_token": http_csrf(self)}
        )
        self.assertIn("read them again", response.text)
        self.assertFalse(self.Ack.search([]))
        # a forged version list is refused the same way
        self.url_open(
            "/my/points/rules/acknowledge",
            data={"versions": f"{self.rule_c2.id}:1", "csrf_token": http_csrf(self)},
        )
        self.assertFalse(self.Ack.search([]))


@tagged("post_install", "-at_install")
class TestPortalRulesTour(PortalRulesCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_rules_tour(self):
        self.start_tour("/my/points/rules", "welfare_points_rules_tour", login="wf_portal")
        self.assertRecordValues(
            self.Ack.search([]),
            [{"employee_id": self.employee_portal.id, "rule_id": self.rule.id, "version": 1}],
        )
