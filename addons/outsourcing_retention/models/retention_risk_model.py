import base64
import json
import logging

import numpy as np

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..engine import attrition_model

_logger = logging.getLogger(__name__)

MAX_TRAINING_ROWS = 50000
# Training takes this advisory lock (with the company id) for its transaction: a second
# training of the same company at the same time is refused with a clear message instead of
# failing on the version number after minutes of work.
TRAINING_LOCK_KEY = 702_018_002  # the two-key form takes two int4
MAX_FILE_BYTES = 20 * 1024 * 1024
# Columns every snapshot has besides one sub-score per driver ("driver_<code>").
BASE_COLUMNS = (
    "total",
    "days_to_contract_end",
    "tenure_days",
    "wage_change",
    "assignments_12m",
    "sites_12m",
)
METRICS = ("roc_auc", "pr_auc", "brier")
# Parsed models kept per worker, keyed by (id, checksum): parsing a large file once per batch is waste.
_CACHE = {}


def _figure(data, *keys, number=True):
    """data[k1][k2]... when every step exists (an imported file's evaluation is informative only)."""
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return 0.0 if number else None
        data = data[key]
    if not number:
        return data
    if isinstance(data, bool) or not isinstance(data, int | float) or not np.isfinite(data):
        return 0.0
    return float(data)


class RetentionRiskModel(models.Model):
    """A learned attrition model: trained from the risk-score history or imported, versioned.

    It gives every new snapshot a probability of leaving within its horizon, beside the
    scorecard. It raises alerts only while its cross-validated evaluation beats the
    scorecard's on the same folds.
    """

    _name = "retention.risk.model"
    _description = "Learned Risk Model"
    _order = "company_id, version desc"

    name = fields.Char(required=True, readonly=True)
    version = fields.Integer(required=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True, readonly=True, help="Only the latest model of a company scores.")
    source = fields.Selection(
        [("trained", "Trained from history"), ("imported", "Imported")], required=True, readonly=True
    )
    horizon_months = fields.Integer(
        string="Horizon (months)",
        default=6,
        readonly=True,
        help="The model predicts whether the employee leaves within this many months of a snapshot.",
    )
    training_date = fields.Datetime(readonly=True)
    training_rows = fields.Integer(readonly=True)
    training_leavers = fields.Integer(readonly=True)
    feature_names = fields.Text(string="Features", readonly=True)
    library_versions = fields.Char(readonly=True)
    model_file = fields.Binary(attachment=True, readonly=True)
    model_filename = fields.Char(readonly=True)
    evaluation = fields.Text(readonly=True, help="The cross-validation figures (JSON).")
    model_roc_auc = fields.Float(string="Model ROC-AUC", digits=(4, 3), readonly=True)
    model_pr_auc = fields.Float(string="Model PR-AUC", digits=(4, 3), readonly=True)
    model_brier = fields.Float(string="Model Brier Score", digits=(4, 3), readonly=True)
    scorecard_roc_auc = fields.Float(string="Scorecard ROC-AUC", digits=(4, 3), readonly=True)
    scorecard_pr_auc = fields.Float(string="Scorecard PR-AUC", digits=(4, 3), readonly=True)
    scorecard_brier = fields.Float(string="Scorecard Brier Score", digits=(4, 3), readonly=True)
    always_stays_accuracy = fields.Float(
        string="Accuracy of Always Predicting Stays", digits=(4, 3), readonly=True
    )
    beats_scorecard = fields.Boolean(readonly=True)
    alert_probability = fields.Float(
        default=0.5,
        digits=(3, 2),
        help="When the model is used for alerts, a snapshot at or above this probability raises one.",
    )
    used_for_alerts = fields.Boolean(compute="_compute_usage")
    usage_note = fields.Char(string="Use", compute="_compute_usage")

    _sql_constraints = [
        ("company_version_unique", "unique(company_id, version)", "Model versions are unique per company."),
        (
            "alert_probability_range",
            "CHECK(alert_probability > 0 AND alert_probability < 1)",
            "The alert probability must be between 0 and 1.",
        ),
    ]

    @api.depends("active", "beats_scorecard", "scorecard_roc_auc")
    @api.depends_context("lang")
    def _compute_usage(self):
        for model in self:
            model.used_for_alerts = model.active and model.beats_scorecard
            if not model.active:
                note = self.env._("Not used: a newer model replaced it.")
            elif model.beats_scorecard:
                note = self.env._("Used for alerts: it beats the scorecard on every cross-validated figure.")
            elif not model.scorecard_roc_auc:
                note = self.env._(
                    "Not used for alerts: it has no evaluation next to the scorecard on this company's "
                    "history (imported models are shown for information until one trained here beats it)."
                )
            else:
                figures = {
                    key: f"{model[field]:.3f}"
                    for key, field in (
                        ("model", "model_roc_auc"),
                        ("model_pr", "model_pr_auc"),
                        ("model_brier", "model_brier"),
                        ("card", "scorecard_roc_auc"),
                        ("card_pr", "scorecard_pr_auc"),
                        ("card_brier", "scorecard_brier"),
                    )
                }
                note = self.env._(
                    "Not used for alerts: its cross-validated ROC-AUC %(model)s, PR-AUC %(model_pr)s and "
                    "Brier %(model_brier)s do not all beat the scorecard's %(card)s, %(card_pr)s and "
                    "%(card_brier)s.",
                    **figures,
                )
            model.usage_note = note

    # ------------------------------------------------------------------ access

    @api.model
    def _check_manager(self):
        if not self.env.user.has_group("outsourcing_retention.group_retention_manager"):
            raise AccessError(self.env._("Only retention managers can train or import risk models."))

    # ------------------------------------------------------------------ features

    @api.model
    def _feature_columns(self):
        """Every column this database can give a snapshot (drivers' sub-scores and the base ones)."""
        codes = self.env["retention.risk.driver"].with_context(active_test=False).search([]).mapped("code")
        return [f"driver_{code}" for code in codes] + list(BASE_COLUMNS)

    @api.model
    def _snapshot_rows(self, where, horizon_months=6, limit=None, source=None):
        """One row per snapshot matching ``where`` (an SQL condition on ``s``), in one query.

        Columns: id, company_id, the features, and ``left_within`` (the employee left within
        ``horizon_months``: a departure date in the window, or the contract ended in the window
        with no later contract) and ``observed`` (the window is over, or the person left in it).
        ``source``: the snapshots to read, by default the stored ones; the scoring job passes
        the batch it is about to insert, so that training and prediction read the same features
        from the same query.
        """
        for model_name in ("retention.risk.score", "hr.contract", "hr.employee", "retention.assignment"):
            self.env[model_name].flush_model()
        today = fields.Date.context_today(self)
        if source is None:
            source = SQL.identifier("retention_risk_score")
        query = SQL(
            """
            SELECT s.id, s.company_id, s.total, s.days_to_contract_end,
                   subs.values AS subs,
                   s.date - first.date_start AS tenure_days,
                   CASE WHEN prev.wage > 0 THEN (cur.wage - prev.wage) / prev.wage END AS wage_change,
                   moves.assignments AS assignments_12m,
                   moves.sites AS sites_12m,
                   (e.departure_date > s.date
                    AND e.departure_date <= s.date + make_interval(months => %(horizon)s))
                   OR (cur.date_end > s.date
                       AND cur.date_end <= s.date + make_interval(months => %(horizon)s)
                       AND NOT EXISTS (SELECT 1 FROM hr_contract n
                                        WHERE n.employee_id = s.employee_id AND n.state != 'cancel'
                                          AND n.date_start > cur.date_start))
                   AS left_within,
                   s.date + make_interval(months => %(horizon)s) <= %(today)s AS observed
              FROM %(source)s AS s
              JOIN hr_employee e ON e.id = s.employee_id
              LEFT JOIN hr_contract cur ON cur.id = s.contract_id
              LEFT JOIN hr_contract prev ON prev.id = cur.retention_predecessor_id
              LEFT JOIN LATERAL (
                    -- the driver lines as the snapshot stores them: [driver_id, sub_score, has_data, ...]
                    SELECT jsonb_object_agg(d.code, CASE WHEN (l.line->>2)::boolean
                                                         THEN (l.line->>1)::numeric END) AS values
                      FROM jsonb_array_elements(s.driver_data) AS l(line)
                      JOIN retention_risk_driver d ON d.id = (l.line->>0)::int) subs ON TRUE
              LEFT JOIN LATERAL (
                    -- FILTER keeps PostgreSQL from reading min() off the date_start index (a scan
                    -- of every contract per row at scale) instead of this employee's few contracts.
                    SELECT min(c.date_start) FILTER (WHERE c.state != 'cancel') AS date_start
                      FROM hr_contract c
                     WHERE c.employee_id = s.employee_id) first ON TRUE
              LEFT JOIN LATERAL (
                    SELECT count(*) AS assignments, count(DISTINCT a.site_id) AS sites
                      FROM retention_assignment a
                     WHERE a.employee_id = s.employee_id AND a.state != 'cancelled'
                       AND a.date_start <= s.date
                       AND (a.date_end IS NULL OR a.date_end > s.date - 365)) moves ON TRUE
             WHERE %(where)s
             ORDER BY s.date DESC, s.id
             %(limit)s
            """,
            horizon=horizon_months,
            today=today,
            source=source,
            where=where,
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
        )
        return self.env.execute_query_dict(query)

    @api.model
    def _rows_to_columns(self, rows, columns):
        """The engine's input: {column: [value per row]} for the given column names."""
        result = {name: [] for name in columns}
        for row in rows:
            subs = row["subs"] or {}
            for name in columns:
                value = subs.get(name[len("driver_") :]) if name.startswith("driver_") else row.get(name)
                result[name].append(None if value is None else float(value))
        return result

    # ------------------------------------------------------------------ training

    @api.model
    def action_train(self, horizon_months=6):
        """Train a new version from this company's history and make it the company's model."""
        self._check_manager()
        if not isinstance(horizon_months, int) or not 1 <= horizon_months <= 24:
            raise UserError(self.env._("The horizon must be between 1 and 24 months."))
        company = self.env.company
        [(locked,)] = self.env.execute_query(
            SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", TRAINING_LOCK_KEY, company.id)
        )
        if not locked:
            raise UserError(
                self.env._("A model is being trained for this company right now. Try again when it is done.")
            )
        rows = [
            row
            for row in self._snapshot_rows(
                SQL("s.company_id = %s AND s.band != 'no_data'", company.id),
                horizon_months,
                MAX_TRAINING_ROWS,
            )
            if row["observed"] or row["left_within"]
        ]
        labels = [1 if row["left_within"] else 0 for row in rows]
        leavers = sum(labels)
        if min(leavers, len(labels) - leavers) < attrition_model.DEFAULT_FOLDS * 2:
            raise UserError(
                self.env._(
                    "Not enough history to train: %(leavers)s of %(rows)s labelled snapshots left within "
                    "%(months)s months; at least 10 leavers and 10 who stayed are needed.",
                    leavers=leavers,
                    rows=len(labels),
                    months=horizon_months,
                )
            )
        columns = self._rows_to_columns(rows, self._feature_columns())
        columns["left"] = labels
        scorecard = -np.array([row["total"] or 0.0 for row in rows])
        try:
            data = attrition_model.train(
                columns, labels, "left", scores={"scorecard": scorecard}, identifiers=False
            )
        except attrition_model.InputError as error:
            raise UserError(self.env._("The model cannot be trained: %(error)s", error=str(error))) from None
        return self._create_from_data(data, "trained", horizon_months)

    def _create_from_data(self, data, source, horizon_months):
        company = self.env.company
        last = self.with_context(active_test=False).search([("company_id", "=", company.id)], limit=1)
        version = (last.version or 0) + 1
        summary = _figure(data, "evaluation", "summary", number=False) or {}
        values = {
            "name": self.env._("Model v%(version)s", version=version),
            "version": version,
            "company_id": company.id,
            "source": source,
            "horizon_months": horizon_months,
            "training_date": fields.Datetime.now(),
            "training_rows": data["rows"],
            "training_leavers": data["leavers"],
            "feature_names": "\n".join(data["features"]),
            "library_versions": ", ".join(f"{name} {number}" for name, number in data["libraries"].items()),
            "model_file": base64.b64encode(json.dumps(data).encode()),
            "model_filename": f"retention-risk-model-v{version}.json",
            "evaluation": json.dumps(data.get("evaluation")),
        }
        evaluation = data.get("evaluation")
        values["always_stays_accuracy"] = _figure(evaluation, "always_stays_accuracy")
        for metric in METRICS:
            values[f"model_{metric}"] = _figure(summary, "model", metric, "mean")
            values[f"scorecard_{metric}"] = _figure(summary, "scorecard", metric, "mean")
        values["beats_scorecard"] = bool(
            values["scorecard_roc_auc"]
            and values["model_roc_auc"] >= values["scorecard_roc_auc"]
            and values["model_pr_auc"] >= values["scorecard_pr_auc"]
            and values["model_brier"] <= values["scorecard_brier"]
        )
        # Only the newest model of a company scores; older versions stay for the record.
        self.search([("company_id", "=", company.id)]).write({"active": False})
        return self.create(values)

    # ------------------------------------------------------------------ scoring

    def _exported(self):
        self.ensure_one()
        data = base64.b64decode(self.model_file or b"")
        key = (self.id, len(data), hash(data))
        if key not in _CACHE:
            _CACHE.clear()
            _CACHE[key] = attrition_model.ExportedModel.loads(data)
        return _CACHE[key]

    def _predict_rows(self, source):
        """{row id: probability of leaving} for the snapshots of ``source`` (see ``_snapshot_rows``)."""
        self.ensure_one()
        model = self._exported()
        rows = self._snapshot_rows(SQL("TRUE"), self.horizon_months, source=source)
        if not rows:
            return {}
        probabilities = model.predict(self._rows_to_columns(rows, model.columns))
        return {row["id"]: float(p) for row, p in zip(rows, probabilities, strict=True)}

    def _explain_scores(self, scores, top=3):
        """{score_id: [(column, push), ...]}: the features that pushed each probability up most.

        Computed when a snapshot is shown rather than by the scoring job: explaining costs a
        prediction per feature, for a handful of people on screen instead of everybody.
        """
        self.ensure_one()
        model = self._exported()
        rows = self._snapshot_rows(SQL("s.id = ANY(%s)", scores.ids), self.horizon_months)
        _probabilities, reasons = model.explain(self._rows_to_columns(rows, model.columns), top=top)
        return {row["id"]: pushes for row, pushes in zip(rows, reasons, strict=True)}

    def _column_labels(self):
        """{column: label in the user's language} for every feature column, in one query."""
        drivers = self.env["retention.risk.driver"].with_context(active_test=False).search([])
        labels = {f"driver_{driver.code}": driver.name for driver in drivers}
        labels.update(
            {
                "total": self.env._("Scorecard total"),
                "days_to_contract_end": self.env._("Days to contract end"),
                "tenure_days": self.env._("Tenure"),
                "wage_change": self.env._("Wage change at last renewal"),
                "assignments_12m": self.env._("Assignments in 12 months"),
                "sites_12m": self.env._("Sites in 12 months"),
            }
        )
        return labels

    def action_download(self):
        self.ensure_one()
        self._check_manager()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/model_file/{self.model_filename}?download=true",
            "target": "self",
        }
