from datetime import timedelta

from odoo import Command, api, fields, models


class RetentionServiceReview(models.Model):
    """A service review meeting with a client: a calendar event, its minutes and action items."""

    _name = "retention.service.review"
    _description = "Service Review Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin", "retention.input.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True, tracking=True)
    client_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_outsourcing_client', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    site_ids = fields.Many2many(
        "retention.client.site",
        string="Sites",
        check_company=True,
        domain="[('client_id', '=', client_id)]",
    )
    date = fields.Datetime(string="Meeting Date", required=True, tracking=True)
    duration = fields.Float(default=1.0, help="Duration in hours.")
    partner_ids = fields.Many2many("res.partner", string="Attendees")
    event_id = fields.Many2one("calendar.event", string="Calendar Event", readonly=True, copy=False)
    minutes = fields.Html()
    action_ids = fields.One2many("retention.service.review.action", "review_id", string="Action Items")
    open_action_count = fields.Integer(compute="_compute_open_action_count")
    state = fields.Selection(
        [("planned", "Planned"), ("held", "Held")],
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
    )

    _sql_constraints = [
        ("duration_positive", "CHECK(duration > 0)", "A meeting lasts more than zero hours."),
    ]

    @api.depends("action_ids.state")
    def _compute_open_action_count(self):
        for review in self:
            review.open_action_count = len(review.action_ids.filtered(lambda a: a.state == "open"))

    def _event_values(self):
        self.ensure_one()
        return {
            "name": self.name,
            "start": self.date,
            "stop": self.date + timedelta(hours=self.duration),
            "duration": self.duration,
            "partner_ids": [Command.set((self.partner_ids | self.env.user.partner_id).ids)],
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
        }

    @api.model_create_multi
    def create(self, vals_list):
        self._check_input(vals_list)
        reviews = super().create(vals_list)
        for review in reviews:
            review.event_id = self.env["calendar.event"].create(review._event_values())
        return reviews

    def write(self, vals):
        self._check_input(vals)
        res = super().write(vals)
        if {"name", "date", "duration", "partner_ids"} & vals.keys():
            for review in self.filtered("event_id"):
                review.event_id.write(review._event_values())
        return res

    def action_mark_held(self):
        self.write({"state": "held"})
        return True
