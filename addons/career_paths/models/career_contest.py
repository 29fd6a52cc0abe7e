from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine import contest as engine

WELFARE_RULE = "welfare.earning.rule"


class CareerContest(models.Model):
    """A skills contest (技能大赛): participants, scores and ranks. Closing it recommends the top
    ranks for a transfer through the reserve pool and, with welfare_points, grants contest points."""

    _name = "career.contest"
    _description = "Skills Contest"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(required=True, translate=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date = fields.Date(required=True, tracking=True)
    client_id = fields.Many2one(
        "res.partner",
        domain="[('is_outsourcing_client', '=', True)]",
        help="The client whose site hosts the contest, if any.",
    )
    skill_id = fields.Many2one("hr.skill", string="Skill Contested", ondelete="set null")
    top_ranks = fields.Integer(
        string="Recommended Ranks",
        default=3,
        help="Participants ranked this high or better are recommended for a transfer in the reserve pool.",
    )
    state = fields.Selection(
        [("draft", "Open"), ("done", "Closed"), ("cancelled", "Cancelled")],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
    )
    participant_ids = fields.One2many("career.contest.participant", "contest_id", string="Participants")

    _sql_constraints = [
        (
            "top_ranks_positive",
            "CHECK (top_ranks >= 0)",
            "The number of recommended ranks cannot be negative.",
        ),
    ]

    def action_close(self):
        """Rank the participants, recommend the top ranks, refresh their reserve entries, grant points."""
        for contest in self:
            if contest.state != "draft":
                raise UserError(self.env._("Only an open contest can be closed."))
            if not contest.participant_ids:
                raise UserError(self.env._("The contest %(name)s has no participant.", name=contest.name))
            ranks = engine.rank_scores({p.id: p.score for p in contest.participant_ids})
            chosen = engine.recommended(ranks, contest.top_ranks)
            for participant in contest.participant_ids:
                participant.write({"rank": ranks[participant.id], "recommended": participant.id in chosen})
            contest.state = "done"
            if contest.client_id:
                # The top ranks of a contest at a client's site are interested in that client.
                self.env["career.reserve.interest"]._record(
                    [
                        {
                            "employee_id": participant.employee_id.id,
                            "client_id": contest.client_id.id,
                            "source": "contest",
                            "date": contest.date,
                            "contest_id": contest.id,
                        }
                        for participant in contest.participant_ids
                        if participant.recommended
                    ],
                    refresh=False,
                )
            self.env["career.reserve.entry"]._refresh(contest.participant_ids.employee_id)
            if WELFARE_RULE in self.env:
                Rule = self.env[WELFARE_RULE]
                # welfare_points grants the points of its contest rules (it checks its own rights).
                if hasattr(Rule, "_welfare_post_contest_results"):
                    Rule._welfare_post_contest_results(
                        contest, {p.employee_id.id: p.rank for p in contest.participant_ids}, contest.date
                    )
        return True

    def action_reopen(self):
        """Correct a closed contest: its points are reversed, its recommendations withdrawn."""
        for contest in self.filtered(lambda c: c.state == "done"):
            if WELFARE_RULE in self.env:
                Rule = self.env[WELFARE_RULE]
                if hasattr(Rule, "_welfare_cancel_source"):
                    Rule._welfare_cancel_source(contest)
            contest.participant_ids.write({"rank": 0, "recommended": False})
            self.env["career.reserve.interest"].search([("contest_id", "=", contest.id)]).unlink()
            contest.state = "draft"
            self.env["career.reserve.entry"]._refresh(contest.participant_ids.employee_id)
        return True

    def action_cancel(self):
        self.action_reopen()
        self.write({"state": "cancelled"})


class CareerContestParticipant(models.Model):
    _name = "career.contest.participant"
    _description = "Contest Participant"
    _order = "contest_id, rank, score desc, id"

    contest_id = fields.Many2one("career.contest", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="contest_id.company_id", store=True, index=True)
    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade", index=True)
    score = fields.Float(digits=(6, 2))
    rank = fields.Integer(readonly=True)
    recommended = fields.Boolean(string="Transfer Recommended", readonly=True)

    _sql_constraints = [
        ("contest_employee_unique", "unique (contest_id, employee_id)", "An employee takes part once."),
    ]

    @api.constrains("score")
    def _check_score(self):
        for participant in self:
            if participant.score < 0:
                raise ValidationError(self.env._("A contest score cannot be negative."))

    @api.model_create_multi
    def create(self, vals_list):
        participants = super().create(vals_list)
        participants._check_open()
        return participants

    def write(self, vals):
        if {"score", "employee_id", "contest_id"} & vals.keys():
            self._check_open()
        return super().write(vals)

    def _check_open(self):
        if any(p.contest_id.state != "draft" for p in self):
            raise UserError(self.env._("Reopen the contest to correct its participants or scores."))
