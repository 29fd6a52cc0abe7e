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
        readonly=True,
        help="The features that pushed this person's probability up most, with how many points each.",
    )

    @api.model
    def _risk_model_apply(self, scores):
        """Give ``scores`` the probability of their company's learned model, one UPDATE per batch."""
        if not scores:
            return
        # sudo: the scoring job reads the model's parameters to fill the snapshots; only the
        # probability and the reasons are written, on snapshots the caller is scoring anyway.
        Model = self.env["retention.risk.model"].sudo()
        models_by_company = {
            m.company_id.id: m for m in Model.search([("company_id", "in", scores.company_id.ids)])
        }
        ids, probabilities, reasons, model_ids = [], [], [], []
        for company_id, model in models_by_company.items():
            batch = scores.filtered(lambda s, c=company_id: s.company_id.id == c)
            if not batch:
                continue
            results = model._predict_scores(batch)
            labels = model._column_labels()
            for score_id, (probability, pushes) in results.items():
                ids.append(score_id)
                probabilities.append(round(probability, 4))
                model_ids.append(model.id)
                reasons.append(
                    ", ".join(f"{labels.get(column, column)} +{push * 100:.0f}%" for column, push in pushes)
                    or None
                )
        if not ids:
            return
        self.env.cr.execute(
            SQL(
                """
                UPDATE retention_risk_score s
                   SET model_probability = v.probability, model_id = v.model_id, model_reasons = v.reasons
                  FROM unnest(%s::int[], %s::float8[], %s::int[], %s::varchar[])
                       AS v(score_id, probability, model_id, reasons)
                 WHERE s.id = v.score_id
                """,
                ids,
                probabilities,
                model_ids,
                reasons,
            )
        )
        self.invalidate_model(["model_probability", "model_id", "model_reasons"])

    def _risk_model_flags(self):
        """True when the company's model is used for alerts and puts this snapshot over its threshold."""
        self.ensure_one()
        # sudo: read the model's use and threshold only (retention managers own the model).
        model = self.sudo().model_id
        return bool(model and model.used_for_alerts and self.model_probability >= model.alert_probability)
