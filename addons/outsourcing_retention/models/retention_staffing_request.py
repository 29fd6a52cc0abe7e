from odoo import api, fields, models

STATES = [
    ("requested", "Requested"),
    ("confirmed", "Confirmed"),
    ("partial", "Partly Filled"),
    ("filled", "Filled"),
    ("cancelled", "Cancelled"),
]


class RetentionStaffingRequest(models.Model):
    """An open client position (用工需求): the one place where client demand lives.

    career_paths ``_inherit``s it with skill, level and certificate requirements and
    matches people to it; filling a request creates assignments.
    """

    _name = "retention.staffing.request"
    _description = "Staffing Request"
    _inherit = ["mail.thread", "mail.activity.mixin", "retention.input.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, copy=False, readonly=True, default="/")
    site_id = fields.Many2one(
        "retention.client.site", required=True, index=True, tracking=True, check_company=True
    )
    client_id = fields.Many2one("res.partner", related="site_id.client_id", store=True, index=True)
    company_id = fields.Many2one("res.company", related="site_id.company_id", store=True, index=True)
    job_id = fields.Many2one("hr.job", string="Job Position", tracking=True, check_company=True)
    quantity = fields.Integer(string="Number of People", required=True, default=1, tracking=True)
    date_start = fields.Date(string="Start Date", required=True, index=True, tracking=True)
    shift = fields.Char(tracking=True, help="Working hours or shift pattern, e.g. 两班倒 8:00-20:00.")
    city = fields.Char(compute="_compute_city", store=True, readonly=False, tracking=True)
    requirements = fields.Text()
    state = fields.Selection(STATES, default="requested", required=True, tracking=True, index=True)
    assignment_ids = fields.One2many("retention.assignment", "staffing_request_id", string="Assignments")
    filled_count = fields.Integer(string="Filled", compute="_compute_filled_count", store=True)

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A staffing request needs at least one person."),
    ]

    @api.depends("site_id.city")
    def _compute_city(self):
        for request in self:
            if not request.city:
                request.city = request.site_id.city

    @api.depends("assignment_ids.state")
    def _compute_filled_count(self):
        for request in self:
            request.filled_count = len(
                request.assignment_ids.filtered(lambda a: a.state in ("planned", "active", "ended"))
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("retention.staffing.request") or "/"
        return super().create(vals_list)

    def write(self, vals):
        self._check_input(vals)
        return super().write(vals)
