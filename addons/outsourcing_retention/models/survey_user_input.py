from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..engine import pulse

PSS4_ROLES = ("pss4_1", "pss4_2", "pss4_3", "pss4_4")
GAD2_ROLES = ("gad2_1", "gad2_2")


class SurveyUserInput(models.Model):
    """Answers to retention surveys leave the survey as soon as they are submitted.

    An invitation opens an answer created by the superuser with no partner, e-mail or
    nickname; it carries the site, the period and the campaign, and the employee only
    when they hold a current separate consent. On submission (``_mark_done``) the
    answer is added to the anonymous bucket of its site and period, kept per person in
    retention.pulse.response only with a consent that is still current, its comment is
    handed to the keyword alerts; then its lines are deleted and the remaining shell is
    stripped of everything (users included) but the "thank you" page needs. A daily cron
    deletes the shells.
    """

    _inherit = "survey.user_input"

    retention_campaign_id = fields.Many2one(
        "retention.pulse.campaign", index="btree_not_null", ondelete="set null", readonly=True
    )
    retention_site_id = fields.Many2one("retention.client.site", ondelete="set null", readonly=True)
    retention_period = fields.Date(readonly=True)
    retention_employee_id = fields.Many2one(
        "hr.employee",
        ondelete="set null",
        readonly=True,
        groups="outsourcing_retention.group_retention_manager",
        help="Set only while the employee holds a current separate consent.",
    )
    retention_satisfaction_id = fields.Many2one(
        "retention.client.satisfaction",
        string="Client Satisfaction",
        index="btree_not_null",
        ondelete="set null",
        help="The quarter of the client satisfaction survey this answer belongs to.",
    )
    retention_referral = fields.Boolean(readonly=True, help="The wellbeing check passed a threshold.")
    retention_service_ids = fields.Many2many(
        "retention.counselling.service", compute="_compute_retention_service_ids"
    )

    def _compute_retention_service_ids(self):
        # sudo: the counselling services are public information for employees (name,
        # phone, website, description only).
        services = self.env["retention.counselling.service"].sudo().search([])
        for answer in self:
            answer.retention_service_ids = services

    def _notify_new_participation_subscribers(self):
        # No "X just participated" message for retention surveys: it would tie the person to the time.
        return super(
            SurveyUserInput, self.filtered(lambda a: not a.survey_id.retention_kind)
        )._notify_new_participation_subscribers()

    def _mark_done(self):
        res = super()._mark_done()
        retention = self.filtered(
            lambda a: a.survey_id.retention_kind and a.retention_site_id and not a.test_entry
        )
        if retention:
            retention._retention_record()
        return res

    # ------------------------------------------------------------------ recording
    def _retention_values(self):
        """{role: value} of this answer's lines (scale values as int, comments as text)."""
        self.ensure_one()
        values = {}
        for line in self.user_input_line_ids:
            role = line.question_id.retention_role
            if not role or line.skipped:
                continue
            if line.answer_type == "scale":
                values[role] = line.value_scale
            elif line.answer_type in ("text_box", "char_box"):
                values[role] = (line.value_text_box or line.value_char_box or "").strip()
        return values

    def _retention_record(self):
        Consent = self.env["retention.consent"].sudo()
        Bucket = self.env["retention.pulse.bucket"].sudo()
        Response = self.env["retention.pulse.response"].sudo()
        for answer in self.sudo():
            kind = answer.survey_id.retention_kind
            site = answer.retention_site_id
            period = answer.retention_period
            values = answer._retention_values()
            employee = answer.retention_employee_id
            consent = (
                Consent.search(
                    [
                        ("employee_id", "=", employee.id),
                        ("purpose", "=", kind),
                        ("date_withdrawn", "=", False),
                    ],
                    limit=1,
                )
                if employee
                else Consent
            )
            try:
                if kind == "pulse":
                    klass = pulse.enps_class(values.get("enps"))
                    mood = pulse.check_mood(values.get("mood"))
                    counts = {
                        "promoter_count": klass == "promoter",
                        "detractor_count": klass == "detractor",
                        "mood_sum": mood,
                    }
                    personal = {
                        "enps": values["enps"],
                        "mood": mood,
                        "comment": values.get("comment") or False,
                    }
                    flagged = False
                else:
                    pss4 = pulse.pss4_score([values.get(r) for r in PSS4_ROLES])
                    gad2 = pulse.gad2_score([values.get(r) for r in GAD2_ROLES])
                    campaign = answer.retention_campaign_id
                    flagged = pulse.wellbeing_flag(
                        pss4, gad2, campaign.pss4_threshold, campaign.gad2_threshold
                    )
                    counts = {"stress_sum": pss4, "anxiety_sum": gad2, "flagged_count": flagged}
                    personal = {"pss4": pss4, "gad2": gad2, "flagged": flagged}
            except ValueError as error:
                raise ValidationError(
                    self.env._("This answer cannot be counted: %(error)s", error=str(error))
                ) from error
            Bucket._add(kind, site, period, **counts)
            response = Response
            if consent:
                response = Response.create(
                    {
                        "kind": kind,
                        "employee_id": employee.id,
                        "site_id": site.id,
                        "company_id": site.company_id.id,
                        "period": period,
                        "consent_id": consent.id,
                        **personal,
                    }
                )
                if flagged:
                    response._retention_schedule_followup(answer.retention_campaign_id)
            if kind == "pulse" and personal.get("comment"):
                answer._retention_raise_pulse_alert(
                    personal["comment"], site, employee if consent else None, response
                )
            answer.retention_referral = flagged
        self._retention_strip()

    def _retention_raise_pulse_alert(self, text, site, employee, source):
        """Hand a pulse comment to the keyword alerts (retention.pulse.alert, when installed).

        ``employee`` is None without a current consent: the alert then shows the text and
        the site, not the person.
        """
        if "retention.pulse.alert" in self.env:
            # sudo: the answering employee (portal or public user) has no right on alerts;
            # the alert model decides who reads it (the site's regional manager, managers).
            self.env["retention.pulse.alert"].sudo()._raise_for_text(
                text, site, employee=employee or None, source=source or None
            )

    def _retention_strip(self):
        """Delete the answer lines and clear what could tie the remaining shell to a person."""
        self.sudo().user_input_line_ids.unlink()
        self.flush_recordset()
        self.env.cr.execute(
            SQL(
                """
                UPDATE survey_user_input
                   SET partner_id = NULL, email = NULL, nickname = NULL, invite_token = NULL,
                       retention_employee_id = NULL, retention_site_id = NULL, retention_period = NULL,
                       retention_campaign_id = NULL, start_datetime = NULL,
                       create_uid = NULL, write_uid = NULL,
                       create_date = end_datetime, write_date = end_datetime
                 WHERE id IN %s
                """,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset()

    @api.model
    def _cron_purge_retention_shells(self, days=1):
        """Delete the emptied shells of submitted retention answers, and unfinished ones after two weeks."""
        now = fields.Datetime.now()
        shells = self.sudo().search(
            [
                ("survey_id.retention_kind", "!=", False),
                "|",
                "&",
                ("state", "=", "done"),
                ("end_datetime", "<", now - timedelta(days=days)),
                "&",
                ("state", "!=", "done"),
                ("create_date", "<", now - timedelta(days=14)),
            ]
        )
        shells.unlink()
        return len(shells)
