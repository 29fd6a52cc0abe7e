from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

CAREER_MANAGER = "career_paths.group_career_manager"


class CareerPromotion(models.Model):
    """A move up a track: proposed (by rule or by hand), approved, then effective."""

    _name = "career.promotion"
    _description = "Promotion"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade", index=True, tracking=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)
    track_id = fields.Many2one("career.track", required=True, ondelete="restrict", tracking=True)
    grade_from_id = fields.Many2one("career.grade", string="From Grade", ondelete="restrict")
    grade_to_id = fields.Many2one(
        "career.grade",
        string="To Grade",
        required=True,
        ondelete="restrict",
        tracking=True,
        domain="[('track_id', '=', track_id)]",
    )
    kind = fields.Selection(
        [("rule", "Proposed by Rule"), ("manual", "Proposed by Hand")],
        required=True,
        default="manual",
        readonly=True,
    )
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("approved", "Approved"),
            ("effective", "Effective"),
            ("refused", "Refused"),
        ],
        required=True,
        default="proposed",
        tracking=True,
        copy=False,
    )
    date_effective = fields.Date(string="Effective On", tracking=True)
    readiness = fields.Float(readonly=True, help="Readiness for the grade when the promotion was proposed.")
    readiness_breakdown = fields.Text(readonly=True, help="Why: every requirement and gate, as proposed.")
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    note = fields.Text()

    def init(self):
        # One open promotion per employee and target grade: proposals are idempotent.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS career_promotion_open_unique "
                "ON career_promotion (employee_id, grade_to_id) WHERE state IN ('proposed', 'approved')"
            )
        )

    @api.depends("employee_id.name", "grade_to_id.name")
    def _compute_name(self):
        for promotion in self:
            promotion.name = f"{promotion.employee_id.name or ''} → {promotion.grade_to_id.name or ''}"

    @api.constrains("track_id", "grade_to_id", "grade_from_id")
    def _check_track(self):
        for promotion in self:
            if promotion.grade_to_id.track_id != promotion.track_id:
                raise ValidationError(
                    self.env._(
                        "%(grade)s is a grade of the track %(grade_track)s: a promotion stays on its track "
                        "(%(track)s); moving to another track is a transfer.",
                        grade=promotion.grade_to_id.name,
                        grade_track=promotion.grade_to_id.track_id.name,
                        track=promotion.track_id.name,
                    )
                )
            if promotion.grade_from_id == promotion.grade_to_id:
                raise ValidationError(self.env._("A promotion must lead to another grade."))

    @api.onchange("employee_id", "track_id")
    def _onchange_employee_track(self):
        if self.employee_id and self.track_id:
            self.grade_from_id = self.employee_id._career_current_grades().get(self.track_id.id, False)

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("state", "proposed") != "proposed" for vals in vals_list):
            self._check_manager()
        return super().create(vals_list)

    def write(self, vals):
        # HR officers propose; only career managers move a promotion on or touch one past proposal.
        if {"state", "approved_by_id"} & vals.keys() or any(p.state != "proposed" for p in self):
            self._check_manager()
        return super().write(vals)

    def _check_manager(self):
        if not self.env.user.has_group(CAREER_MANAGER):
            raise UserError(self.env._("Only career managers can approve or apply a promotion."))

    def _check_state(self, allowed):
        for promotion in self:
            if promotion.state not in allowed:
                raise UserError(
                    self.env._(
                        "The promotion %(name)s is %(state)s: this step is not possible.",
                        name=promotion.name,
                        state=dict(self._fields["state"]._description_selection(self.env))[promotion.state],
                    )
                )

    def action_approve(self):
        self._check_manager()
        self._check_state({"proposed"})
        self.write({"state": "approved", "approved_by_id": self.env.uid})

    def action_refuse(self):
        self._check_manager()
        self._check_state({"proposed", "approved"})
        self.write({"state": "refused"})

    def action_make_effective(self):
        """Give the employee the new grade from the effective date and say so on their file."""
        self._check_manager()
        self._check_state({"approved"})
        today = fields.Date.context_today(self)
        for promotion in self:
            day = promotion.date_effective or today
            self.env["career.employee.grade"].create(
                {
                    "employee_id": promotion.employee_id.id,
                    "track_id": promotion.track_id.id,
                    "grade_id": promotion.grade_to_id.id,
                    "date_start": day,
                    "promotion_id": promotion.id,
                }
            )
            promotion.write({"state": "effective", "date_effective": day})
            promotion.employee_id.message_post(
                body=self.env._(
                    "Promoted to %(grade)s on the track %(track)s from %(date)s.",
                    grade=promotion.grade_to_id.name,
                    track=promotion.track_id.name,
                    date=day,
                )
            )
