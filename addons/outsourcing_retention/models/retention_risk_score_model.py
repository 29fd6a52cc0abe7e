from odoo import api, fields, models
from odoo.tools import SQL


class RetentionRiskScore(models.Model):
    """The learned model's probability beside the scorecard, filled once per scored batch."""

    _inherit = "retention.risk.score"

    model_id = fields.Many2one(
        "retention.risk.model",
        string="Learned Model",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        groups="outsourcing_retention.group_retention_manager",
    )
    model_reasons = fields.Char(
        string="Model's Main Reasons",
        compute="_compute_model_reasons",
        help="The features that pushed this person's probability up most, with how many points each.",
    )

    @api.model
    def _risk_model_predict(self, rows, driver_data, on_date):
        """Give each row about to be inserted its company's model probability (``model_probability``,
        ``model_id``), one query and one prediction per company in the batch.

        Predicting before the insert writes each snapshot once: updating a hundred thousand
        fresh rows afterwards doubled the scoring job's database time.
        """
        # sudo: the scoring job reads the model's parameters to fill the snapshots; only the
        # probability and the model are written, on snapshots the caller is scoring anyway.
        Model = self.env["retention.risk.model"].sudo()
        companies = {row["company_id"] for row in rows}
        for model in Model.search([("company_id", "in", list(companies))]):
            indexes = [index for index, row in enumerate(rows) if row["company_id"] == model.company_id.id]
            source = SQL(
                """
                (SELECT * FROM unnest(%s::int[], %s::int[], %s::int[], %s::int[], %s::float8[], %s::int[],
                                      %s::jsonb[])
                        AS v(id, employee_id, company_id, contract_id, total, days_to_contract_end,
                             driver_data)
                  CROSS JOIN (SELECT %s::date AS date) AS d)
                """,
                indexes,
                *(
                    [rows[i][column] for i in indexes]
                    for column in ("employee_id", "company_id", "contract_id")
                ),
                [rows[i]["card"].total or 0.0 for i in indexes],
                [rows[i]["days"] for i in indexes],
                [driver_data[i] for i in indexes],
                on_date,
            )
            for index, probability in model._predict_rows(source).items():
                rows[index]["model_probability"] = round(probability, 4)
                rows[index]["model_id"] = model.id

    def _compute_model_reasons(self):
        """The model's reasons for the snapshots on screen, explained by the model that scored them."""
        self.model_reasons = False
        # sudo: the model's parameters are read to explain snapshots the user already reads;
        # only the reasons (feature names and points) come back, nothing of the model itself.
        scored = self.sudo().filtered("model_id")
        for model in scored.model_id:
            batch = scored.filtered(lambda s, m=model: s.model_id == m)
            labels = model._column_labels()
            pushes_of = model._explain_scores(batch)
            for score in batch:
                pushes = pushes_of.get(score.id, [])
                self.browse(score.id).model_reasons = (
                    ", ".join(f"{labels.get(column, column)} +{push * 100:.0f}%" for column, push in pushes)
                    or False
                )

    def _risk_model_flags(self):
        """True when the company's model is used for alerts and puts this snapshot over its threshold."""
        self.ensure_one()
        # sudo: read the model's use and threshold only (retention managers own the model).
        model = self.sudo().model_id
        return bool(model and model.used_for_alerts and self.model_probability >= model.alert_probability)
