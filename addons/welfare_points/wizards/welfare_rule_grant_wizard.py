from odoo import api, fields, models


class WelfareRuleGrantWizard(models.TransientModel):
    """HR grants a contest, referral or by-hand rule: contest results without career_paths,
    approved referrals, recognition with a reason."""

    _name = "welfare.rule.grant.wizard"
    _description = "Grant Points by Rule"

    rule_id = fields.Many2one(
        "welfare.earning.rule",
        required=True,
        domain="[('trigger', 'in', ('contest', 'referral', 'manual')), ('is_published', '=', True)]",
    )
    trigger = fields.Selection(related="rule_id.trigger")
    reason = fields.Char(required=True, help="The contest, the referred person or why the points are given.")
    employee_ids = fields.Many2many("hr.employee", string="Employees")
    line_ids = fields.One2many("welfare.rule.grant.wizard.line", "wizard_id", string="Contest Results")

    def action_grant(self):
        self.ensure_one()
        if self.trigger == "contest":
            ranks = {line.employee_id.id: line.rank for line in self.line_ids}
            self.rule_id._grant_by_hand(self.line_ids.employee_id, self.reason, self, ranks=ranks)
        else:
            self.rule_id._grant_by_hand(self.employee_ids, self.reason, self)
        return {"type": "ir.actions.act_window_close"}

    @api.depends("reason", "rule_id")
    def _compute_display_name(self):
        for wizard in self:
            wizard.display_name = wizard.reason or ""


class WelfareRuleGrantWizardLine(models.TransientModel):
    _name = "welfare.rule.grant.wizard.line"
    _description = "Contest Result to Grant"

    wizard_id = fields.Many2one("welfare.rule.grant.wizard", required=True, ondelete="cascade")
    employee_id = fields.Many2one("hr.employee", required=True)
    rank = fields.Integer(required=True, default=1)
