from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .retention_staffing_request import OPEN_STATES

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
    track_id = fields.Many2one("career.track", ondelete="restrict", tracking=True)
    grade_from_id = fields.Many2one("career.grade", string="From Grade", ondelete="restrict")
    grade_to_id = fields.Many2one(
        "career.grade",
        string="To Grade",
        ondelete="restrict",
        tracking=True,
        domain="[('track_id', '=', track_id)]",
    )
    kind = fields.Selection(
        [("rule", "Proposed by Rule"), ("manual", "Proposed by Hand"), ("transfer", "Transfer")],
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
    # Transfers (转岗): a new assignment at the staffing request's site, through the provider.
    staffing_request_id = fields.Many2one(
        "retention.staffing.request", ondelete="restrict", index="btree_not_null"
    )
    site_id = fields.Many2one(related="staffing_request_id.site_id", string="To Site")
    assignment_from_id = fields.Many2one(
        "retention.assignment", string="Assignment Ended", readonly=True, copy=False, ondelete="set null"
    )
    assignment_to_id = fields.Many2one(
        "retention.assignment", string="New Assignment", readonly=True, copy=False, ondelete="set null"
    )
    note = fields.Text()

    def init(self):
        # One open promotion per employee and target grade: proposals are idempotent.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS career_promotion_open_unique "
                "ON career_promotion (employee_id, grade_to_id) WHERE state IN ('proposed', 'approved')"
            )
        )
        # One open transfer per employee and staffing request.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS career_promotion_open_transfer_unique "
                "ON career_promotion (employee_id, staffing_request_id) "
                "WHERE state IN ('proposed', 'approved') AND kind = 'transfer'"
            )
        )

    @api.depends("employee_id.name", "grade_to_id.name", "staffing_request_id.site_id.name")
    def _compute_name(self):
        for promotion in self:
            target = promotion.grade_to_id.name or promotion.staffing_request_id.site_id.name or ""
            promotion.name = f"{promotion.employee_id.name or ''} → {target}"

    @api.constrains("track_id", "grade_to_id", "grade_from_id", "kind", "staffing_request_id")
    def _check_track(self):
        for promotion in self:
            if promotion.kind == "transfer":
                if not promotion.staffing_request_id:
                    raise ValidationError(self.env._("A transfer leads to a staffing request of a client."))
                if promotion.grade_to_id and promotion.grade_to_id.track_id != promotion.track_id:
                    raise ValidationError(self.env._("The grade of a transfer must be on its track."))
                continue
            if not promotion.track_id or not promotion.grade_to_id:
                raise ValidationError(self.env._("A promotion needs a track and a grade to reach."))
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
            if promotion.kind == "transfer":
                promotion._apply_transfer(day)
                continue
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

    def _apply_transfer(self, day):
        """End the current assignment the day before and create the new one at the request's site.

        The provider does it, with the user's own rights on assignments: a dispatched worker is never
        re-dispatched by a client (Labour Contract Law art. 62), a move to another client is a new
        assignment of the provider.
        """
        self.ensure_one()
        request = self.staffing_request_id
        if request.state not in OPEN_STATES:
            raise UserError(
                self.env._("The staffing request %(request)s is no longer open.", request=request.name)
            )
        Assignment = self.env["retention.assignment"]
        current = Assignment.search(
            [("employee_id", "=", self.employee_id.id), ("state", "in", ("planned", "active"))],
            order="date_start desc, id desc",
        )
        mode = current[:1].employment_mode or "outsourcing"
        for assignment in current:
            if assignment.state == "active" and assignment.date_start < day:
                assignment.action_end(day - relativedelta(days=1))
            elif assignment.state == "planned" or assignment.date_start >= day:
                assignment.action_cancel()
        new = Assignment.create(
            {
                "employee_id": self.employee_id.id,
                "site_id": request.site_id.id,
                "job_id": request.job_id.id,
                "staffing_request_id": request.id,
                "date_start": day,
                "employment_mode": mode,
                "position_nature": current[:1].position_nature if mode == "dispatch" else False,
            }
        )
        if self.grade_to_id:
            self.env["career.employee.grade"].create(
                {
                    "employee_id": self.employee_id.id,
                    "track_id": self.track_id.id,
                    "grade_id": self.grade_to_id.id,
                    "date_start": day,
                    "promotion_id": self.id,
                }
            )
        self.write(
            {
                "state": "effective",
                "date_effective": day,
                "assignment_from_id": current[:1].id,
                "assignment_to_id": new.id,
            }
        )
        self.employee_id.message_post(
            body=self.env._(
                "Transferred to %(site)s (%(client)s) from %(date)s "
                "through a new assignment of the provider.",
                site=request.site_id.name,
                client=request.client_id.name,
                date=day,
            )
        )
