import threading

from odoo import api, fields, models
from odoo.exceptions import ValidationError

OUTCOMES = [("pending", "Pending"), ("retained", "Retained"), ("left", "Left")]


class RetentionIntervention(models.Model):
    """A measure taken to keep an employee, and whether the employee stayed.

    The outcome is recorded by a daily job once the contract is renewed
    (retained) or the employee departs (left), or by hand.
    """

    _name = "retention.intervention"
    _description = "Retention Intervention"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_deadline desc, id desc"
    _rec_name = "employee_id"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, tracking=True, check_company=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company, readonly=True
    )
    alert_id = fields.Many2one("retention.risk.alert", index="btree_not_null", check_company=True)
    # Contracts are for contract officers: regional managers plan interventions without seeing them.
    contract_id = fields.Many2one(
        "hr.contract",
        compute="_compute_contract_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        groups="hr_contract.group_hr_contract_employee_manager",
        help="The contract whose renewal is at stake: the outcome follows it.",
    )
    site_id = fields.Many2one(
        "retention.client.site",
        compute="_compute_site_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        check_company=True,
    )
    type_ids = fields.Many2many("retention.intervention.type", string="Measures", required=True)
    responsible_id = fields.Many2one(
        "res.users", required=True, default=lambda self: self.env.user, tracking=True, index=True
    )
    date_deadline = fields.Date(string="Deadline", required=True, tracking=True)
    description = fields.Text()
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
    )
    outcome = fields.Selection(OUTCOMES, default="pending", required=True, tracking=True, index=True)
    outcome_date = fields.Date(readonly=True)
    outcome_auto = fields.Boolean(string="Recorded Automatically", readonly=True)
    success_rate = fields.Float(
        compute="_compute_success_rate",
        store=True,
        aggregator="avg",
        help="100 when the employee stayed, 0 when they left; empty while pending. "
        "Its average is the success rate.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        interventions = super().create(vals_list)
        interventions._retention_apply_measures()
        return interventions

    def write(self, vals):
        result = super().write(vals)
        if "type_ids" in vals:
            self._retention_apply_measures()
        return result

    def _retention_apply_measures(self):
        """The seam through which other addons act on an intervention's measures.

        Called on interventions just created and on those whose measures changed.
        welfare_points extends it for the measure whose code is ``benefit`` (it posts
        the boost), career_paths for ``training`` (it adds a training-plan item).
        Overrides filter ``self`` on ``type_ids.code``, skip cancelled interventions
        and must be idempotent: the same intervention may come through again.
        """
        return True

    @api.depends("alert_id", "employee_id")
    def _compute_contract_id(self):
        without_alert = self.filtered(lambda i: not i.alert_id and i.employee_id)
        # sudo: only the id of the employee's running contract is kept, in a field for contract officers
        running = (
            self.env["retention.risk.score"]
            .sudo()
            ._risk_running_contracts(without_alert.employee_id, fields.Date.context_today(self))
            if without_alert
            else {}
        )
        for intervention in self:
            if intervention.alert_id:
                intervention.contract_id = intervention.alert_id.contract_id
            elif intervention.employee_id:
                intervention.contract_id = running.get(intervention.employee_id.id, False)

    @api.depends("alert_id", "employee_id")
    def _compute_site_id(self):
        for intervention in self:
            if intervention.alert_id.site_id:
                intervention.site_id = intervention.alert_id.site_id
            elif intervention.employee_id and not intervention.site_id:
                # sudo: the current site of the employee, which the planner may not manage
                intervention.site_id = intervention.employee_id.sudo().retention_current_site_id

    @api.depends("outcome")
    def _compute_success_rate(self):
        for intervention in self:
            intervention.success_rate = {"retained": 100.0, "left": 0.0}.get(intervention.outcome, False)

    @api.constrains("employee_id", "alert_id", "contract_id")
    def _check_same_employee(self):
        for intervention in self.sudo():  # sudo: compares employees only, whoever planned it
            for record in (intervention.alert_id, intervention.contract_id):
                if record and record.employee_id != intervention.employee_id:
                    raise ValidationError(
                        self.env._(
                            "The alert and the contract of an intervention must be those of %(employee)s.",
                            employee=intervention.employee_id.name,
                        )
                    )

    @api.onchange("alert_id")
    def _onchange_alert_id(self):
        if self.alert_id:
            self.employee_id = self.alert_id.employee_id

    def action_done(self):
        self.write({"state": "done"})

    def action_cancel(self):
        self.write({"state": "cancelled"})

    def action_mark_retained(self):
        self._set_outcome("retained", auto=False)

    def action_mark_left(self):
        self._set_outcome("left", auto=False)

    def _set_outcome(self, outcome, auto, on_date=None):
        if not self:
            return
        self.write(
            {
                "outcome": outcome,
                "outcome_auto": auto,
                "outcome_date": on_date or fields.Date.context_today(self),
            }
        )

    @api.model
    def _retention_outcomes(self, contracts, employees):
        """{contract_id or employee_id: 'retained' | 'left'} decided from the contracts and departures."""
        left = {employee.id for employee in employees.with_context(active_test=False) if not employee.active}
        renewed = {
            contract.id
            for contract in contracts
            if contract.retention_renewal_state == "renewed" or contract.retention_successor_id
        }
        return left, renewed

    @api.model
    def _cron_record_outcomes(self, batch_size=500):
        """Record the outcome of pending interventions and alerts, batch by batch."""
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        done = 0
        for model in (self, self.env["retention.risk.alert"]):
            domain = [("outcome", "=", "pending")]
            if model is self:
                domain.append(("state", "!=", "cancelled"))
            offset = 0
            while True:
                records = model.search(domain, limit=batch_size, offset=offset, order="id")
                if not records:
                    break
                employees = records.employee_id.with_context(active_test=False)
                left, renewed = self._retention_outcomes(records.contract_id, employees)
                retained_records = records.filtered(lambda r, renewed=renewed: r.contract_id.id in renewed)
                left_records = (
                    records.filtered(lambda r, left=left: r.employee_id.id in left) - retained_records
                )
                retained_records._set_outcome("retained", auto=True)
                left_records._set_outcome("left", auto=True)
                # decided records leave the pending domain; the undecided ones are skipped over
                offset += len(records) - len(retained_records) - len(left_records)
                done += len(records)
                self.env["ir.cron"]._notify_progress(done=done, remaining=0)
                if auto_commit:
                    # keep the batches already decided if a later one fails
                    self.env.cr.commit()  # pylint: disable=invalid-commit
        return done
