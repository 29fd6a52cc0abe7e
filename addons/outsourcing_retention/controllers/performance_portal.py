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
        previous = Review.search(
            self._own_domain() + [("period", "<", review.period)], order="period desc", limit=COMPARE_MONTHS
        )
        months = [p.period.strftime("%Y-%m") for p in previous]
        earlier = {(line.review_id.id, line.kpi_id.id): line.score for line in previous.line_ids}
        lines = [
            {
                "name": line.kpi_id.name,
                "unit": line.kpi_id.unit or "",
                "weight": line.weight,
                "target": line.target,
                "actual": line.actual,
                "score": line.score,
                "earlier": [earlier.get((p.id, line.kpi_id.id)) for p in previous],
            }
            for line in review.line_ids
        ]
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
                "lines": lines,
                "earlier_months": months,
                "earlier_totals": [p.total_score for p in previous],
            }
        )
        return request.render("outsourcing_retention.portal_performance_review", values)
