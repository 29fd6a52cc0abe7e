from odoo import fields, models, tools
from odoo.tools import SQL


class RetentionRetentionReport(models.Model):
    """Twelve-month retention: who was placed a year ago, and who is still employed.

    One row per assignment that was running on the day twelve months before today
    (its site, client and employment mode then). The employee is retained when still
    an active employee today, wherever they work now; the retention rate is the
    average of ``retention_rate`` (100 retained, 0 left).
    """

    _name = "retention.retention.report"
    _description = "Twelve-Month Retention Analysis"
    _auto = False
    _rec_name = "employee_id"
    _order = "site_id, employee_id"

    employee_id = fields.Many2one("hr.employee", readonly=True)
    site_id = fields.Many2one("retention.client.site", readonly=True)
    client_id = fields.Many2one("res.partner", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    employment_mode = fields.Selection(
        [("outsourcing", "Labour Outsourcing"), ("dispatch", "Labour Dispatch")], readonly=True
    )
    placed_count = fields.Integer(string="Placed a Year Ago", readonly=True)
    retained_count = fields.Integer(string="Still Employed", readonly=True)
    retention_rate = fields.Float(string="Retention Rate (%)", aggregator="avg", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT a.id AS id,
                           a.employee_id,
                           a.site_id,
                           a.client_id,
                           a.company_id,
                           e.department_id,
                           a.employment_mode,
                           1 AS placed_count,
                           CASE WHEN k.retained THEN 1 ELSE 0 END AS retained_count,
                           CASE WHEN k.retained THEN 100.0 ELSE 0.0 END AS retention_rate
                      FROM retention_assignment a
                      JOIN hr_employee e ON e.id = a.employee_id
                      CROSS JOIN LATERAL (
                          SELECT e.active AND (e.departure_date IS NULL OR e.departure_date > CURRENT_DATE)
                                 AS retained
                      ) k
                     WHERE a.state != 'cancelled'
                       AND a.date_start <= CURRENT_DATE - INTERVAL '12 months'
                       AND (a.date_end IS NULL OR a.date_end >= CURRENT_DATE - INTERVAL '12 months')
                )
                """,
                table=SQL.identifier(self._table),
            )
        )
