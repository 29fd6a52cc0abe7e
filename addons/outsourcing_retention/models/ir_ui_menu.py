from odoo import api, models

# The provider's HR apps that every internal user sees (employee directory, time off): an
# internal Client HR user works for a client, not for the provider, and does not get them.
CLIENT_HIDDEN_APPS = ("hr.menu_hr_root", "hr_holidays.menu_hr_holidays_root")


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    def _visible_menu_ids(self, debug=False):
        visible = super()._visible_menu_ids(debug)
        user = self.env.user
        if user.has_group("outsourcing_retention.group_retention_client") and not (
            user.has_group("hr.group_hr_user") or user.has_group("outsourcing_retention.group_retention_user")
        ):
            roots = [self.env.ref(xmlid, raise_if_not_found=False) for xmlid in CLIENT_HIDDEN_APPS]
            # sudo: menus are configuration; only ids of the hidden apps' menus are read.
            hidden = (
                self.sudo()
                .with_context(**{"ir.ui.menu.full_list": True})
                .search([("id", "child_of", [root.id for root in roots if root])])
            )
            visible = set(visible) - set(hidden.ids)
        return visible
