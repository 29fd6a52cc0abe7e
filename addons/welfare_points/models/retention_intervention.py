from odoo import fields, models


class RetentionIntervention(models.Model):
    """A "benefit boost" intervention credits points to the employee's wallet."""

    _inherit = "retention.intervention"

    welfare_boost_points = fields.Integer(
        string="Benefit Boost Points",
        help="Points a benefit boost credits; empty: the company's default "
        "(Settings > Employees > Welfare Points).",
    )
    welfare_boost_line_id = fields.Many2one(
        "welfare.points.line", string="Boost Credit", readonly=True, copy=False
    )

    def _retention_apply_measures(self):
        """Post the boost of interventions with a ``benefit`` measure, once per intervention.

        Funded by the company; cancelled interventions are skipped. The key
        ``intervention:<id>`` makes a second pass (measures edited again)
        return the first credit.
        """
        result = super()._retention_apply_measures()
        boosts = self.filtered(
            lambda i: (
                i.state != "cancelled"
                and "benefit" in i.type_ids.mapped("code")
                and not i.welfare_boost_line_id
            )
        )
        entries, targets = [], []
        for intervention in boosts:
            points = intervention.welfare_boost_points or intervention.company_id.welfare_boost_points
            if points <= 0:
                continue
            entries.append(
                {
                    "employee_id": intervention.employee_id.id,
                    "company_id": intervention.employee_id.company_id.id,
                    "points": points,
                    "idempotency_key": f"intervention:{intervention.id}",
                    "reason": self.env._("Benefit boost (retention intervention)"),
                    "kind": "earned",
                    "date": fields.Date.context_today(self),
                    "expiry_date": None,
                    "funding": "company",
                    "funding_partner_id": False,
                    "rule_version": False,
                    "res_model": self._name,
                    "res_id": intervention.id,
                    "reversed_line_id": False,
                }
            )
            targets.append(intervention)
        if entries:
            # sudo: the retention user who plans the intervention is not a welfare officer; the
            # posting is the company's own boost, for this intervention's employee only.
            lines = self.env["welfare.points.line"].sudo()._post(entries)
            for intervention, line in zip(targets, lines, strict=True):
                # sudo: the link to the credit is written by this hook only
                intervention.sudo().welfare_boost_line_id = line
        return result
