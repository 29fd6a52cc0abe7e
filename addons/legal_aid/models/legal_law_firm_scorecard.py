from odoo import api, fields, models
from odoo.tools import SQL

from ..engine import results
from .legal_case_assignment import ANSWERS

COORDINATOR = "legal_aid.group_legal_aid_coordinator"


class LegalLawFirm(models.Model):
    """A partner firm's scorecard: cases, first responses, outcomes, amounts, ratings, deadlines."""

    _inherit = "legal.law.firm"

    currency_id = fields.Many2one(related="company_id.currency_id")
    score_case_count = fields.Integer(
        string="Cases Handled", compute="_compute_scorecard", groups=COORDINATOR
    )
    score_closed_count = fields.Integer(
        string="Closed with an Outcome", compute="_compute_scorecard", groups=COORDINATOR
    )
    score_win_rate = fields.Float(
        string="Win Rate (%)",
        digits=(5, 1),
        compute="_compute_scorecard",
        groups=COORDINATOR,
        help="Won and partly won among the cases closed with an outcome.",
    )
    score_amount_claimed = fields.Monetary(string="Claimed", compute="_compute_scorecard", groups=COORDINATOR)
    score_amount_awarded = fields.Monetary(string="Awarded", compute="_compute_scorecard", groups=COORDINATOR)
    score_amount_recovered = fields.Monetary(
        string="Recovered", compute="_compute_scorecard", groups=COORDINATOR
    )
    score_rating = fields.Float(
        string="Employees' Rating",
        digits=(3, 1),
        compute="_compute_scorecard",
        groups=COORDINATOR,
        help="Average of the employees' ratings (1 to 5) of the closed cases.",
    )
    score_rating_count = fields.Integer(string="Ratings", compute="_compute_scorecard", groups=COORDINATOR)
    score_response_count = fields.Integer(
        string="Answers",
        compute="_compute_scorecard",
        groups=COORDINATOR,
        help="Assignments accepted or declined.",
    )
    score_response_median = fields.Float(
        string="Median First Response (hours)",
        digits=(10, 1),
        compute="_compute_scorecard",
        groups=COORDINATOR,
    )
    score_response_within = fields.Float(
        string="Answered within Target (%)", digits=(5, 1), compute="_compute_scorecard", groups=COORDINATOR
    )
    score_deadlines_met = fields.Integer(
        string="Deadlines Met", compute="_compute_scorecard", groups=COORDINATOR
    )
    score_deadlines_missed = fields.Integer(
        string="Deadlines Missed", compute="_compute_scorecard", groups=COORDINATOR
    )

    @api.depends_context("today")
    def _compute_scorecard(self):
        """Four queries for the whole recordset, whatever the number of firms and cases."""
        # sudo: a firm's scorecard counts all its cases, also those of other coordinators;
        # only numbers per firm leave this method (the fields are for coordinators only).
        Case = self.env["legal.case"].sudo()
        domain = [("firm_id", "in", self.ids)]
        per_firm = {
            firm.id: (count, claimed, awarded, recovered)
            for firm, count, claimed, awarded, recovered in Case._read_group(
                domain,
                ["firm_id"],
                ["__count", "amount_claimed:sum", "amount_awarded:sum", "amount_recovered:sum"],
            )
        }
        outcomes, ratings = {}, {}
        for firm, outcome, rating, count in Case._read_group(
            domain + [("stage", "=", "closed")], ["firm_id", "outcome", "rating"], ["__count"]
        ):
            if outcome:
                outcomes.setdefault(firm.id, {}).setdefault(outcome, 0)
                outcomes[firm.id][outcome] += count
            if rating:
                ratings.setdefault(firm.id, []).extend([int(rating)] * count)
        hours = {}
        answered = (
            self.env["legal.case.assignment"]
            .sudo()
            .search_fetch(
                [("firm_id", "in", self.ids), ("response", "in", ANSWERS)], ["firm_id", "response_hours"]
            )
        )
        for assignment in answered:
            hours.setdefault(assignment.firm_id.id, []).append(assignment.response_hours)
        deadlines = self._legal_deadline_counts()
        for firm in self:
            count, claimed, awarded, recovered = per_firm.get(firm.id, (0, 0.0, 0.0, 0.0))
            median, within, answers = results.response_stats(
                hours.get(firm.id, []), firm.response_target_hours
            )
            firm_ratings = ratings.get(firm.id, [])
            firm_outcomes = outcomes.get(firm.id, {})
            firm.score_case_count = count
            firm.score_closed_count = sum(firm_outcomes.values())
            firm.score_win_rate = results.win_rate(firm_outcomes) or 0.0
            firm.score_amount_claimed = claimed
            firm.score_amount_awarded = awarded
            firm.score_amount_recovered = recovered
            firm.score_rating = round(sum(firm_ratings) / len(firm_ratings), 1) if firm_ratings else 0.0
            firm.score_rating_count = len(firm_ratings)
            firm.score_response_count = answers
            firm.score_response_median = median or 0.0
            firm.score_response_within = within or 0.0
            firm.score_deadlines_met = deadlines.get((firm.id, "met"), 0)
            firm.score_deadlines_missed = deadlines.get((firm.id, "missed"), 0)

    def _legal_deadline_counts(self):
        """{(firm_id, 'met'|'missed'): claims}, one query (see engine.results.deadline_status)."""
        today = fields.Date.context_today(self)
        self.env["legal.claim.item"].flush_model(["deadline", "case_id"])
        self.env["legal.case"].flush_model(["firm_id", "date_arbitration", "stage"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT c.firm_id,
                       CASE WHEN c.date_arbitration IS NOT NULL AND c.date_arbitration <= i.deadline
                            THEN 'met' ELSE 'missed' END,
                       COUNT(*)
                  FROM legal_claim_item i
                  JOIN legal_case c ON c.id = i.case_id
                 WHERE c.firm_id = ANY(%(firms)s)
                   AND i.deadline IS NOT NULL
                   AND (c.date_arbitration IS NOT NULL OR (c.stage != 'closed' AND i.deadline < %(today)s))
              GROUP BY 1, 2
                """,
                firms=self.ids,
                today=today,
            )
        )
        return {(firm_id, status): count for firm_id, status, count in rows}
