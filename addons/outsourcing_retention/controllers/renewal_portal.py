from odoo import _, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
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
        its token (the link sent to the employee); anything else raises.
        """
        offer = request.env["retention.renewal.offer"].sudo().browse(offer_id).exists()
        if not offer or offer.state in ("draft", "cancelled"):
            raise MissingError(_("This offer is not available."))
        user = request.env.user
        own = not user._is_public() and offer.employee_id.user_id == user
        if not own and not (
            access_token and offer.access_token and consteq(offer.access_token, access_token)
        ):
            raise AccessError(_("This offer is not available."))
        return offer

    @http.route(["/my/renewals/<int:offer_id>"], type="http", auth="public", website=True)
    def portal_renewal_offer(self, offer_id, access_token=None, message=None, **kw):
        try:
            offer = self._renewal_offer_check_access(offer_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            offer, access_token, {"offer": offer, "message": message, "page_name": "renewal_offer"}, "", False
        )
        return request.render("outsourcing_retention.portal_renewal_offer", values)

    @http.route(["/my/renewals/<int:offer_id>/accept"], type="json", auth="public", website=True)
    def portal_renewal_offer_accept(self, offer_id, access_token=None, name=None, signature=None):
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            offer = self._renewal_offer_check_access(offer_id, access_token)
        except (AccessError, MissingError):
            return {"error": _("This offer is not available.")}
        try:
            offer._action_sign(name, signature)
        except UserError as error:
            return {"error": error.args[0]}
        return {
            "force_refresh": True,
            "redirect_url": offer.get_portal_url(query_string="&message=signed"),
        }

    @http.route(
        ["/my/renewals/<int:offer_id>/decline"], type="http", auth="public", methods=["POST"], website=True
    )
    def portal_renewal_offer_decline(self, offer_id, access_token=None, decline_reason=None, **kw):
        try:
            offer = self._renewal_offer_check_access(offer_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            offer._action_decline(decline_reason)
        except UserError as error:
            values = self._get_page_view_values(
                offer,
                access_token,
                {"offer": offer, "error": error.args[0], "page_name": "renewal_offer"},
                "",
                False,
            )
            return request.render("outsourcing_retention.portal_renewal_offer", values)
        return request.redirect(offer.get_portal_url(query_string="&message=declined"))
