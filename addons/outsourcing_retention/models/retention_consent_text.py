from odoo import fields, models

CONSENT_PURPOSES = [
    ("pulse", "Weekly pulse: mood and comments"),
    ("wellbeing", "Wellbeing checks"),
]


class RetentionConsentText(models.Model):
    """The wording an employee agrees to (PIPL art. 29 separate consent), versioned.

    A new wording is a new record with a new version: consents keep the version they
    were given on; the employee sees the active text of the purpose.
    """

    _name = "retention.consent.text"
    _description = "Consent Text"
    _order = "purpose, sequence, id desc"
    _rec_name = "version"

    purpose = fields.Selection(CONSENT_PURPOSES, required=True)
    version = fields.Char(required=True, help="Kept on every consent given on this text, e.g. 2026-03.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    title = fields.Char(required=True, translate=True)
    body = fields.Text(
        required=True, translate=True, help="What is kept, why, for how long and who reads it."
    )

    _sql_constraints = [
        ("version_uniq", "unique(purpose, version)", "A consent text version must be unique per purpose."),
    ]

    def _current(self, purpose):
        return self.search([("purpose", "=", purpose)], limit=1)
