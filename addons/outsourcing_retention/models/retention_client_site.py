from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetentionClientSite(models.Model):
    _name = "retention.client.site"
    _description = "Client Site"
    _inherit = ["mail.thread", "mail.activity.mixin", "retention.input.mixin"]
    _order = "client_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        required=True, tracking=True, help="Short reference of the site, unique in the company."
    )
    active = fields.Boolean(default=True, tracking=True)
    client_id = fields.Many2one(
        "res.partner",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
        domain="[('is_outsourcing_client', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    street = fields.Char()
    city = fields.Char(tracking=True)
    state_id = fields.Many2one(
        "res.country.state",
        string="Province",
        tracking=True,
        domain="[('country_id.code', '=', 'CN')]",
        help="Province, autonomous region or municipality of the site in China.",
    )
    regional_manager_id = fields.Many2one(
        "res.users",
        tracking=True,
        index=True,
        check_company=True,
        domain="[('share', '=', False)]",
        help="Manages the site for the provider and receives its alerts.",
    )
    client_hr_partner_id = fields.Many2one(
        "res.partner",
        string="Client HR Contact",
        help="The client's HR contact for this site.",
    )
    high_pressure = fields.Boolean(
        help="Everybody at this site gets the monthly wellbeing check of the high-pressure campaigns."
    )
    planned_headcount = fields.Integer(help="Number of workers the client expects at the site.")
    active_headcount = fields.Integer(
        compute="_compute_active_headcount",
        store=True,
        help="Number of assignments active at the site today.",
    )
    # Not for client users: they see the people placed through retention_client_people().
    assignment_ids = fields.One2many(
        "retention.assignment",
        "site_id",
        string="Assignments",
        groups="outsourcing_retention.group_retention_user,hr.group_hr_user",
    )
    note = fields.Html(groups="outsourcing_retention.group_retention_user,hr.group_hr_user")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The site code must be unique per company."),
        (
            "planned_headcount_positive",
            "CHECK(planned_headcount >= 0)",
            "The planned headcount cannot be negative.",
        ),
    ]

    @api.depends("assignment_ids.state")
    def _compute_active_headcount(self):
        # sudo: a headcount of the site itself, shown to whoever may read the site;
        # no assignment data leaves this method but the count.
        counts = dict(
            self.env["retention.assignment"]
            .sudo()
            ._read_group(
                [("site_id", "in", self.ids), ("state", "=", "active")],
                ["site_id"],
                ["__count"],
            )
        )
        for site in self:
            site.active_headcount = counts.get(site.sudo(), 0)

    @api.constrains("state_id")
    def _check_state_in_china(self):
        for site in self:
            if site.state_id and site.state_id.country_id.code != "CN":
                raise ValidationError(
                    self.env._(
                        "The site %(site)s must be in a Chinese province, not in %(province)s.",
                        site=site.display_name,
                        province=site.state_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        sites = super().create(vals_list)
        sites._subscribe_regional_managers()
        return sites

    def write(self, vals):
        self._check_input(vals)
        res = super().write(vals)
        if vals.get("regional_manager_id"):
            self._subscribe_regional_managers()
        if {"client_id", "company_id"} & vals.keys():
            # A site moving to another client brings its dispatched workers into that
            # client's cap, as new assignments would. sudo: every assignment of the site
            # counts, including those the user cannot see; the check reveals only numbers.
            self.sudo().with_context(active_test=False).assignment_ids._check_dispatch_cap()
        return res

    def _subscribe_regional_managers(self):
        """The regional manager follows the site, so that its alerts reach them."""
        for site in self.filtered("regional_manager_id"):
            site.message_subscribe(partner_ids=site.regional_manager_id.partner_id.ids)

    def action_view_assignments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "outsourcing_retention.retention_assignment_action"
        )
        action["domain"] = [("site_id", "=", self.id)]
        action["context"] = {"default_site_id": self.id, "search_default_filter_current": 1}
        return action

    # ------------------------------------------------------------------ client API

    @api.model
    def _retention_readable_sites(self, site_ids=None):
        """The sites the caller may read (record rules apply), optionally among ``site_ids``.

        An id that is not one of those sites is refused without telling whether it exists.
        """
        domain = []
        if site_ids is not None and site_ids is not False:
            if not isinstance(site_ids, (list, tuple)) or not all(type(i) is int for i in site_ids):
                raise ValidationError(self.env._("site_ids expects a list of site ids (whole numbers)."))
            domain = [("id", "in", list(site_ids))]
        sites = self.search(domain)
        if site_ids:
            missing = set(site_ids) - set(sites.ids)
            if missing:
                raise ValidationError(
                    self.env._("There is no site with the id %(id)s among yours.", id=min(missing))
                )
        return sites

    @api.model
    def retention_client_people(self, site_ids=None):
        """The people placed at the caller's sites, planned or on assignment.

        For client users (portal or Client HR) and the provider's users alike: the sites
        are those the caller may read. Only the values a client may know leave this
        method: name, job, site, dates, employment mode; never wages, risk, mood, legal or
        performance data. Returns a list of dicts, dates as YYYY-MM-DD text.
        """
        sites = self._retention_readable_sites(site_ids)
        if not sites:
            return []
        # sudo: client users have no access to assignments nor employees; the sites are
        # those their record rules let them read, and only whitelisted values are returned.
        assignments = (
            self.env["retention.assignment"]
            .sudo()
            .search_fetch(
                [("site_id", "in", sites.ids), ("state", "in", ("planned", "active"))],
                ["employee_id", "job_id", "site_id", "date_start", "date_end", "employment_mode", "state"],
                order="site_id, date_start, id",
            )
        )
        modes = dict(assignments._fields["employment_mode"]._description_selection(self.env))
        states = dict(assignments._fields["state"]._description_selection(self.env))
        return [
            {
                "id": assignment.id,
                "employee_name": assignment.employee_id.name,
                "job_id": assignment.job_id.id,
                "job_name": assignment.job_id.name or "",
                "site_id": assignment.site_id.id,
                "site_name": assignment.site_id.name,
                "date_start": fields.Date.to_string(assignment.date_start),
                "date_end": fields.Date.to_string(assignment.date_end) if assignment.date_end else False,
                "employment_mode": assignment.employment_mode,
                "employment_mode_label": modes.get(assignment.employment_mode),
                "state": assignment.state,
                "state_label": states.get(assignment.state),
            }
            for assignment in assignments
        ]

    @api.model
    def retention_headcount(self, site_ids=None):
        """People on assignment today per site and job, at the sites the caller may read.

        Returns a list of dicts: site_id, site_name, job_id, job_name, headcount.
        """
        sites = self._retention_readable_sites(site_ids)
        if not sites:
            return []
        # sudo: counts only, at sites the caller may read (see retention_client_people).
        groups = (
            self.env["retention.assignment"]
            .sudo()
            ._read_group(
                [("site_id", "in", sites.ids), ("state", "=", "active")],
                ["site_id", "job_id"],
                ["__count"],
                order="site_id, job_id",
            )
        )
        return [
            {
                "site_id": site.id,
                "site_name": site.name,
                "job_id": job.id,
                "job_name": job.name or "",
                "headcount": count,
            }
            for site, job, count in groups
        ]
