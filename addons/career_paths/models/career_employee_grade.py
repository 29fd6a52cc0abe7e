from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class CareerEmployeeGrade(models.Model):
    """The grade an employee holds on a track, from a date; the open row is the current grade."""

    _name = "career.employee.grade"
    _description = "Employee Grade"
    _order = "employee_id, track_id, date_start desc, id desc"

    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)
    track_id = fields.Many2one("career.track", required=True, ondelete="restrict", index=True)
    grade_id = fields.Many2one(
        "career.grade", required=True, ondelete="restrict", domain="[('track_id', '=', track_id)]"
    )
    grade_sequence = fields.Integer(related="grade_id.sequence")
    date_start = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_end = fields.Date(string="Until", help="Empty while this is the current grade.")
    is_current = fields.Boolean(compute="_compute_is_current")
    promotion_id = fields.Many2one("career.promotion", readonly=True, ondelete="set null")

    def init(self):
        # At most one current grade per employee and track, whatever the concurrency.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS career_employee_grade_current_unique "
                "ON career_employee_grade (employee_id, track_id) WHERE date_end IS NULL"
            )
        )

    @api.depends("date_end")
    def _compute_is_current(self):
        for row in self:
            row.is_current = not row.date_end

    @api.constrains("grade_id", "track_id", "date_start", "date_end")
    def _check_grade(self):
        for row in self:
            if row.grade_id.track_id != row.track_id:
                raise ValidationError(
                    self.env._(
                        "The grade %(grade)s belongs to the track %(grade_track)s, not %(track)s.",
                        grade=row.grade_id.name,
                        grade_track=row.grade_id.track_id.name,
                        track=row.track_id.name,
                    )
                )
            if row.date_end and row.date_end < row.date_start:
                raise ValidationError(self.env._("A grade cannot end before it starts."))

    @api.model_create_multi
    def create(self, vals_list):
        """A new grade on a track closes the current one the day before."""
        for vals in vals_list:
            if vals.get("date_end") or not vals.get("employee_id") or not vals.get("track_id"):
                continue
            start = fields.Date.to_date(vals.get("date_start")) or fields.Date.context_today(self)
            current = self.search(
                [
                    ("employee_id", "=", vals["employee_id"]),
                    ("track_id", "=", vals["track_id"]),
                    ("date_end", "=", False),
                ]
            )
            if current and current.date_start >= start:
                raise ValidationError(
                    self.env._(
                        "%(employee)s holds %(grade)s since %(date)s: a new grade must start later.",
                        employee=current.employee_id.name,
                        grade=current.grade_id.name,
                        date=current.date_start,
                    )
                )
            current.write({"date_end": start - timedelta(days=1)})
            # The partial unique index sees the old row closed before the new one is inserted.
            current.flush_recordset(["date_end"])
        return super().create(vals_list)
