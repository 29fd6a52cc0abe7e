from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import vendor_review


class RetentionVendorQualification(models.Model):
    _name = "retention.vendor.qualification"
    _description = "Vendor Qualification"
    _inherit = ["mail.thread", "mail.activity.mixin", "retention.date.state.mixin"]
    _order = "date_end, id"
    _check_company_auto = True

    vendor_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        tracking=True,
        domain="[('is_outsourcing_vendor', '=', True)]",
        ondelete="cascade",
    )
    type_id = fields.Many2one(
        "retention.vendor.qualification.type",
        required=True,
        tracking=True,
        check_company=True,
    )
    number = fields.Char(tracking=True, help="Number of the licence or certificate.")
    date_start = fields.Date(string="Valid From", tracking=True)
    date_end = fields.Date(
        string="Valid Until",
        index="btree_not_null",  # searched by the daily expiry cron
        tracking=True,
        help="Last day of validity; empty when the qualification does not expire.",
    )
    attachment = fields.Binary(attachment=True, copy=False)
    attachment_name = fields.Char(copy=False)
    state = fields.Selection(
        [("valid", "Valid"), ("expiring", "Expiring"), ("expired", "Expired")],
        compute="_compute_state",
        store=True,
        index=True,
        help="Recomputed every day: expiring within 30 days of the end of validity, expired after.",
    )
    expiry_warned = fields.Boolean(
        readonly=True,
        copy=False,
        help="The responsible was warned of the coming expiry (once per end date).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    @api.depends("type_id.name", "vendor_id.name", "number")
    def _compute_display_name(self):
        for qualification in self:
            qualification.display_name = " - ".join(
                filter(None, [qualification.vendor_id.name, qualification.type_id.name, qualification.number])
            )

    @api.depends("date_end")
    def _compute_state(self):
        today = fields.Date.context_today(self)
        for qualification in self:
            qualification.state = vendor_review.qualification_state(qualification.date_end, today)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for qualification in self:
            if (
                qualification.date_start
                and qualification.date_end
                and qualification.date_end < qualification.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "The qualification %(qualification)s ends on %(date_end)s, before it starts on "
                        "%(date_start)s.",
                        qualification=qualification.display_name,
                        date_end=qualification.date_end,
                        date_start=qualification.date_start,
                    )
                )

    def write(self, vals):
        if "date_end" in vals:
            # A renewed licence gets its own warning before its new end date.
            vals = dict(vals, expiry_warned=False)
        return super().write(vals)

    # ------------------------------------------------------------------ cron

    @api.model
    def _date_state_stale_domain(self, today):
        notice = today + timedelta(days=vendor_review.EXPIRY_NOTICE_DAYS)
        return [
            ("date_end", "!=", False),
            "|",
            "|",
            "&",
            ("state", "!=", "expired"),
            ("date_end", "<", today),
            "&",
            ("state", "=", "valid"),
            ("date_end", "<=", notice),
            "&",
            "&",
            ("expiry_warned", "=", False),
            ("date_end", ">=", today),
            ("date_end", "<=", notice),
        ]

    def _date_state_refresh(self, today):
        # The state is a stored compute from today: recompute it, then warn once.
        self.env.add_to_compute(self._fields["state"], self)
        self._recompute_recordset(["state"])
        to_warn = self.filtered(
            lambda q: not q.expiry_warned and q.date_end >= today and q.state == "expiring"
        )
        to_warn._schedule_expiry_activities()

    @api.model
    def _cron_check_expiry(self, batch_size=200):
        """Daily: states from today, one activity per qualification 30 days before expiry.

        Idempotent: ``expiry_warned`` remembers the activity, and only stale records are
        read; batched (see retention.date.state.mixin).
        """
        return self._cron_sync_date_states(batch_size)

    def _schedule_expiry_activities(self):
        if not self:
            return
        todo_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        # sudo: the responsible is read from the vendor for the activity only.
        activity_vals = [
            {
                "res_model_id": model_id,
                "res_id": qualification.id,
                "activity_type_id": todo_type.id,
                "date_deadline": qualification.date_end,
                "user_id": qualification.vendor_id.sudo().retention_vendor_manager_id.id or self.env.uid,
                "summary": self.env._(
                    "%(type)s of %(vendor)s expires on %(date)s",
                    type=qualification.type_id.name,
                    vendor=qualification.vendor_id.name,
                    date=qualification.date_end,
                ),
            }
            for qualification in self
        ]
        self.env["mail.activity"].create(activity_vals)
        self.write({"expiry_warned": True})
