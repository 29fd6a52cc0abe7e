from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.http import request

TREND_MONTHS = 12
COMPARE_MONTHS = 3


class PerformancePortal(CustomerPortal):
    """The employee's own confirmed reviews: /my/performance (trend) and one review (KPIs, feedback).

    Portal users have no ACL on reviews. Every read below is sudo, restricted by
    ``_own_domain`` to the logged-in user's confirmed reviews, and only the
    whitelisted values of ``_review_values`` reach the templates: never the
    reviewer's proposals (bonus, promotion) nor anybody else's data.
    """

    @staticmethod
    def _own_domain():
        return [("employee_id.user_id", "=", request.env.user.id), ("state", "=", "confirmed")]

    @staticmethod
    def _tier_label(code):
        Review = request.env["retention.performance.review"]
        return dict(Review._fields["tier"]._description_selection(request.env)).get(code, "")

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "performance_review_count" in counters:
            # sudo: a count of the user's own confirmed reviews only.
            values["performance_review_count"] = (
                request.env["retention.performance.review"].sudo().search_count(self._own_domain())
            )
        return values

    def _review_values(self, review):
        return {
            "id": review.id,
            "month": review.period.strftime("%Y-%m"),
            "total_score": review.total_score,
            "tier": review.tier,
            "tier_label": self._tier_label(review.tier) if review.tier else "",
        }

    @http.route("/my/performance", type="http", auth="user", website=True)
    def portal_my_performance(self, **kw):
        Review = request.env["retention.performance.review"].sudo()  # restricted by _own_domain
        reviews = Review.search(self._own_domain(), order="period desc", limit=TREND_MONTHS)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "performance",
                "reviews": [self._review_values(review) for review in reviews],
                # Oldest first for the trend.
                "trend": [self._review_values(review) for review in reviews.sorted("period")],
            }
        )
        return request.render("outsourcing_retention.portal_my_performance", values)

    @http.route("/my/performance/<int:review_id>", type="http", auth="user", website=True)
    def portal_performance_review(self, review_id, **kw):
        Review = request.env["retention.performance.review"].sudo()  # restricted by _own_domain
        review = Review.search(self._own_domain() + [("id", "=", review_id)])
        if not review:
            return request.redirect("/my/performance")
        # Confirmed reviews only (the domain above); the earlier months are the
        # employee's own confirmed reviews.
        report = review._retention_feedback_values()[review.id]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "performance_review",
                "review": self._review_values(review),
                "feedback": {
                    "strengths": review.strengths or "",
                    "improvements": review.improvements or "",
                    "suggestions": review.suggestions or "",
                    "training_offer": review.training_offer or "",
                },
                "lines": report["lines"],
                "earlier_months": report["earlier_months"],
                "earlier_totals": report["earlier_totals"],
            }
        )
        return request.render("outsourcing_retention.portal_performance_review", values)

    @http.route("/my/performance/<int:review_id>/pdf", type="http", auth="user", website=True)
    def portal_performance_review_pdf(self, review_id, **kw):
        # sudo: restricted to the user's own confirmed review by _own_domain.
        review = (
            request.env["retention.performance.review"]
            .sudo()
            .search(self._own_domain() + [("id", "=", review_id)])
        )
        if not review:
            return request.redirect("/my/performance")
        return self._show_report(
            model=review,
            report_type="pdf",
            report_ref="outsourcing_retention.retention_performance_review_report",
            download=True,
        )
