from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..engine import ledger

# Fields of a wallet that only the posting code changes (through SQL, under the row lock).
LEDGER_TOTALS = ("balance", "earned_total", "spent_total")


class WelfarePointsAccount(models.Model):
    _name = "welfare.points.account"
    _description = "Points Wallet"
    _order = "employee_id, company_id"
    _rec_name = "employee_id"

    employee_id = fields.Many2one("hr.employee", required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    active = fields.Boolean(default=True)
    balance = fields.Integer(readonly=True, help="Sum of the wallet's ledger lines.")
    earned_total = fields.Integer(string="Lifetime Earned", readonly=True)
    spent_total = fields.Integer(string="Lifetime Spent", readonly=True)
    expiring_soon = fields.Integer(
        compute="_compute_expiring_soon",
        help="Unspent points whose validity ends within the company's notice days (30 by default).",
    )
    line_ids = fields.One2many("welfare.points.line", "account_id", string="Ledger Lines")
    expiry_checked_date = fields.Date(
        readonly=True, copy=False, help="Last day the expiry job looked for lapsed points in this wallet."
    )

    _sql_constraints = [
        (
            "employee_company_uniq",
            "UNIQUE(employee_id, company_id)",
            "An employee has one wallet per company.",
        ),
        ("balance_not_negative", "CHECK(balance >= 0)", "A points wallet cannot go below zero."),
    ]

    @api.depends("line_ids.points")
    def _compute_expiring_soon(self):
        today = fields.Date.context_today(self)
        movements = self._ledger_movements()
        for account in self:
            until = today + timedelta(days=account.company_id.welfare_expiry_notice_days)
            account.expiring_soon = ledger.expiring_between(movements.get(account.id, []), today, until)

    def _ledger_movements(self):
        """The engine's movements of every wallet of ``self``, in one query."""
        result = {account_id: [] for account_id in self.ids}
        if not self.ids:
            return result
        self.env["welfare.points.line"].flush_model(["account_id", "date", "points", "expiry_date"])
        rows = self.env.execute_query(
            SQL(
                "SELECT account_id, date, points, expiry_date, id FROM welfare_points_line "
                "WHERE account_id IN %s ORDER BY date, id",
                tuple(self.ids),
            )
        )
        for account_id, on, points, expires, line_id in rows:
            result[account_id].append(ledger.Movement(on, points, expires, line_id))
        return result

    @api.model_create_multi
    def create(self, vals_list):
        self._refuse_create()
        return super().create(vals_list)

    def _refuse_create(self):
        # Wallets are opened by _get_or_open (INSERT ... ON CONFLICT) under the posting's locks.
        raise UserError(self.env._("Points wallets are opened by the first posting for an employee."))

    def write(self, vals):
        if set(vals) - {"active"}:
            raise UserError(
                self.env._("A points wallet changes only through ledger postings; it can only be archived.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A points wallet is never deleted; archive it instead."))

    @api.model
    def _get_or_open(self, pairs):
        """Wallet ids for ``(employee_id, company_id)`` pairs, opening the missing ones.

        INSERT ... ON CONFLICT DO NOTHING: two postings opening the same wallet at
        once end in one wallet; under REPEATABLE READ the later one gets a
        serialization failure and Odoo retries the call, which then sees it.
        """
        pairs = sorted(set(pairs))
        if not pairs:
            return {}
        self.env.cr.execute(
            SQL(
                "INSERT INTO welfare_points_account "
                "(employee_id, company_id, active, balance, earned_total, spent_total, "
                " create_uid, write_uid, create_date, write_date) "
                "SELECT e, c, TRUE, 0, 0, 0, %(uid)s, %(uid)s, "
                "NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC' "
                "FROM unnest(%(emps)s::int[], %(comps)s::int[]) AS t(e, c) "
                "ON CONFLICT (employee_id, company_id) DO NOTHING",
                uid=self.env.uid,
                emps=[p[0] for p in pairs],
                comps=[p[1] for p in pairs],
            )
        )
        rows = self.env.execute_query(
            SQL(
                "SELECT employee_id, company_id, id FROM welfare_points_account "
                "WHERE (employee_id, company_id) IN (SELECT * FROM unnest(%s::int[], %s::int[]))",
                [p[0] for p in pairs],
                [p[1] for p in pairs],
            )
        )
        return {(emp, comp): account_id for emp, comp, account_id in rows}

    def _lock(self):
        """Lock the wallets' rows until the end of the transaction; their current totals.

        FOR NO KEY UPDATE: concurrent postings to a wallet wait for each other
        (and the later one is retried by Odoo on a serialization failure),
        while inserting lines that reference the wallet stays possible.
        """
        if not self.ids:
            return {}
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                "SELECT id, balance, active FROM welfare_points_account "
                "WHERE id IN %s ORDER BY id FOR NO KEY UPDATE",
                tuple(self.ids),
            )
        )
        return {account_id: (balance, active) for account_id, balance, active in rows}

    def _add_totals(self, deltas):
        """Add ``{account_id: (balance, earned, spent)}`` to the wallets (already locked)."""
        if not deltas:
            return
        ids = sorted(deltas)
        self.env.cr.execute(
            SQL(
                "UPDATE welfare_points_account a SET balance = a.balance + d.balance, "
                "earned_total = a.earned_total + d.earned, spent_total = a.spent_total + d.spent, "
                "write_date = NOW() AT TIME ZONE 'UTC', write_uid = %s "
                "FROM unnest(%s::int[], %s::int[], %s::int[], %s::int[]) AS d(id, balance, earned, spent) "
                "WHERE a.id = d.id",
                self.env.uid,
                ids,
                [deltas[i][0] for i in ids],
                [deltas[i][1] for i in ids],
                [deltas[i][2] for i in ids],
            )
        )
        self.browse(list(deltas)).invalidate_recordset(list(LEDGER_TOTALS))

    # ---------------------------------------------------------------- expiry
    def _expiry_candidates_domain(self, today):
        return [
            ("balance", ">", 0),
            ("line_ids.expiry_date", "<", today),
            "|",
            ("expiry_checked_date", "=", False),
            ("expiry_checked_date", "<", today),
        ]

    @api.model
    def _cron_expire_points(self, batch_size=500):
        """Post expiry lines for the lapsed lots of one batch of wallets.

        One batch per call; the cron runner commits and calls again while
        ``_notify_progress`` reports wallets remaining. Idempotent (one key per
        wallet and expiry date) and resumable (each wallet is marked checked
        for the day). Debits consume the lots expiring first, so only unspent
        points lapse.
        """
        today = fields.Date.context_today(self)
        domain = self._expiry_candidates_domain(today)
        wallets = self.search(domain, order="id", limit=batch_size)
        wallets._expire_points(today)
        remaining = self.search_count(domain) if len(wallets) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(wallets), remaining=remaining)
        return len(wallets)

    def _expire_points(self, today):
        if not self:
            return
        self._lock()
        movements = self._ledger_movements()
        entries = []
        for wallet in self:
            for expires_on, points in ledger.lapsed_lots(movements[wallet.id], today):
                entries.append(
                    {
                        "employee_id": wallet.employee_id.id,
                        "company_id": wallet.company_id.id,
                        "points": -points,
                        "idempotency_key": f"expiry:{wallet.id}:{expires_on}",
                        "reason": self.env._("Points valid until %(date)s expired", date=expires_on),
                        "kind": "expired",
                        "date": today,
                        "expiry_date": None,
                        "funding": False,
                        "funding_partner_id": False,
                        "rule_version": False,
                        "res_model": False,
                        "res_id": False,
                        "reversed_line_id": False,
                    }
                )
        if entries:
            self.env["welfare.points.line"]._post(entries)
        self.env.cr.execute(
            SQL(
                "UPDATE welfare_points_account SET expiry_checked_date = %s WHERE id IN %s",
                today,
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["expiry_checked_date"])

    # ------------------------------------------------------------------ API
    @api.model
    def get_balances(self, employee_ids):
        """Balances of the employees' wallets in the user's current company.

        Returns ``{employee_id: balance}`` (as strings keys over XML-RPC);
        an employee without a wallet has 0. Record rules apply: an officer sees
        the wallets of their companies, an employee only their own.
        """
        if not isinstance(employee_ids, list) or not all(
            isinstance(emp, int) and not isinstance(emp, bool) for emp in employee_ids
        ):
            raise ValidationError(self.env._("Employee ids must be a list of whole numbers."))
        result = dict.fromkeys(employee_ids, 0)
        if not employee_ids:
            return {}
        # One query, no record built per wallet: the ORM's query (access rules applied)
        # selecting two columns; one wallet per employee and company.
        self.check_access("read")
        self.flush_model(["employee_id", "company_id", "balance"])
        query = self._search([("company_id", "=", self.env.company.id)])
        query.add_where(SQL("%s = ANY(%s)", SQL.identifier(self._table, "employee_id"), employee_ids))
        for employee_id, balance in self.env.execute_query(
            query.select(SQL.identifier(self._table, "employee_id"), SQL.identifier(self._table, "balance"))
        ):
            result[employee_id] = balance
        return {str(emp): balance for emp, balance in result.items()}

    def action_open_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Points Ledger"),
            "res_model": "welfare.points.line",
            "view_mode": "list,form",
            "domain": [("account_id", "=", self.id)],
        }
