from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The evidence behind a skill level, weakest first: a stronger kind outranks a weaker one.
EVIDENCE_KINDS = [
    ("self", "Self-assessment"),
    ("training", "Training Completed"),
    ("contest", "Contest"),
    ("test", "Test"),
    ("certificate", "Certificate"),
    ("manager", "Manager Assessment"),
]
EVIDENCE_RANK = {kind: rank for rank, (kind, _label) in enumerate(EVIDENCE_KINDS)}
HR_OFFICER = "hr.group_hr_user"


class HrEmployeeSkill(models.Model):
    _inherit = "hr.employee.skill"

    career_evidence_kind = fields.Selection(
        EVIDENCE_KINDS,
        string="Evidence",
        default=lambda self: self._career_default_evidence(),
        help="What the level rests on. A manager's assessment outranks a test, a certificate, a contest "
        "and a self-assessment: weaker evidence cannot replace it until it needs re-validation.",
    )
    career_evidence_date = fields.Date(string="Evidence Date", default=fields.Date.context_today)
    career_needs_revalidation = fields.Boolean(
        string="Needs Re-validation",
        help="Set on old evidence: any new assessment may then replace the level.",
    )

    def _career_default_evidence(self):
        return "manager" if self.env.user.has_group(HR_OFFICER) else "self"

    def write(self, vals):
        if "skill_level_id" not in vals:
            return super().write(vals)
        vals = dict(vals)
        vals.setdefault("career_evidence_kind", self._career_default_evidence())
        vals.setdefault("career_evidence_date", fields.Date.context_today(self))
        vals.setdefault("career_needs_revalidation", False)
        new_rank = EVIDENCE_RANK[vals["career_evidence_kind"]]
        kinds = dict(self._fields["career_evidence_kind"]._description_selection(self.env))
        for skill in self:
            old = skill.career_evidence_kind
            if (
                skill.skill_level_id.id != vals["skill_level_id"]
                and old
                and not skill.career_needs_revalidation
                and EVIDENCE_RANK[old] > new_rank
            ):
                raise ValidationError(
                    self.env._(
                        "%(employee)s's level in %(skill)s rests on a %(old)s of %(date)s: a %(new)s cannot "
                        "replace it. Ask for a new assessment or mark the evidence as needing re-validation.",
                        employee=skill.employee_id.name,
                        skill=skill.skill_id.name,
                        old=kinds[old],
                        date=skill.career_evidence_date or "",
                        new=kinds[vals["career_evidence_kind"]],
                    )
                )
        return super().write(vals)

    @api.model
    def _cron_flag_stale_evidence(self, batch_size=1000):
        """Mark evidence older than the configured age as needing re-validation (idempotent, batched)."""
        # sudo: a system parameter, read only.
        params = self.env["ir.config_parameter"].sudo()
        months = int(params.get_param("career_paths.evidence_max_age_months", 24))
        if months <= 0:
            return
        limit = fields.Date.subtract(fields.Date.context_today(self), months=months)
        domain = [("career_needs_revalidation", "=", False), ("career_evidence_date", "<", limit)]
        remaining = self.search_count(domain)
        cron = self.env["ir.cron"]
        while True:
            batch = self.search(domain, limit=batch_size)
            if not batch:
                break
            # A flag, not a new level: no skill log entry and no evidence check.
            super(HrEmployeeSkill, batch).write({"career_needs_revalidation": True})
            remaining -= len(batch)
            cron._notify_progress(done=len(batch), remaining=remaining)
