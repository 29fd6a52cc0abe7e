import psycopg2

from odoo import api, fields, models
from odoo.exceptions import UserError


class WelfareRuleAcknowledgement(models.Model):
    """An employee's acknowledgement of a published version of an earning rule.

    The evidence that the welfare rules were made known to the employees
    (Labour Contract Law art. 4). Written by the employee on /my/points/rules,
    never edited.
    """

    _name = "welfare.rule.acknowledgement"
    _description = "Earning Rule Acknowledgement"
    _order = "date desc, id desc"

    employee_id = fields.Many2one("hr.employee", required=True, readonly=True, index=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    rule_id = fields.Many2one(
        "welfare.earning.rule", required=True, readonly=True, index=True, ondelete="cascade"
    )
    version = fields.Integer(required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", string="Acknowledged By", required=True, readonly=True)

    _sql_constraints = [
        (
            "employee_rule_version_uniq",
            "UNIQUE(employee_id, rule_id, version)",
            "This version of the rule was already acknowledged.",
        )
    ]

    def write(self, vals):
        self._refuse_change()
        return super().write(vals)

    def _refuse_change(self):
        raise UserError(self.env._("An acknowledgement is never changed."))

    @api.model
    def _acknowledge(self, employee, rules):
        """Record that ``employee`` read the published versions of ``rules``; the new records.

        Called by the portal for the logged-in user's own employee. A version
        acknowledged before is skipped (a form sent twice records once); when
        the same form sent twice at the same moment wrote it first in another
        transaction, the unique index refuses ours and nothing more is written.
        """
        employee.ensure_one()
        # sudo: the caller resolved the employee from the logged-in user; only their own rows are written.
        Ack = self.sudo()
        done = {
            (ack.rule_id.id, ack.version)
            for ack in Ack.search([("employee_id", "=", employee.id), ("rule_id", "in", rules.ids)])
        }
        vals_list = [
            {
                "employee_id": employee.id,
                "company_id": employee.company_id.id,
                "rule_id": rule.id,
                "version": rule.published_version,
                "user_id": self.env.uid,
            }
            for rule in rules
            if rule.is_published and (rule.id, rule.published_version) not in done
        ]
        try:
            with self.env.cr.savepoint():
                return Ack.create(vals_list)
        except psycopg2.errors.UniqueViolation:
            # A concurrent submit of the same form recorded some of these versions first:
            # write the others one by one.
            self.env.invalidate_all()
        created = Ack.browse()
        for vals in vals_list:
            try:
                with self.env.cr.savepoint():
                    created |= Ack.create(vals)
            except psycopg2.errors.UniqueViolation:
                self.env.invalidate_all()
        return created
