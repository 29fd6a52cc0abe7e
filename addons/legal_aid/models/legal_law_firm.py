from odoo import api, fields, models
from odoo.exceptions import ValidationError

OPEN_STAGES = ("request", "consultation", "mediation", "arbitration", "first_instance", "second_instance")


class LegalLawFirm(models.Model):
    _name = "legal.law.firm"
    _description = "Partner Law Firm"
    _inherit = ["mail.thread"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Firm Contact",
        help="The firm as a company contact (address, phone, e-mail).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    state_ids = fields.Many2many(
        "res.country.state",
        string="Provinces Served",
        domain="[('country_id.code', '=', 'CN')]",
    )
    cities = fields.Char(
        string="Cities Served",
        help="Cities where the firm takes cases, separated by commas (for example 苏州, 昆山).",
    )
    category_ids = fields.Many2many("legal.case.category", string="Specialties")
    lawyer_ids = fields.Many2many(
        "res.users",
        "legal_law_firm_lawyer_rel",
        "firm_id",
        "user_id",
        string="Lawyers",
        domain="[('share', '=', True)]",
        help="Portal users of the firm's lawyers: they see and handle the firm's cases on the portal.",
    )
    capacity = fields.Integer(help="Open cases the firm takes at most; 0 for no limit.")
    open_case_count = fields.Integer(compute="_compute_open_case_count")
    agreement_start = fields.Date()
    agreement_end = fields.Date()
    response_target_hours = fields.Integer(
        string="Response Target (hours)",
        default=24,
        help="Hours within which the firm accepts or declines a case assigned to it.",
    )
    case_ids = fields.One2many("legal.case", "firm_id", string="Cases")
    engaged_partner_ids = fields.Many2many(
        "res.partner",
        "legal_law_firm_engaged_partner_rel",
        "firm_id",
        "partner_id",
        string="Engaged For",
        help="Companies the firm represents (the provider, its clients): it is not suggested for "
        "cases against them (conflict of interest).",
    )

    @api.depends("case_ids.stage")
    def _compute_open_case_count(self):
        # sudo: a firm's load counts every open case, also those of other coordinators;
        # only the numbers leave this method.
        groups = (
            self.env["legal.case"]
            .sudo()
            ._read_group(
                [("firm_id", "in", self.ids), ("stage", "in", OPEN_STAGES)], ["firm_id"], ["__count"]
            )
        )
        counts = {firm.id: count for firm, count in groups}
        for firm in self:
            firm.open_case_count = counts.get(firm.id, 0)

    @api.constrains("lawyer_ids")
    def _check_lawyers_are_portal_users(self):
        for firm in self:
            internal = firm.lawyer_ids.filtered(lambda user: not user.share)
            if internal:
                raise ValidationError(
                    self.env._(
                        "The lawyers of %(firm)s must be portal users; %(users)s are internal users of "
                        "the provider, who must not see the employees' cases.",
                        firm=firm.name,
                        users=", ".join(internal.mapped("name")),
                    )
                )

    @api.constrains("capacity", "response_target_hours")
    def _check_positive(self):
        for firm in self:
            if firm.capacity < 0 or firm.response_target_hours < 0:
                raise ValidationError(
                    self.env._(
                        "The capacity and the response target of %(firm)s cannot be negative.", firm=firm.name
                    )
                )

    @api.constrains("agreement_start", "agreement_end")
    def _check_agreement_dates(self):
        for firm in self:
            if firm.agreement_start and firm.agreement_end and firm.agreement_end < firm.agreement_start:
                raise ValidationError(
                    self.env._(
                        "The agreement with %(firm)s ends on %(end)s, before it starts on %(start)s.",
                        firm=firm.name,
                        end=firm.agreement_end,
                        start=firm.agreement_start,
                    )
                )
