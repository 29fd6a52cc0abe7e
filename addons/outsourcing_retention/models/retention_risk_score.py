import json
import logging
import threading

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..engine import risk_scorecard

_logger = logging.getLogger(__name__)

BANDS = [
    ("high", "High Risk"),
    ("medium", "Medium Risk"),
    ("low", "Low Risk"),
    ("no_data", "No Data"),
]
# The scoring run takes this advisory lock for its transaction: a second run at the
# same time (a manual run while the scheduled one works) is refused, not doubled.
SCORING_LOCK_KEY = 7_020_180_001
API_BATCH_LIMIT = 1000


class RetentionRiskScore(models.Model):
    """A dated snapshot of one employee's renewal-risk scorecard."""

    _name = "retention.risk.score"
    _description = "Risk Score"
    _order = "date desc, total, id desc"
    _rec_name = "employee_id"

    employee_id = fields.Many2one("hr.employee", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    date = fields.Date(required=True, index=True, readonly=True)
    total = fields.Float(
        digits=(5, 1), readonly=True, aggregator="avg", help="Out of 100; lower is more at risk."
    )
    band = fields.Selection(BANDS, required=True, index=True, readonly=True)
    line_ids = fields.One2many("retention.risk.score.line", "score_id", string="Drivers", readonly=True)
    top_driver_ids = fields.Many2many(
        "retention.risk.driver",
        relation="retention_risk_score_top_driver_rel",
        column1="score_id",
        column2="driver_id",
        string="Top Drivers",
        readonly=True,
    )
    contract_id = fields.Many2one(
        "hr.contract",
        readonly=True,
        index="btree_not_null",
        groups="hr_contract.group_hr_contract_employee_manager",
    )
    contract_date_end = fields.Date(string="Contract End", readonly=True)
    days_to_contract_end = fields.Integer(readonly=True)
    model_probability = fields.Float(
        string="Model Probability of Leaving",
        digits=(3, 2),
        readonly=True,
        help="From the learned attrition model, when one is active.",
    )
    department_id = fields.Many2one("hr.department", readonly=True, index="btree_not_null")

    _sql_constraints = [
        ("employee_date_unique", "unique(employee_id, date)", "An employee is scored at most once a day."),
    ]

    # ------------------------------------------------------------------ scoring

    @api.model
    def _score_employees(self, employees, on_date):
        """Score ``employees`` on ``on_date``: snapshots, latest score on the employee, alerts.

        A constant number of queries whatever the size of the batch; employees
        already scored that day are skipped, so a second run changes nothing.
        """
        drivers = self.env["retention.risk.driver"]._check_active_weights()
        done = self.search([("employee_id", "in", employees.ids), ("date", "=", on_date)]).employee_id
        employees -= done
        if not employees:
            return self
        weights = {driver.code: driver.weight for driver in drivers}
        values = drivers._risk_values(employees, on_date)
        contracts = self._risk_running_contracts(employees, on_date)
        cards = {}
        for employee in employees:
            subs = {code: values[code].get(employee.id) for code in weights}
            cards[employee.id] = (
                subs,
                risk_scorecard.score(
                    {code: sub for code, sub in subs.items() if sub is not None},
                    weights=weights,
                    bands=employee.company_id._retention_risk_bands(),
                    min_coverage=employee.company_id.retention_risk_min_coverage,
                ),
            )
        scores = self._risk_insert_snapshots(employees, on_date, cards, contracts, drivers)
        self._risk_set_latest(employees.ids, scores.ids)
        self._risk_model_apply(scores)
        self.env["retention.risk.alert"]._risk_raise_alerts(scores)
        return scores

    @api.model
    def _risk_insert_snapshots(self, employees, on_date, cards, contracts, drivers):
        """Insert the snapshots, their driver lines and top drivers in three statements.

        The scoring job writes up to a hundred thousand snapshots a month: the ORM's
        create, one record at a time in Python, would be most of its run time. The
        rows are the ORM's own columns; the caches are invalidated afterwards.
        """
        by_code = {driver.code: driver for driver in drivers}
        uid, now = self.env.uid, fields.Datetime.now()
        score_rows = []
        for employee in employees:
            _subs, card = cards[employee.id]
            contract = contracts.get(employee.id)
            date_end = (contract.date_end or None) if contract else None
            score_rows.append(
                SQL(
                    "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    employee.id,
                    employee.company_id.id,
                    employee.department_id.id or None,
                    on_date,
                    card.total or 0.0,
                    card.band,
                    contract.id if contract else None,
                    date_end,
                    (date_end - on_date).days if date_end else 0,
                    uid,
                    now,
                    uid,
                    now,
                )
            )
        rows = self.env.execute_query(
            SQL(
                """
                INSERT INTO retention_risk_score
                       (employee_id, company_id, department_id, date, total, band, contract_id,
                        contract_date_end, days_to_contract_end,
                        create_uid, create_date, write_uid, write_date)
                VALUES %s
             RETURNING id, employee_id
                """,
                SQL(", ").join(score_rows),
            )
        )
        score_of = {employee_id: score_id for score_id, employee_id in rows}
        line_rows, top_rows = [], []
        for employee in employees:
            subs, card = cards[employee.id]
            score_id = score_of[employee.id]
            for code, sub in subs.items():
                has_data = bool(sub and sub.score is not None)
                line_rows.append(
                    SQL(
                        "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                        score_id,
                        by_code[code].id,
                        employee.company_id.id,
                        sub.score if has_data else 0.0,
                        has_data,
                        card.effective_weights.get(code, 0.0),
                        sub.code if sub else f"{code}_no_data",
                        json.dumps(dict(sub.params or {}) if sub else {}, default=str),
                        uid,
                        now,
                        uid,
                        now,
                    )
                )
            top_rows.extend(SQL("(%s, %s)", score_id, by_code[code].id) for code in card.top_drivers)
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO retention_risk_score_line
                       (score_id, driver_id, company_id, sub_score, has_data, weight, explanation_code,
                        explanation_params, create_uid, create_date, write_uid, write_date)
                VALUES %s
                """,
                SQL(", ").join(line_rows),
            )
        )
        if top_rows:
            self.env.cr.execute(
                SQL(
                    "INSERT INTO retention_risk_score_top_driver_rel (score_id, driver_id) VALUES %s",
                    SQL(", ").join(top_rows),
                )
            )
        self.env["retention.risk.score.line"].invalidate_model()
        self.invalidate_model()
        return self.browse(score_of[employee.id] for employee in employees)

    @api.model
    def _risk_running_contracts(self, employees, on_date):
        """{employee_id: the running contract on ``on_date``}, one query."""
        contracts = self.env["hr.contract"].search(
            [
                ("employee_id", "in", employees.ids),
                ("state", "=", "open"),
                ("date_start", "<=", on_date),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", on_date),
            ],
            order="date_start desc",
        )
        result = {}
        for contract in contracts:
            result.setdefault(contract.employee_id.id, contract)
        return result

    @api.model
    def _risk_set_latest(self, employee_ids, score_ids):
        """Point every scored employee at its new snapshot (the two lists aligned) in one UPDATE."""
        if not score_ids:
            return
        self.env.cr.execute(
            SQL(
                """
                UPDATE hr_employee e
                   SET retention_risk_score_id = v.score_id
                  FROM unnest(%s::int[], %s::int[]) AS v(employee_id, score_id)
                 WHERE e.id = v.employee_id
                """,
                list(employee_ids),
                list(score_ids),
            )
        )
        self.env["hr.employee"].invalidate_model(["retention_risk_score_id"])

    # ------------------------------------------------------------------ the job

    @api.model
    def _risk_lock_or_refuse(self):
        locked = self.env.execute_query(SQL("SELECT pg_try_advisory_xact_lock(%s)", SCORING_LOCK_KEY))[0][0]
        if not locked:
            raise UserError(self.env._("Risk scoring is already running. Try again when it has finished."))

    @api.model
    def _risk_employees_to_score(self, on_date, limit):
        """Active employees not yet scored on ``on_date``, by id: a killed run resumes here."""
        query = SQL("SELECT e.id %s ORDER BY e.id LIMIT %s", self._risk_unscored(on_date), limit)
        return self.env["hr.employee"].browse(row[0] for row in self.env.execute_query(query))

    @api.model
    def _risk_count_to_score(self, on_date):
        return self.env.execute_query(SQL("SELECT count(*) %s", self._risk_unscored(on_date)))[0][0]

    @api.model
    def _risk_unscored(self, on_date):
        """FROM/WHERE of the active employees without a snapshot on ``on_date``."""
        self.env["hr.employee"].flush_model(["active"])
        self.flush_model(["employee_id", "date"])
        return SQL(
            """
              FROM hr_employee e
             WHERE e.active
               AND NOT EXISTS (SELECT 1 FROM retention_risk_score s
                                WHERE s.employee_id = e.id AND s.date = %s)
            """,
            on_date,
        )

    @api.model
    def _cron_score_employees(self, batch_size=1000, max_batches=5, on_date=None):
        """Score every active employee once a day, batch by batch.

        Each batch commits (outside tests) and reports its progress; the cron
        runner calls again while employees remain, and a run that was killed
        continues with the employees not scored yet that day. ``max_batches=None``
        scores everyone in one call.
        """
        self._risk_lock_or_refuse()
        on_date = on_date or fields.Date.context_today(self)
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        Employee = self.env["hr.employee"].with_context(active_test=False)
        done = batches = 0
        while max_batches is None or batches < max_batches:
            batch = self._risk_employees_to_score(on_date, batch_size)
            if not batch:
                break
            self._score_employees(Employee.browse(batch.ids), on_date)
            done += len(batch)
            batches += 1
            remaining = self._risk_count_to_score(on_date)
            self.env["ir.cron"]._notify_progress(done=done, remaining=remaining)
            if auto_commit:
                # Each batch is kept when a later one fails or the worker is killed (resumable run),
                # as Odoo's own batched crons do (website_visitor._cron_unlink_old_visitors).
                self.env.cr.commit()  # pylint: disable=invalid-commit
                self._risk_lock_or_refuse()
            self.env.invalidate_all()
        _logger.info("retention risk scoring: %s employees scored on %s", done, on_date)
        return done

    def action_score_now(self):
        """Run the scheduled scoring now, unless it is already running."""
        if not self.env.user.has_group("outsourcing_retention.group_retention_manager"):
            raise AccessError(self.env._("Only retention managers can run the risk scoring."))
        # ir.cron is for administrators: a retention manager may only lock and wake this one job.
        cron = self.env.ref("outsourcing_retention.ir_cron_retention_risk_score").sudo()
        # The cron runner holds this row lock while the job runs: SKIP LOCKED finds no row then.
        if not self.env.execute_query(
            SQL("SELECT id FROM ir_cron WHERE id = %s FOR NO KEY UPDATE SKIP LOCKED", cron.id)
        ):
            raise UserError(self.env._("Risk scoring is already running. Try again when it has finished."))
        cron._trigger()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Risk scoring has started. The scores appear in a few minutes."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # ------------------------------------------------------------------ API

    @api.model
    def get_risk_scores(self, employee_ids):
        """Latest score, band and drivers of each employee in ``employee_ids`` (retention managers only).

        At most API_BATCH_LIMIT ids per call. Returns one dict per employee that has a score.
        """
        if not self.env.user.has_group("outsourcing_retention.group_retention_manager"):
            raise AccessError(self.env._("Only retention managers can read risk scores."))
        if not isinstance(employee_ids, list | tuple) or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in employee_ids
        ):
            raise ValidationError(self.env._("employee_ids must be a list of employee ids (integers)."))
        if len(employee_ids) > API_BATCH_LIMIT:
            raise ValidationError(self.env._("At most %(limit)s employees per call.", limit=API_BATCH_LIMIT))
        # The latest snapshot per employee, through the scores' own record rules (company).
        latest = {}
        for score in self.search([("employee_id", "in", list(employee_ids))], order="date desc, id desc"):
            latest.setdefault(score.employee_id.id, score)
        return [latest[employee_id]._risk_as_dict() for employee_id in employee_ids if employee_id in latest]

    def _risk_talking_points(self, limit=3):
        """Talking points of the weakest drivers, filled in with the employee's own facts."""
        self.ensure_one()
        points = []
        weak = self.line_ids.filtered(lambda line: line.has_data and line.sub_score < 100).sorted(
            lambda line: (-(line.weight * (100 - line.sub_score)), line.driver_id.sequence)
        )
        for line in weak[:limit]:
            facts = {"employee": self.employee_id.name, **(line.explanation_params or {})}
            if "days" in facts and line.driver_id.code == "contact":
                facts["last_contact"] = fields.Date.to_string(
                    fields.Date.subtract(self.date, days=facts["days"])
                )
            if line.explanation_code == "contact_never":
                facts["last_contact"] = self.env._("never")
            if "signs" in facts:
                facts["signs"] = self.env["retention.risk.driver"]._risk_signs(facts)
            text = line.driver_id._risk_talking_point(facts) or line.explanation
            points.append(f"{line.driver_id.name}: {text}")
        return "\n".join(points)

    def _risk_as_dict(self):
        self.ensure_one()
        return {
            "employee_id": self.employee_id.id,
            # hr.employee.public: retention managers need not be HR officers to see a name
            "employee": self.env["hr.employee.public"].browse(self.employee_id.id).name,
            "date": fields.Date.to_string(self.date),
            # XML-RPC has no None: False stands for "no data", as everywhere in Odoo's API
            "total": self.total if self.band != "no_data" else False,
            "band": self.band,
            "top_drivers": self.top_driver_ids.mapped("code"),
            "drivers": [
                {
                    "code": line.driver_id.code,
                    "name": line.driver_id.name,
                    "has_data": line.has_data,
                    "sub_score": line.sub_score if line.has_data else False,
                    "weight": round(line.weight, 2),
                    "explanation": line.explanation,
                }
                for line in self.line_ids
            ],
            "contract_date_end": fields.Date.to_string(self.contract_date_end)
            if self.contract_date_end
            else False,
        }
