from odoo import models


class ResUsers(models.Model):
    _inherit = "res.users"

    def _retention_client_partner(self):
        """The outsourcing client this user works for, or an empty recordset.

        A client user is a portal user, or an internal user of the group Client HR, whose
        company (``partner_id.commercial_partner_id``) is an outsourcing client. The
        provider's own users (retention or HR officers) are never client users.
        """
        self.ensure_one()
        partner = self.env["res.partner"]
        if self._is_public() or self.has_group("outsourcing_retention.group_retention_user"):
            return partner
        if not (self._is_portal() or self.has_group("outsourcing_retention.group_retention_client")):
            return partner
        # sudo: the user's own company partner, read for its client flag only.
        commercial = self.sudo().partner_id.commercial_partner_id
        if not commercial.is_outsourcing_client:
            return partner
        return partner.browse(commercial.id)
