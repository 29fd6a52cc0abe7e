from datetime import timedelta

from odoo import api, fields, models
from odoo.osv import expression

from .hr_contract_renewal import HR_CONTRACT_MANAGER, SETTLED_RENEWAL_STATES


class HrContract(models.Model):
    """Staged renewal reminders: an activity for HR, a notice for the employee."""

    _inherit = "hr.contract"  # pylint: disable=consider-merging-classes-inherited

    retention_renewal_reminder_ids = fields.One2many(
        "retention.renewal.reminder", "contract_id", string="Renewal Reminders", groups=HR_CONTRACT_MANAGER
    )

    @api.model
    def _retention_reminder_domain(self, today):
        """Running contracts of every company with a reached reminder stage not yet logged,
        unless their renewal is already settled."""
        domains = []
        for company in self.env["res.company"].search([]):
            stage_domains = [
                [
                    ("date_end", "<=", today + timedelta(days=stage)),
                    ("retention_renewal_reminder_ids", "not any", [("stage_days", "=", stage)]),
                ]
                for stage in company._retention_reminder_stages()
            ]
            domains.append(expression.AND([[("company_id", "=", company.id)], expression.OR(stage_domains)]))
        running = [
            ("state", "=", "open"),
            ("date_end", ">=", today),
            ("retention_renewal_state", "not in", SETTLED_RENEWAL_STATES),
        ]
        return expression.AND([running, expression.OR(domains)])

    @api.model
    def _cron_retention_renewal_reminders(self, batch_size=200):
        """Send the renewal reminders due today, ``batch_size`` contracts at a time.

        Idempotent: every stage reached is logged in retention.renewal.reminder (unique per
        contract and stage), and only contracts with a reached stage not yet logged are read.
        """
        today = fields.Date.context_today(self)
        domain = self._retention_reminder_domain(today)
        in_cron = bool(self.env.context.get("ir_cron_progress_id"))
        while True:
            contracts = self.search(domain, order="date_end, id", limit=batch_size)
            sent = contracts._retention_send_reminders(today) if contracts else 0
            remaining = self.search_count(domain) if sent else 0
            # The cron runner commits after each call and calls again while records remain.
            self.env["ir.cron"]._notify_progress(done=len(contracts), remaining=remaining)
            if in_cron or not remaining:
                return

    def _retention_env_lang(self, lang, cache):
        """An environment in ``lang`` (the one of ``self`` when unset), one per language."""
        lang = lang or self.env.lang or "en_US"
        if lang not in cache:
            cache[lang] = self.with_context(lang=lang).env
        return cache[lang]

    def _retention_send_reminders(self, today):
        """Fire the smallest reached stage of each contract of ``self``, log every reached stage.

        The HR responsible's activity and note are written in the responsible's language,
        the employee's notice (a mail template) in the employee's. Everything is created
        in batches: a few queries whatever the number of contracts.
        """
        Reminder = self.env["retention.renewal.reminder"]
        logged = {
            (reminder.contract_id.id, reminder.stage_days)
            for reminder in Reminder.search_fetch(
                [("contract_id", "in", self.ids)], ["contract_id", "stage_days"]
            )
        }
        stages_by_company = {
            company: (company._retention_reminder_stages(), set(company._retention_notify_employee_stages()))
            for company in self.company_id
        }
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id("hr.contract")
        envs = {}
        activity_vals, log_vals, notes, to_review, notices = [], [], {}, self.browse(), self.browse()
        for contract in self:
            stages, notify = stages_by_company[contract.company_id]
            days_left = (contract.date_end - today).days
            due = [s for s in stages if days_left <= s and (contract.id, s) not in logged]
            if not due:
                continue
            fired = min(due)
            notify_employee = bool(notify.intersection(due)) and bool(contract.employee_id.work_contact_id)
            employee = contract.employee_id.name or contract.name
            responsible = contract.hr_responsible_id or self.env.user
            env = self._retention_env_lang(responsible.lang, envs)
            date_end = fields.Date.to_string(contract.date_end)
            activity_vals.append(
                {
                    "res_model_id": model_id,
                    "res_id": contract.id,
                    "activity_type_id": todo_type.id,
                    "date_deadline": contract.date_end,
                    "summary": env._("Renewal: %(days)s days left", days=days_left),
                    "note": env._(
                        "The contract of %(employee)s ends on %(date)s: decide on its renewal.",
                        employee=employee,
                        date=date_end,
                    ),
                    "user_id": responsible.id,
                }
            )
            notes[contract.id] = env._(
                "Renewal reminder (%(stage)s days before the end): the contract of %(employee)s "
                "ends on %(date)s.",
                stage=fired,
                employee=employee,
                date=date_end,
            )
            log_vals += [
                {
                    "contract_id": contract.id,
                    "stage_days": stage,
                    "date_sent": today,
                    "fired": stage == fired,
                    "employee_notified": stage == fired and notify_employee,
                }
                for stage in due
            ]
            if contract.retention_renewal_state == "not_due":
                to_review |= contract
            if notify_employee:
                notices |= contract
        if not log_vals:
            return 0
        self.env["mail.activity"].with_context(mail_activity_quick_update=True).create(activity_vals)
        self.browse(notes)._message_log_batch(bodies=notes)
        if notices:
            notices._retention_notify_employees()
        if to_review:
            to_review.write({"retention_renewal_state": "to_review"})
        Reminder.create(log_vals)
        return len(notes)

    def _retention_notify_employees(self):
        """E-mail each employee the employer's notice of its renewal intent (no wage or terms).

        One mail template rendered for the whole batch, in each employee's language, with
        the portal link built on the server's public URL (``web.base.url``).
        """
        template = self.env.ref("outsourcing_retention.mail_template_retention_contract_end_notice")
        # sudo: the cron's user may not read templates; the template is ours and renders
        # only the contract's own employee, end date and company.
        template.sudo().send_mail_batch(self.ids)
