from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Performance tiers of outsourcing_retention's reviews (20/50/30), ranked: higher is better.
PERFORMANCE_TIERS = [("bottom", "Bottom 30 %"), ("middle", "Middle 50 %"), ("top", "Top 20 %")]
TIER_RANK = {"bottom": 1, "middle": 2, "top": 3}


class CareerGrade(models.Model):
    """A step on a track and what it takes to reach it."""

    _name = "career.grade"
    _description = "Career Grade"
    _order = "track_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    track_id = fields.Many2one("career.track", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10, help="Order of the grades on the track, the lowest first.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(related="track_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(
        "res.currency", default=lambda self: self.env.company.currency_id, required=True
    )
    salary_min = fields.Monetary(string="Salary Band From")
    salary_max = fields.Monetary(string="Salary Band To")
    skill_requirement_ids = fields.One2many("career.grade.skill", "grade_id", string="Required Skills")
    certificate_type_ids = fields.Many2many(
        "career.certificate.type",
        string="Required Certificates",
        help="Each certificate is a hard gate: only verified, unexpired certificates count.",
    )
    min_service_months = fields.Integer(string="Minimum Service (months)")
    min_performance_tier = fields.Selection(
        PERFORMANCE_TIERS,
        string="Minimum Performance Tier",
        help="Evaluated only where outsourcing_retention's performance reviews are installed.",
    )
    performance_review_count = fields.Integer(
        string="Over the Last Reviews", default=3, help="Number of latest reviews that must reach the tier."
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        (
            "service_positive",
            "CHECK (min_service_months >= 0)",
            "The minimum service cannot be negative.",
        ),
        (
            "review_count_positive",
            "CHECK (performance_review_count >= 1)",
            "The number of reviews must be at least 1.",
        ),
        (
            "salary_band",
            "CHECK (salary_min >= 0 AND salary_max >= 0 AND "
            "(salary_min <= salary_max OR salary_max = 0 OR salary_max IS NULL))",
            "The salary band must be positive and start below its end.",
        ),
    ]

    @api.depends("track_id.name")
    def _compute_display_name(self):
        for grade in self:
            grade.display_name = f"{grade.track_id.name} / {grade.name}" if grade.track_id else grade.name

    @api.constrains("track_id", "sequence")
    def _check_unique_step(self):
        for grade in self:
            clash = self.search_count(
                [
                    ("track_id", "=", grade.track_id.id),
                    ("sequence", "=", grade.sequence),
                    ("id", "!=", grade.id),
                ]
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "Two grades of the track %(track)s share the sequence %(sequence)s: "
                        "give each grade its own step.",
                        track=grade.track_id.name,
                        sequence=grade.sequence,
                    )
                )

    def _next_grade(self):
        """The grade right above this one on its track (empty at the top)."""
        self.ensure_one()
        return self.search(
            [("track_id", "=", self.track_id.id), ("sequence", ">", self.sequence)],
            order="sequence, id",
            limit=1,
        )
