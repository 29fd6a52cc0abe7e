from odoo import api, fields, models


class HrJob(models.Model):
    _inherit = "hr.job"

    high_pressure = fields.Boolean(
        help="People in this job get the monthly wellbeing check of the high-pressure campaigns."
    )

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """Client HR users pick a job position for their staffing requests by name.

        They have no access to hr.job; like /my/client, they get the names of their
        companies' positions and nothing else.
        """
        if not self.env.su and not self.has_access("read") and self.env.user._retention_client_partner():
            # sudo: only (id, name) pairs of the active positions of the user's companies leave
            # here; the caller's domain is dropped, so that nothing else of hr.job is searched.
            domain = [("company_id", "in", [*self.env.user.company_ids.ids, False])]
            return self.sudo().name_search(name, domain, operator, limit)
        return super().name_search(name, args, operator, limit)
