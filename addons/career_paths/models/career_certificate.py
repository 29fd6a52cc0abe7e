from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

HR_OFFICER = "hr.group_hr_user"


class CareerCertificate(models.Model):
    """A certificate an employee holds. Only verified, unexpired ones meet a grade's requirements."""

    _name = "career.certificate"
    _description = "Employee Certificate"
    _inherit = ["mail.thread"]
    _order = "date_issued desc, id desc"
    _rec_name = "certificate_type_id"

    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade", index=True, tracking=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)
    certificate_type_id = fields.Many2one(
        "career.certificate.type", string="Certificate", required=True, ondelete="restrict", tracking=True
    )
    issuer = fields.Char(tracking=True)
    level = fields.Char(help="The level printed on the certificate, where it has one.")
    number = fields.Char(string="Certificate Number", tracking=True)
    date_issued = fields.Date(string="Issued On", required=True, tracking=True)
    date_expiry = fields.Date(string="Expires On", tracking=True)
    state = fields.Selection(
        [("draft", "To Verify"), ("verified", "Verified"), ("rejected", "Rejected")],
        string="Verification",
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    verified_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    date_verified = fields.Date(string="Verified On", readonly=True, copy=False)
    evidence = fields.Binary(attachment=True, copy=False, help="A scan or photo of the certificate.")
    evidence_filename = fields.Char()
    resume_line_id = fields.Many2one("hr.resume.line", readonly=True, copy=False)

    def init(self):
        # One live record per certificate number: recording the same certificate twice
        # (an integrator retrying a batch) finds the first one instead of duplicating it.
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS career_certificate_number_unique "
                "ON career_certificate (employee_id, certificate_type_id, number) "
                "WHERE number IS NOT NULL AND state != 'rejected'"
            )
        )

    @api.depends("certificate_type_id.name", "employee_id.name")
    def _compute_display_name(self):
        for certificate in self:
            certificate.display_name = (
                f"{certificate.employee_id.name} - {certificate.certificate_type_id.name}"
            )

    @api.constrains("date_issued", "date_expiry")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for certificate in self:
            if certificate.date_expiry and certificate.date_expiry < certificate.date_issued:
                raise ValidationError(
                    self.env._(
                        "The certificate %(name)s expires on %(expiry)s, before it was issued on %(issued)s.",
                        name=certificate.certificate_type_id.name,
                        expiry=certificate.date_expiry,
                        issued=certificate.date_issued,
                    )
                )
            if certificate.date_issued > today:
                raise ValidationError(
                    self.env._(
                        "The certificate %(name)s cannot be issued in the future (%(issued)s).",
                        name=certificate.certificate_type_id.name,
                        issued=certificate.date_issued,
                    )
                )

    @api.onchange("certificate_type_id", "date_issued")
    def _onchange_certificate_type(self):
        kind = self.certificate_type_id
        if kind.issuer and not self.issuer:
            self.issuer = kind.issuer
        if kind.validity_months and self.date_issued and not self.date_expiry:
            self.date_expiry = fields.Date.add(self.date_issued, months=kind.validity_months)

    def _is_valid_on(self, day):
        self.ensure_one()
        return self.state == "verified" and (not self.date_expiry or self.date_expiry >= day)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("state") == "verified":
                self._check_can_verify()
                vals.update(self._verification_values())
        certificates = super().create(vals_list)
        certificates.filtered(lambda c: c.state == "verified")._on_verified()
        return certificates

    def write(self, vals):
        newly_verified = self.browse()
        if vals.get("state") == "verified":
            self._check_can_verify()
            newly_verified = self.filtered(lambda c: c.state != "verified")
            vals = dict(vals, **self._verification_values())
        result = super().write(vals)
        newly_verified._on_verified()
        return result

    @api.model
    def record_batch(self, records):
        """Record certificates in one all-or-nothing call (XML-RPC); returns their ids in order.

        Idempotent: a certificate already recorded for the employee with the same type and number
        is returned as is, so an integrator may resend a batch. ``verified: True`` records it as
        verified (HR officers only), which proposes the promotions it completes.
        """
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise UserError(self.env._("Send a list of certificates, each a dictionary of values."))
        allowed = {
            "employee_id",
            "certificate_type_id",
            "number",
            "issuer",
            "level",
            "date_issued",
            "date_expiry",
        }
        ids = []
        for values in records:
            unknown = set(values) - allowed - {"verified"}
            if unknown:
                raise UserError(
                    self.env._("Unknown certificate fields: %(fields)s", fields=", ".join(sorted(unknown)))
                )
            if (
                not values.get("number")
                or not values.get("employee_id")
                or not values.get("certificate_type_id")
            ):
                raise UserError(
                    self.env._("Each certificate needs an employee, a certificate type and its number.")
                )
            existing = self.search(
                [
                    ("employee_id", "=", values["employee_id"]),
                    ("certificate_type_id", "=", values["certificate_type_id"]),
                    ("number", "=", values["number"]),
                    ("state", "!=", "rejected"),
                ],
                limit=1,
            )
            if existing:
                ids.append(existing.id)
                continue
            vals = {key: values[key] for key in allowed if key in values}
            if values.get("verified"):
                vals["state"] = "verified"
            ids.append(self.create(vals).id)
        return ids

    def _check_can_verify(self):
        if not self.env.user.has_group(HR_OFFICER):
            raise UserError(self.env._("Only HR officers can verify a certificate."))

    def _verification_values(self):
        return {"verified_by_id": self.env.uid, "date_verified": fields.Date.context_today(self)}

    def action_verify(self):
        self.write({"state": "verified"})

    def action_reject(self):
        self._check_can_verify()
        self.write({"state": "rejected"})

    def action_reset(self):
        self.write({"state": "draft", "verified_by_id": False, "date_verified": False})

    def _on_verified(self):
        """Keep the resume in step and propose the promotions the certificates complete."""
        line_type = self.env.ref("career_paths.resume_type_certificate", raise_if_not_found=False)
        for certificate in self.filtered(lambda c: not c.resume_line_id):
            certificate.resume_line_id = self.env["hr.resume.line"].create(
                {
                    "employee_id": certificate.employee_id.id,
                    "name": certificate.certificate_type_id.name,
                    "date_start": certificate.date_issued,
                    "date_end": certificate.date_expiry,
                    "line_type_id": line_type.id if line_type else False,
                    "description": certificate.issuer or False,
                }
            )
        self.employee_id._career_propose_promotions()
