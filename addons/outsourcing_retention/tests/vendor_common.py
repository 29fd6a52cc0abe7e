from datetime import date

from odoo import Command

from .common import RetentionCase


class VendorCase(RetentionCase):
    """Two vendors of the main company, one of the second company, a review template."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.vendor = Partner.create(
            {
                "name": "上海易才人力资源有限公司",
                "is_company": True,
                "is_outsourcing_vendor": True,
                "retention_vendor_manager_id": cls.manager.id,
            }
        )
        cls.vendor_2 = Partner.create(
            {"name": "杭州众包劳务服务有限公司", "is_company": True, "is_outsourcing_vendor": True}
        )
        cls.template = cls.env["retention.vendor.review.template"].create(
            {
                "name": "季度考核",
                "criterion_ids": [
                    Command.create({"name": "服务质量", "weight": 30, "sequence": 1}),
                    Command.create({"name": "响应时效", "weight": 20, "sequence": 2}),
                    Command.create({"name": "合规", "weight": 20, "sequence": 3}),
                    Command.create({"name": "人员流失", "weight": 15, "sequence": 4}),
                    Command.create({"name": "客户满意度", "weight": 15, "sequence": 5}),
                ],
            }
        )

    @classmethod
    def _review(cls, vendor, period_start, scores, company=None, **vals):
        review = cls.env["retention.vendor.review"].create(
            {
                "vendor_id": vendor.id,
                "period_start": period_start,
                "template_id": cls.template.id,
                "company_id": (company or cls.company).id,
                **vals,
            }
        )
        for line, score in zip(review.line_ids, scores, strict=True):
            line.score = score
        return review

    @classmethod
    def _uniform(cls, vendor, period_start, score, **vals):
        return cls._review(vendor, period_start, [score] * 5, **vals)


Q1 = date(2026, 1, 1)
Q2 = date(2026, 4, 1)
Q3 = date(2026, 7, 1)
