import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import labour_law
from .hr_contract_renewal import HR_CONTRACT_MANAGER
from .labour_law_messages import issue_message

_logger = logging.getLogger(__name__)


class HrContract(models.Model):
    """The chain of renewals of a contract and the labour-law rules on it (art. 14, art. 19)."""

    _inherit = "hr.contract"  # pylint: disable=consider-merging-classes-inherited

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

    def _retention_engine_contract(self):
        self.ensure_one()
        return labour_law.Contract(
            self.date_start,
            self.date_end or None,
            fixed_term=bool(self.date_end),
            probation_months=labour_law.probation_months(self.date_start, self.trial_date_end or None),
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

    @api.constrains("retention_predecessor_id", "employee_id", "company_id")
    def _check_retention_predecessor(self):
        # sudo: the rule holds whoever edits the contract; only the predecessor's employee
        # and company are compared, nothing is returned.
        for contract in self.sudo().filtered("retention_predecessor_id"):
            predecessor = contract.retention_predecessor_id
            if (
                predecessor == contract
                or predecessor.employee_id != contract.employee_id
                or predecessor.company_id != contract.company_id
            ):
                raise ValidationError(
                    self.env._(
                        "The previous contract of %(contract)s must be another contract of the same "
                        "employee with the same company.",
                        contract=contract.name,
                    )
                )

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
