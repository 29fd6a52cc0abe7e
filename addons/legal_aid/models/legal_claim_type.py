from odoo import fields, models


class LegalClaimType(models.Model):
    _name = "legal.claim.type"
    _description = "Legal Claim Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    limitation_basis = fields.Selection(
        [("knowledge", "Knew of the infringement"), ("end_of_employment", "End of employment")],
        required=True,
        default="knowledge",
        help="When the one-year limitation starts (Labour Dispute Mediation and Arbitration Law, "
        "art. 27): from the day the employee knew or should have known of the infringement, or, "
        "for labour remuneration owed during the employment, from the end of the employment.",
    )
    legal_basis = fields.Text(
        translate=True, help="The articles the deadline rests on, as shown on the case."
    )
    evidence_checklist = fields.Text(
        translate=True,
        help="The evidence to gather, including what the employer holds and must produce (art. 6).",
    )

    _sql_constraints = [("code_unique", "unique(code)", "The claim type code must be unique.")]
