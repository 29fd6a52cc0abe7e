from odoo import fields, models, tools
from odoo.tools import SQL

PLACEMENT_STATES = [("planned", "Planned"), ("active", "On Assignment")]


class RetentionClientPlacement(models.Model):
    """The people placed at a client's sites, as the client's HR may see them (read-only view).

    One row per planned or current assignment with only what a client may know: the
    person's name, job, site, dates and employment mode; never wages, contracts, risk,
    mood, legal or performance data. Internal Client HR users have no access to
    assignments nor employees: their record rule keeps them to their own client's rows,
    as ``retention.client.site.retention_client_people`` does for the portal and the API.
    """

    _name = "retention.client.placement"
    _description = "People Placed at a Client"
    _auto = False
    _order = "site_id, date_start, id"
    _rec_name = "employee_name"

    employee_name = fields.Char(string="Person", readonly=True)
    job_name = fields.Char(string="Job Position", readonly=True, translate=True)
    site_id = fields.Many2one("retention.client.site", readonly=True)
    client_id = fields.Many2one("res.partner", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_start = fields.Date(string="Start Date", readonly=True)
    date_end = fields.Date(string="End Date", readonly=True)
    employment_mode = fields.Selection(
        [("outsourcing", "Labour Outsourcing"), ("dispatch", "Labour Dispatch")], readonly=True
    )
    state = fields.Selection(PLACEMENT_STATES, string="Status", readonly=True)

    def _query(self):
        return SQL(
            """
            SELECT a.id,
                   e.name AS employee_name,
                   j.name AS job_name,
                   a.site_id,
                   a.client_id,
                   a.company_id,
                   a.date_start,
                   a.date_end,
                   a.employment_mode,
                   a.state
              FROM retention_assignment a
              JOIN hr_employee e ON e.id = a.employee_id
              LEFT JOIN hr_job j ON j.id = a.job_id
             WHERE a.state IN ('planned', 'active')
            """
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query())
        )
