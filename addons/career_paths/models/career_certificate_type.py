from odoo import fields, models


class CareerCertificateType(models.Model):
    """A certificate a grade may require (企业人力资源管理师, 电工证, 职业技能等级证书...)."""

    _name = "career.certificate.type"
    _description = "Certificate Type"
    _order = "sequence, family, rank desc, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    family = fields.Char(
        help="Certificates of one family are levels of the same qualification: a held certificate "
        "meets a requirement of its family at the same or a lower rank.",
    )
    rank = fields.Integer(
        default=0,
        help="Seniority within the family, higher is more senior (e.g. 五级 = 1 ... 一级 = 5).",
    )
    issuer = fields.Char(string="Usual Issuer", translate=True)
    validity_months = fields.Integer(help="Months a certificate stays valid; 0 means it does not expire.")
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("rank_positive", "CHECK (rank >= 0)", "The rank of a certificate cannot be negative."),
        (
            "validity_positive",
            "CHECK (validity_months >= 0)",
            "The validity of a certificate cannot be negative.",
        ),
    ]
