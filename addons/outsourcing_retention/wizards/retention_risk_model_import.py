import base64
import binascii
import json

from odoo import fields, models
from odoo.exceptions import UserError

from ..engine import attrition_model
from ..models.retention_risk_model import MAX_FILE_BYTES


class RetentionRiskModelImport(models.TransientModel):
    """Load a model exported by this project (the command line or another database).

    The file is JSON of plain numbers and names, checked against a strict schema and its
    checksum, and rebuilt without pickle: a file cannot run code.
    """

    _name = "retention.risk.model.import"
    _description = "Train or Import a Learned Risk Model"

    file = fields.Binary(help="A model file exported by this project (JSON).")
    filename = fields.Char()
    horizon_months = fields.Integer(string="Horizon (months)", default=6, required=True)

    def action_train(self):
        self.ensure_one()
        created = self.env["retention.risk.model"].action_train(self.horizon_months)
        return self._open(created)

    def _open(self, model):
        return {
            "type": "ir.actions.act_window",
            "res_model": "retention.risk.model",
            "res_id": model.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_import(self):
        self.ensure_one()
        Model = self.env["retention.risk.model"]
        Model._check_manager()
        if not 1 <= self.horizon_months <= 24:
            raise UserError(self.env._("The horizon must be between 1 and 24 months."))
        try:
            raw = base64.b64decode(self.file or b"", validate=True)
        except (binascii.Error, ValueError):
            raise UserError(self.env._("The file could not be read.")) from None
        if not raw:
            raise UserError(self.env._("Choose a model file to import."))
        if len(raw) > MAX_FILE_BYTES:
            raise UserError(
                self.env._("The file is larger than 20 MB: not a model exported by this project.")
            )
        try:
            model = attrition_model.ExportedModel.loads(raw)
        except attrition_model.InputError as error:
            raise UserError(
                self.env._("This file cannot be imported: %(reason)s", reason=str(error))
            ) from None
        unknown = sorted(set(model.columns) - set(Model._feature_columns()))
        if unknown:
            raise UserError(
                self.env._(
                    "This model uses columns this database does not have: %(columns)s. Only models trained "
                    "on the risk-score features (driver_<code>, %(base)s) can score here.",
                    columns=", ".join(unknown),
                    base=", ".join(Model._feature_columns()[-6:]),
                )
            )
        return self._open(Model._create_from_data(json.loads(raw), "imported", self.horizon_months))
