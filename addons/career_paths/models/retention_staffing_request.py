from odoo import api, fields, models

OPEN_STATES = ("requested", "confirmed", "partial")


class RetentionStaffingRequest(models.Model):
    """Open client positions get skill, level and certificate requirements, and matched people."""

    _inherit = "retention.staffing.request"

    # The provider's HR sets the requirements; client users see the request without them.
    career_skill_ids = fields.One2many(
        "career.staffing.skill",
        "request_id",
        string="Required Skills",
        copy=True,
        groups="outsourcing_retention.group_retention_user,hr.group_hr_user",
    )
    career_certificate_type_ids = fields.Many2many(
        "career.certificate.type",
        "career_staffing_request_certificate_rel",
        "request_id",
        "certificate_type_id",
        string="Required Certificates",
        groups="outsourcing_retention.group_retention_user,hr.group_hr_user",
    )
    career_track_id = fields.Many2one(
        "career.track",
        ondelete="set null",
        groups="outsourcing_retention.group_retention_user,hr.group_hr_user",
        help="The track this position belongs to: it meets the employees' desired tracks.",
    )
    # Rankings are for the provider's HR: client users never see them.
    career_match_ids = fields.One2many(
        "career.match", "request_id", string="Matches", groups="hr.group_hr_user"
    )
    career_match_count = fields.Integer(
        string="Matched People", compute="_compute_career_match_count", groups="hr.group_hr_user"
    )

    def _compute_career_match_count(self):
        counts = dict(
            self.env["career.match"]._read_group(
                [("request_id", "in", self.ids)], ["request_id"], ["__count"]
            )
        )
        for request in self:
            request.career_match_count = counts.get(request, 0)

    @api.model
    def _career_open_domain(self):
        return [("state", "in", OPEN_STATES)]

    def action_career_find_people(self):
        """Rank the people of the provider for these positions and show the result."""
        self.env["career.match"]._match_requests(self)
        return self.action_career_view_matches()

    def action_career_view_matches(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "career.match",
            "name": self.env._("Matched People"),
            "view_mode": "list,form",
            "domain": [("request_id", "in", self.ids)],
            "context": {"create": False},
        }
