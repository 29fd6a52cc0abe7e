from odoo import api, fields, models


class WelfareEqualTreatmentMixin(models.AbstractModel):
    """Warns when a rule or benefit excludes dispatched workers whose directly employed
    colleagues in the same job qualify (Labour Contract Law art. 63: equal pay for equal work)."""

    _name = "welfare.equal.treatment.mixin"
    _description = "Equal Treatment of Dispatched Workers"

    exclude_dispatched = fields.Boolean(
        string="Excludes Dispatched Workers",
        help="Employees on an active labour-dispatch assignment do not qualify.",
    )
    equal_treatment_warning = fields.Char(compute="_compute_equal_treatment_warning")

    @api.depends("exclude_dispatched", "company_id")
    def _compute_equal_treatment_warning(self):
        excluding = self.filtered("exclude_dispatched")
        (self - excluding).equal_treatment_warning = False
        if not excluding:
            return
        # sudo: only job ids of active assignments and employees are counted, for a warning.
        Assignment = self.env["retention.assignment"].sudo()
        shared = {}
        for company in excluding.company_id:
            dispatched = Assignment._read_group(
                [
                    ("company_id", "=", company.id),
                    ("employment_mode", "=", "dispatch"),
                    ("state", "=", "active"),
                ],
                ["employee_id", "job_id"],
            )
            dispatched_ids = {employee.id for employee, _job in dispatched}
            jobs = {job for _employee, job in dispatched if job} | {
                employee.job_id for employee, job in dispatched if not job and employee.job_id
            }
            direct = (
                self.env["hr.employee"]
                .sudo()
                ._read_group(
                    [
                        ("company_id", "=", company.id),
                        ("job_id", "in", [job.id for job in jobs]),
                        ("id", "not in", list(dispatched_ids)),
                    ],
                    ["job_id"],
                )
            )
            shared[company.id] = ", ".join(sorted(job.name for [job] in direct))
        for record in excluding:
            jobs = shared.get(record.company_id.id)
            record.equal_treatment_warning = jobs and self.env._(
                "Dispatched workers are excluded while directly employed staff in the same jobs "
                "(%(jobs)s) qualify. Labour Contract Law art. 63 asks for equal pay for equal work: "
                "check this is justified.",
                jobs=jobs,
            )
