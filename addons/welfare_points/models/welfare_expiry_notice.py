from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from ..engine import ledger


class WelfareExpiryNotice(models.Model):
    """The notice sent to an employee before a lot of points lapses: one per wallet and expiry date.

    The unique index makes the notice once per lot; the e-mail is queued in the
    same transaction (mail.mail, sent by the mail queue after commit), so a
    rolled-back or retried run sends nothing twice.
    """

    _name = "welfare.expiry.notice"
    _description = "Points Expiry Notice"
    _order = "expiry_date, id"

    account_id = fields.Many2one(
        "welfare.points.account", string="Wallet", required=True, readonly=True, index=True
    )
    employee_id = fields.Many2one(related="account_id.employee_id", store=True)
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    expiry_date = fields.Date(required=True, readonly=True)
    points = fields.Integer(required=True, readonly=True, help="Unspent points lapsing on that day.")
    date = fields.Date(string="Notified On", required=True, readonly=True)

    _sql_constraints = [
        ("lot_uniq", "UNIQUE(account_id, expiry_date)", "An expiring lot is notified once."),
    ]

    @api.model
    def _cron_notify_expiring(self, batch_size=500):
        """Notify the employees whose unspent points lapse within the notice days (30 by default).

        One batch of wallets per call (the cron runner calls again while
        ``_notify_progress`` reports more); lots notified before are skipped.
        """
        today = fields.Date.context_today(self)
        self.env["welfare.points.line"].flush_model()
        self.flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT l.account_id
                  FROM welfare_points_line l
                  JOIN welfare_points_account a ON a.id = l.account_id
                  JOIN res_company c ON c.id = a.company_id
                 WHERE l.points > 0 AND a.active AND a.balance > 0
                   AND l.expiry_date >= %(today)s
                   AND l.expiry_date <= %(today)s + COALESCE(c.welfare_expiry_notice_days, 30)
                   AND NOT EXISTS (SELECT 1 FROM welfare_expiry_notice n
                                    WHERE n.account_id = l.account_id AND n.expiry_date = l.expiry_date)
              ORDER BY l.account_id
                 LIMIT %(limit)s
                """,
                today=today,
                limit=batch_size + 1,
            )
        )
        ids = [row[0] for row in rows]
        wallets = self.env["welfare.points.account"].sudo().browse(ids[:batch_size])
        notices = wallets._notice_expiring(today)
        self.env["ir.cron"]._notify_progress(done=len(wallets), remaining=max(len(ids) - batch_size, 0))
        return notices


class WelfarePointsAccount(models.Model):
    _inherit = "welfare.points.account"

    def _notice_expiring(self, today):
        """Record and queue the notices of the wallets' lots lapsing soon; the notices."""
        if not self:
            return self.env["welfare.expiry.notice"]
        self._lock()
        movements = self._ledger_movements()
        Notice = self.env["welfare.expiry.notice"].sudo()
        done = {
            (notice.account_id.id, notice.expiry_date)
            for notice in Notice.search([("account_id", "in", self.ids)])
        }
        vals_list = []
        for wallet in self:
            until = today + timedelta(days=wallet.company_id.welfare_expiry_notice_days)
            lots = {}
            for expires, points in ledger.open_lots(movements[wallet.id], today):
                if expires and today <= expires <= until and (wallet.id, expires) not in done:
                    lots[expires] = lots.get(expires, 0) + points
            vals_list += [
                {"account_id": wallet.id, "expiry_date": expires, "points": points, "date": today}
                for expires, points in sorted(lots.items())
            ]
        notices = Notice.create(vals_list)
        if notices:
            # sudo: the cron's user may not read templates; the template is ours and renders only
            # the wallet's own employee, points and date. Queued: sent by the mail queue after commit.
            self.env.ref("welfare_points.mail_template_welfare_points_expiring").sudo().send_mail_batch(
                notices.ids
            )
        return notices
