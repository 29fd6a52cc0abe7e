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

    alert_count = fields.Integer(
        string="Alerts", compute="_compute_alert_stats", help="Keyword alerts in which the keyword was found."
    )
    false_positive_count = fields.Integer(
        string="False Positives",
        compute="_compute_alert_stats",
        help="Alerts with this keyword that were marked false positive.",
    )
    false_positive_rate = fields.Float(
        string="False-Positive Rate (%)",
        compute="_compute_alert_stats",
        digits=(5, 1),
        help="Share of this keyword's closed alerts (resolved or false positive) that were false "
        "positives. A high rate means the keyword needs tuning.",
    )

    _sql_constraints = [("term_uniq", "unique(term)", "This keyword exists already.")]

    @api.depends("term")
    def _compute_language(self):
        for keyword in self:
            keyword.language = "zh_CN" if keywords.has_cjk(keyword.term or "") else "en_US"

    def _compute_alert_stats(self):
        # One grouped query for all keywords, in the reader's rights (alerts they may see).
        counts = {}
        for keyword, state, count in self.env["retention.pulse.alert"]._read_group(
            [("keyword_ids", "in", self.ids)], ["keyword_ids", "state"], ["__count"]
        ):
            counts.setdefault(keyword.id, {})[state] = count
        for keyword in self:
            by_state = counts.get(keyword.id, {})
            closed = by_state.get("resolved", 0) + by_state.get("false_positive", 0)
            keyword.alert_count = sum(by_state.values())
            keyword.false_positive_count = by_state.get("false_positive", 0)
            keyword.false_positive_rate = 100.0 * keyword.false_positive_count / closed if closed else 0.0

    def action_view_alerts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "outsourcing_retention.retention_pulse_alert_action"
        )
        action["domain"] = [("keyword_ids", "in", self.ids)]
        return action

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
