from odoo import models


class RetentionPerformanceReview(models.Model):
    """Performance tiers earn points: the seam of outsourcing_retention's cohort confirmation."""

    _inherit = "retention.performance.review"

    def _retention_on_tiers_confirmed(self):
        """Grant the points of the tier rules; a tier changed by a reconfirmation first loses
        what the previous tier earned (the reversal names the line it reverses)."""
        result = super()._retention_on_tiers_confirmed()
        if self:
            Rule = self.env["welfare.earning.rule"]
            tiers = {review.id: review.tier for review in self}
            Rule._reverse_source(
                self._name, self.ids, keep=lambda line: line.earning_rule_id.tier == tiers.get(line.res_id)
            )
            Rule._apply_performance_tiers(
                [
                    {
                        "employee_id": review.employee_id.id,
                        "tier": review.tier,
                        "period": review.period,
                        "source_model": self._name,
                        "source_id": review.id,
                        "company_id": review.company_id.id,
                    }
                    for review in self
                ]
            )
        return result
