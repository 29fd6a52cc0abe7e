from odoo import api, fields, models


class LegalCalendarDay(models.Model):
    """Public holidays and the weekend days worked instead (调休), for deadline shifts."""

    _name = "legal.calendar.day"
    _description = "Public Holiday or Adjusted Working Day"
    _order = "day desc"

    day = fields.Date(required=True, index=True)
    kind = fields.Selection(
        [("holiday", "Public holiday"), ("workday", "Adjusted working day")],
        required=True,
        default="holiday",
    )
    name = fields.Char(required=True, translate=True)

    _sql_constraints = [("day_unique", "unique(day)", "This day is already in the calendar.")]

    @api.model
    def _legal_rest_days(self):
        """(holidays, workdays) as two sets of dates, read once."""
        rows = self.sudo().search_read([], ["day", "kind"])
        holidays = {row["day"] for row in rows if row["kind"] == "holiday"}
        workdays = {row["day"] for row in rows if row["kind"] == "workday"}
        return holidays, workdays

    @api.model
    def _legal_loaded_years(self):
        """The years with at least one public holiday loaded (the others are not known)."""
        holidays, _workdays = self._legal_rest_days()
        return {day.year for day in holidays}

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._legal_recompute_deadlines()
        return records

    def write(self, vals):
        result = super().write(vals)
        self._legal_recompute_deadlines()
        return result

    def unlink(self):
        result = super().unlink()
        self._legal_recompute_deadlines()
        return result

    def _legal_recompute_deadlines(self):
        # sudo: a calendar change moves the deadlines of every open claim; only the
        # stored deadline is recomputed, nothing is read back to the user.
        items = self.env["legal.claim.item"].sudo().search([("case_id.stage", "!=", "closed")])
        self.env.add_to_compute(items._fields["deadline"], items)
        items._recompute_recordset(["deadline"])
