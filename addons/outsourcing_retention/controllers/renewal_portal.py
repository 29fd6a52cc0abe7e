from werkzeug.urls import url_encode

from odoo import _, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import content_disposition, request
from odoo.tools import consteq

OFFERS_PER_PAGE = 20


class RenewalPortal(CustomerPortal):
    """The employee's renewal offers: /my/renewals (list, read, sign, decline)."""

    def _renewal_offer_domain(self):
        # Offers of the logged-in user's own employee records, once sent.
        return [
            ("employee_id.user_id", "=", request.env.user.id),
            ("state", "!=", "draft"),
            ("state", "!=", "cancelled"),
        ]

    def _renewal_notices(self):
        """End dates of the user's own running contracts whose employee was notified.

        sudo: portal users have no ACL on contracts; the domain keeps the
        logged-in user's own contracts and only their end dates leave here.
        """
        contracts = (
            request.env["hr.contract"]
            .sudo()
            .search(
                [
                    ("employee_id.user_id", "=", request.env.user.id),
                    ("state", "=", "open"),
                    ("retention_renewal_reminder_ids.employee_notified", "=", True),
                ]
            )
        )
        return contracts.mapped("date_end")

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "renewal_offer_count" in counters:
            # Portal users have no ACL on offers: sudo, restricted to their own.
            values["renewal_offer_count"] = request.env["retention.renewal.offer"].sudo().search_count(
                self._renewal_offer_domain()
            ) + len(self._renewal_notices())
        return values

    @http.route(["/my/renewals", "/my/renewals/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_renewals(self, page=1, **kw):
        Offer = request.env["retention.renewal.offer"].sudo()  # restricted by the domain below
        domain = self._renewal_offer_domain()
        total = Offer.search_count(domain)
        pager = portal_pager(url="/my/renewals", total=total, page=page, step=OFFERS_PER_PAGE)
        offers = Offer.search(domain, limit=OFFERS_PER_PAGE, offset=pager["offset"])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "offers": offers,
                "notices": self._renewal_notices(),
                "pager": pager,
                "page_name": "renewal_offers",
            }
        )
        return request.render("outsourcing_retention.portal_my_renewals", values)

    def _renewal_offer_check_access(self, offer_id, access_token):
        """The offer (sudo) if it is the logged-in employee's own or the token matches.

        Offers are HR records portal users have no ACL on. sudo is limited to the
        one offer asked for, and returned only to its employee or to the holder of
        its token (the link sent to the employee); anything else raises. The token
        only shows the offer: answering it needs the employee logged in (see
        ``_renewal_own_offer``).
        """
        offer = request.env["retention.renewal.offer"].sudo().browse(offer_id).exists()
        if not offer or offer.state in ("draft", "cancelled"):
            raise MissingError(_("This offer is not available."))
        if not self._renewal_is_own(offer) and not (
            access_token and offer.access_token and consteq(offer.access_token, access_token)
        ):
            raise AccessError(_("This offer is not available."))
        return offer

    def _renewal_is_own(self, offer):
        user = request.env.user
        return not user._is_public() and offer.employee_id.user_id == user

    def _renewal_own_offer(self, offer_id):
        """The logged-in employee's own offer (sudo, see above), whatever token is given."""
        offer = request.env["retention.renewal.offer"].sudo().browse(offer_id).exists()
        if not offer or offer.state in ("draft", "cancelled") or not self._renewal_is_own(offer):
            raise AccessError(_("This offer is not available."))
        return offer

    def _renewal_offer_page(self, offer, access_token, **values):
        login_url = "/web/login?" + url_encode({"redirect": offer.access_url})
        values = self._get_page_view_values(
            offer,
            access_token,
            {
                "offer": offer,
                "page_name": "renewal_offer",
                "is_own": self._renewal_is_own(offer),
                "is_public": request.env.user._is_public(),
                "login_url": login_url,
                **values,
            },
            "",
            False,
        )
        return request.render("outsourcing_retention.portal_renewal_offer", values)

    @http.route(["/my/renewals/<int:offer_id>"], type="http", auth="public", website=True)
    def portal_renewal_offer(self, offer_id, access_token=None, message=None, **kw):
        try:
            offer = self._renewal_offer_check_access(offer_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._renewal_offer_page(offer, access_token, message=message)

    @http.route(["/my/renewals/<int:offer_id>/accept"], type="json", auth="user", website=True)
    def portal_renewal_offer_accept(self, offer_id, name=None, signature=None, **kw):
        try:
            offer = self._renewal_own_offer(offer_id)
        except AccessError:
            return {"error": _("This offer is not available.")}
        try:
            # An error shown to the employee leaves nothing written: roll back to here.
            with request.env.cr.savepoint():
                offer._action_sign(
                    name, signature, request.env.user, ip_address=request.httprequest.remote_addr
                )
        except UserError as error:
            return {"error": error.args[0]}
        return {
            "force_refresh": True,
            "redirect_url": f"{offer.access_url}?message=signed",
        }

    @http.route(
        ["/my/renewals/<int:offer_id>/decline"], type="http", auth="user", methods=["POST"], website=True
    )
    def portal_renewal_offer_decline(self, offer_id, decline_reason=None, **kw):
        try:
            offer = self._renewal_own_offer(offer_id)
        except AccessError:
            return request.redirect("/my")
        try:
            with request.env.cr.savepoint():
                offer._action_decline(decline_reason, request.env.user)
        except UserError as error:
            return self._renewal_offer_page(offer, None, error=error.args[0])
        return request.redirect(f"{offer.access_url}?message=declined")

    @http.route(["/my/renewals/<int:offer_id>/signed"], type="http", auth="user", website=True)
    def portal_renewal_offer_signed_pdf(self, offer_id, **kw):
        """The signed offer's PDF, once the job has rendered it (the page says so before)."""
        try:
            offer = self._renewal_own_offer(offer_id)
        except AccessError:
            return request.redirect("/my")
        if offer.state != "accepted" or not offer.signed_pdf_id:
            return request.redirect(f"{offer.access_url}?message=pdf_pending")
        return request.env["ir.binary"]._get_stream_from(offer.signed_pdf_id).get_response(as_attachment=True)

    @http.route(["/my/renewals/<int:offer_id>/contract"], type="http", auth="user", website=True)
    def portal_renewal_offer_contract_pdf(self, offer_id, **kw):
        """The new contract's PDF, rendered from the contract the signature created."""
        try:
            offer = self._renewal_own_offer(offer_id)
        except AccessError:
            return request.redirect("/my")
        if offer.state != "accepted" or not offer.new_contract_id:
            return request.redirect(offer.access_url)
        # sudo: the employee has no ACL on contracts; only their own offer's new contract
        # (checked above) is rendered, with the report's whitelisted terms.
        report = request.env.ref("outsourcing_retention.retention_renewal_contract_report").sudo()
        try:
            content, _type = report.with_context(force_report_rendering=True)._render_qweb_pdf(
                report.report_name, offer.new_contract_id.ids
            )
        except UserError as error:
            return self._renewal_offer_page(offer, None, error=error.args[0])
        filename = f"{offer.new_contract_id.name}.pdf"
        return request.make_response(
            content,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(content)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
