from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from ..engine import keywords

SEVERITIES = [("low", "Low"), ("medium", "Medium"), ("high", "High")]


class RetentionKeyword(models.Model):
    """A negative keyword searched in free text (pulse answers, voice-channel messages)."""

    _name = "retention.keyword"
    _description = "Negative Keyword"
    _order = "category_id, term"
    _rec_name = "term"

    term = fields.Char(
        required=True,
        help="Chinese terms match anywhere in the text; English terms match whole words. "
        "Case and full-width/half-width forms do not matter.",
    )
    language = fields.Selection(
        [("zh_CN", "Chinese"), ("en_US", "English")],
        compute="_compute_language",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
    )
    category_id = fields.Many2one(
        "retention.keyword.category", required=True, ondelete="restrict", index=True
    )
    severity = fields.Selection(SEVERITIES, required=True, default="medium")
    active = fields.Boolean(default=True)
    note = fields.Char(help="Why the keyword is there, or how it was tuned.")

    _sql_constraints = [("term_uniq", "unique(term)", "This keyword exists already.")]

    @api.depends("term")
    def _compute_language(self):
        for keyword in self:
            keyword.language = "zh_CN" if keywords.has_cjk(keyword.term or "") else "en_US"

    @api.constrains("term")
    def _check_term(self):
        for keyword in self:
            if not keywords.normalize(keyword.term):
                raise ValidationError(self.env._("A keyword cannot be blank."))

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        if {"term", "active"} & set(vals):
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    @tools.ormcache()
    def _retention_matcher(self):
        # sudo: the active keywords are configuration, read to build the matcher
        # for whoever submits a text; only their ids leave the matcher.
        active = self.sudo().search_fetch([], ["term"])
        return keywords.KeywordMatcher((keyword.id, keyword.term) for keyword in active)

    @api.model
    def _retention_match(self, text):
        """The active keywords found in ``text`` (a recordset, in the caller's environment)."""
        return self.browse(self._retention_matcher().match(text))
