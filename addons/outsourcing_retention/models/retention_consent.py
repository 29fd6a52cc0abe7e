from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .retention_consent_text import CONSENT_PURPOSES


class RetentionConsent(models.Model):
    """An employee's separate consent (PIPL art. 29) to one purpose.

    Given and withdrawn by the employee on the portal (/my/consent). A consent is
    current while it has no withdrawal date; at most one is current per employee and
    purpose (a partial unique index). Withdrawing stops keeping answers per person from
    then on; what was kept before stays until HR deletes it.
    """

    _name = "retention.consent"
    _description = "Separate Consent"
    _order = "date_given desc, id desc"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, ondelete="cascade", check_company=True, readonly=True
    )
    company_id = fields.Many2one(
        "res.company",
        related="employee_id.company_id",
        store=True,
        index=True,
        readonly=True,
    )
    purpose = fields.Selection(CONSENT_PURPOSES, required=True, readonly=True)
    text_id = fields.Many2one(
        "retention.consent.text", string="Consent Text", readonly=True, ondelete="restrict"
    )
    text_version = fields.Char(required=True, readonly=True)
    date_given = fields.Datetime(string="Given On", required=True, readonly=True, default=fields.Datetime.now)
    date_withdrawn = fields.Datetime(string="Withdrawn On", readonly=True)
    is_current = fields.Boolean(compute="_compute_is_current", search="_search_is_current")

    @api.depends("date_withdrawn")
    def _compute_is_current(self):
        for consent in self:
            consent.is_current = not consent.date_withdrawn

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the current consent."))
        current = (operator == "=") == value
        return [("date_withdrawn", "=" if current else "!=", False)]

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS retention_consent_current_uniq"
                " ON retention_consent (employee_id, purpose) WHERE date_withdrawn IS NULL"
            )
        )

    @api.depends("employee_id", "purpose")
    def _compute_display_name(self):
        purposes = dict(self._fields["purpose"]._description_selection(self.env))
        for consent in self:
            consent.display_name = f"{consent.employee_id.name or ''} · {purposes.get(consent.purpose, '')}"

    # ------------------------------------------------------------------ API
    @api.model
    def _current_employee_ids(self, employees, purpose):
        """The ids of ``employees`` holding a current consent to ``purpose`` (one query)."""
        if not employees:
            return set()
        consents = self.sudo().search_fetch(
            [("employee_id", "in", employees.ids), ("purpose", "=", purpose), ("date_withdrawn", "=", False)],
            ["employee_id"],
        )
        return set(consents.employee_id.ids)

    @api.model
    def _give(self, employee, purpose):
        """Record the employee's consent on the purpose's current text; idempotent."""
        employee.ensure_one()
        existing = self.search(
            [("employee_id", "=", employee.id), ("purpose", "=", purpose), ("date_withdrawn", "=", False)]
        )
        if existing:
            return existing
        text = self.env["retention.consent.text"]._current(purpose)
        if not text:
            raise UserError(self.env._("There is no consent text for this purpose yet; ask HR."))
        # Row lock on the employee so that two clicks at once do not both create a consent
        # (the partial unique index would refuse the second one anyway).
        self.env.cr.execute(SQL("SELECT id FROM hr_employee WHERE id = %s FOR NO KEY UPDATE", employee.id))
        return self.create(
            {"employee_id": employee.id, "purpose": purpose, "text_id": text.id, "text_version": text.version}
        )

    def _withdraw(self):
        self.filtered(lambda c: not c.date_withdrawn).write({"date_withdrawn": fields.Datetime.now()})
        return True

    def write(self, vals):
        # A consent is a record of what the employee did: only the withdrawal date is written.
        if set(vals) - {"date_withdrawn"} or any(c.date_withdrawn for c in self):
            raise UserError(
                self.env._("A consent cannot be changed; the employee withdraws it and gives a new one.")
            )
        return super().write(vals)
