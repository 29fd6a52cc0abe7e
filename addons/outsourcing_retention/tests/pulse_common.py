from datetime import timedelta

from odoo import Command
from odoo.tests import new_test_user

from .common import TODAY, RetentionCase

WEEK = TODAY  # a Monday


class PulseCase(RetentionCase):
    """Six people at site_a (the portal employee among them), five at site_b, a weekly campaign per site."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        start = TODAY - timedelta(days=60)
        cls.people_a = cls.employee_portal | cls.employee_1 | cls.employee_2
        cls.people_a |= Employee.create(
            [
                {"name": name, "company_id": cls.company.id, "work_email": f"{i}@a.example.com"}
                for i, name in enumerate(["孙丽", "周强", "吴敏"])
            ]
        )
        cls.people_b = Employee.create(
            [
                {"name": name, "company_id": cls.company.id, "work_email": f"{i}@b.example.com"}
                for i, name in enumerate(["郑伟", "冯静", "陈刚", "褚红", "卫东"])
            ]
        )
        for employee in cls.people_a:
            cls._assign(employee, cls.site_a, start)
        for employee in cls.people_b:
            cls._assign(employee, cls.site_b, start)
        cls.survey = cls.env.ref("outsourcing_retention.survey_retention_pulse")
        cls.wellbeing_survey = cls.env.ref("outsourcing_retention.survey_retention_wellbeing")
        Campaign = cls.env["retention.pulse.campaign"]
        cls.campaign_a = Campaign.create(
            {"name": "苏州二厂周调查", "site_id": cls.site_a.id, "date_start": start}
        )
        cls.campaign_b = Campaign.create(
            {"name": "昆山仓库周调查", "site_id": cls.site_b.id, "date_start": start}
        )
        cls.employee_user = new_test_user(
            cls.env,
            "ret_employee",
            groups="base.group_user",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.employee_2.user_id = cls.employee_user

    def _invite(self, campaign, week=WEEK):
        wave = self.env["retention.pulse.wave"].search(
            [("campaign_id", "=", campaign.id), ("week", "=", week)]
        )
        if not wave:
            wave = self.env["retention.pulse.wave"].create({"campaign_id": campaign.id, "week": week})
            wave._send_batch(100)
        return wave.invitation_ids

    def _answer(self, invitation, **values):
        """Open the invitation and submit answers by retention role, as the survey controller does."""
        answer = invitation._open_answer()
        questions = answer.survey_id.question_ids
        for question in questions:
            value = values.get(question.retention_role)
            if value is None or value == "":
                answer._save_lines(question, "", None)
            else:
                answer._save_lines(question, str(value) if question.question_type == "scale" else value, None)
        answer._mark_done()
        return answer

    def _pulse(self, campaign, answers, week=WEEK):
        """``answers``: a list of (enps, mood) or (enps, mood, comment) for the first invitations."""
        invitations = self._invite(campaign, week)
        for invitation, values in zip(invitations.sorted("id"), answers, strict=False):
            enps, mood, *comment = values
            self._answer(invitation, enps=enps, mood=mood, comment=comment[0] if comment else None)
        return invitations
