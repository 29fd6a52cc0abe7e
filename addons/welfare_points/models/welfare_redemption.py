from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

OPEN_STATES = ("requested", "approved", "fulfilled")


class WelfareRedemption(models.Model):
    _name = "welfare.redemption"
    _description = "Benefit Redemption"
    _order = "create_date desc, id desc"

    employee_id = fields.Many2one("hr.employee", required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    benefit_id = fields.Many2one("welfare.benefit", required=True, readonly=True, index=True)
    category = fields.Selection(related="benefit_id.category")
    points = fields.Integer(required=True, readonly=True)
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("approved", "Approved"),
            ("fulfilled", "Fulfilled"),
            ("rejected", "Rejected"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        readonly=True,
        default="requested",
        index=True,
    )
    debit_line_id = fields.Many2one("welfare.points.line", string="Debit", readonly=True)
    reversal_line_id = fields.Many2one("welfare.points.line", string="Refund", readonly=True)
    voucher_code = fields.Char(
        readonly=True, help="The code or reference the employee uses to get the benefit."
    )
    request_token = fields.Char(
        readonly=True, copy=False, help="One per redemption form: a form sent twice redeems once."
    )
    date_decided = fields.Datetime(readonly=True)
    date_requested = fields.Date(
        readonly=True, index=True, default=fields.Date.context_today, help="The day the employee redeemed."
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    benefit_value = fields.Monetary(
        readonly=True, help="The points times the company's point value on the day of the redemption."
    )
    tax_exempt_value = fields.Monetary(
        string="Deductible Value",
        readonly=True,
        help="The part of a qualifying commercial health insurance within the yearly deduction limit "
        "(财税〔2017〕39号).",
    )
    taxable_value = fields.Monetary(
        readonly=True, help="In-kind benefits are wage income: this value goes to payroll."
    )

    _sql_constraints = [
        (
            "request_token_uniq",
            "UNIQUE(employee_id, request_token)",
            "This redemption form was already sent.",
        ),
        ("points_positive", "CHECK(points > 0)", "A redemption costs at least one point."),
    ]

    @api.depends("benefit_id", "employee_id")
    def _compute_display_name(self):
        for redemption in self:
            redemption.display_name = redemption.benefit_id.name or ""

    # ------------------------------------------------------------ request
    @api.model
    def _request(self, employee, benefit, token=None):
        """Redeem ``benefit`` for ``employee`` and debit the points; the redemption.

        Runs as superuser (callers check who asks). The wallet is locked first,
        then the benefit: eligibility, stock, quota and the debit are decided
        under both locks. A form token already used returns its redemption.
        """
        # sudo: callers resolve the employee from the logged-in user (or are HR).
        Redemption = self.sudo()
        employee.ensure_one()
        benefit.ensure_one()
        Account = Redemption.env["welfare.points.account"]
        wallet_id = Account._get_or_open([(employee.id, employee.company_id.id)])[
            employee.id, employee.company_id.id
        ]
        [(balance, active)] = Account.browse(wallet_id)._lock().values()
        if token:
            done = Redemption.search(
                [("employee_id", "=", employee.id), ("request_token", "=", token)], limit=1
            )
            if done:
                return done
        if not benefit.active or benefit.company_id != employee.company_id:
            raise UserError(self.env._("This benefit is not offered to you."))
        if not active:
            raise UserError(self.env._("Your points wallet is closed."))
        if benefit.exclude_dispatched and Redemption.env["retention.assignment"].search_count(
            [
                ("employee_id", "=", employee.id),
                ("employment_mode", "=", "dispatch"),
                ("state", "=", "active"),
            ],
            limit=1,
        ):
            raise UserError(self.env._("This benefit is not offered to dispatched workers."))
        months = benefit.min_service_months
        if months:
            start = employee.first_contract_date or employee.create_date.date()
            if start + relativedelta(months=months) > fields.Date.context_today(self):
                raise UserError(
                    self.env._("This benefit is open after %(months)s months of service.", months=months)
                )
        stock = benefit._lock_stock()
        if benefit.track_stock and stock <= 0:
            raise UserError(self.env._("%(benefit)s is out of stock.", benefit=benefit.name))
        if benefit.quota_per_employee:
            today = fields.Date.context_today(self)
            used = Redemption.search_count(
                [
                    ("employee_id", "=", employee.id),
                    ("benefit_id", "=", benefit.id),
                    ("state", "in", OPEN_STATES),
                    ("create_date", ">=", fields.Datetime.to_datetime(today.replace(month=1, day=1))),
                ]
            )
            if used >= benefit.quota_per_employee:
                raise UserError(
                    self.env._(
                        "You have redeemed %(benefit)s %(count)s times this year, the most allowed.",
                        benefit=benefit.name,
                        count=used,
                    )
                )
        if balance < benefit.points_cost:
            raise UserError(
                self.env._(
                    "Not enough points: %(benefit)s costs %(cost)s, your balance is %(balance)s.",
                    benefit=benefit.name,
                    cost=benefit.points_cost,
                    balance=balance,
                )
            )
        redemption = Redemption.create(
            {
                "employee_id": employee.id,
                "company_id": employee.company_id.id,
                "benefit_id": benefit.id,
                "points": benefit.points_cost,
                "request_token": token or False,
                **Redemption._tax_values(employee, benefit),
            }
        )
        [debit] = Redemption.env["welfare.points.line"]._post(
            [
                {
                    "employee_id": employee.id,
                    "company_id": employee.company_id.id,
                    "points": -benefit.points_cost,
                    "idempotency_key": f"redemption:{redemption.id}",
                    "reason": benefit.name,
                    "kind": "redeemed",
                    "date": fields.Date.context_today(self),
                    "expiry_date": None,
                    "funding": False,
                    "funding_partner_id": False,
                    "rule_version": False,
                    "res_model": self._name,
                    "res_id": redemption.id,
                    "reversed_line_id": False,
                }
            ]
        )
        if benefit.track_stock:
            benefit._add_stock(-1)
        values = {"debit_line_id": debit.id}
        if benefit.points_cost <= employee.company_id.welfare_auto_approve_points:
            values.update(state="approved", date_decided=fields.Datetime.now())
        redemption.with_context(welfare_redemption_write=True).write(values)
        if redemption.state == "approved":
            redemption._notify_employee("approved")
        return redemption

    @api.model
    def _tax_values(self, employee, benefit):
        """Value, deductible and taxable parts of redeeming ``benefit`` (under the wallet lock)."""
        company = employee.company_id
        value = benefit.points_cost * company.welfare_point_value
        exempt = 0.0
        if benefit.tax_treatment == "exempt":
            exempt = value
        elif benefit.tax_treatment == "health_insurance":
            today = fields.Date.context_today(self)
            [(used,)] = self.sudo()._read_group(
                [
                    ("employee_id", "=", employee.id),
                    ("state", "in", OPEN_STATES),
                    ("date_requested", ">=", today.replace(month=1, day=1)),
                ],
                aggregates=["tax_exempt_value:sum"],
            )
            exempt = min(value, max(company.welfare_insurance_deduction_limit - (used or 0.0), 0.0))
        return {"benefit_value": value, "tax_exempt_value": exempt, "taxable_value": value - exempt}

    def _notify_employee(self, state):
        """Queue the e-mail telling the employees their redemption is approved, rejected or fulfilled.

        Rendered in each employee's language and queued (mail.mail) in this
        transaction: the mail queue sends it after commit, so a rolled-back or
        retried call sends nothing twice.
        """
        template = self.env.ref(f"welfare_points.mail_template_welfare_redemption_{state}")
        # sudo: employees and officers may not read templates; the template is ours and renders
        # only the redemption's own employee, benefit, points and voucher.
        template.sudo().send_mail_batch(self.ids)

    def write(self, vals):
        if not self.env.context.get("welfare_redemption_write") or not self.env.su:
            raise UserError(self.env._("A redemption changes only through its buttons."))
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(self.env._("Redemptions are requested from the points portal."))
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("A redemption is never deleted; cancel or reject it."))

    # ------------------------------------------------------------ workflow
    def _check_group(self, group, message):
        if not (self.env.is_superuser() or self.env.user.has_group(group)):
            raise AccessError(message)
        self.check_access("read")

    def _set(self, values):
        # sudo: rights were checked by the caller; write() refuses any other path.
        self.sudo().with_context(welfare_redemption_write=True).write(values)

    def action_approve(self):
        self._check_group(
            "welfare_points.group_welfare_manager", self.env._("Only welfare managers approve redemptions.")
        )
        if any(redemption.state != "requested" for redemption in self):
            raise UserError(self.env._("Only requested redemptions can be approved."))
        self._set({"state": "approved", "date_decided": fields.Datetime.now()})
        self._notify_employee("approved")
        return True

    def action_fulfil(self, voucher_code=None):
        self._check_group(
            "welfare_points.group_welfare_officer", self.env._("Only welfare officers fulfil redemptions.")
        )
        if any(redemption.state != "approved" for redemption in self):
            raise UserError(self.env._("Only approved redemptions can be fulfilled."))
        if voucher_code is not None and not isinstance(voucher_code, str):
            raise ValidationError(self.env._("The voucher code is text."))
        values = {"state": "fulfilled"}
        if voucher_code:
            values["voucher_code"] = voucher_code.strip()
        self._set(values)
        self._notify_employee("fulfilled")
        return True

    def action_reject(self):
        self._check_group(
            "welfare_points.group_welfare_manager", self.env._("Only welfare managers reject redemptions.")
        )
        self._give_back("rejected")
        self._notify_employee("rejected")
        return True

    def _action_cancel_by_employee(self):
        """The employee cancels their own redemption before it is fulfilled."""
        self.ensure_one()
        if self.sudo().employee_id.user_id != self.env.user:
            raise AccessError(self.env._("This redemption is not yours."))
        self._give_back("cancelled")

    def _give_back(self, state):
        """Reverse the debits and return the stock, under the wallet lock."""
        for redemption in self.sudo():
            redemption.env["welfare.points.account"].browse(redemption.debit_line_id.account_id.id)._lock()
            redemption.invalidate_recordset(["state"])
            if redemption.state not in ("requested", "approved"):
                raise UserError(
                    self.env._("Only requested or approved redemptions can be cancelled or rejected.")
                )
            redemption.benefit_id._lock_stock()
            reason = self.env._("Refund: %(benefit)s", benefit=redemption.benefit_id.name)
            reversal = redemption.debit_line_id._reverse(reason)
            if redemption.benefit_id.track_stock:
                redemption.benefit_id._add_stock(1)
            redemption._set(
                {"state": state, "reversal_line_id": reversal.id, "date_decided": fields.Datetime.now()}
            )
