from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine import performance

TIERS = [("top", "Top"), ("middle", "Middle"), ("bottom", "Bottom")]


class RetentionPerformanceTier(models.Model):
    _name = "retention.performance.tier"
    _description = "Performance Tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(TIERS, required=True)
    sequence = fields.Integer(default=10)
    share = fields.Float(
        string="Share (%)",
        required=True,
        help="Largest share of a cohort placed in this tier; the three shares sum to 100.",
    )
    total_share = fields.Float(compute="_compute_total_share", help="Sum of the three shares: must be 100.")
    action_ids = fields.One2many("retention.performance.tier.action", "tier_id", string="Actions")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "There is one record per tier."),
        ("share_range", "CHECK(share >= 0 AND share <= 100)", "A tier share is between 0 and 100 %."),
    ]

    def _compute_total_share(self):
        total = sum(self.search([]).mapped("share"))
        for tier in self:
            tier.total_share = total

    @api.model
    def _retention_shares(self):
        """(top, middle, bottom) shares; a UserError unless they sum to 100.

        Checked when a cohort is confirmed rather than on every write, so that an
        HR admin can change the shares one tier at a time.
        """
        shares = {tier.code: tier.share for tier in self.search([])}
        result = tuple(shares.get(code, 0.0) for code, _label in TIERS)
        try:
            performance.check_shares(result)
        except ValueError as error:
            raise UserError(
                self.env._(
                    "The shares of the top, middle and bottom tiers must sum to 100 (now %(shares)s). "
                    "Correct them in Configuration > Performance Tiers.",
                    shares=" / ".join(f"{share:g}" for share in result),
                )
            ) from error
        return result
