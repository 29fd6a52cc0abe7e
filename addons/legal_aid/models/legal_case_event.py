from odoo import api, fields, models
from odoo.exceptions import ValidationError


class LegalCaseEvent(models.Model):
    """Something that happened on the case and moves its limitation (art. 27)."""

    _name = "legal.case.event"
    _description = "Legal Case Event"
    _order = "day desc, id desc"

    case_id = fields.Many2one("legal.case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    day = fields.Date(string="Date", required=True)
    kind = fields.Selection(
        [
            ("interruption_claim", "Claim made to the other party (interrupts)"),
            ("interruption_authority", "Request to the authorities (interrupts)"),
            ("interruption_agreed", "Other party agreed to perform (interrupts)"),
            ("suspension_start", "Force majeure or justified reason begins (suspends)"),
            ("suspension_end", "Cause of suspension ends (limitation continues)"),
        ],
        required=True,
    )
    claim_item_ids = fields.Many2many(
        "legal.claim.item",
        string="Claims",
        domain="[('case_id', '=', case_id)]",
        help="The claims the event concerns; all claims of the case when empty.",
    )
    note = fields.Text()

    @api.constrains("day", "case_id")
    def _check_day(self):
        today = fields.Date.context_today(self)
        for event in self:
            if event.day > today:
                raise ValidationError(
                    self.env._("An event cannot be recorded in the future (%(day)s).", day=event.day)
                )
            if event.case_id.known_on and event.day < event.case_id.known_on:
                raise ValidationError(
                    self.env._(
                        "The event of %(day)s is dated before the day the employee knew of the "
                        "infringement (%(known_on)s): it cannot interrupt or suspend the limitation.",
                        day=event.day,
                        known_on=event.case_id.known_on,
                    )
                )

    @api.constrains("claim_item_ids", "case_id")
    def _check_claims_of_case(self):
        for event in self:
            if event.claim_item_ids.case_id - event.case_id:
                raise ValidationError(self.env._("An event can only concern the claims of its own case."))
