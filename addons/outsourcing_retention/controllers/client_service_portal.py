from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from ..engine import client_programme


class RetentionClientServicePortal(CustomerPortal):
    """Service reports, review minutes and action items, and the satisfaction survey of a client.

    A client user is a portal user (or an internal Client HR user) whose commercial partner is
    an outsourcing client. Records are read with the user's own rights: the record rules give
    them their own client's published reports, reviews and action items only.
    """

    def _retention_service_client(self):
        """The outsourcing client of the logged-in user, or an empty recordset."""
        partner = request.env.user.partner_id.commercial_partner_id
        return partner if partner.is_outsourcing_client else partner.browse()

    def _retention_service_client_or_404(self):
        client = self._retention_service_client()
        if not client:
            raise NotFound()
        return client

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        wanted = {"retention_service_report_count", "retention_service_review_count"} & set(counters)
        if wanted:
            client = self._retention_service_client()
            env = request.env
            if "retention_service_report_count" in counters:
                values["retention_service_report_count"] = (
                    env["retention.service.report"].search_count([("client_id", "=", client.id)])
                    if client
                    else 0
                )
            if "retention_service_review_count" in counters:
                values["retention_service_review_count"] = (
                    env["retention.service.review"].search_count([("client_id", "=", client.id)])
                    if client
                    else 0
                )
        return values

    @http.route(["/my/client/reports"], type="http", auth="user", website=True)
    def portal_client_reports(self, **kw):
        client = self._retention_service_client_or_404()
        reports = request.env["retention.service.report"].search([("client_id", "=", client.id)])
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "retention_client_reports", "reports": reports, "client": client})
        return request.render("outsourcing_retention.portal_client_reports", values)

    def _retention_own_report(self, report_id):
        client = self._retention_service_client_or_404()
        report = request.env["retention.service.report"].browse(report_id)
        try:
            report.check_access("read")
        except (AccessError, MissingError) as error:
            raise NotFound() from error
        if report.client_id != client:
            raise NotFound()
        return report

    @http.route(["/my/client/reports/<int:report_id>"], type="http", auth="user", website=True)
    def portal_client_report(self, report_id, report_type=None, download=False, **kw):
        report = self._retention_own_report(report_id)
        if report_type in ("pdf", "html"):
            # sudo: the user may read this report (checked above with their own rights); the
            # report template prints only the report's own stored figures, name, dates and comment.
            return self._show_report(
                model=report.sudo(),
                report_type=report_type,
                report_ref="outsourcing_retention.action_report_service_report",
                download=download,
            )
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "retention_client_report", "doc": report})
        return request.render("outsourcing_retention.portal_client_report", values)

    @http.route(["/my/client/reviews"], type="http", auth="user", website=True)
    def portal_client_reviews(self, **kw):
        client = self._retention_service_client_or_404()
        reviews = request.env["retention.service.review"].search([("client_id", "=", client.id)])
        actions = request.env["retention.service.review.action"].search([("client_id", "=", client.id)])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "retention_client_reviews",
                "reviews": reviews,
                "open_actions": actions.filtered(lambda a: a.state == "open"),
                "done_actions": actions.filtered(lambda a: a.state == "done"),
                "today": fields.Date.context_today(actions),
            }
        )
        return request.render("outsourcing_retention.portal_client_reviews", values)

    def _retention_survey_answer(self, client, create=False):
        """The logged-in user's answer to this quarter's satisfaction survey of their client.

        sudo: client users have no access to surveys nor answers; the domain keeps the answer
        of the logged-in user's own partner to their own client's survey of this quarter, and
        the caller only redirects to that answer's own token.
        """
        today = fields.Date.context_today(request.env.user)
        date_from = client_programme.period_bounds("quarter", today)[0]
        Satisfaction = request.env["retention.client.satisfaction"].sudo()
        record = Satisfaction.search([("client_id", "=", client.id), ("date_from", "=", date_from)], limit=1)
        if not record:
            return record, request.env["survey.user_input"].sudo()
        partner = request.env.user.partner_id
        answer = record.answer_ids.filtered(lambda a: a.partner_id == partner)[:1]
        if not answer and create:
            answer = record.survey_id.sudo()._create_answer(
                partner=partner, check_attempts=False, retention_satisfaction_id=record.id
            )
        return record, answer

    @http.route(["/my/client/survey"], type="http", auth="user", website=True, methods=["GET"])
    def portal_client_survey(self, **kw):
        client = self._retention_service_client_or_404()
        record, answer = self._retention_survey_answer(client)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "retention_client_survey",
                "quarter": record.quarter,
                "has_survey": bool(record),
                "answered": bool(answer) and answer.state == "done",
            }
        )
        return request.render("outsourcing_retention.portal_client_survey", values)

    @http.route(["/my/client/survey/start"], type="http", auth="user", website=True, methods=["POST"])
    def portal_client_survey_start(self, **kw):
        client = self._retention_service_client_or_404()
        _record, answer = self._retention_survey_answer(client, create=True)
        if not answer or answer.state == "done":
            return request.redirect("/my/client/survey")
        return request.redirect(answer.get_start_url())
