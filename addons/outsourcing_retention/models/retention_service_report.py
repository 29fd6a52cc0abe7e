from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import client_programme


class RetentionServiceReport(models.Model):
    """A monthly or quarterly service report to a client (服务报告).

    Its figures are computed once, when the report is generated, and kept as they were
    (a report is a document sent to the client): the under-5 rule is applied before they
    are stored, so no hidden figure is ever in the database of the report. Client users
    read published reports of their own client only.
    """

    _name = "retention.service.report"
    _description = "Service Report"
    _inherit = ["mail.thread", "retention.input.mixin"]
    _order = "date_to desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
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
    site_ids = fields.Many2many(
        "retention.client.site", compute="_compute_site_ids", store=True, string="Sites"
    )
    period_type = fields.Selection(
        [("month", "Monthly"), ("quarter", "Quarterly")], required=True, default="quarter"
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    state = fields.Selection(
        [("draft", "Draft"), ("published", "Published")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    figures = fields.Json(readonly=True, copy=False)
    generated_on = fields.Datetime(readonly=True, copy=False)
    comment = fields.Text(help="The provider's comment to the client, printed on the report.")

    _sql_constraints = [
        (
            "period_uniq",
            "unique(client_id, company_id, period_type, date_from)",
            "There is already a service report of this client for this period.",
        ),
    ]

    @api.depends("client_id", "date_from", "date_to", "period_type")
    def _compute_name(self):
        for report in self:
            if not (report.client_id and report.date_from):
                report.name = False
                continue
            period = (
                client_programme.quarter_label(report.date_from)
                if report.period_type == "quarter"
                else report.date_from.strftime("%Y-%m")
            )
            report.name = f"{report.client_id.name} {period}"

    @api.depends("client_id", "company_id")
    def _compute_site_ids(self):
        sites = self.env["retention.client.site"].search(
            [("client_id", "in", self.client_id.ids), ("company_id", "in", self.company_id.ids)]
        )
        for report in self:
            report.site_ids = sites.filtered(
                lambda s, r=report: s.client_id == r.client_id and s.company_id == r.company_id
            )

    @api.onchange("period_type", "date_from")
    def _onchange_period(self):
        if self.date_from:
            self.date_from, self.date_to = client_programme.period_bounds(self.period_type, self.date_from)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for report in self:
            if report.date_to < report.date_from:
                raise ValidationError(
                    self.env._("The service report %(report)s ends before it starts.", report=report.name)
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_input(vals)
        if (
            self.filtered(lambda r: r.state == "published")
            and {"client_id", "date_from", "date_to", "figures"} & vals.keys()
        ):
            raise UserError(self.env._("A published service report is not changed: generate a new one."))
        return super().write(vals)

    def action_generate(self):
        """Compute the figures of each draft report (one batch of grouped queries per period)."""
        if self.filtered(lambda r: r.state != "draft"):
            raise UserError(self.env._("Only a draft service report is generated again."))
        Metrics = self.env["retention.client.metrics"].with_company(self.company_id[:1])
        periods = {}
        for report in self:
            periods.setdefault((report.date_from, report.date_to, report.company_id), self.browse())
            periods[(report.date_from, report.date_to, report.company_id)] |= report
        now = fields.Datetime.now()
        for (date_from, date_to, company), reports in periods.items():
            figures = Metrics.with_company(company)._client_figures(reports.client_id, date_from, date_to)
            for report in reports:
                data = figures[report.client_id.id]
                data["goals"] = report._goal_rows()
                report.write({"figures": data, "generated_on": now})
        return True

    def _goal_rows(self):
        self.ensure_one()
        goals = self.env["retention.outsourcing.goal"].search(
            [
                ("client_id", "=", self.client_id.id),
                ("company_id", "=", self.company_id.id),
                ("programme_id.state", "in", ("approved", "running", "closed")),
            ]
        )
        metrics = dict(goals._fields["metric"]._description_selection(self.env))
        statuses = dict(goals._fields["status"]._description_selection(self.env))
        return [
            {
                "name": goal.name,
                "metric": metrics[goal.metric],
                "baseline": goal.baseline,
                "target": goal.target,
                "current": goal.current_value if goal.has_value else None,
                "progress": goal.progress,
                "status": statuses[goal.status],
                "deadline": fields.Date.to_string(goal.deadline),
            }
            for goal in goals
        ]

    def action_publish(self):
        for report in self:
            if report.state != "draft" or not report.figures:
                raise UserError(
                    self.env._("Generate the figures of %(report)s before publishing it.", report=report.name)
                )
        self.write({"state": "published"})
        return True

    def action_reset_draft(self):
        self.write({"state": "draft"})
        return True

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.name or "service-report"

    def _hidden_label(self):
        return self.env._("Hidden (fewer than 5 people)")

    def _show(self, value, suffix=""):
        """A figure as printed: the under-5 marker for hidden figures, a dash for none."""
        if value == client_programme.HIDDEN:
            return self._hidden_label()
        if value is None or value is False:
            return "-"
        if isinstance(value, float):
            value = f"{value:g}"
        return f"{value}{suffix}"

    @api.model
    def _cron_generate_reports(self):
        """On the first day of a quarter: a draft report of the last quarter for every client with
        sites (idempotent: the unique period skips those already there)."""
        # sudo: a system cron drafting the reports of every company; each report's figures are
        # read for its own company only (``with_company`` in action_generate).
        self = self.sudo()  # pylint: disable=self-cls-assignment
        today = fields.Date.context_today(self)
        current_start = client_programme.period_bounds("quarter", today)[0]
        date_from, date_to = client_programme.period_bounds("quarter", current_start - timedelta(days=1))
        pairs = self.env["retention.client.site"]._read_group([], ["client_id", "company_id"])
        existing = {
            (r.client_id.id, r.company_id.id)
            for r in self.search([("period_type", "=", "quarter"), ("date_from", "=", date_from)])
        }
        todo = [
            {
                "client_id": client.id,
                "company_id": company.id,
                "period_type": "quarter",
                "date_from": date_from,
                "date_to": date_to,
            }
            for client, company in pairs
            if (client.id, company.id) not in existing
        ]
        self.create(todo).action_generate()
        self.env["ir.cron"]._notify_progress(done=len(todo), remaining=0)
