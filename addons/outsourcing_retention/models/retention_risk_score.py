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
    # [[driver_id, sub_score, has_data, weight, explanation_code, explanation_params], ...]:
    # the lines of the snapshot, shown through the retention.risk.score.line view.
    driver_data = fields.Json(readonly=True, copy=False)
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
    site_id = fields.Many2one(
        "retention.client.site", readonly=True, index="btree_not_null", help="Where the employee was placed."
    )
    client_id = fields.Many2one("res.partner", readonly=True, index="btree_not_null")

    _sql_constraints = [
        ("employee_date_unique", "unique(employee_id, date)", "An employee is scored at most once a day."),
    ]

    # ------------------------------------------------------------------ scoring

    @api.model
    def _score_employees(self, employees, on_date):
        """Score ``employees`` on ``on_date``: snapshots, latest score on the employee, alerts.

        A constant number of queries whatever the size of the batch; employees
        already scored that day are skipped, so a second run changes nothing.
        The employees' own columns are read in one query rather than through their
        records: hr.employee is wide, and fetching it is most of a batch's reads.
        """
        drivers = self.env["retention.risk.driver"]._check_active_weights()
        self.flush_model(["employee_id", "date"])
        done = {
            row[0]
            for row in self.env.execute_query(
                SQL(
                    "SELECT employee_id FROM retention_risk_score WHERE employee_id = ANY(%s) AND date = %s",
                    employees.ids,
                    on_date,
                )
            )
        }
        employees = employees.browse(i for i in employees.ids if i not in done)
        if not employees:
            return self
        weights = {driver.code: driver.weight for driver in drivers}
        values = drivers._risk_values(employees, on_date)
        facts = self._risk_employee_facts(employees)
        contracts = self._risk_contract_ends(employees, on_date)
        placements = self._risk_placements(employees, on_date)
        settings = {}
        for company in self.env["res.company"].browse({company_id for company_id, _dep in facts.values()}):
            settings[company.id] = (
                company._retention_risk_bands(),
                company.retention_risk_min_coverage,
                company.retention_risk_horizon_days,
            )
        rows = []
        for employee_id in employees.ids:
            company_id, department_id = facts[employee_id]
            bands, min_coverage, _horizon = settings[company_id]
            subs = {code: values[code].get(employee_id) for code in weights}
            card = risk_scorecard.score(
                {code: sub for code, sub in subs.items() if sub is not None},
                weights=weights,
                bands=bands,
                min_coverage=min_coverage,
            )
            contract_id, date_end = contracts.get(employee_id, (None, None))
            site_id, client_id = placements.get(employee_id, (None, None))
            rows.append(
                {
                    "employee_id": employee_id,
                    "company_id": company_id,
                    "department_id": department_id,
                    "site_id": site_id,
                    "client_id": client_id,
                    "subs": subs,
                    "card": card,
                    "contract_id": contract_id,
                    "date_end": date_end,
                    "days": (date_end - on_date).days if date_end else 0,
                }
            )
        driver_data = self._risk_driver_data(rows, drivers)
        self._risk_model_predict(rows, driver_data, on_date)
        score_ids = self._risk_insert_snapshots(rows, on_date, drivers, driver_data)
        self.env["hr.employee"].invalidate_model(["retention_risk_score_id"])
        # Only the scores whose contract ends within the horizon may raise an alert (by their
        # band, or by the learned model's flag): the alert model checks them.
        candidates = [
            score_id
            for row, score_id in zip(rows, score_ids, strict=True)
            if row["contract_id"] and 0 <= row["days"] <= settings[row["company_id"]][2]
        ]
        if candidates:
            self.env["retention.risk.alert"]._risk_raise_alerts(self.browse(candidates))
        return self.browse(score_ids)

    @api.model
    def _risk_employee_facts(self, employees):
        """{employee_id: (company_id, department_id)}, one query."""
        self.env["hr.employee"].flush_model(["company_id", "department_id"])
        rows = self.env.execute_query(
            SQL("SELECT id, company_id, department_id FROM hr_employee WHERE id = ANY(%s)", employees.ids)
        )
        return {employee_id: (company_id, department_id) for employee_id, company_id, department_id in rows}

    @api.model
    def _risk_contract_ends(self, employees, on_date):
        """{employee_id: (contract_id, date_end)} of the running contract, one query."""
        contracts = self.env["hr.contract"].search_fetch(
            self._risk_running_contract_domain(employees, on_date),
            ["employee_id", "date_end"],
            order="date_start desc",
        )
        result = {}
        for contract in contracts:
            result.setdefault(contract.employee_id.id, (contract.id, contract.date_end or None))
        return result

    @api.model
    def _risk_driver_data(self, rows, drivers):
        """Each row's driver lines as the snapshot stores them (JSON text, aligned with ``rows``)."""
        driver_ids = {driver.code: driver.id for driver in drivers}
        driver_data = []
        for row in rows:
            card = row["card"]
            lines = []
            for code, sub in row["subs"].items():
                has_data = bool(sub and sub.score is not None)
                lines.append(
                    [
                        driver_ids[code],
                        sub.score if has_data else 0.0,
                        has_data,
                        round(card.effective_weights.get(code, 0.0), 4),
                        sub.code if sub else f"{code}_no_data",
                        sub.params if sub and sub.params else {},
                    ]
                )
            driver_data.append(json.dumps(lines, default=str))
        return driver_data

    @api.model
    def _risk_insert_snapshots(self, rows, on_date, drivers, driver_data=None):
        """Insert the snapshots (their driver lines inside) and top drivers in two statements.

        The scoring job writes up to a hundred thousand snapshots a month: the ORM's
        create, one record at a time in Python, would be most of its run time. Each
        column goes as one array (``unnest``), so a batch is two short statements
        whatever its size. The rows are the ORM's own columns; the caches are
        invalidated afterwards. Returns the new snapshot ids, aligned with ``rows``.
        """
        driver_ids = {driver.code: driver.id for driver in drivers}
        uid, now = self.env.uid, fields.Datetime.now()
        columns = ("employee_id", "company_id", "department_id", "site_id", "client_id")
        if driver_data is None:
            driver_data = self._risk_driver_data(rows, drivers)
        inserted = self.env.execute_query(
            SQL(
                """
                INSERT INTO retention_risk_score
                       (employee_id, company_id, department_id, site_id, client_id, date, total, band,
                        contract_id, contract_date_end, days_to_contract_end, driver_data,
                        model_probability, model_id, create_uid, create_date, write_uid, write_date)
                SELECT v.employee_id, v.company_id, v.department_id, v.site_id, v.client_id, %s, v.total,
                       v.band, v.contract_id, v.date_end, v.days, v.driver_data, v.probability, v.model_id,
                       %s, %s, %s, %s
                  FROM unnest(%s::int[], %s::int[], %s::int[], %s::int[], %s::int[], %s::float8[],
                              %s::varchar[], %s::int[], %s::date[], %s::int[], %s::jsonb[], %s::float8[],
                              %s::int[])
                       AS v(employee_id, company_id, department_id, site_id, client_id, total, band,
                            contract_id, date_end, days, driver_data, probability, model_id)
             RETURNING id, employee_id
                """,
                on_date,
                uid,
                now,
                uid,
                now,
                *([row[column] for row in rows] for column in columns),
                [row["card"].total or 0.0 for row in rows],
                [row["card"].band for row in rows],
                [row["contract_id"] for row in rows],
                [row["date_end"] for row in rows],
                [row["days"] for row in rows],
                driver_data,
                [row.get("model_probability") for row in rows],
                [row.get("model_id") for row in rows],
            )
        )
        score_of = {employee_id: score_id for score_id, employee_id in inserted}
        score_ids = [score_of[row["employee_id"]] for row in rows]
        top_scores, top_drivers = [], []
        for row, score_id in zip(rows, score_ids, strict=True):
            for code in row["card"].top_drivers:
                top_scores.append(score_id)
                top_drivers.append(driver_ids[code])
        if top_scores:
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO retention_risk_score_top_driver_rel (score_id, driver_id)
                    SELECT * FROM unnest(%s::int[], %s::int[])
                    """,
                    top_scores,
                    top_drivers,
                )
            )
        self.env["retention.risk.score.line"].invalidate_model()
        self.invalidate_model()
        return score_ids

    @api.model
    def _risk_placements(self, employees, on_date):
        """{employee_id: (site_id, client_id)} of the assignment running on ``on_date``, one query."""
        self.env["retention.assignment"].flush_model()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT ON (employee_id) employee_id, site_id, client_id
                  FROM retention_assignment
                 WHERE employee_id = ANY(%s)
                   AND state != 'cancelled'
                   AND date_start <= %s
                   AND (date_end IS NULL OR date_end >= %s)
              ORDER BY employee_id, date_start DESC, id DESC
                """,
                employees.ids,
                on_date,
                on_date,
            )
        )
        return {employee_id: (site_id, client_id) for employee_id, site_id, client_id in rows}

    @api.model
    def _risk_running_contracts(self, employees, on_date):
        """{employee_id: the running contract on ``on_date``}, one query."""
        contracts = self.env["hr.contract"].search(
            self._risk_running_contract_domain(employees, on_date), order="date_start desc"
        )
        result = {}
        for contract in contracts:
            result.setdefault(contract.employee_id.id, contract)
        return result

    @api.model
    def _risk_running_contract_domain(self, employees, on_date):
        return [
            ("employee_id", "in", employees.ids),
            ("state", "=", "open"),
            ("date_start", "<=", on_date),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", on_date),
        ]

    # ------------------------------------------------------------------ the job

    @api.model
    def _risk_lock_or_refuse(self):
        locked = self.env.execute_query(SQL("SELECT pg_try_advisory_xact_lock(%s)", SCORING_LOCK_KEY))[0][0]
        if not locked:
            raise UserError(self.env._("Risk scoring is already running. Try again when it has finished."))

    @api.model
    def _risk_employees_to_score(self, on_date, limit, after_id=0):
        """Active employees not yet scored on ``on_date``, by id: a killed run resumes here.

        ``after_id`` walks the employees in id order, so each batch reads from where
        the last one stopped instead of skipping over everyone scored before it.
        """
        query = SQL(
            "SELECT e.id %s AND e.id > %s ORDER BY e.id LIMIT %s",
            self._risk_unscored(on_date),
            after_id,
            limit,
        )
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
        # counted once: counting again after every batch would read every employee each time
        remaining = self._risk_count_to_score(on_date)
        done = batches = last_id = 0
        while max_batches is None or batches < max_batches:
            batch = self._risk_employees_to_score(on_date, batch_size, after_id=last_id)
            if not batch:
                break
            last_id = batch.ids[-1]
            self._score_employees(Employee.browse(batch.ids), on_date)
            done += len(batch)
            batches += 1
            remaining = max(remaining - len(batch), 0)
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
