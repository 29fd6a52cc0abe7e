import logging

from odoo import api, fields, models

from ..engine import client_programme

_logger = logging.getLogger(__name__)


class RetentionClientSatisfaction(models.Model):
    """One quarter of a client's satisfaction survey (客户满意度): who was asked, the average score.

    The quarterly cron creates one per client and quarter (a unique index keeps it
    idempotent) and invites the client's contacts to the configured survey; the score is
    the average of the answers to its 0-10 scale question.
    """

    _name = "retention.client.satisfaction"
    _description = "Client Satisfaction"
    _order = "client_id, date_from desc"
    _check_company_auto = True

    client_id = fields.Many2one("res.partner", required=True, index=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, readonly=True, default=lambda self: self.env.company
    )
    quarter = fields.Char(required=True, readonly=True)
    date_from = fields.Date(string="From", required=True, readonly=True)
    date_to = fields.Date(string="To", required=True, readonly=True)
    survey_id = fields.Many2one("survey.survey", required=True, readonly=True, ondelete="restrict")
    answer_ids = fields.One2many(
        "survey.user_input", "retention_satisfaction_id", string="Answers", readonly=True
    )
    invited_count = fields.Integer(compute="_compute_score", store=True)
    response_count = fields.Integer(string="Responses", compute="_compute_score", store=True)
    average_score = fields.Float(compute="_compute_score", store=True, aggregator="avg")
    previous_score = fields.Float(compute="_compute_trend")
    score_trend = fields.Float(string="Trend", compute="_compute_trend")
    agreement_ids = fields.Many2many(
        "retention.service.agreement",
        compute="_compute_agreement_ids",
        string="Agreements",
        groups="outsourcing_retention.group_retention_manager",
        help="The client agreements of the provider company with this client, to read "
        "satisfaction next to their renewals.",
    )

    _sql_constraints = [
        (
            "client_quarter_uniq",
            "unique(client_id, company_id, date_from)",
            "The client already has a satisfaction survey for this quarter.",
        ),
    ]

    @api.depends("answer_ids.state", "answer_ids.user_input_line_ids.value_scale")
    def _compute_score(self):
        for record in self:
            done = record.answer_ids.filtered(lambda a: a.state == "done")
            scores = [
                line.value_scale
                for line in done.user_input_line_ids
                if line.question_id.question_type == "scale" and not line.skipped
            ]
            record.invited_count = len(record.answer_ids)
            record.response_count = len(done)
            record.average_score = client_programme.average(scores) or 0.0

    @api.depends("average_score", "client_id", "date_from")
    def _compute_trend(self):
        history = self.search_fetch(
            [("client_id", "in", self.client_id.ids), ("response_count", ">", 0)],
            ["client_id", "company_id", "date_from", "average_score"],
            order="date_from",
        )
        for record in self:
            earlier = history.filtered(
                lambda h, r=record: (
                    h.client_id == r.client_id and h.company_id == r.company_id and h.date_from < r.date_from
                )
            )
            record.previous_score = earlier[-1:].average_score
            record.score_trend = (
                round(record.average_score - record.previous_score, 2)
                if earlier and record.response_count
                else 0.0
            )

    @api.depends("client_id", "company_id")
    def _compute_agreement_ids(self):
        agreements = self.env["retention.service.agreement"].search(
            [("partner_id", "in", self.client_id.ids), ("agreement_type", "=", "client")]
        )
        for record in self:
            record.agreement_ids = agreements.filtered(
                lambda a, r=record: a.partner_id == r.client_id and a.company_id == r.company_id
            )

    @api.model
    def _satisfaction_survey(self):
        survey_id = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("outsourcing_retention.client_satisfaction_survey_id")
        )
        survey = (
            self.env["survey.survey"].browse(int(survey_id)).exists()
            if survey_id and survey_id.isdigit()
            else None
        )
        return survey or self.env.ref(
            "outsourcing_retention.survey_client_satisfaction", raise_if_not_found=False
        )

    @api.model
    def _client_contacts(self, clients):
        """The contacts of each client who are asked: its people with an e-mail address."""
        contacts = self.env["res.partner"].search(
            [("parent_id", "in", clients.ids), ("email", "!=", False), ("type", "=", "contact")]
        )
        return {client.id: contacts.filtered(lambda c, cl=client: c.parent_id == cl) for client in clients}

    @api.model
    def _cron_send_quarterly_survey(self, batch_size=50):
        """Every quarter: one satisfaction record per client of each company with sites, and an
        invitation to each of its contacts. Idempotent per client and quarter."""
        # sudo: a system cron creating each company's satisfaction records and invitations.
        self = self.sudo()  # pylint: disable=self-cls-assignment
        survey = self._satisfaction_survey()
        if not survey:
            _logger.warning("No client satisfaction survey is configured: nothing sent.")
            return
        today = fields.Date.context_today(self)
        date_from, date_to = client_programme.period_bounds("quarter", today)
        pairs = self.env["retention.client.site"]._read_group([], ["client_id", "company_id"])
        existing = {(r.client_id.id, r.company_id.id) for r in self.search([("date_from", "=", date_from)])}
        todo = [(client, company) for client, company in pairs if (client.id, company.id) not in existing]
        batch = todo[:batch_size]
        contacts = self._client_contacts(self.env["res.partner"].union(*[client for client, _c in batch]))
        template = self.env.ref("survey.mail_template_user_input_invite", raise_if_not_found=False)
        for client, company in batch:
            record = self.create(
                {
                    "client_id": client.id,
                    "company_id": company.id,
                    "quarter": client_programme.quarter_label(date_from),
                    "date_from": date_from,
                    "date_to": date_to,
                    "survey_id": survey.id,
                }
            )
            for partner in contacts[client.id]:
                answer = survey._create_answer(
                    partner=partner, check_attempts=False, retention_satisfaction_id=record.id
                )
                if template:
                    template.with_context(lang=partner.lang).send_mail(answer.id, force_send=False)
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(todo) - len(batch))
