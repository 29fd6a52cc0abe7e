from odoo import api, fields, models
from odoo.exceptions import UserError


class RetentionServiceReviewAction(models.Model):
    """An action item of a service review: an owner, a deadline, tracked to done."""

    _name = "retention.service.review.action"
    _description = "Review Action Item"
    _inherit = ["retention.input.mixin"]
    _order = "state desc, deadline, id"

    review_id = fields.Many2one("retention.service.review", required=True, index=True, ondelete="cascade")
    client_id = fields.Many2one(related="review_id.client_id", store=True, index=True)
    company_id = fields.Many2one(related="review_id.company_id", store=True, index=True)
    name = fields.Char(string="Action", required=True)
    owner_id = fields.Many2one("res.partner", required=True)
    # Shown to client users on the portal, who cannot read partners of the provider: the
    # related field reads the owner's name only (related fields compute as superuser).
    owner_name = fields.Char(related="owner_id.name", string="Owner Name")
    deadline = fields.Date(required=True)
    state = fields.Selection(
        [("open", "Open"), ("done", "Done")], default="open", required=True, readonly=True
    )
    done_date = fields.Date(readonly=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue")

    @api.depends("state", "deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for action in self:
            action.is_overdue = action.state == "open" and action.deadline < today

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_input(vals)
        return super().write(vals)

    def action_done(self):
        if self.filtered(lambda a: a.state == "done"):
            raise UserError(self.env._("This action item is already done."))
        self.write({"state": "done", "done_date": fields.Date.context_today(self)})
        return True

    def action_reopen(self):
        self.write({"state": "open", "done_date": False})
        return True
