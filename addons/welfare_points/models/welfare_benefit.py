from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

CATEGORIES = [
    ("insurance", "Commercial Insurance"),
    ("checkup", "Health Check-up"),
    ("family_doctor", "Family Doctor"),
    ("education", "Children's Education"),
    ("training", "Training"),
    ("leave", "Extra Leave Day"),
    ("goods", "Goods"),
    ("voucher", "Voucher"),
]


class WelfareBenefit(models.Model):
    _name = "welfare.benefit"
    _inherit = ["welfare.equal.treatment.mixin"]
    _description = "Benefit"
    _order = "sequence, points_cost, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    category = fields.Selection(CATEGORIES, required=True, default="goods")
    points_cost = fields.Integer(string="Points", required=True)
    description = fields.Text(translate=True)
    image_128 = fields.Image(string="Image", max_width=128, max_height=128)
    supplier_id = fields.Many2one("res.partner")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    min_service_months = fields.Integer(
        string="Minimum Service (Months)", help="Months since the employee joined before they may redeem it."
    )
    track_stock = fields.Boolean(string="Limited Stock")
    stock = fields.Integer(
        help="Units left; a redemption takes one, a refusal or cancellation gives it back."
    )
    quota_per_employee = fields.Integer(
        string="Yearly Quota per Employee",
        help="How many times one employee may redeem it per calendar year; 0: no limit.",
    )
    fulfilment = fields.Selection(
        [("voucher", "Voucher Code"), ("supplier", "Supplier Order"), ("hr", "HR Action")],
        required=True,
        default="voucher",
    )
    tax_treatment = fields.Selection(
        [
            ("taxable", "Taxable Wage Income"),
            ("health_insurance", "Qualifying Health Insurance"),
            ("exempt", "Not Taxable"),
        ],
        required=True,
        default="taxable",
        help="In-kind benefits are wage income in China. Qualifying commercial health insurance is "
        "deductible up to the company's yearly limit (财税〔2017〕39号).",
    )
    needs_approval = fields.Boolean(
        compute="_compute_needs_approval",
        help="Redemptions costing more than the company's auto-approval limit wait for a welfare manager.",
    )

    _sql_constraints = [
        ("stock_not_negative", "CHECK(stock >= 0)", "The stock of a benefit cannot go below zero."),
        ("quota_not_negative", "CHECK(quota_per_employee >= 0)", "The yearly quota cannot be negative."),
        (
            "min_service_not_negative",
            "CHECK(min_service_months >= 0)",
            "The minimum service cannot be negative.",
        ),
    ]

    @api.depends("points_cost", "company_id.welfare_auto_approve_points")
    def _compute_needs_approval(self):
        for benefit in self:
            benefit.needs_approval = benefit.points_cost > benefit.company_id.welfare_auto_approve_points

    @api.constrains("points_cost")
    def _check_points_cost(self):
        if any(benefit.points_cost <= 0 for benefit in self):
            raise ValidationError(self.env._("A benefit costs at least one point."))

    def _lock_stock(self):
        """Lock the benefit row (stock and quota are checked under it); its stock."""
        self.ensure_one()
        self.flush_recordset()
        [(stock,)] = self.env.execute_query(
            SQL("SELECT stock FROM welfare_benefit WHERE id = %s FOR NO KEY UPDATE", self.id)
        )
        return stock

    def _add_stock(self, units):
        self.env.cr.execute(
            SQL("UPDATE welfare_benefit SET stock = stock + %s WHERE id = %s", units, self.id)
        )
        self.invalidate_recordset(["stock"])
