from odoo import fields, models


class CareerTrack(models.Model):
    """A career ladder (双通道): the management track and the professional track, or more."""

    _name = "career.track"
    _description = "Career Track"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    kind = fields.Selection(
        [("management", "Management"), ("professional", "Professional / Skills")],
        required=True,
        default="professional",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Leave empty to share the track with every company.")
    description = fields.Text(translate=True)
    grade_ids = fields.One2many("career.grade", "track_id", string="Grades")
    grade_count = fields.Integer(compute="_compute_grade_count")

    _sql_constraints = [
        ("code_company_unique", "unique (code, company_id)", "A track code must be unique per company."),
    ]

    def _compute_grade_count(self):
        counts = dict(
            self.env["career.grade"]._read_group([("track_id", "in", self.ids)], ["track_id"], ["__count"])
        )
        for track in self:
            track.grade_count = counts.get(track, 0)
