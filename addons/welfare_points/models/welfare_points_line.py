import psycopg2

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..engine import ledger

KINDS = [
    ("earned", "Earned"),
    ("redeemed", "Redeemed"),
    ("expired", "Expired"),
    ("reversed", "Reversed"),
    ("adjusted", "Adjusted"),
]
# What an integrator or an officer may post through ``post_points``; the other
# kinds are written by the redemption, expiry and reversal code only.
PUBLIC_KINDS = ("earned", "adjusted")
FUNDING = [("company", "Company"), ("client", "Client"), ("campaign", "Campaign Budget")]
# Fields compared when a posting repeats an idempotency key.
SAME_CONTENT = ("account_id", "points", "kind", "res_model", "res_id", "reversed_line_id")


class WelfarePointsLine(models.Model):
    _name = "welfare.points.line"
    _description = "Points Ledger Line"
    _order = "date desc, id desc"

    account_id = fields.Many2one(
        "welfare.points.account",
        string="Wallet",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    employee_id = fields.Many2one(related="account_id.employee_id", store=True, index=True)
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today, index=True)
    points = fields.Integer(required=True, readonly=True, help="Positive for a credit, negative for a debit.")
    kind = fields.Selection(KINDS, required=True, readonly=True, index=True)
    reason = fields.Char(required=True, readonly=True)
    res_model = fields.Char(string="Source Model", readonly=True, index=True)
    res_id = fields.Many2oneReference(string="Source Record", model_field="res_model", readonly=True)
    posted_by_id = fields.Many2one("res.users", required=True, readonly=True)
    expiry_date = fields.Date(readonly=True, help="Last day the points of this credit can be spent.")
    idempotency_key = fields.Char(required=True, readonly=True, copy=False)
    funding = fields.Selection(FUNDING, string="Funded By", readonly=True)
    funding_partner_id = fields.Many2one("res.partner", string="Funding Client", readonly=True)
    rule_version = fields.Char(readonly=True, help="The earning rule and version that granted the points.")
    earning_rule_id = fields.Many2one("welfare.earning.rule", readonly=True, index=True)
    reversed_line_id = fields.Many2one("welfare.points.line", string="Reverses", readonly=True, index=True)
    reversal_line_id = fields.Many2one(
        "welfare.points.line", string="Reversed By", compute="_compute_reversal_line_id"
    )

    _sql_constraints = [
        (
            "idempotency_key_uniq",
            "UNIQUE(company_id, idempotency_key)",
            "This idempotency key is already used by another posting of the company.",
        ),
        ("points_not_zero", "CHECK(points <> 0)", "A ledger line moves at least one point."),
        (
            "credit_has_funding",
            "CHECK(points < 0 OR funding IS NOT NULL)",
            "Every credit names its funding source.",
        ),
    ]

    def init(self):
        # A line is reversed at most once.
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS welfare_points_line_reversed_once "
            "ON welfare_points_line (reversed_line_id) WHERE reversed_line_id IS NOT NULL"
        )

    def _compute_reversal_line_id(self):
        reversals = self.search([("reversed_line_id", "in", self.ids)])
        by_line = {rev.reversed_line_id.id: rev for rev in reversals}
        for line in self:
            line.reversal_line_id = by_line.get(line.id, False)

    @api.depends("kind", "points", "reason")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for line in self:
            line.display_name = f"{kinds.get(line.kind, '')} {line.points:+d} · {line.reason or ''}"

    # ------------------------------------------------------------ append-only
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.context.get("welfare_posting"):
            raise UserError(
                self.env._("Ledger lines are written by postings only (post_points, redemptions, expiry).")
            )
        return super().create(vals_list)

    def write(self, vals):
        self._refuse_change()
        return super().write(vals)

    def _refuse_change(self):
        raise UserError(
            self.env._("A posted points line cannot be changed. Post a reversal line to correct it.")
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._("A posted points line cannot be deleted. Post a reversal line to correct it.")
        )

    # ----------------------------------------------------------------- rights
    def _is_welfare_manager(self):
        return self.env.is_superuser() or self.env.user.has_group("welfare_points.group_welfare_manager")

    def _check_may_post(self, entries):
        """Officers credit earned points within the company limit; managers post anything."""
        if self._is_welfare_manager():
            return
        if not self.env.user.has_group("welfare_points.group_welfare_officer"):
            raise AccessError(self.env._("Only welfare officers and managers may post points."))
        for index, entry in enumerate(entries, 1):
            limit = self.env.company.welfare_officer_post_limit
            if entry["kind"] != "earned" or entry["points"] < 0 or entry["points"] > limit:
                raise AccessError(
                    self.env._(
                        "Entry %(index)s (%(key)s): a welfare officer may credit earned points up to "
                        "%(limit)s per posting; adjustments, debits and larger credits need a "
                        "welfare manager.",
                        index=index,
                        key=entry["idempotency_key"],
                        limit=limit,
                    )
                )

    # ------------------------------------------------------------ posting API
    @api.model
    def post_points(self, entries):
        """Post a batch of points, all or nothing (the integrators' method).

        ``entries``: a list of dicts with ``employee_id``, ``points`` (non-zero
        integer), ``idempotency_key``, ``reason`` and optionally ``kind``
        (earned, adjusted), ``date``, ``expiry_date``, ``funding`` (company,
        client, campaign), ``funding_partner_id``, ``rule_version``,
        ``res_model``/``res_id``. Returns the line ids in the order of the
        entries; an entry whose key was posted before returns the first line.
        """
        if not isinstance(entries, list) or not entries:
            raise ValidationError(self.env._("Post a non-empty list of entries."))
        # One query for the employees of the whole batch, not one per entry.
        # sudo: non-HR officers cannot read hr.employee; only the companies of
        # employees of the user's allowed companies are read here.
        employee_ids = {
            entry.get("employee_id")
            for entry in entries
            if isinstance(entry, dict)
            and isinstance(entry.get("employee_id"), int)
            and not isinstance(entry.get("employee_id"), bool)
        }
        companies = {
            employee.id: employee.company_id.id
            for employee in self.env["hr.employee"]
            .sudo()
            .search([("id", "in", list(employee_ids)), ("company_id", "in", self.env.companies.ids)])
        }
        partner_ids = {
            entry.get("funding_partner_id")
            for entry in entries
            if isinstance(entry, dict) and isinstance(entry.get("funding_partner_id"), int)
        }
        # one query for the funding clients of the whole batch
        partners = set(self.env["res.partner"].sudo().browse(list(partner_ids)).exists().ids)
        normalised = [
            self._normalise_entry(index, entry, companies, partners) for index, entry in enumerate(entries, 1)
        ]
        self._check_may_post(normalised)
        return self._post(normalised).ids

    def _normalise_entry(self, index, entry, companies, partners):
        def fail(message, **params):
            key = entry.get("idempotency_key") if isinstance(entry, dict) else None
            raise ValidationError(
                self.env._("Entry %(index)s (%(key)s): ", index=index, key=key or "-") + message % params
            )

        if not isinstance(entry, dict):
            fail(self.env._("an entry must be a dict."))
        unknown = set(entry) - {
            "employee_id",
            "points",
            "idempotency_key",
            "reason",
            "kind",
            "date",
            "expiry_date",
            "funding",
            "funding_partner_id",
            "rule_version",
            "res_model",
            "res_id",
        }
        if unknown:
            fail(self.env._("unknown fields %(fields)s."), fields=", ".join(sorted(unknown)))
        points = entry.get("points")
        if isinstance(points, bool) or not isinstance(points, int) or not points:
            fail(self.env._("points must be a non-zero whole number."))
        key = entry.get("idempotency_key")
        if not isinstance(key, str) or not key.strip() or len(key) > 200:
            fail(self.env._("an idempotency key (text, up to 200 characters) is required."))
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            fail(self.env._("a reason is required."))
        kind = entry.get("kind") or "earned"
        if kind not in PUBLIC_KINDS:
            fail(self.env._("kind must be earned or adjusted."))
        if kind == "earned" and points < 0:
            fail(self.env._("earned points are a credit; post a debit as an adjustment."))
        try:
            on = fields.Date.to_date(entry.get("date")) or fields.Date.context_today(self)
            expiry = fields.Date.to_date(entry.get("expiry_date")) if entry.get("expiry_date") else None
        except (TypeError, ValueError):
            fail(self.env._("dates are written YYYY-MM-DD."))
        if expiry and (points < 0 or expiry < on):
            fail(self.env._("an expiry date belongs to a credit and cannot be before its date."))
        employee_id = entry.get("employee_id")
        if isinstance(employee_id, bool) or not isinstance(employee_id, int):
            fail(self.env._("employee_id must be an employee id."))
        if employee_id not in companies:
            fail(self.env._("unknown employee %(id)s."), id=employee_id)
        funding = entry.get("funding") or ("company" if points > 0 else False)
        if funding and funding not in dict(FUNDING):
            fail(self.env._("funding must be company, client or campaign."))
        partner_id = entry.get("funding_partner_id") or False
        if funding == "client" and not partner_id:
            fail(self.env._("points funded by a client name the client (funding_partner_id)."))
        if partner_id and partner_id not in partners:
            fail(self.env._("unknown client %(id)s."), id=partner_id)
        return {
            "employee_id": employee_id,
            "company_id": companies[employee_id],
            "points": points,
            "idempotency_key": key.strip(),
            "reason": reason.strip(),
            "kind": kind,
            "date": on,
            "expiry_date": expiry,
            "funding": funding,
            "funding_partner_id": partner_id,
            "rule_version": entry.get("rule_version") or False,
            "res_model": entry.get("res_model") or False,
            "res_id": entry.get("res_id") or False,
            "reversed_line_id": False,
        }

    @api.model
    def _post(self, entries):
        """Write ``entries`` (normalised dicts) to the ledger; the lines, in order.

        Wallets are locked (ids ascending, so two batches never deadlock); a key
        posted before returns its first line, or fails if the content differs;
        a debit past the balance fails the whole batch. Callers check rights.
        """
        Account = self.env["welfare.points.account"].sudo()
        wallets = Account._get_or_open((e["employee_id"], e["company_id"]) for e in entries)
        for entry in entries:
            entry["account_id"] = wallets[entry["employee_id"], entry["company_id"]]
        locked = Account.browse(sorted(set(wallets.values())))._lock()
        existing = self._existing_by_key(entries)
        todo, result = [], []
        balances = {account_id: balance for account_id, (balance, _active) in locked.items()}
        deltas = {}
        seen = {}
        for index, entry in enumerate(entries, 1):
            key = (entry["company_id"], entry["idempotency_key"])
            first = existing.get(key) or seen.get(key)
            if first is not None:
                self._check_same_content(index, entry, first)
                result.append(first)
                continue
            balance, active = balances[entry["account_id"]], locked[entry["account_id"]][1]
            if not active:
                raise ValidationError(
                    self.env._("Entry %(index)s (%(key)s): the wallet is archived.", index=index, key=key[1])
                )
            try:
                balances[entry["account_id"]] = ledger.check_posting(entry["points"], balance)
            except ValueError as error:
                raise ValidationError(
                    self.env._(
                        "Entry %(index)s (%(key)s): not enough points "
                        "(balance %(balance)s, debit %(debit)s).",
                        index=index,
                        key=key[1],
                        balance=balance,
                        debit=-entry["points"],
                    )
                ) from error
            delta = deltas.setdefault(entry["account_id"], [0, 0, 0])
            delta[0] += entry["points"]
            earned, spent = self._earned_spent(entry)
            delta[1] += earned
            delta[2] += spent
            seen[key] = entry
            todo.append(entry)
            result.append(entry)
        if todo:
            try:
                with self.env.cr.savepoint():
                    lines = self._insert_lines(todo)
            except psycopg2.IntegrityError as error:
                # A concurrent posting committed one of these keys after our snapshot.
                # With the same content it would have hit the same wallet lock and be
                # retried; a different wallet or line means different content.
                self.env.invalidate_all()
                again = self._existing_by_key(todo)
                for index, entry in enumerate(todo, 1):
                    first = again.get((entry["company_id"], entry["idempotency_key"]))
                    if first is not None:
                        self._check_same_content(index, entry, first)
                raise ValidationError(
                    self.env._(
                        "A posting with one of these idempotency keys or reversing one of these lines "
                        "was just written by another user: %(keys)s.",
                        keys=", ".join(e["idempotency_key"] for e in todo),
                    )
                ) from error
            self.invalidate_model(["reversal_line_id"])
            for entry, line in zip(todo, lines, strict=True):
                entry["line"] = line
            Account.browse()._add_totals({acc: tuple(d) for acc, d in deltas.items()})
        return self.browse(
            [item.id if isinstance(item, models.BaseModel) else item["line"].id for item in result]
        )

    def _insert_lines(self, entries):
        """Insert the lines of ``entries`` in one statement; the lines, in order.

        Set-based (INSERT ... SELECT FROM unnest ... RETURNING id) instead of the
        ORM's create, under the wallet locks the caller holds: the entries were
        normalised and checked, the database checks the constraints and the
        unique idempotency key. Nobody has create rights on ledger lines; the
        callers checked theirs.
        """

        def column(field, cast=None):
            return [(entry.get(field) or None) if cast is None else cast(entry) for entry in entries]

        rows = self.env.execute_query(
            SQL(
                """
                INSERT INTO welfare_points_line
                       (account_id, employee_id, company_id, date, points, kind, reason, res_model, res_id,
                        posted_by_id, expiry_date, idempotency_key, funding, funding_partner_id,
                        rule_version, earning_rule_id, reversed_line_id,
                        create_uid, write_uid, create_date, write_date)
                SELECT t.account_id, t.employee_id, t.company_id, t.date, t.points, t.kind, t.reason,
                       t.res_model, t.res_id, %(uid)s, t.expiry_date, t.idempotency_key, t.funding,
                       t.funding_partner_id, t.rule_version, t.earning_rule_id, t.reversed_line_id,
                       %(uid)s, %(uid)s, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC'
                  FROM unnest(%(account)s::int[], %(employee)s::int[], %(company)s::int[], %(date)s::date[],
                              %(points)s::int[], %(kind)s::varchar[], %(reason)s::varchar[],
                              %(res_model)s::varchar[], %(res_id)s::int[], %(expiry)s::date[],
                              %(key)s::varchar[], %(funding)s::varchar[], %(partner)s::int[],
                              %(version)s::varchar[], %(rule)s::int[], %(reversed)s::int[])
                       WITH ORDINALITY AS t(account_id, employee_id, company_id, date, points, kind, reason,
                                            res_model, res_id, expiry_date, idempotency_key, funding,
                                            funding_partner_id, rule_version, earning_rule_id,
                                            reversed_line_id, n)
              ORDER BY t.n
             RETURNING id
                """,
                uid=self.env.uid,
                account=column("account_id"),
                employee=column("employee_id"),
                company=column("company_id"),
                date=column("date"),
                points=column("points"),
                kind=column("kind"),
                reason=column("reason"),
                res_model=column("res_model"),
                res_id=column("res_id"),
                expiry=column("expiry_date"),
                key=column("idempotency_key"),
                funding=column("funding"),
                partner=column("funding_partner_id"),
                version=column("rule_version"),
                rule=column("earning_rule_id"),
                reversed=column("reversed_line_id"),
            )
        )
        # RETURNING follows the order of the SELECT in practice, but it is not guaranteed:
        # the ids are sequence values taken in that order, so sorting them restores it.
        return self.browse(sorted(row[0] for row in rows))

    def _existing_by_key(self, entries):
        keys = {(e["company_id"], e["idempotency_key"]) for e in entries}
        lines = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("company_id", "in", list({k[0] for k in keys})),
                    ("idempotency_key", "in", list({k[1] for k in keys})),
                ]
            )
        )
        # sudo: only used to compare content and return ids to a caller allowed to post.
        return {(line.company_id.id, line.idempotency_key): line for line in lines}

    def _check_same_content(self, index, entry, first):
        def value(record, field):
            if isinstance(record, dict):
                return record.get(field) or False
            val = record[field]
            return val.id if isinstance(val, models.BaseModel) else (val or False)

        if any(value(entry, f) != value(first, f) for f in SAME_CONTENT):
            raise ValidationError(
                self.env._(
                    "Entry %(index)s (%(key)s): this idempotency key was already used "
                    "for a different posting.",
                    index=index,
                    key=entry["idempotency_key"],
                )
            )

    @staticmethod
    def _earned_spent(entry):
        kind, points = entry["kind"], entry["points"]
        if kind in ("earned", "adjusted") and points > 0:
            return points, 0
        if kind == "redeemed":
            return 0, -points
        if kind == "reversed":
            origin = entry.get("reversed_kind")
            if origin == "redeemed":
                return 0, -points
            if origin in ("earned", "adjusted") and points < 0:
                return points, 0
        return 0, 0

    # --------------------------------------------------------------- reversal
    def _reverse(self, reason):
        """Post one reversal line per line of ``self``; the reversal lines.

        A debit given back returns its points with the expiry dates of the lots
        it consumed (the latest of them, or none if one had none).
        """
        entries = []
        movements = self.mapped("account_id")._ledger_movements()
        for line in self:
            if line.kind == "reversed":
                raise UserError(self.env._("A reversal line is not reversed; post a new line instead."))
            if line.reversal_line_id:
                raise UserError(self.env._("The line %(line)s is already reversed.", line=line.display_name))
            expiry = False
            if line.points < 0:
                moves = movements[line.account_id.id]
                debit = next(m for m in moves if m.ref == line.id)
                lots = ledger.debit_lots(moves, debit)
                dates = [exp for exp, _pts in lots]
                expiry = False if (not dates or None in dates) else max(dates)
            entries.append(
                {
                    "employee_id": line.employee_id.id,
                    "company_id": line.company_id.id,
                    "account_id": line.account_id.id,
                    "points": -line.points,
                    "idempotency_key": f"reversal:{line.id}",
                    "reason": reason,
                    "kind": "reversed",
                    "reversed_kind": line.kind,
                    "date": fields.Date.context_today(self),
                    "expiry_date": expiry,
                    "funding": line.funding if line.points < 0 else False,
                    "funding_partner_id": line.funding_partner_id.id,
                    "rule_version": line.rule_version,
                    "earning_rule_id": line.earning_rule_id.id,
                    "res_model": line.res_model,
                    "res_id": line.res_id,
                    "reversed_line_id": line.id,
                }
            )
        for entry in entries:
            if entry["points"] > 0 and not entry["funding"]:
                entry["funding"] = "company"
        return self._post(entries)

    def action_reverse(self):
        """Reverse the lines (welfare managers)."""
        if not self._is_welfare_manager():
            raise AccessError(self.env._("Only welfare managers may reverse points lines."))
        self.check_access("read")
        self._reverse(self.env._("Correction by %(user)s", user=self.env.user.name))
        return True
