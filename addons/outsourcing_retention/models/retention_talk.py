from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetentionTalk(models.Model):
    _name = "retention.talk"
    _description = "HR Talk"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, check_company=True, ondelete="cascade", tracking=True
    )
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        index=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, tracking=True)
    talk_type_id = fields.Many2one("retention.talk.type", string="Type", required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Held By",
        required=True,
        default=lambda self: self.env.user,
        domain="[('share', '=', False)]",
        tracking=True,
    )
    summary = fields.Text(help="What was said. Visible to HR only, never to the employee.")
    follow_up = fields.Text(string="Follow-ups")
    follow_up_date = fields.Date()
    source = fields.Selection(
        [("manual", "Entered"), ("activity", "Activity done")], default="manual", required=True, readonly=True
    )

    @api.depends("employee_id")
    def _compute_company_id(self):
        for talk in self:
            talk.company_id = talk.employee_id.company_id or talk.company_id or self.env.company

    @api.depends("employee_id.name", "talk_type_id.name", "date")
    def _compute_display_name(self):
        for talk in self:
            talk.display_name = (
                f"{talk.employee_id.name or ''} · {talk.talk_type_id.name or ''} · {talk.date or ''}"
            )

    @api.constrains("date", "follow_up_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for talk in self:
            if talk.date > today:
                raise ValidationError(
                    self.env._(
                        "A talk is logged once it took place: %(date)s is in the future.", date=talk.date
                    )
                )
            if talk.follow_up_date and talk.follow_up_date < talk.date:
                raise ValidationError(
                    self.env._(
                        "The follow-up date %(follow_up)s is before the talk on %(date)s.",
                        follow_up=talk.follow_up_date,
                        date=talk.date,
                    )
                )
