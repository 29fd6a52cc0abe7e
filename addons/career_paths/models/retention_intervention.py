from odoo import models

TRAINING = "training"


class RetentionIntervention(models.Model):
    _inherit = "retention.intervention"

    def _retention_apply_measures(self):
        """A ``training`` measure adds an item to the employee's training plan (once per intervention).

        The item closes the largest open skill gap to the employee's next grade, or is a free item
        named after the intervention when no gap is known; a plan for the next grade is opened when
        the employee has none in progress. Cancelled interventions are skipped.
        """
        result = super()._retention_apply_measures()
        interventions = self.filtered(
            lambda i: i.state != "cancelled" and TRAINING in i.type_ids.mapped("code")
        )
        if interventions:
            # sudo: the seam runs for whoever planned the intervention (a regional manager may not
            # manage training plans); it only adds an item to the plan of that intervention's employee.
            self.env["career.training.plan.item"].sudo()._create_from_interventions(interventions.sudo())
        return result
