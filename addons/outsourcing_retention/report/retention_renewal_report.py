from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.hr_contract_renewal import RENEWAL_STATES

# Renewals decided before the contract ends, and those that count as renewed.
DECIDED_STATES = ("accepted", "renewed", "declined", "ended")
RENEWED_STATES = ("accepted", "renewed")


class RetentionRenewalReport(models.Model):
    """Renewal metrics: one row per contract with an end date.

    A contract is due once its end date has passed or its renewal is decided (signed,
    renewed, declined or ended): contracts ending next quarter are not counted as
    lost. The renewal rate of a period is the share of the due contracts ending in it
    that were renewed or signed (average of ``renewal_rate``, empty for contracts not
    due); the time to signature runs from the first renewal reminder to the signature.
    """

    _name = "retention.renewal.report"
    _description = "Contract Renewal Analysis"
    _auto = False
    _rec_name = "contract_id"
    _order = "date_end desc"

    contract_id = fields.Many2one("hr.contract", readonly=True)
    employee_id = fields.Many2one("hr.employee", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    hr_responsible_id = fields.Many2one("res.users", string="HR Responsible", readonly=True)
    department_id = fields.Many2one("hr.department", readonly=True)
    site_id = fields.Many2one(
        "retention.client.site", readonly=True, help="Where the employee was placed when the contract ended."
    )
    client_id = fields.Many2one("res.partner", readonly=True)
    date_end = fields.Date(string="Contract End", readonly=True)
    renewal_state = fields.Selection(RENEWAL_STATES, string="Renewal Status", readonly=True)
    due_count = fields.Integer(string="Contracts Due", readonly=True)
    renewed_count = fields.Integer(string="Contracts Renewed", readonly=True)
    renewal_rate = fields.Float(string="Renewal Rate (%)", aggregator="avg", readonly=True)
    first_reminder_date = fields.Date(string="First Reminder", readonly=True)
    signed_on = fields.Datetime(readonly=True)
    days_to_signature = fields.Float(
        string="Days from First Reminder to Signature", aggregator="avg", readonly=True
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE OR REPLACE VIEW %(table)s AS (
                    SELECT
                        c.id AS id,
                        c.id AS contract_id,
                        c.employee_id,
                        c.company_id,
                        c.hr_responsible_id,
                        c.department_id,
                        a.site_id,
                        a.client_id,
                        c.date_end,
                        c.retention_renewal_state AS renewal_state,
                        CASE WHEN d.due THEN 1 ELSE 0 END AS due_count,
                        CASE WHEN d.due AND d.renewed THEN 1 ELSE 0 END AS renewed_count,
                        CASE WHEN NOT d.due THEN NULL WHEN d.renewed THEN 100.0 ELSE 0.0 END
                            AS renewal_rate,
                        r.first_reminder_date,
                        o.signed_on,
                        EXTRACT(EPOCH FROM (o.signed_on - r.first_reminder_date::timestamp)) / 86400.0
                            AS days_to_signature
                    FROM hr_contract c
                    CROSS JOIN LATERAL (
                        SELECT
                            c.retention_renewal_state IN %(decided)s OR c.date_end < CURRENT_DATE AS due,
                            c.retention_renewal_state IN %(renewed)s AS renewed
                    ) d
                    LEFT JOIN LATERAL (
                        SELECT ra.site_id, ra.client_id
                          FROM retention_assignment ra
                         WHERE ra.employee_id = c.employee_id
                           AND ra.state != 'cancelled'
                           AND ra.date_start <= c.date_end
                           AND (ra.date_end IS NULL OR ra.date_end >= LEAST(c.date_end, CURRENT_DATE))
                      ORDER BY ra.date_start DESC, ra.id DESC
                         LIMIT 1
                    ) a ON TRUE
                    LEFT JOIN (
                        SELECT contract_id, MIN(date_sent) AS first_reminder_date
                          FROM retention_renewal_reminder
                         GROUP BY contract_id
                    ) r ON r.contract_id = c.id
                    LEFT JOIN (
                        SELECT contract_id, MAX(signed_on) AS signed_on
                          FROM retention_renewal_offer
                         WHERE state = 'accepted'
                         GROUP BY contract_id
                    ) o ON o.contract_id = c.id
                    WHERE c.date_end IS NOT NULL AND c.state != 'cancel'
                )
                """,
                table=SQL.identifier(self._table),
                decided=DECIDED_STATES,
                renewed=RENEWED_STATES,
            )
        )
