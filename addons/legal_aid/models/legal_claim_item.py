from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import deadlines as engine
from .legal_law_firm import OPEN_STAGES

BASES = [
    ("knowledge", "One year from the day the employee knew of the infringement"),
    ("end_of_employment", "One year from the end of employment"),
    ("interrupted", "One year from the last interruption"),
    ("suspended", "Suspended"),
    ("employment_ongoing", "Not running while the employment lasts"),
]
EVENT_KINDS = {
    "interruption_claim": engine.INTERRUPTION,
    "interruption_authority": engine.INTERRUPTION,
    "interruption_agreed": engine.INTERRUPTION,
    "suspension_start": engine.SUSPENSION_START,
    "suspension_end": engine.SUSPENSION_END,
}


class LegalClaimItem(models.Model):
    """One claim of a case, with its own art. 27 limitation deadline."""

    _name = "legal.claim.item"
    _description = "Legal Claim Item"
    _order = "deadline, id"

    case_id = fields.Many2one("legal.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="case_id.currency_id")
    stage = fields.Selection(related="case_id.stage")
    claim_type_id = fields.Many2one("legal.claim.type", required=True)
    amount = fields.Monetary(string="Amount Claimed")
    deadline = fields.Date(
        string="Arbitration Deadline",
        compute="_compute_deadline",
        store=True,
        index=True,
        help="Last day to apply for arbitration, computed from art. 27 and the case's events, "
        "moved to the next working day when it falls on a rest day. Advice: the lawyer confirms it.",
    )
    deadline_basis = fields.Selection(BASES, compute="_compute_deadline", store=True)
    legal_basis = fields.Text(related="claim_type_id.legal_basis")
    deadline_confirmed = fields.Boolean(
        string="Confirmed by the Lawyer", copy=False, help="The lawyer has checked the computed deadline."
    )
    warned_leads = fields.Char(
        compute="_compute_warning_plan",
        store=True,
        readonly=True,
        copy=False,
        help="Days before the deadline whose warning was sent (for example 30,7); reset when it moves.",
    )
    next_warning_date = fields.Date(
        compute="_compute_warning_plan", store=True, readonly=True, copy=False, index=True
    )
    days_left = fields.Integer(compute="_compute_days_left")
    calendar_warning = fields.Char(
        compute="_compute_calendar_warning",
        help="Set when the public holidays of the deadline's year are not loaded: the deadline "
        "is then counted without them and may really be later.",
    )

    @api.depends(
        "claim_type_id.limitation_basis",
        "case_id.known_on",
        "case_id.employment_ended_on",
        "case_id.event_ids.day",
        "case_id.event_ids.kind",
        "case_id.event_ids.claim_item_ids",
    )
    def _compute_deadline(self):
        holidays, workdays = self.env["legal.calendar.day"]._legal_rest_days()
        for item in self:
            case = item.case_id
            if not case.known_on or not item.claim_type_id:
                item.deadline = False
                item.deadline_basis = False
                continue
            events = [
                engine.Event(event.day, EVENT_KINDS[event.kind])
                for event in case.event_ids
                if event.kind in EVENT_KINDS
                and event.day
                and (not event.claim_item_ids or item.id in event.claim_item_ids.ids)
            ]
            result = engine.limitation(
                case.known_on,
                events,
                unpaid_wages=item.claim_type_id.limitation_basis == "end_of_employment",
                employment_ended_on=case.employment_ended_on or None,
                holidays=holidays,
                workdays=workdays,
            )
            item.deadline = result.deadline or False
            item.deadline_basis = result.basis

    @api.model
    def _legal_warning_leads(self):
        """Days before a deadline when the lawyer and the coordinator are warned (a system parameter)."""
        # sudo: a system parameter holding numbers only.
        text = self.env["ir.config_parameter"].sudo().get_param("legal_aid.warning_days", "30,7,1")
        leads = sorted({int(part) for part in text.split(",") if part.strip().isdigit()}, reverse=True)
        return leads or [30, 7, 1]

    @api.depends("deadline")
    def _compute_warning_plan(self):
        first_lead = self._legal_warning_leads()[0]
        for item in self:
            item.warned_leads = False
            item.next_warning_date = item.deadline - timedelta(days=first_lead) if item.deadline else False

    @api.model
    def _cron_warn_deadlines(self, batch_size=200):
        """Daily: warn 30, 7 and 1 day before each arbitration deadline, once each.

        Idempotent: each item keeps the leads already warned and the date of its next
        warning, so a rerun on the same day sends nothing. One batch per call; the cron
        runner calls again while ``_notify_progress`` reports records remaining.
        """
        today = fields.Date.context_today(self)
        leads = self._legal_warning_leads()
        domain = [("next_warning_date", "<=", today), ("case_id.stage", "in", OPEN_STAGES)]
        items = self.search(domain, order="next_warning_date, id", limit=batch_size)
        for item in items:
            sent = {int(lead) for lead in (item.warned_leads or "").split(",") if lead}
            due = engine.due_warnings(item.deadline, today, leads, sent) if item.deadline else []
            if due:
                item.case_id._legal_warn_deadline(item, engine.days_left(item.deadline, today))
                sent |= set(due)
            later = [
                lead
                for lead in leads
                if lead not in sent and item.deadline and item.deadline - timedelta(lead) > today
            ]
            item.write(
                {
                    "warned_leads": ",".join(str(lead) for lead in sorted(sent, reverse=True)) or False,
                    "next_warning_date": item.deadline - timedelta(days=max(later)) if later else False,
                }
            )
        remaining = self.search_count(domain)
        self.env["ir.cron"]._notify_progress(done=len(items), remaining=remaining)
        return len(items)

    @api.depends("deadline")
    @api.depends_context("today")
    def _compute_days_left(self):
        today = fields.Date.context_today(self)
        for item in self:
            item.days_left = engine.days_left(item.deadline, today) if item.deadline else 0

    @api.depends("deadline")
    def _compute_calendar_warning(self):
        loaded = self.env["legal.calendar.day"]._legal_loaded_years()
        for item in self:
            years = engine.years_not_loaded([item.deadline or None], loaded)
            item.calendar_warning = (
                self.env._(
                    "The public holidays of %(year)s are not loaded: this deadline ignores them. "
                    "Check it, or add them in Legal Aid > Configuration > Holidays and Adjusted "
                    "Working Days.",
                    year=years[0],
                )
                if years
                else False
            )

    @api.constrains("amount")
    def _check_amount(self):
        for item in self:
            if item.amount < 0:
                raise ValidationError(
                    self.env._(
                        "The amount claimed for %(claim)s cannot be negative.", claim=item.claim_type_id.name
                    )
                )
