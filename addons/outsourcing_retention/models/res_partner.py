from odoo import api, fields, models
from odoo.exceptions import AccessError

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
        tracking=True,
        help="The client's own total workforce (its employees, dispatched workers excluded). "
        "The dispatch cap (10 % of the total workforce) is computed from it; only retention "
        "managers change it.",
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
        search="_search_retention_vendor_status",
        help="The result of the vendor's latest validated periodic review in the current company. "
        "An eliminated vendor cannot get new service agreements of that company.",
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

    @api.model
    def _retention_latest_vendor_results(self, vendor_ids=None):
        """{vendor id: result of its latest validated review} in the current company."""
        domain = [("state", "=", "done"), ("company_id", "=", self.env.company.id)]
        if vendor_ids is not None:
            domain.append(("vendor_id", "in", vendor_ids))
        # sudo: the status is the vendor's standing in the current company, which every user
        # of that company may know; only the result of the company's own latest validated
        # review leaves this method, never another company's.
        reviews = (
            self.env["retention.vendor.review"]
            .sudo()
            .search_fetch(domain, ["vendor_id", "result"], order="period_end desc, id desc")
        )
        latest = {}
        for review in reviews:
            latest.setdefault(review.vendor_id.id, review.result)
        return latest

    @api.depends_context("company")
    @api.depends(
        "retention_vendor_review_ids.state",
        "retention_vendor_review_ids.result",
        "retention_vendor_review_ids.period_end",
    )
    def _compute_retention_vendor_status(self):
        latest = self._retention_latest_vendor_results(self.filtered("id").ids)
        for partner in self:
            partner.retention_vendor_status = latest.get(partner.id, False)

    def _search_retention_vendor_status(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            return NotImplemented
        values = {value} if operator in ("=", "!=") else set(value)
        positive = operator in ("=", "in")
        latest = self._retention_latest_vendor_results()
        if False in values or None in values:
            # "No status": every partner but those whose status is not in the values.
            excluded = [vendor for vendor, result in latest.items() if result not in values]
            return [("id", "not in" if positive else "in", excluded)]
        matching = [vendor for vendor, result in latest.items() if result in values]
        return [("id", "in" if positive else "not in", matching)]

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("client_workforce") for vals in vals_list):
            self._check_client_workforce_access()
        return super().create(vals_list)

    def write(self, vals):
        if "client_workforce" in vals:
            self._check_client_workforce_access()
        return super().write(vals)

    def _check_client_workforce_access(self):
        """The client workforce decides the dispatch cap: only retention managers set it."""
        if self.env.su or self.env.user.has_group("outsourcing_retention.group_retention_manager"):
            return
        raise AccessError(
            self.env._(
                "Only a retention manager may change the workforce of a client: it decides the dispatch cap."
            )
        )

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
