from odoo import fields, models
from odoo.tools import SQL


class WelfarePayrollReport(models.Model):
    """The monthly per-employee export for payroll: taxable value of benefits received.

    In-kind benefits are wage income in China; qualifying commercial health
    insurance is deductible up to the company's yearly limit (财税〔2017〕39号).
    One row per employee and month of approved or fulfilled redemptions; HR
    exports it from the list (Export) for payroll.
    """

    _name = "welfare.payroll.report"
    _description = "Welfare Payroll Export"
    _auto = False
    _order = "month desc, employee_id"
    _depends = {
        "welfare.redemption": [
            "state",
            "date_requested",
            "employee_id",
            "company_id",
            "benefit_value",
            "tax_exempt_value",
            "taxable_value",
        ],
    }

    month = fields.Date(readonly=True, help="First day of the month the benefits were redeemed in.")
    employee_id = fields.Many2one("hr.employee", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    redemption_count = fields.Integer(string="Redemptions", readonly=True)
    benefit_value = fields.Monetary(readonly=True)
    tax_exempt_value = fields.Monetary(string="Deductible Value", readonly=True)
    taxable_value = fields.Monetary(readonly=True)

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT MIN(r.id) AS id,
                   date_trunc('month', r.date_requested)::date AS month,
                   r.employee_id, r.company_id, c.currency_id,
                   COUNT(*) AS redemption_count,
                   SUM(r.benefit_value) AS benefit_value,
                   SUM(r.tax_exempt_value) AS tax_exempt_value,
                   SUM(r.taxable_value) AS taxable_value
              FROM welfare_redemption r
              JOIN res_company c ON c.id = r.company_id
             WHERE r.state IN ('approved', 'fulfilled')
          GROUP BY 2, 3, 4, 5
            """
        )
