from odoo import api, fields, models

VENDOR_STATUSES = [
    ("preferred", "Preferred"),
    ("approved", "Qualified"),
    ("warning", "On Watch"),
    ("eliminated", "Eliminated"),
]


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

    is_outsourcing_vendor = fields.Boolean(
        string="Outsourcing Vendor",
        help="A vendor (服务商) to which this provider subcontracts part of its outsourced services.",
    )
    retention_vendor_manager_id = fields.Many2one(
        "res.users",
        string="Vendor Responsible",
        domain="[('share', '=', False)]",
        groups="outsourcing_retention.group_retention_user",
        help="Receives the vendor's alerts, such as qualifications about to expire.",
    )
    retention_vendor_review_ids = fields.One2many(
        "retention.vendor.review",
        "vendor_id",
        string="Vendor Reviews",
        groups="outsourcing_retention.group_retention_user",
    )
    retention_vendor_status = fields.Selection(
        VENDOR_STATUSES,
        string="Vendor Status",
        compute="_compute_retention_vendor_status",
        store=True,
        index=True,
        help="The result of the vendor's latest validated periodic review. An eliminated vendor "
        "cannot get new service agreements.",
    )
    retention_qualification_ids = fields.One2many(
        "retention.vendor.qualification",
        "vendor_id",
        string="Qualifications",
        groups="outsourcing_retention.group_retention_user",
    )
    retention_diligence_ids = fields.One2many(
        "retention.vendor.diligence",
        "vendor_id",
        string="Due Diligence",
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

    @api.depends(
        "retention_vendor_review_ids.state",
        "retention_vendor_review_ids.result",
        "retention_vendor_review_ids.period_end",
    )
    def _compute_retention_vendor_status(self):
        # sudo: the status is the vendor's public standing in the provider; only the
        # result of the latest validated review leaves this method.
        reviews = (
            self.env["retention.vendor.review"]
            .sudo()
            .search_fetch(
                [("vendor_id", "in", self.filtered("id").ids), ("state", "=", "done")],
                ["vendor_id", "result"],
                order="period_end desc, id desc",
            )
        )
        latest = {}
        for review in reviews:
            latest.setdefault(review.vendor_id.id, review.result)
        for partner in self:
            partner.retention_vendor_status = latest.get(partner.id, False)

    def action_start_due_diligence(self):
        """Add a due-diligence line for every active checklist item the vendor lacks yet."""
        items = self.env["retention.vendor.diligence.item"].search([])
        Diligence = self.env["retention.vendor.diligence"]
        existing = {
            (line.vendor_id.id, line.item_id.id)
            for line in Diligence.search_fetch(
                [("vendor_id", "in", self.ids), ("company_id", "=", self.env.company.id)],
                ["vendor_id", "item_id"],
            )
        }
        Diligence.create(
            [
                {"vendor_id": vendor.id, "item_id": item.id, "company_id": self.env.company.id}
                for vendor in self
                for item in items
                if (vendor.id, item.id) not in existing
            ]
        )
        return True

    def action_view_vendor_reviews(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "outsourcing_retention.retention_vendor_review_action"
        )
        action["domain"] = [("vendor_id", "=", self.id)]
        action["context"] = {"default_vendor_id": self.id}
        return action

    def action_view_service_agreements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "outsourcing_retention.retention_service_agreement_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
