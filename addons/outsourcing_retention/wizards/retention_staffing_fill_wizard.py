from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetentionStaffingFillWizard(models.TransientModel):
    """Place people on a staffing request: one assignment per employee chosen.

    The assignments go through retention.assignment's own checks (overlaps, the
    dispatch cap and its override, position nature), so a refused person leaves
    nothing written.
    """

    _name = "retention.staffing.fill.wizard"
    _description = "Fill a Staffing Request"

    request_id = fields.Many2one("retention.staffing.request", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="request_id.company_id")
    site_id = fields.Many2one(related="request_id.site_id")
    remaining_count = fields.Integer(related="request_id.remaining_count", string="Still Needed")
    employee_ids = fields.Many2many(
        "hr.employee",
        string="Employees",
        domain="[('company_id', 'in', (company_id, False))]",
    )
    date_start = fields.Date(string="Start Date", required=True)
    date_end = fields.Date(string="End Date")
    job_id = fields.Many2one("hr.job", string="Job Position")
    employment_mode = fields.Selection(
        [("outsourcing", "Labour Outsourcing"), ("dispatch", "Labour Dispatch")],
        required=True,
        default="outsourcing",
    )
    position_nature = fields.Selection(
        [("temporary", "Temporary"), ("auxiliary", "Auxiliary"), ("substitute", "Substitute")],
    )
    cap_override_reason = fields.Text(
        help="Only for a retention manager placing dispatched workers beyond the client's 10 % cap.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        request = self.env["retention.staffing.request"].browse(values.get("request_id"))
        if request:
            values.setdefault("date_start", request.date_start)
            values.setdefault("job_id", request.job_id.id)
        return values

    def action_fill(self):
        self.ensure_one()
        request = self.request_id
        request._check_fillable()
        if not self.employee_ids:
            raise ValidationError(self.env._("Choose the employees to place."))
        if len(self.employee_ids) > request.remaining_count:
            raise ValidationError(
                self.env._(
                    "%(request)s needs %(remaining)s more people, not %(chosen)s.",
                    request=request.name,
                    remaining=request.remaining_count,
                    chosen=len(self.employee_ids),
                )
            )
        self.env["retention.assignment"].create(
            [
                {
                    "employee_id": employee.id,
                    "site_id": request.site_id.id,
                    "job_id": self.job_id.id,
                    "date_start": self.date_start,
                    "date_end": self.date_end,
                    "employment_mode": self.employment_mode,
                    "position_nature": self.position_nature,
                    "cap_override_reason": self.cap_override_reason,
                    "staffing_request_id": request.id,
                }
                for employee in self.employee_ids
            ]
        )
        return {"type": "ir.actions.act_window_close"}
