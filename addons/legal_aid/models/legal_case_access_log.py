from odoo import fields, models
from odoo.tools import SQL


class LegalCaseAccessLog(models.Model):
    """Who among the coordinators read a case, and when (one row per person, case and day).

    Written by the system only (an INSERT that ignores the day's duplicates), never
    edited nor deleted through the ORM: it protects the employee.
    """

    _name = "legal.case.access.log"
    _description = "Legal Case Access Log"
    _order = "first_read_at desc, id desc"
    _log_access = False

    case_id = fields.Many2one("legal.case", required=True, ondelete="cascade", index=True, readonly=True)
    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", readonly=True)
    day = fields.Date(required=True, readonly=True)
    first_read_at = fields.Datetime(required=True, readonly=True)

    def init(self):
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS legal_case_access_log_unique "
                "ON legal_case_access_log (case_id, user_id, day)"
            )
        )

    def _log(self, case_ids, user):
        now = fields.Datetime.now()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO legal_case_access_log (case_id, user_id, day, first_read_at)
                SELECT unnest(%(cases)s::int[]), %(user)s, %(day)s, %(now)s
                ON CONFLICT (case_id, user_id, day) DO NOTHING
                """,
                cases=list(case_ids),
                user=user.id,
                day=now.date(),
                now=now,
            )
        )
