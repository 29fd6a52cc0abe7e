import logging
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ..engine import labour_law
from .labour_law_messages import issue_message

_logger = logging.getLogger(__name__)

HR_CONTRACT_MANAGER = "hr_contract.group_hr_contract_manager"
RENEWAL_STATES = [
    ("not_due", "Not Due"),
    ("to_review", "To Review"),
    ("offer_sent", "Offer Sent"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("renewed", "Renewed"),
    ("ended", "Ended"),
]
# States a contract can still leave when it closes: not yet renewed or declared ended.
OPEN_RENEWAL_STATES = ("not_due", "to_review", "offer_sent", "accepted", "declined")
# Renewals already settled: no more reminders (a declined offer still needs HR to act).
SETTLED_RENEWAL_STATES = ("accepted", "renewed", "ended")


class HrContract(models.Model):
    _inherit = "hr.contract"

    retention_renewal_state = fields.Selection(
        RENEWAL_STATES,
        string="Renewal Status",
        default="not_due",
        required=True,
        copy=False,
        index=True,
        tracking=True,
        groups=HR_CONTRACT_MANAGER,
        help="Set to To Review by the first renewal reminder, Renewed when a successor contract "
        "is recorded, Ended when the contract closes without one.",
    )
    retention_predecessor_id = fields.Many2one(
        "hr.contract",
        string="Previous Contract",
        index="btree_not_null",
        copy=False,
        groups=HR_CONTRACT_MANAGER,
        domain="[('employee_id', '=', employee_id), ('company_id', '=', company_id), ('id', '!=', id)]",
        help="The contract this one renews; by default the employee's latest earlier contract "
        "with the same company.",
    )
    retention_successor_ids = fields.One2many(
        "hr.contract", "retention_predecessor_id", string="Renewals", groups=HR_CONTRACT_MANAGER
    )
    retention_successor_id = fields.Many2one(
        "hr.contract",
        string="Next Contract",
        compute="_compute_retention_successor_id",
        groups=HR_CONTRACT_MANAGER,
    )
    retention_offer_ids = fields.One2many(
        "retention.renewal.offer", "contract_id", string="Renewal Offers", groups=HR_CONTRACT_MANAGER
    )
    retention_offer_count = fields.Integer(
        string="Offers", compute="_compute_retention_offer_count", groups=HR_CONTRACT_MANAGER
    )
    retention_renewal_reminder_ids = fields.One2many(
        "retention.renewal.reminder", "contract_id", string="Renewal Reminders", groups=HR_CONTRACT_MANAGER
    )
    retention_renewal_count = fields.Integer(
        string="Renewals So Far",
        compute="_compute_retention_chain",
        groups=HR_CONTRACT_MANAGER,
        help="Number of earlier contracts in this contract's chain of renewals.",
    )
    retention_consecutive_fixed_terms = fields.Integer(
        string="Consecutive Fixed Terms",
        compute="_compute_retention_chain",
        groups=HR_CONTRACT_MANAGER,
        help="Consecutive fixed-term contracts up to this one, as counted for art. 14(3) "
        "of the Labour Contract Law (contracts started before 2008 are not counted).",
    )
    retention_service_years = fields.Float(
        string="Continuous Service (years)",
        compute="_compute_retention_chain",
        digits=(16, 1),
        groups=HR_CONTRACT_MANAGER,
    )
    retention_continuous_service = fields.Char(
        string="Continuous Service",
        compute="_compute_retention_chain",
        groups=HR_CONTRACT_MANAGER,
        help="Unbroken service in this contract's chain, up to today or the contract's end.",
    )
    retention_open_ended_right = fields.Boolean(
        string="Open-ended Right",
        compute="_compute_retention_chain",
        groups=HR_CONTRACT_MANAGER,
        help="At the renewal of this contract the employee may claim an open-ended contract "
        "(Labour Contract Law art. 14: ten years of service or two consecutive fixed terms).",
    )
    retention_open_ended_reason = fields.Char(
        string="Open-ended Right Reason",
        compute="_compute_retention_chain",
        groups=HR_CONTRACT_MANAGER,
    )
    retention_wage_change = fields.Monetary(
        string="Wage Change",
        compute="_compute_retention_wage_change",
        groups=HR_CONTRACT_MANAGER,
        help="This contract's wage minus the previous contract's wage.",
    )

    # ------------------------------------------------------------------ chain

    def _retention_set_default_predecessors(self):
        """Link each contract of ``self`` without a predecessor to the employee's latest
        earlier contract with the same company (one query for the whole batch)."""
        contracts = self.filtered(lambda c: c.employee_id and not c.retention_predecessor_id)
        if not contracts:
            return
        candidates = self.search(
            [("employee_id", "in", contracts.employee_id.ids), ("state", "!=", "cancel")],
            order="date_start desc, id desc",
        )
        # Latest first, per employee and company, so each lookup scans one person's contracts.
        by_person = defaultdict(list)
        for candidate in candidates:
            by_person[candidate.employee_id.id, candidate.company_id.id].append(candidate)
        for contract in contracts:
            predecessor = next(
                (
                    candidate
                    for candidate in by_person[contract.employee_id.id, contract.company_id.id]
                    if candidate.date_start < contract.date_start
                ),
                None,
            )
            if predecessor:
                contract.retention_predecessor_id = predecessor

    @api.depends("retention_successor_ids.state")
    def _compute_retention_successor_id(self):
        for contract in self:
            successors = contract.retention_successor_ids.filtered(lambda c: c.state != "cancel")
            contract.retention_successor_id = successors.sorted("date_start")[:1]

    @api.depends("wage", "retention_predecessor_id.wage")
    def _compute_retention_wage_change(self):
        for contract in self:
            predecessor = contract.retention_predecessor_id
            contract.retention_wage_change = contract.wage - predecessor.wage if predecessor else 0.0

    def _retention_chains(self):
        """{contract id: [hr.contract, ...]} its chain of predecessors, oldest first, itself last.

        One query for the employees of ``self``; the links are followed in memory.
        """
        # Unsaved records (a form being edited) follow their links like the others.
        records = self.search([("employee_id", "in", self.employee_id.ids)]) | self
        by_id = {record.id: record for record in records}
        chains = {}
        for contract in self:
            chain, seen, current = [], set(), contract
            while current and current.id not in seen:
                seen.add(current.id)
                chain.insert(0, current)
                predecessor_id = current.retention_predecessor_id.id
                current = by_id.get(predecessor_id) or current.retention_predecessor_id
            chains[contract.id] = chain
        return chains

    @staticmethod
    def _retention_probation_months(date_start, trial_date_end):
        """Months of probation from ``date_start`` to ``trial_date_end``, both included.

        A part of a month counts as a whole one: 2026-01-01..2026-03-31 is 3 months,
        2026-01-01..2026-04-01 is 4.
        """
        if not (date_start and trial_date_end) or trial_date_end < date_start:
            return 0
        delta = relativedelta(trial_date_end + timedelta(days=1), date_start)
        return delta.years * 12 + delta.months + (1 if delta.days else 0)

    def _retention_engine_contract(self):
        self.ensure_one()
        return labour_law.Contract(
            self.date_start,
            self.date_end or None,
            fixed_term=bool(self.date_end),
            probation_months=self._retention_probation_months(self.date_start, self.trial_date_end),
        )

    def _retention_service_label(self, service):
        years, months, _days = service
        return self.env._("%(years)s years %(months)s months", years=years, months=months)

    @api.depends(
        "date_start",
        "date_end",
        "trial_date_end",
        "retention_predecessor_id",
        "retention_predecessor_id.date_start",
        "retention_predecessor_id.date_end",
    )
    def _compute_retention_chain(self):
        today = fields.Date.context_today(self)
        chains = self._retention_chains()
        reasons = dict(self._retention_open_ended_reasons())
        for contract in self:
            chain = chains.get(contract.id, [contract])
            values = {
                "retention_renewal_count": len(chain) - 1,
                "retention_consecutive_fixed_terms": 0,
                "retention_service_years": 0.0,
                "retention_continuous_service": False,
                "retention_open_ended_right": False,
                "retention_open_ended_reason": False,
            }
            if all(c.date_start for c in chain):
                try:
                    history = [c._retention_engine_contract() for c in chain]
                    right = labour_law.open_ended_right(history, today)
                    on = min(today, contract.date_end) if contract.date_end else today
                    service = labour_law.continuous_service(history, max(on, contract.date_start))
                except ValueError as error:
                    # Overlapping or unordered contracts (drafts): no assessment.
                    _logger.debug("No renewal assessment for contract %s: %s", contract.id, error)
                else:
                    values.update(
                        retention_consecutive_fixed_terms=right.consecutive_fixed_terms,
                        retention_service_years=round(service[0] + service[1] / 12 + service[2] / 365, 1),
                        retention_continuous_service=contract._retention_service_label(service),
                        retention_open_ended_right=right.has_right,
                        retention_open_ended_reason=reasons.get(right.reason, False),
                    )
            contract.update(values)

    def _retention_open_ended_reasons(self):
        return [
            (labour_law.REASON_TEN_YEARS, self.env._("Ten years of continuous service")),
            (labour_law.REASON_TWO_FIXED_TERMS, self.env._("Two consecutive fixed-term contracts")),
        ]

    # ------------------------------------------------------------------ art. 19 probation

    def _retention_probation_message(self, issue):
        return self.env._(
            "Contract %(contract)s: %(problem)s", contract=self.name, problem=issue_message(self.env, issue)
        )

    @api.constrains("date_start", "date_end", "trial_date_end", "employee_id", "company_id")
    def _check_retention_probation(self):
        contracts = self.filtered(
            lambda c: (
                c.trial_date_end
                and c.state != "cancel"
                and c.date_start
                and (not c.date_end or c.date_end >= c.date_start)
            )
        )
        if not contracts:
            return
        # The earlier contracts of every employee of the batch, in one query. sudo: the rule
        # holds whoever edits the contract; only dates and probations are read, nothing returned.
        others = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("employee_id", "in", contracts.employee_id.ids),
                    ("state", "!=", "cancel"),
                    ("id", "not in", contracts.ids),
                ],
                order="date_start, id",
            )
        )
        for contract in contracts:
            previous = others.filtered(
                lambda c, contract=contract: (
                    c.employee_id == contract.employee_id
                    and c.company_id == contract.company_id
                    and c.date_start < contract.date_start
                    and (not c.date_end or c.date_end >= c.date_start)
                )
            )
            subject = contract._retention_engine_contract()
            history = [c._retention_engine_contract() for c in previous]
            try:
                issues = labour_law.check_probation(subject, history)
            except ValueError:
                # An inconsistent history (e.g. overlapping drafts): check the contract alone,
                # then the "only once" rule directly.
                issues = labour_law.check_probation(subject)
                if any(c.probation_months for c in history):
                    issues.append(labour_law.Issue("probation_repeated"))
            blocking = [issue for issue in issues if issue.blocking]
            if blocking:
                raise ValidationError("\n".join(contract._retention_probation_message(i) for i in blocking))

    # ------------------------------------------------------------------ renewal state
    # The renewal fields are restricted to contract managers, while contracts also change
    # through flows run by others (crons, the employee signing an offer on the portal). The
    # sudo() below only link and update the renewal fields of ``self`` and of its own
    # predecessors, with fixed values; the methods are private (not callable over RPC).

    @api.model_create_multi
    def create(self, vals_list):
        contracts = super().create(vals_list)
        contracts.sudo()._retention_set_default_predecessors()
        contracts._retention_mark_predecessors_renewed()
        return contracts

    def write(self, vals):
        res = super().write(vals)
        if "retention_predecessor_id" in vals or vals.get("state") in ("open", "close"):
            self._retention_mark_predecessors_renewed()
        if vals.get("state") == "close":
            self._retention_mark_ended()
        return res

    def _retention_mark_predecessors_renewed(self):
        """A recorded successor renews its predecessor (hook: the offer model will use it too)."""
        predecessors = (
            self.sudo()
            .filtered(lambda c: c.state in ("open", "close"))
            .retention_predecessor_id.filtered(lambda c: c.retention_renewal_state != "renewed")
        )
        if predecessors:
            predecessors.write({"retention_renewal_state": "renewed"})

    def _retention_mark_ended(self):
        """Closed contracts without a successor end their renewal cycle."""
        ended = self.sudo().filtered(
            lambda c: (
                c.state == "close"
                and not c.retention_successor_id
                and c.retention_renewal_state in OPEN_RENEWAL_STATES
            )
        )
        if ended:
            ended.write({"retention_renewal_state": "ended"})

    def _retention_set_renewal_state(self, state):
        """Hook for renewal offers: move the renewal of these contracts to ``state``."""
        if state not in dict(RENEWAL_STATES):
            raise ValueError(state)
        self.sudo().write({"retention_renewal_state": state})

    # ------------------------------------------------------------------ staged reminders

    @api.model
    def _retention_reminder_domain(self, today):
        """Running contracts of every company with a reached reminder stage not yet logged,
        unless their renewal is already settled."""
        domains = []
        for company in self.env["res.company"].search([]):
            stage_domains = [
                [
                    ("date_end", "<=", today + timedelta(days=stage)),
                    ("retention_renewal_reminder_ids", "not any", [("stage_days", "=", stage)]),
                ]
                for stage in company._retention_reminder_stages()
            ]
            domains.append(expression.AND([[("company_id", "=", company.id)], expression.OR(stage_domains)]))
        running = [
            ("state", "=", "open"),
            ("date_end", ">=", today),
            ("retention_renewal_state", "not in", SETTLED_RENEWAL_STATES),
        ]
        return expression.AND([running, expression.OR(domains)])

    @api.model
    def _cron_retention_renewal_reminders(self, batch_size=200):
        """Send the renewal reminders due today, ``batch_size`` contracts at a time.

        Idempotent: every stage reached is logged in retention.renewal.reminder (unique per
        contract and stage), and only contracts with a reached stage not yet logged are read.
        """
        today = fields.Date.context_today(self)
        domain = self._retention_reminder_domain(today)
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        while True:
            contracts = self.search(domain, order="date_end, id", limit=batch_size)
            sent = contracts._retention_send_reminders(today) if contracts else 0
            remaining = self.search_count(domain) if sent else 0
            # The cron runner commits after each call and calls again while records remain.
            self.env["ir.cron"]._notify_progress(done=len(contracts), remaining=remaining)
            if in_cron or not remaining:
                return

    def _retention_send_reminders(self, today):
        """Fire the smallest reached stage of each contract of ``self``, log every reached stage."""
        Reminder = self.env["retention.renewal.reminder"]
        logged = {
            (reminder.contract_id.id, reminder.stage_days)
            for reminder in Reminder.search_fetch(
                [("contract_id", "in", self.ids)], ["contract_id", "stage_days"]
            )
        }
        stages_by_company = {
            company: (company._retention_reminder_stages(), set(company._retention_notify_employee_stages()))
            for company in self.company_id
        }
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("hr.contract")
        activity_vals, log_vals, notes, to_review, notices = [], [], {}, self.browse(), []
        for contract in self:
            stages, notify = stages_by_company[contract.company_id]
            days_left = (contract.date_end - today).days
            due = [s for s in stages if days_left <= s and (contract.id, s) not in logged]
            if not due:
                continue
            fired = min(due)
            notify_employee = bool(notify.intersection(due)) and bool(contract.employee_id.work_contact_id)
            employee = contract.employee_id.name or contract.name
            activity_vals.append(
                {
                    "res_model_id": model_id,
                    "res_id": contract.id,
                    "activity_type_id": todo_type.id,
                    "date_deadline": contract.date_end,
                    "summary": self.env._("Renewal: %(days)s days left", days=days_left),
                    "note": self.env._(
                        "The contract of %(employee)s ends on %(date)s: decide on its renewal.",
                        employee=employee,
                        date=contract.date_end,
                    ),
                    "user_id": contract.hr_responsible_id.id or self.env.uid,
                }
            )
            notes[contract.id] = self.env._(
                "Renewal reminder (%(stage)s days before the end): the contract of %(employee)s "
                "ends on %(date)s.",
                stage=fired,
                employee=employee,
                date=contract.date_end,
            )
            log_vals += [
                {
                    "contract_id": contract.id,
                    "stage_days": stage,
                    "date_sent": today,
                    "fired": stage == fired,
                    "employee_notified": stage == fired and notify_employee,
                }
                for stage in due
            ]
            if contract.retention_renewal_state == "not_due":
                to_review |= contract
            if notify_employee:
                notices.append(contract)
        if not log_vals:
            return 0
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(activity_vals)
        self.browse(notes)._message_log_batch(bodies=notes)
        for contract in notices:
            contract._retention_notify_employee()
        if to_review:
            to_review.write({"retention_renewal_state": "to_review"})
        Reminder.create(log_vals)
        return len(notes)

    def _retention_notify_employee(self):
        """E-mail the employee the employer's notice of its renewal intent (no wage or terms)."""
        self.ensure_one()
        partner = self.employee_id.work_contact_id
        self.message_post(
            body=self.env._(
                "Dear %(employee)s, your labour contract ends on %(date)s. Human Resources will "
                "contact you about its renewal before that date.",
                employee=self.employee_id.name,
                date=self.date_end,
            ),
            subject=self.env._("Your contract ends on %(date)s", date=self.date_end),
            partner_ids=partner.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )

    # ------------------------------------------------------------------ renewal offers

    def _compute_retention_offer_count(self):
        counts = dict(
            self.env["retention.renewal.offer"]._read_group(
                [("contract_id", "in", self.ids)], ["contract_id"], ["__count"]
            )
        )
        for contract in self:
            contract.retention_offer_count = counts.get(contract, 0)

    def action_retention_prepare_offer(self):
        """Open a draft renewal offer prefilled from this contract and the law."""
        self.ensure_one()
        if not self.date_end:
            raise ValidationError(self.env._("An open-ended contract has no renewal to offer."))
        date_start = self.date_end + timedelta(days=1)
        open_ended = bool(self.retention_open_ended_right)
        context = {
            "default_contract_id": self.id,
            "default_job_id": self.job_id.id,
            "default_wage": self.wage,
            "default_date_start": date_start,
            "default_open_ended": open_ended,
        }
        if not open_ended:
            # By default the same term again, ending on the eve of its anniversary.
            term = relativedelta(self.date_end + timedelta(days=1), self.date_start)
            context["default_date_end"] = date_start + term - timedelta(days=1)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Renewal Offer"),
            "res_model": "retention.renewal.offer",
            "view_mode": "form",
            "target": "new",
            "views": [
                (self.env.ref("outsourcing_retention.retention_renewal_offer_view_form_dialog").id, "form")
            ],
            "context": context,
        }

    def action_retention_view_offers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "outsourcing_retention.retention_renewal_offer_action"
        )
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"default_contract_id": self.id}
        return action
