from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import client_programme

METRICS = [
    ("retention_12m", "12-Month Retention (%)"),
    ("renewal_rate", "Renewal Rate (%)"),
    ("fill_rate", "Fill Rate (%)"),
    ("response_time", "Median Incident Response (minutes)"),
    ("satisfaction", "Client Satisfaction (0-10)"),
    ("headcount", "Headcount"),
    ("cost_reduction", "Cost Reduction (%)"),
    ("other", "Other (entered per period)"),
]
# Metrics the suite measures itself, and how each is read from the client's figures.
MEASURED = {
    "retention_12m": lambda f: f.get("retention_12m"),
    "renewal_rate": lambda f: f.get("renewal_rate"),
    "fill_rate": lambda f: (f.get("staffing") or {}).get("fill_rate"),
    "response_time": lambda f: (f.get("incidents") or {}).get("median_minutes"),
    "satisfaction": lambda f: (f.get("satisfaction") or [{}])[-1].get("score"),
    "headcount": lambda f: f.get("headcount"),
}
# Metrics measured from the programme itself rather than from the client's figures.
PROGRAMME_MEASURED = {"cost_reduction"}
GOAL_STATUSES = [
    ("no_data", "No Data"),
    ("on_track", "On Track"),
    ("off_track", "Off Track"),
    ("achieved", "Achieved"),
    ("missed", "Missed"),
]


class RetentionOutsourcingGoal(models.Model):
    """A SMART goal of a programme: metric, baseline, target and deadline.

    Goals whose metric the suite measures update themselves from its data (daily cron and
    a button); the others take the latest value entered per period.
    """

    _name = "retention.outsourcing.goal"
    _description = "Outsourcing Programme Goal"
    _inherit = ["retention.input.mixin"]
    _order = "programme_id, sequence, id"

    programme_id = fields.Many2one(
        "retention.outsourcing.programme", required=True, index=True, ondelete="cascade"
    )
    client_id = fields.Many2one(related="programme_id.client_id", store=True, index=True)
    company_id = fields.Many2one(related="programme_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Goal", required=True, translate=True)
    metric = fields.Selection(METRICS, required=True, default="retention_12m")
    is_measured = fields.Boolean(
        string="Measured by the Suite",
        compute="_compute_is_measured",
        help="Updated from the suite's data every day.",
    )
    baseline = fields.Float(required=True)
    target = fields.Float(required=True)
    date_start = fields.Date(string="Start Date", required=True, default=fields.Date.context_today)
    deadline = fields.Date(required=True)
    value_ids = fields.One2many("retention.outsourcing.goal.value", "goal_id", string="Values per Period")
    current_value = fields.Float(readonly=True)
    has_value = fields.Boolean(readonly=True)
    measured_on = fields.Date(string="Last Update", readonly=True)
    progress = fields.Float(string="Progress (%)", readonly=True, aggregator="avg")
    status = fields.Selection(GOAL_STATUSES, default="no_data", readonly=True, index=True)

    @api.depends("metric")
    def _compute_is_measured(self):
        for goal in self:
            goal.is_measured = goal.metric in MEASURED or goal.metric in PROGRAMME_MEASURED

    @api.constrains("date_start", "deadline")
    def _check_dates(self):
        for goal in self:
            if goal.deadline < goal.date_start:
                raise ValidationError(
                    self.env._("The deadline of the goal %(goal)s is before its start.", goal=goal.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        goals = super().create(vals_list)
        goals._update_from_data()
        return goals

    def write(self, vals):
        self._check_input(vals)
        res = super().write(vals)
        if {"metric", "baseline", "target", "date_start", "deadline"} & vals.keys():
            self._update_from_data()
        return res

    def _update_from_data(self, today=None):
        """Current value, progress and status of the goals, set-based.

        Measured goals read the figures of their clients over the last 12 months (one batch
        of grouped queries for all clients); a cost reduction goal reads its programme's cost
        comparison (in-house against outsourced cost); the others take their latest entered
        value.
        """
        today = today or fields.Date.context_today(self)
        measured = self.filtered(lambda g: g.metric in MEASURED)
        figures = {}
        Metrics = self.env["retention.client.metrics"]
        for company in measured.company_id:
            mine = measured.filtered(lambda g, c=company: g.company_id == c)
            company_figures = Metrics.with_company(company)._client_figures(
                mine.client_id, today - relativedelta(months=12), today
            )
            for client_id, data in company_figures.items():
                figures[(company.id, client_id)] = data
        # sudo: the business case is for its managers only; the goal learns its programme's
        # saving percentage, which it shows to whoever may read the goal as its current value.
        from_programme = self.filtered(lambda g: g.metric in PROGRAMME_MEASURED)
        comparisons = {
            programme_id: result[0]
            for programme_id, result in from_programme.programme_id.sudo()._business_case_results().items()
        }
        latest = {}
        for value in self.env["retention.outsourcing.goal.value"].search_fetch(
            [("goal_id", "in", (self - measured - from_programme).ids), ("date", "<=", today)],
            ["goal_id", "value"],
            order="goal_id, date desc, id desc",
        ):
            latest.setdefault(value.goal_id.id, value.value)
        for goal in self:
            if goal.metric in MEASURED:
                current = MEASURED[goal.metric](figures.get((goal.company_id.id, goal.client_id.id), {}))
                if current == client_programme.HIDDEN:
                    current = None
            elif goal.metric in PROGRAMME_MEASURED:
                current = client_programme.cost_reduction(comparisons.get(goal.programme_id.id))
            else:
                current = latest.get(goal.id)
            progress = client_programme.goal_progress(goal.baseline, goal.target, current)
            status = client_programme.goal_status(progress, goal.date_start, goal.deadline, today)
            # Only result fields: write() does not update the goal again.
            goal.write(
                {
                    "current_value": current or 0.0,
                    "has_value": current is not None,
                    "progress": round((progress or 0.0) * 100.0, 1),
                    "status": status,
                    "measured_on": today,
                }
            )

    @api.model
    def _cron_update_goals(self, batch_size=500):
        """Daily: every goal of an approved or running programme, in batches, idempotent."""
        # sudo: a system cron updating the goals of every company, each from its own
        # company's figures (``with_company`` in _update_from_data).
        self = self.sudo()  # pylint: disable=self-cls-assignment
        domain = [
            ("programme_id.state", "in", ("approved", "running")),
            "|",
            ("measured_on", "=", False),
            ("measured_on", "<", fields.Date.context_today(self)),
        ]
        goals = self.search(domain, limit=batch_size)
        goals._update_from_data()
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(goals), remaining=remaining)
