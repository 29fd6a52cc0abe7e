from odoo import fields, models

RESPONSES = [
    ("pending", "Awaiting the firm"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("withdrawn", "Reassigned before an answer"),
]
ANSWERS = ("accepted", "declined")


class LegalCaseAssignment(models.Model):
    """A case handed to a firm, and how fast the firm answered (its first response).

    Written by the case only (assigning a firm, the lawyer's accept or decline on the
    firm portal); read by the coordinators and, as numbers, by the firm scorecards.
    A declined assignment is kept, so the scorecards count every answer.
    """

    _name = "legal.case.assignment"
    _description = "Legal Case Assignment to a Firm"
    _order = "id desc"

    case_id = fields.Many2one("legal.case", required=True, ondelete="cascade", index=True, readonly=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    firm_id = fields.Many2one("legal.law.firm", required=True, index=True, readonly=True)
    date_assigned = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    date_due = fields.Datetime(string="Answer Due", readonly=True)
    response = fields.Selection(RESPONSES, required=True, default="pending", readonly=True)
    date_response = fields.Datetime(string="Answered On", readonly=True)
    responded_by_id = fields.Many2one("res.users", string="Answered By", readonly=True)
    response_hours = fields.Float(string="First Response (hours)", digits=(10, 1), readonly=True)
    within_target = fields.Boolean(readonly=True)
    decline_reason = fields.Text(readonly=True)
