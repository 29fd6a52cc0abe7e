from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        """Log an HR talk for each activity of a talk type done on an employee."""
        talk_activities = self.filtered(lambda a: a.res_model == "hr.employee" and a.activity_type_id)
        if talk_activities:
            # sudo: the user marking their own activity done may not manage talks;
            # only the type, the employee, the date, the assignee and the feedback
            # of that activity are written, and nothing is read back.
            types = (
                self.env["retention.talk.type"]
                .sudo()
                .search([("activity_type_id", "in", talk_activities.activity_type_id.ids)])
            )
            by_activity_type = {talk_type.activity_type_id.id: talk_type for talk_type in types}
            today = fields.Date.context_today(self)
            vals_list = [
                {
                    "employee_id": activity.res_id,
                    "talk_type_id": by_activity_type[activity.activity_type_id.id].id,
                    "user_id": (activity.user_id or self.env.user).id,
                    "date": today,
                    "summary": feedback or activity.summary or False,
                    "source": "activity",
                }
                for activity in talk_activities
                if activity.activity_type_id.id in by_activity_type
            ]
            if vals_list:
                self.env["retention.talk"].sudo().create(vals_list)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
