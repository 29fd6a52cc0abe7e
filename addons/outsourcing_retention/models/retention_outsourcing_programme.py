from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import client_programme
from .retention_outsourcing_goal import PROGRAMME_MEASURED

STATES = [("draft", "Draft"), ("approved", "Approved"), ("running", "Running"), ("closed", "Closed")]
# The state each transition starts from.
TRANSITIONS = {"approved": ("draft",), "running": ("approved",), "closed": ("approved", "running")}
BUSINESS_CASE_GROUP = "outsourcing_retention.group_retention_user"


class RetentionOutsourcingProgramme(models.Model):
    """An outsourcing programme (外包项目): what a client outsources, why, and how it goes.

    Both sides of the suite use it: a provider planning the service of a client
    (``view = provider``) and a client deciding what to outsource and to whom
    (``view = client``). The business case (cost comparison, risk checklist) is
    internal: client users read the programme's goals only.
    """

    _name = "retention.outsourcing.programme"
    _description = "Outsourcing Programme"
    _inherit = ["mail.thread", "mail.activity.mixin", "retention.input.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True, translate=True)
    view = fields.Selection(
        [("provider", "Provider Planning"), ("client", "Client Decision")],
        string="Point of View",
        required=True,
        default="provider",
        help="Provider Planning: the provider plans the service it runs for the client. Client "
        "Decision: the client weighs what to outsource and to which vendor.",
    )
    client_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_outsourcing_client', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users",
        string="Programme Manager",
        tracking=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
    )
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, copy=False, tracking=True, index=True
    )
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", tracking=True)
    site_ids = fields.Many2many(
        "retention.client.site",
        string="Sites",
        check_company=True,
        domain="[('client_id', '=', client_id)]",
    )
    vendor_ids = fields.Many2many(
        "res.partner",
        "retention_outsourcing_programme_vendor_rel",
        "programme_id",
        "vendor_id",
        string="Vendors",
        domain="[('is_outsourcing_vendor', '=', True)]",
        groups=BUSINESS_CASE_GROUP,
    )
    agreement_ids = fields.Many2many(
        "retention.service.agreement",
        string="Service Agreements",
        check_company=True,
        groups=BUSINESS_CASE_GROUP,
    )
    scope_ids = fields.One2many(
        "retention.outsourcing.scope", "programme_id", copy=True, groups=BUSINESS_CASE_GROUP
    )
    cost_line_ids = fields.One2many(
        "retention.outsourcing.cost.line",
        "programme_id",
        string="Cost Lines",
        copy=True,
        groups=BUSINESS_CASE_GROUP,
    )
    risk_line_ids = fields.One2many(
        "retention.outsourcing.risk.line",
        "programme_id",
        string="Risk Checklist",
        copy=True,
        groups=BUSINESS_CASE_GROUP,
    )
    goal_ids = fields.One2many("retention.outsourcing.goal", "programme_id", string="Goals", copy=True)

    # Business case: internal to the provider or the client, never shown to client users.
    headcount = fields.Integer(
        compute="_compute_headcount",
        store=True,
        help="Total headcount of the scope.",
        groups=BUSINESS_CASE_GROUP,
    )
    cost_months = fields.Integer(
        string="Months Compared",
        default=12,
        groups=BUSINESS_CASE_GROUP,
        help="Number of months over which in-house and outsourcing costs are compared.",
    )
    turnover_rate = fields.Float(
        string="Annual Turnover (%)",
        default=30.0,
        groups=BUSINESS_CASE_GROUP,
        help="Expected annual turnover of the people in scope, for the replacement cost lines.",
    )
    cost_inhouse = fields.Monetary(
        string="In-house Cost", compute="_compute_business_case", groups=BUSINESS_CASE_GROUP
    )
    cost_outsourcing = fields.Monetary(
        string="Outsourcing Cost", compute="_compute_business_case", groups=BUSINESS_CASE_GROUP
    )
    cost_saving = fields.Monetary(
        string="Saving", compute="_compute_business_case", groups=BUSINESS_CASE_GROUP
    )
    cost_saving_percent = fields.Float(
        string="Saving (%)", compute="_compute_business_case", groups=BUSINESS_CASE_GROUP
    )
    risk_total = fields.Float(
        string="Risk Score",
        compute="_compute_business_case",
        groups=BUSINESS_CASE_GROUP,
        help="Weighted risk of the checklist, 0 (none) to 100.",
    )
    risk_level = fields.Selection(
        [("low", "Low Risk"), ("medium", "Medium Risk"), ("high", "High Risk")],
        compute="_compute_business_case",
        groups=BUSINESS_CASE_GROUP,
    )
    open_mitigation_count = fields.Integer(
        string="Open Mitigations", compute="_compute_business_case", groups=BUSINESS_CASE_GROUP
    )
    goal_off_track_count = fields.Integer(string="Goals Off Track", compute="_compute_goal_off_track_count")
    dispatch_breach = fields.Boolean(
        string="Dispatch Cap Breached",
        compute="_compute_business_case",
        groups=BUSINESS_CASE_GROUP,
        help="The client's dispatched workers exceed 10 % of its workforce: the legal compliance "
        "risk is scored 4 at least.",
    )
    note = fields.Html()

    _sql_constraints = [
        ("cost_months_positive", "CHECK(cost_months >= 0)", "The months compared cannot be negative."),
        (
            "turnover_rate_range",
            "CHECK(turnover_rate >= 0 AND turnover_rate <= 100)",
            "The annual turnover is a percentage between 0 and 100.",
        ),
    ]

    @api.depends("scope_ids.headcount")
    def _compute_headcount(self):
        for programme in self:
            programme.headcount = sum(programme.scope_ids.mapped("headcount"))

    def _business_case_results(self):
        """{programme id: (cost comparison, risk assessment)} from the engine.

        Not stored: the dispatch compliance of the client is live data, and a cost rate
        changed in the checklist shows at once.
        """
        # One read of the dispatch compliance view for every client of the batch. sudo: the
        # view is readable by retention managers only; the programme learns only whether its
        # own client breaches the cap, a fact every reader of its business case may know.
        breaches = {
            (row.company_id.id, row.client_id.id)
            for row in self.env["retention.dispatch.compliance"]
            .sudo()
            .search([("client_id", "in", self.client_id.ids), ("breach", "=", True)])
        }
        limits = self.env["retention.outsourcing.risk.item"]._risk_limits()
        results = {}
        for programme in self:
            comparison = client_programme.cost_comparison(
                [
                    {
                        "side": line.side,
                        "method": line.method,
                        "value": line.value,
                        "is_wage": line.is_wage,
                        "turnover_rate": programme.turnover_rate,
                    }
                    for line in programme.cost_line_ids
                ],
                programme.headcount,
                programme.cost_months,
            )
            breach = (programme.company_id.id, programme.client_id.id) in breaches
            risk = client_programme.risk_assessment(
                [
                    {
                        "score": int(line.score or 0),
                        "weight": line.weight,
                        "floor": 4 if breach and line.code == "legal" else 0,
                        "mitigation": line.mitigation,
                        "mitigation_done": line.mitigation_done,
                    }
                    for line in programme.risk_line_ids
                ],
                limits,
            )
            results[programme.id] = (comparison, risk, breach)
        return results

    @api.depends(
        "headcount",
        "cost_months",
        "turnover_rate",
        "cost_line_ids.side",
        "cost_line_ids.method",
        "cost_line_ids.value",
        "cost_line_ids.is_wage",
        "risk_line_ids.score",
        "risk_line_ids.weight",
        "risk_line_ids.code",
        "risk_line_ids.mitigation",
        "risk_line_ids.mitigation_done",
        "client_id",
    )
    def _compute_business_case(self):
        results = self._business_case_results()
        for programme in self:
            comparison, risk, breach = results[programme.id]
            programme.update(
                {
                    "cost_inhouse": comparison["inhouse"],
                    "cost_outsourcing": comparison["outsourcing"],
                    "cost_saving": comparison["saving"],
                    "cost_saving_percent": comparison["saving_percent"],
                    "risk_total": risk["total"],
                    "risk_level": risk["level"],
                    "open_mitigation_count": len(risk["open_mitigations"]),
                    "dispatch_breach": breach,
                }
            )

    @api.depends("goal_ids.status")
    def _compute_goal_off_track_count(self):
        for programme in self:
            programme.goal_off_track_count = len(
                programme.goal_ids.filtered(lambda g: g.status in ("off_track", "missed"))
            )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for programme in self:
            if programme.date_end and programme.date_end < programme.date_start:
                raise ValidationError(
                    self.env._(
                        "The programme %(programme)s ends on %(date_end)s, before it starts on "
                        "%(date_start)s.",
                        programme=programme.display_name,
                        date_end=programme.date_end,
                        date_start=programme.date_start,
                    )
                )

    @api.constrains("client_id", "site_ids")
    def _check_sites_of_client(self):
        for programme in self:
            foreign = programme.site_ids.filtered(lambda s, p=programme: s.client_id != p.client_id)
            if foreign:
                raise ValidationError(
                    self.env._(
                        "The site %(site)s does not belong to the client %(client)s of the programme.",
                        site=foreign[0].display_name,
                        client=programme.client_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_input(vals)
        res = super().write(vals)
        if {"cost_months", "turnover_rate"} & vals.keys():
            self._retention_update_cost_goals()
        return res

    def _retention_update_cost_goals(self):
        """A cost reduction goal follows its programme's business case as soon as it changes
        (a cost line, the headcount in scope, the months compared or the turnover rate)."""
        # sudo: whoever may change the business case updates its goals' measured values,
        # which are derived from that business case only.
        goals = self.sudo().goal_ids.filtered(lambda g: g.metric in PROGRAMME_MEASURED)
        if goals:
            goals._update_from_data()

    def _set_state(self, state):
        for programme in self:
            if programme.state not in TRANSITIONS[state]:
                labels = dict(self._fields["state"]._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "The programme %(programme)s is %(current)s: it cannot become %(target)s.",
                        programme=programme.display_name,
                        current=labels[programme.state],
                        target=labels[state],
                    )
                )
        self.write({"state": state})
        return True

    def action_approve(self):
        return self._set_state("approved")

    def action_run(self):
        return self._set_state("running")

    def action_close(self):
        return self._set_state("closed")

    def action_reset_draft(self):
        for programme in self:
            if programme.state != "approved":
                raise UserError(self.env._("Only an approved programme goes back to draft."))
        self.write({"state": "draft"})
        return True

    def action_load_checklists(self):
        """Add the configured cost items and risk checklist items the programme lacks yet."""
        cost_items = self.env["retention.outsourcing.cost.item"].search([])
        risk_items = self.env["retention.outsourcing.risk.item"].search([])
        for programme in self:
            have_costs = programme.cost_line_ids.item_id
            have_risks = programme.risk_line_ids.item_id
            programme.write(
                {
                    "cost_line_ids": [
                        Command.create(item._line_values()) for item in cost_items - have_costs
                    ],
                    "risk_line_ids": [
                        Command.create(item._line_values()) for item in risk_items - have_risks
                    ],
                }
            )
        return True

    def action_update_goals(self):
        self.goal_ids._update_from_data()
        return True
