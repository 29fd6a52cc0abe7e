from datetime import timedelta

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.survey.controllers.main import Survey
from odoo.exceptions import UserError
from odoo.http import request

PURPOSES = ("pulse", "wellbeing")
#: Invitations stay open on /my/pulse for this many days after their week starts.
OPEN_DAYS = 13


class PulsePortal(CustomerPortal):
    """Pulse invitations (/my/pulse), consents (/my/consent) and the token landing (/pulse/<token>).

    Portal users have no ACL on employees, invitations or consents. Every read is sudo
    restricted to the logged-in user's own employee (``_own_employee``), or to the one
    invitation matching the token; only whitelisted values reach the templates.
    """

    @staticmethod
    def _own_employee():
        # sudo: restricted to the employee linked to the logged-in user.
        return request.env["hr.employee"].sudo().search([("user_id", "=", request.env.user.id)], limit=1)

    @staticmethod
    def _open_invitations(employee):
        if not employee:
            return request.env["retention.pulse.invitation"]
        since = fields.Date.context_today(employee) - timedelta(days=OPEN_DAYS)
        # sudo: the employee's own unused invitations of the last two weeks.
        return (
            request.env["retention.pulse.invitation"]
            .sudo()
            .search(
                [("employee_id", "=", employee.id), ("state", "=", "sent"), ("week", ">=", since)],
                order="week desc",
            )
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "retention_pulse_count" in counters:
            values["retention_pulse_count"] = len(self._open_invitations(self._own_employee()))
        return values

    @http.route("/my/pulse", type="http", auth="user", website=True)
    def portal_my_pulse(self, **kw):
        employee = self._own_employee()
        kinds = dict(
            request.env["retention.pulse.campaign"]._fields["kind"]._description_selection(request.env)
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "retention_pulse",
                "invitations": [
                    {
                        "url": f"/pulse/{invitation.access_token}",
                        "title": invitation.campaign_id.name,
                        "kind": kinds.get(invitation.kind, ""),
                        "week": invitation.week,
                    }
                    for invitation in self._open_invitations(employee)
                ],
            }
        )
        return request.render("outsourcing_retention.portal_my_pulse", values)

    # ------------------------------------------------------------------ consent
    def _consent_values(self, employee):
        Consent = request.env["retention.consent"].sudo()  # restricted to the user's own employee
        Text = request.env["retention.consent.text"].sudo()  # the wording is shown to everybody
        purposes = dict(Consent._fields["purpose"]._description_selection(request.env))
        rows = []
        for purpose in PURPOSES:
            text = Text._current(purpose)
            current = Consent.search(
                [
                    ("employee_id", "=", employee.id),
                    ("purpose", "=", purpose),
                    ("date_withdrawn", "=", False),
                ],
                limit=1,
            )
            if not text and not current:
                continue
            rows.append(
                {
                    "purpose": purpose,
                    "label": purposes[purpose],
                    "title": text.title or purposes[purpose],
                    "body": text.body or "",
                    "version": text.version or "",
                    "given": current.date_given,
                    "given_version": current.text_version,
                }
            )
        return rows

    @http.route("/my/consent", type="http", auth="user", website=True)
    def portal_my_consent(self, **kw):
        employee = self._own_employee()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "retention_consent",
                "has_employee": bool(employee),
                "consents": self._consent_values(employee) if employee else [],
            }
        )
        return request.render("outsourcing_retention.portal_my_consent", values)

    @http.route(
        "/my/consent/<string:purpose>/<string:action>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_consent_change(self, purpose, action, **kw):
        employee = self._own_employee()
        if purpose not in PURPOSES or action not in ("give", "withdraw") or not employee:
            return request.redirect("/my/consent")
        Consent = request.env["retention.consent"].sudo()  # restricted to the user's own employee
        if action == "give":
            Consent._give(employee, purpose)
        else:
            Consent.search(
                [("employee_id", "=", employee.id), ("purpose", "=", purpose), ("date_withdrawn", "=", False)]
            )._withdraw()
        return request.redirect("/my/consent")

    # ------------------------------------------------------------------ invitation link
    @staticmethod
    def _invitation(token):
        if not token or len(token) > 64:
            return request.env["retention.pulse.invitation"]
        # sudo: the invitation matching the token only (an unguessable 32-character token).
        return (
            request.env["retention.pulse.invitation"].sudo().search([("access_token", "=", token)], limit=1)
        )

    @http.route("/pulse/<string:token>", type="http", auth="public", website=True)
    def pulse_landing(self, token, **kw):
        invitation = self._invitation(token)
        if not invitation:
            return request.not_found()
        return request.render(
            "outsourcing_retention.pulse_landing",
            {
                "token": token,
                "title": invitation.campaign_id.name,
                "kind": invitation.kind,
                "week": invitation.week,
                "used": invitation.state != "sent",
            },
        )

    @http.route("/pulse/<string:token>/start", type="http", auth="public", website=True, methods=["POST"])
    def pulse_start(self, token, **kw):
        invitation = self._invitation(token)
        if not invitation:
            return request.not_found()
        try:
            answer = invitation._open_answer()
        except UserError:
            # Nothing was written: the invitation was already used.
            return request.redirect(f"/pulse/{token}")
        return request.redirect(f"/survey/{answer.survey_id.access_token}/{answer.access_token}")


class RetentionSurvey(Survey):
    """Retention answers have no partner: a logged-in employee fills their invitation's anonymous answer."""

    def _check_validity(self, survey_token, answer_token, ensure_token=True, check_partner=True):
        if answer_token:
            survey_sudo, answer_sudo = self._fetch_from_access_token(survey_token, answer_token)
            if survey_sudo.retention_kind and answer_sudo and not answer_sudo.partner_id:
                check_partner = False
        return super()._check_validity(
            survey_token, answer_token, ensure_token=ensure_token, check_partner=check_partner
        )

    @http.route()
    def survey_retry(self, survey_token, answer_token, **post):
        survey_sudo, _answer_sudo = self._fetch_from_access_token(survey_token, answer_token)
        if survey_sudo.retention_kind:
            # One answer per invitation: a retry would create an answer outside the pulse rules.
            return request.redirect("/my/pulse")
        return super().survey_retry(survey_token, answer_token, **post)
