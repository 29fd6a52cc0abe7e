from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Python types accepted for a field type; False and None always mean "empty".
NUMBER_TYPES = (int, float)
TEXT_TYPES = ("char", "text", "html")


class RetentionInputMixin(models.AbstractModel):
    """Values of the wrong type get a clear message in the user's language.

    Integrators write over XML-RPC; without this check a string id ends in an SQL error,
    a malformed date or an unknown selection value in a Python traceback. Models call
    ``_check_input`` first thing in ``create`` and ``write``, before any conversion.
    """

    _name = "retention.input.mixin"
    _description = "Checked Input"

    @api.model
    def _check_input(self, vals_list):
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        ids_by_comodel = {}
        for vals in vals_list:
            if not isinstance(vals, dict):
                raise ValidationError(
                    self.env._("%(model)s expects field values as a dictionary.", model=self._description)
                )
            for name, value in vals.items():
                field = self._fields.get(name)
                if field is None:
                    raise ValidationError(
                        self.env._(
                            "%(model)s has no field %(field)s.",
                            model=self._description,
                            field=name,
                        )
                    )
                if value is False or value is None:
                    continue
                if field.type == "many2one" and isinstance(value, models.BaseModel):
                    continue  # a record given by server code
                self._check_input_value(field, value)
                if field.type == "many2one":
                    ids_by_comodel.setdefault(field, set()).add(value)
        for field, ids in ids_by_comodel.items():
            # sudo: only whether the ids exist is asked; access to the records found is
            # still checked by the ORM (record rules, check_company) when they are used.
            missing = ids - set(self.env[field.comodel_name].sudo().browse(ids).exists().ids)
            if missing:
                raise ValidationError(
                    self.env._(
                        "%(field)s: there is no record with the id %(value)s.",
                        field=self._input_label(field),
                        value=min(missing),
                    )
                )

    def _input_label(self, field):
        return f"{field.get_description(self.env)['string']} ({field.name})"

    def _check_input_value(self, field, value):
        label = self._input_label(field)
        shown = str(value)[:60]
        if field.type == "many2one":
            if type(value) is not int:
                raise ValidationError(
                    self.env._(
                        "%(field)s expects the id of a record (a whole number), not %(value)s.",
                        field=label,
                        value=shown,
                    )
                )
        elif field.type in ("date", "datetime"):
            self._input_to_date(value, label, field.type)
        elif field.type == "selection":
            allowed = [key for key, _label in field._description_selection(self.env)]
            if value not in allowed:
                raise ValidationError(
                    self.env._(
                        "%(field)s must be one of %(allowed)s, not %(value)s.",
                        field=label,
                        allowed=", ".join(allowed),
                        value=shown,
                    )
                )
        elif field.type in ("integer", "float", "monetary"):
            if isinstance(value, bool) or not isinstance(value, NUMBER_TYPES):
                raise ValidationError(
                    self.env._("%(field)s expects a number, not %(value)s.", field=label, value=shown)
                )
        elif field.type in TEXT_TYPES:
            if not isinstance(value, str):
                raise ValidationError(
                    self.env._("%(field)s expects a text, not %(value)s.", field=label, value=shown)
                )
        elif field.type in ("one2many", "many2many") and not isinstance(value, (list, tuple)):
            raise ValidationError(
                self.env._("%(field)s expects a list of commands, not %(value)s.", field=label, value=shown)
            )

    @api.model
    def _input_to_date(self, value, label, kind="date"):
        """``value`` as a date (or datetime), or a clear error naming ``label``."""
        convert = fields.Datetime.to_datetime if kind == "datetime" else fields.Date.to_date
        try:
            return convert(value)
        except (TypeError, ValueError) as error:
            raise ValidationError(
                self.env._(
                    "%(field)s expects a date written YYYY-MM-DD, not %(value)s.",
                    field=label,
                    value=str(value)[:60],
                )
            ) from error
