from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import performance


class RetentionPerformanceTemplate(models.Model):
    _name = "retention.performance.template"
    _description = "KPI Template"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        help="Leave empty to share the template between companies.",
    )
    job_id = fields.Many2one("hr.job", check_company=True, help="Applies to employees in this job.")
    site_id = fields.Many2one("retention.client.site", check_company=True, help="Applies at this site.")
    client_id = fields.Many2one(
        "res.partner",
        check_company=True,
        domain="[('is_outsourcing_client', '=', True)]",
        help="Applies at every site of this client (its values can be KPIs, e.g. 客户第一).",
    )
    line_ids = fields.One2many("retention.performance.template.line", "template_id", string="KPIs", copy=True)
    total_weight = fields.Float(compute="_compute_total_weight")

    @api.depends("site_id", "job_id")
    def _compute_company_id(self):
        for template in self:
            template.company_id = (
                template.site_id.company_id or template.job_id.company_id or template.company_id
            )

    @api.depends("line_ids.weight")
    def _compute_total_weight(self):
        for template in self:
            template.total_weight = sum(template.line_ids.mapped("weight"))

    @api.constrains("line_ids")
    def _check_weights(self):
        for template in self.filtered("line_ids"):
            try:
                performance.check_weights(template.line_ids.mapped("weight"))
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "The KPI weights of the template %(template)s must sum to 100, not %(total)s.",
                        template=template.name,
                        total=template.total_weight,
                    )
                ) from error

    @api.model
    def _retention_best_for(self, employees, sites, company):
        """The template for each employee id: job first, then site, then client, then a general one.

        One search for the whole batch. ``sites`` maps employee id -> site (or an
        empty recordset).
        """
        templates = self.search(["|", ("company_id", "=", False), ("company_id", "=", company.id)])
        result = {}
        for employee in employees:
            site = sites.get(employee.id) or self.env["retention.client.site"]

            def rank(template, employee=employee, site=site):
                if template.job_id:
                    return 0 if template.job_id == employee.job_id else None
                if template.site_id:
                    return 1 if template.site_id == site else None
                if template.client_id:
                    return 2 if template.client_id == site.client_id else None
                return 3

            ranked = [(rank(t), t.sequence, t.id, t) for t in templates]
            ranked = sorted((r for r in ranked if r[0] is not None), key=lambda r: r[:3])
            result[employee.id] = ranked[0][3] if ranked else self
        return result
