from odoo import api, models


class RetentionPerformanceReviewReport(models.AbstractModel):
    _name = "report.outsourcing_retention.report_performance_review"
    _description = "Monthly Performance Feedback Report"
    _abstract = True  # a report renderer, no table (and no ACL row)

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["retention.performance.review"].browse(docids)
        docs.check_access("read")
        return {
            "doc_ids": docids,
            "doc_model": "retention.performance.review",
            "docs": docs,
            "feedback": docs._retention_feedback_values(),
            "tiers": dict(docs._fields["tier"]._description_selection(self.env)),
        }
