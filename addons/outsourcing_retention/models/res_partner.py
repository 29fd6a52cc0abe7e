from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_outsourcing_client = fields.Boolean(
        string="Outsourcing Client",
        help="A client company that places outsourced or dispatched workers of this provider at its sites.",
    )
    client_workforce = fields.Integer(
        help="The client's own total workforce (its employees, dispatched workers excluded). "
        "The dispatch cap (10 % of the total workforce) is computed from it.",
    )
    retention_site_count = fields.Integer(
        string="Client Sites",
        compute="_compute_retention_counts",
        groups="outsourcing_retention.group_retention_user",
    )
    retention_assignment_count = fields.Integer(
        string="Assignments",
        compute="_compute_retention_counts",
        groups="outsourcing_retention.group_retention_user",
    )

    _sql_constraints = [
        (
            "client_workforce_positive",
            "CHECK(client_workforce >= 0)",
            "The client workforce cannot be negative.",
        ),
    ]

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_retention_counts(self):
        # One grouped query per model for the whole recordset; record rules apply,
        # so each user counts the sites and assignments they may see.
        partners = self.filtered("id")
        site_counts = dict(
            self.env["retention.client.site"]._read_group(
                [("client_id", "in", partners.ids)], ["client_id"], ["__count"]
            )
        )
        assignment_counts = dict(
            self.env["retention.assignment"]._read_group(
                [("client_id", "in", partners.ids)], ["client_id"], ["__count"]
            )
        )
        for partner in self:
            partner.retention_site_count = site_counts.get(partner, 0)
            partner.retention_assignment_count = assignment_counts.get(partner, 0)

    def action_view_retention_sites(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "outsourcing_retention.retention_client_site_action"
        )
        action["domain"] = [("client_id", "=", self.id)]
        action["context"] = {"default_client_id": self.id}
        return action

    def action_view_retention_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "outsourcing_retention.retention_assignment_action"
        )
        action["domain"] = [("client_id", "=", self.id)]
        action["context"] = {"search_default_filter_current": 1}
        return action
