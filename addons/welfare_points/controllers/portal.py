import uuid
from urllib.parse import urlencode

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from ..models.welfare_benefit import CATEGORIES

LINES_PER_PAGE = 20


class WelfarePortal(CustomerPortal):
    """The employee's points: /my/points (wallet, history, catalogue, redemptions)."""

    def _welfare_wallet(self):
        # Record rules keep the logged-in employee's own wallets of the allowed companies.
        return request.env["welfare.points.account"].search([], limit=1)

    def _welfare_employee(self):
        """The logged-in user's employee in the current company.

        sudo: portal users have no ACL on hr.employee; the domain is the
        logged-in user's own employee record and only it is returned.
        """
        return (
            request.env["hr.employee"]
            .sudo()
            .search(
                [("user_id", "=", request.env.user.id), ("company_id", "in", request.env.companies.ids)],
                limit=1,
            )
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "welfare_points_balance" in counters:
            wallet = self._welfare_wallet()
            values["welfare_points_balance"] = wallet.balance if wallet or self._welfare_employee() else 0
        return values

    @http.route(["/my/points", "/my/points/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_points(self, page=1, category=None, message=None, error=None, **kw):
        employee = self._welfare_employee()
        if not employee:
            return request.redirect("/my")
        wallet = self._welfare_wallet()
        Line = request.env["welfare.points.line"]
        domain = [("account_id", "=", wallet.id)]
        total = Line.search_count(domain) if wallet else 0
        pager = portal_pager(url="/my/points", total=total, page=page, step=LINES_PER_PAGE)
        lines = Line.search(domain, limit=LINES_PER_PAGE, offset=pager["offset"]) if wallet else Line
        benefit_domain = [("company_id", "=", employee.company_id.id)]
        if category in dict(CATEGORIES):
            benefit_domain.append(("category", "=", category))
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "welfare_points",
                "wallet": wallet,
                "lines": lines,
                "pager": pager,
                "benefits": request.env["welfare.benefit"].search(benefit_domain),
                # the labels in the employee's language
                "categories": request.env["welfare.benefit"]
                ._fields["category"]
                ._description_selection(request.env),
                "category": category,
                "redemptions": request.env["welfare.redemption"].search([], limit=20),
                "message": message,
                "error": error,
            }
        )
        return request.render("welfare_points.portal_my_points", values)

    @http.route(["/my/points/benefit/<int:benefit_id>"], type="http", auth="user", website=True)
    def portal_points_benefit(self, benefit_id, error=None, **kw):
        """The confirmation page: what it costs and the balance after (no state change on GET)."""
        employee = self._welfare_employee()
        benefit = request.env["welfare.benefit"].search([("id", "=", benefit_id)])
        if not employee or not benefit:
            return request.redirect("/my/points")
        wallet = self._welfare_wallet()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "welfare_benefit",
                "benefit": benefit,
                "balance": wallet.balance,
                "token": uuid.uuid4().hex,
                "error": error,
            }
        )
        return request.render("welfare_points.portal_points_benefit", values)

    @http.route(["/my/points/redeem"], type="http", auth="user", methods=["POST"], website=True)
    def portal_points_redeem(self, benefit_id=None, token=None, **kw):
        employee = self._welfare_employee()
        try:
            benefit_id = int(benefit_id)
        except (TypeError, ValueError):
            return request.redirect("/my/points")
        benefit = request.env["welfare.benefit"].search([("id", "=", benefit_id)])
        if not employee or not benefit:
            return request.redirect("/my/points")
        try:
            # Nothing of a refused redemption stays written.
            with request.env.cr.savepoint():
                request.env["welfare.redemption"]._request(
                    employee, benefit, token=(token or "")[:64] or None
                )
        except UserError as error:
            values = self._prepare_portal_layout_values()
            values.update(
                {
                    "page_name": "welfare_benefit",
                    "benefit": benefit,
                    "balance": self._welfare_wallet().balance,
                    "token": uuid.uuid4().hex,
                    "error": error.args[0],
                }
            )
            return request.render("welfare_points.portal_points_benefit", values)
        return request.redirect("/my/points?message=redeemed")

    @http.route(
        ["/my/points/redemption/<int:redemption_id>/cancel"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_points_cancel(self, redemption_id, **kw):
        # Record rules: only the employee's own redemptions are found.
        redemption = request.env["welfare.redemption"].search([("id", "=", redemption_id)])
        if not redemption:
            return request.redirect("/my/points")
        try:
            with request.env.cr.savepoint():
                redemption._action_cancel_by_employee()
        except (UserError, AccessError) as error:
            return request.redirect("/my/points?" + urlencode({"error": error.args[0]}))
        return request.redirect("/my/points?message=cancelled")

    # ------------------------------------------------------------ published rules
    def _welfare_rules_in_force(self, employee):
        """The published earning rules in force for the employee's company.

        sudo: employees have no access to the rules' configuration; only the
        published rules of their own company are read, and the page shows their
        name, trigger, points, validity and version.
        """
        Rule = request.env["welfare.earning.rule"].sudo()
        today = fields.Date.context_today(Rule)
        return Rule.search(Rule._in_force_domain(today) + [("company_id", "=", employee.company_id.id)])

    @http.route(["/my/points/rules"], type="http", auth="user", website=True)
    def portal_points_rules(self, message=None, error=None, **kw):
        employee = self._welfare_employee()
        if not employee:
            return request.redirect("/my")
        rules = self._welfare_rules_in_force(employee)
        # sudo: the employee's own acknowledgements only (domain on the employee resolved above)
        acknowledged = {
            (ack.rule_id.id, ack.version)
            for ack in request.env["welfare.rule.acknowledgement"]
            .sudo()
            .search([("employee_id", "=", employee.id), ("rule_id", "in", rules.ids)])
        }
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "welfare_rules",
                "rules": rules,
                "acknowledged": {
                    rule.id for rule in rules if (rule.id, rule.published_version) in acknowledged
                },
                "triggers": dict(rules._fields["trigger"]._description_selection(request.env)),
                "versions": ",".join(f"{rule.id}:{rule.published_version}" for rule in rules),
                "message": message,
                "error": error,
            }
        )
        return request.render("welfare_points.portal_points_rules", values)

    @http.route(["/my/points/rules/acknowledge"], type="http", auth="user", methods=["POST"], website=True)
    def portal_points_rules_acknowledge(self, versions=None, **kw):
        """Acknowledge the rule versions the employee was shown; refused if one changed since."""
        employee = self._welfare_employee()
        if not employee:
            return request.redirect("/my")
        rules = self._welfare_rules_in_force(employee)
        current = ",".join(f"{rule.id}:{rule.published_version}" for rule in rules)
        if not rules or (versions or "") != current:
            message = request.env._("The rules changed while you were reading them: read them again.")
            return request.redirect("/my/points/rules?" + urlencode({"error": message}))
        request.env["welfare.rule.acknowledgement"]._acknowledge(employee, rules)
        return request.redirect("/my/points/rules?message=acknowledged")
