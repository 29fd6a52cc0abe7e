from odoo import api, fields, models
from odoo.tools import SQL, plaintext2html

from .retention_intervention import OUTCOMES
from .retention_risk_score import BANDS


class RetentionRiskAlert(models.Model):
    """A renewal at risk: the score is below the alert threshold and the contract ends soon.

    One alert per contract and band, however often the scoring runs.
    """

    _name = "retention.risk.alert"
    _description = "Risk Alert"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "contract_date_end, id desc"
    _rec_name = "employee_id"

    employee_id = fields.Many2one("hr.employee", required=True, index=True, readonly=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    contract_id = fields.Many2one(
        "hr.contract",
        required=True,
        index=True,
        readonly=True,
        ondelete="cascade",
        groups="hr_contract.group_hr_contract_employee_manager",
    )
    contract_date_end = fields.Date(string="Contract End", readonly=True)
    score_id = fields.Many2one("retention.risk.score", readonly=True, ondelete="set null")
    total = fields.Float(digits=(5, 1), readonly=True)
    band = fields.Selection(BANDS, required=True, readonly=True)
    site_id = fields.Many2one("retention.client.site", readonly=True, index="btree_not_null")
    regional_manager_id = fields.Many2one(
        related="site_id.regional_manager_id", store=True, index="btree_not_null"
    )
    hr_responsible_id = fields.Many2one(
        "res.users",
        string="HR Responsible",
        readonly=True,  # pylint: disable=attribute-string-redundant
    )
    talking_points = fields.Text(compute="_compute_talking_points")
    state = fields.Selection(
        [("open", "Open"), ("done", "Handled"), ("dismissed", "Dismissed")],
        default="open",
        required=True,
        tracking=True,
    )

    intervention_ids = fields.One2many("retention.intervention", "alert_id", string="Interventions")
    has_intervention = fields.Boolean(compute="_compute_has_intervention", store=True, index=True)
    outcome = fields.Selection(OUTCOMES, default="pending", required=True, readonly=True, index=True)
    outcome_date = fields.Date(readonly=True)
    retained_rate = fields.Float(
        compute="_compute_retained_rate",
        store=True,
        aggregator="avg",
        help="100 when the employee stayed, 0 when they left; its average is the retention rate. "
        "Compare alerts with and without an intervention in the same band and period.",
    )

    _sql_constraints = [
        ("contract_band_unique", "unique(contract_id, band)", "One alert per contract and risk band."),
    ]

    @api.depends("intervention_ids.state")
    def _compute_has_intervention(self):
        for alert in self:
            alert.has_intervention = any(i.state != "cancelled" for i in alert.intervention_ids)

    @api.depends("outcome")
    def _compute_retained_rate(self):
        for alert in self:
            alert.retained_rate = {"retained": 100.0, "left": 0.0}.get(alert.outcome, False)

    def _set_outcome(self, outcome, auto=True, on_date=None):
        if self:
            self.write({"outcome": outcome, "outcome_date": on_date or fields.Date.context_today(self)})

    def action_plan_intervention(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "retention.intervention",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_alert_id": self.id,
                "default_employee_id": self.employee_id.id,
                "default_company_id": self.company_id.id,
            },
        }

    @api.depends("score_id")
    @api.depends_context("lang")
    def _compute_talking_points(self):
        for alert in self:
            # sudo: the talking points are written for the alert's readers (the regional manager
            # among them), who may not read scores; only these sentences leave the snapshot.
            score = alert.score_id.sudo()
            alert.talking_points = score._risk_talking_points() if score else False

    @api.model
    def _risk_raise_alerts(self, scores):
        """Alerts for the scores below their company's threshold whose contract ends within the horizon.

        One alert per contract and band: the unique index decides, also against a
        run at the same time (``ON CONFLICT DO NOTHING``). The alerts are inserted in
        one statement, as the snapshots are: the first run on a large workforce
        raises thousands, and the ORM's create (defaults, followers, recomputations
        one record at a time) was most of its cost. Their to-dos go through the ORM.
        """
        candidates = scores.filtered(
            lambda s: (
                s.band == "high"
                and s.contract_id
                and s.contract_date_end
                and 0 <= s.days_to_contract_end <= s.company_id.retention_risk_horizon_days
            )
        )
        if not candidates:
            return self
        self.env["retention.client.site"].flush_model(["regional_manager_id"])
        uid, now = self.env.uid, fields.Datetime.now()
        rows = self.env.execute_query(
            SQL(
                """
                INSERT INTO retention_risk_alert
                       (employee_id, company_id, contract_id, contract_date_end, score_id, total, band,
                        site_id, regional_manager_id, hr_responsible_id, state, has_intervention, outcome,
                        raised_by, create_uid, create_date, write_uid, write_date)
                SELECT v.employee_id, v.company_id, v.contract_id, v.contract_date_end, v.score_id, v.total,
                       v.band, v.site_id, site.regional_manager_id, v.hr_responsible_id, 'open', false,
                       'pending', 'scorecard', %s, %s, %s, %s
                  FROM unnest(%s::int[], %s::int[], %s::int[], %s::date[], %s::int[], %s::float8[],
                              %s::varchar[], %s::int[], %s::int[])
                       AS v(employee_id, company_id, contract_id, contract_date_end, score_id, total, band,
                            site_id, hr_responsible_id)
             LEFT JOIN retention_client_site site ON site.id = v.site_id
                    ON CONFLICT (contract_id, band) DO NOTHING
             RETURNING id
                """,
                uid,
                now,
                uid,
                now,
                [score.employee_id.id for score in candidates],
                [score.company_id.id for score in candidates],
                [score.contract_id.id for score in candidates],
                [score.contract_date_end for score in candidates],
                candidates.ids,
                [score.total for score in candidates],
                [score.band for score in candidates],
                [score.site_id.id or None for score in candidates],
                [score.contract_id.hr_responsible_id.id or None for score in candidates],
            )
        )
        self.invalidate_model()
        alerts = self.browse(row[0] for row in rows)
        alerts._risk_schedule_activities()
        return alerts

    def _risk_schedule_activities(self):
        """One to-do per alert for the HR responsible and one for the site's regional manager."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for alert in self:
            users = (alert.hr_responsible_id | alert.regional_manager_id).filtered("active")
            for user in users:
                # written once, in the language of the user who will read it
                alert_lang = alert.with_context(lang=user.lang or self.env.lang)
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": alert.id,
                        "activity_type_id": todo.id,
                        "user_id": user.id,
                        "date_deadline": fields.Date.context_today(self),
                        "summary": alert_lang.env._(
                            "Renewal at risk: %(employee)s (score %(total)s)",
                            employee=alert.employee_id.name,
                            total=round(alert.total),
                        ),
                        "note": plaintext2html(alert_lang.talking_points or ""),
                    }
                )
        if vals_list:
            self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(vals_list)

    def action_done(self):
        self.write({"state": "done"})

    def action_dismiss(self):
        self.write({"state": "dismissed"})

    def action_reopen(self):
        self.write({"state": "open"})
