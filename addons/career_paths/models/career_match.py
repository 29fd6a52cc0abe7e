from psycopg2 import IntegrityError

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..engine import matching
from .retention_staffing_request import OPEN_STATES

# How many open positions an employee is offered on the portal.
PORTAL_LIMIT = 5

WEIGHT_PARAMS = {
    "skills": "career_paths.match_weight_skills",
    "city": "career_paths.match_weight_city",
    "preferences": "career_paths.match_weight_preferences",
}


class CareerMatch(models.Model):
    """One person ranked for one open client position (人岗匹配): advisory and explained.

    The ranking uses skills, certificates, the city and the person's stated preferences only
    (never age, gender, ethnicity, 户籍 or marital status); the scoring version and weights are
    stored with every result, and a human confirms a match into a transfer (PIPL art. 24).
    """

    _name = "career.match"
    _description = "Position Match"
    _order = "request_id, rank, id"
    _rec_name = "employee_id"

    request_id = fields.Many2one(
        "retention.staffing.request", string="Staffing Request", required=True, ondelete="cascade", index=True
    )
    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="request_id.company_id", store=True, index=True)
    site_id = fields.Many2one(related="request_id.site_id", store=True)
    client_id = fields.Many2one(related="request_id.client_id", store=True)
    job_id = fields.Many2one(related="request_id.job_id")
    city = fields.Char(related="request_id.city")
    rank = fields.Integer(readonly=True, help="Place of the person among those ranked for this position.")
    score = fields.Float(readonly=True, aggregator="avg", help="Out of 100: skills, same city, preferences.")
    readiness = fields.Float(string="Skill Readiness (%)", readonly=True, aggregator="avg")
    eligible = fields.Boolean(readonly=True, help="Holds every certificate the position requires.")
    same_city = fields.Boolean(readonly=True)
    preference = fields.Float(string="Preferences Met (%)", readonly=True)
    explanation = fields.Text(readonly=True, help="Every requirement met and missing, and why this score.")
    scoring_version = fields.Char(readonly=True, help="The matching engine and the weights that scored it.")
    date_computed = fields.Datetime(string="Computed On", readonly=True)
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("interested", "Interested"),
            ("confirmed", "Confirmed"),
            ("dismissed", "Dismissed"),
        ],
        required=True,
        default="proposed",
        readonly=True,
    )
    promotion_id = fields.Many2one("career.promotion", string="Transfer", readonly=True, ondelete="set null")

    _sql_constraints = [
        (
            "request_employee_unique",
            "unique (request_id, employee_id)",
            "A person is matched once to a staffing request.",
        ),
    ]

    # ------------------------------------------------------------------ engine input
    @api.model
    def _weights(self):
        # sudo: system parameters, read only (HR admins edit them in Settings > Technical).
        params = self.env["ir.config_parameter"].sudo()
        values = {}
        for name, key in WEIGHT_PARAMS.items():
            raw = params.get_param(key, getattr(matching.Weights, name))
            try:
                values[name] = float(raw)
            except ValueError as error:
                raise UserError(
                    self.env._(
                        "The matching weight %(key)s must be a number, not %(value)s.", key=key, value=raw
                    )
                ) from error
        try:
            return matching.Weights(**values)
        except ValueError as error:
            raise UserError(
                self.env._("The matching weights must be non-negative numbers, at least one positive.")
            ) from error

    @api.model
    def _positions(self, requests):
        certificates = requests.career_certificate_type_ids
        certificates.mapped("rank")  # prefetch
        return [
            matching.Position(
                request.id,
                (request.city or "").strip(),
                request.career_track_id.id or None,
                tuple(
                    (line.skill_id.id, line.level_progress, line.weight)
                    for line in request.career_skill_ids
                    if line.level_progress
                ),
                tuple((t.id, t.family or "", t.rank) for t in request.career_certificate_type_ids),
            )
            for request in requests
        ]

    # ------------------------------------------------------------------ matching
    @api.model
    def _match_requests(self, requests, limit=None):
        """Rank the people of the requests' companies for each request and store the best."""
        requests = requests.filtered(lambda r: r.state in OPEN_STATES)
        if not requests:
            return self.browse()
        weights = self._weights()
        results = []
        for company in requests.company_id:
            company_requests = requests.filtered(lambda r, company=company: r.company_id == company)
            employees = self.env["hr.employee"].search([("company_id", "=", company.id)])
            candidates = employees._career_match_candidates()
            index = matching.Index(candidates)
            placed = {(a.staffing_request_id.id, a.employee_id.id) for a in company_requests.assignment_ids}
            for request, position in zip(company_requests, self._positions(company_requests), strict=True):
                size = limit or max(request.quantity * 3, 10)
                ranked = index.rank(position, size + len(request.assignment_ids), weights)
                ranked = [m for m in ranked if (request.id, m.candidate) not in placed][:size]
                results += ranked
        return self._store(results, weights, by_request=True)

    @api.model
    def _match_employees(self, employees, limit=5):
        """The best open positions of their company for each employee, stored."""
        weights = self._weights()
        return self._store(self._rank_for_employees(employees, limit, weights), weights, by_request=False)

    @api.model
    def _rank_for_employees(self, employees, limit=5, weights=None):
        """[engine Match]: the best open positions of their company for each employee.

        Reads only, stores nothing (the portal shows it on GET).
        """
        weights = weights or self._weights()
        requests = self.env["retention.staffing.request"].search(
            [("state", "in", OPEN_STATES), ("company_id", "in", employees.company_id.ids)]
        )
        positions = dict(zip(requests, self._positions(requests), strict=True))
        candidates = dict(zip(employees, employees._career_match_candidates(), strict=True))
        placed = {(a.staffing_request_id.id, a.employee_id.id) for a in requests.assignment_ids}
        results = []
        for employee in employees:
            own = [
                position
                for request, position in positions.items()
                if request.company_id == employee.company_id and (request.id, employee.id) not in placed
            ]
            results += matching.rank_positions(candidates[employee], own, limit, weights)
        return results

    @api.model
    def _store(self, results, weights, by_request):
        """Create or refresh the matches; proposals no longer ranked for a request are removed."""
        now = fields.Datetime.now()
        requests = self.env["retention.staffing.request"].browse({m.position for m in results})
        employees = self.env["hr.employee"].browse({m.candidate for m in results})
        domain = (
            [("request_id", "in", requests.ids)] if by_request else [("employee_id", "in", employees.ids)]
        )
        existing = {(m.request_id.id, m.employee_id.id): m for m in self.search(domain)}
        explanations = self._explain(results)
        ranks, kept, vals_list = {}, self.browse(), []
        for match in sorted(results, key=lambda m: (str(m.position), m.sort_key())):
            key = (match.position, match.candidate)
            ranks[match.position] = ranks.get(match.position, 0) + 1
            vals = {
                "rank": ranks[match.position],
                "score": match.score,
                "readiness": match.readiness,
                "eligible": match.eligible,
                "same_city": match.same_city,
                "preference": match.preference * 100,
                "explanation": explanations[key],
                "scoring_version": weights.version,
                "date_computed": now,
            }
            if key in existing:
                existing[key].write(vals)
                kept |= existing[key]
            else:
                vals_list.append({"request_id": match.position, "employee_id": match.candidate, **vals})
        stale = self.browse([m.id for m in existing.values()]) - kept
        stale.filtered(lambda m: m.state == "proposed").unlink()
        return kept | self.create(vals_list)

    @api.model
    def _explain(self, results):
        """{(request id, employee id): the match in words}, in the user's language."""
        _ = self.env._
        skills = self.env["hr.skill"].browse({s for m in results for s, _r, _a in m.matched + m.missing})
        names = {skill.id: skill.name for skill in skills}
        kinds = self.env["career.certificate.type"].browse(
            {k for m in results for k in m.missing_certificates}
        )
        kind_names = {kind.id: kind.name for kind in kinds}
        explanations = {}
        for match in results:
            lines = [
                _(
                    "Score %(score)s of 100: skill readiness %(readiness)s %%, same city: %(city)s, "
                    "preferences met: %(preference)s %%.",
                    score=match.score,
                    readiness=match.readiness,
                    city=_("yes") if match.same_city else _("no"),
                    preference=round(match.preference * 100),
                )
            ]
            lines += [
                _(
                    "- met: %(skill)s, level %(actual)s %% for %(required)s %%",
                    skill=names[s],
                    actual=a,
                    required=r,
                )
                for s, r, a in match.matched
            ]
            lines += [
                _(
                    "- missing: %(skill)s, level %(actual)s %% for %(required)s %%",
                    skill=names[s],
                    actual=a,
                    required=r,
                )
                for s, r, a in match.missing
            ]
            lines += [
                _("- missing certificate: %(certificate)s", certificate=kind_names[k])
                for k in match.missing_certificates
            ]
            explanations[match.position, match.candidate] = "\n".join(lines)
        return explanations

    # ------------------------------------------------------------------ actions
    def action_confirm(self):
        """HR confirms the match into a transfer (转岗) to be approved by a career manager.

        A dispatched worker is never re-dispatched by the client (Labour Contract Law art. 62): the
        provider ends the current assignment and creates a new one when the transfer takes effect.
        """
        if self.env.user.share or not self.env.user.has_group("hr.group_hr_user"):
            raise UserError(self.env._("Only the provider's HR officers confirm a match into a transfer."))
        for match in self:
            if match.state not in ("proposed", "interested"):
                raise UserError(
                    self.env._(
                        "The match of %(employee)s is already decided.", employee=match.employee_id.name
                    )
                )
            if match.request_id.state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "The staffing request %(request)s is no longer open.", request=match.request_id.name
                    )
                )
        promotions = self.env["career.promotion"].create(
            [
                {
                    "employee_id": match.employee_id.id,
                    "kind": "transfer",
                    "staffing_request_id": match.request_id.id,
                    "track_id": match.request_id.career_track_id.id,
                    "readiness": match.readiness,
                    "readiness_breakdown": match.explanation,
                }
                for match in self
            ]
        )
        for match, promotion in zip(self, promotions, strict=True):
            match.write({"state": "confirmed", "promotion_id": promotion.id})
        return promotions

    def action_dismiss(self):
        if any(match.state == "confirmed" for match in self):
            raise UserError(self.env._("A confirmed match is followed through its transfer."))
        self.write({"state": "dismissed"})

    # ------------------------------------------------------------------ the employee's side
    @api.model
    def _portal_positions(self, employee, limit=PORTAL_LIMIT):
        """The open positions shown to ``employee`` on /my/career, best first.

        The engine's reverse ranking for this one person (nothing is stored), and the open
        positions they already said they are interested in. Only the position's own facts and
        this person's gaps leave this method: nothing of any other employee.
        Returns ([dict], {request id: engine match}).
        """
        employee.ensure_one()
        weights = self._weights()
        ranked = {m.position: m for m in self._rank_for_employees(employee, limit, weights)}
        own = self.search(
            [
                ("employee_id", "=", employee.id),
                ("request_id.state", "in", OPEN_STATES),
                ("state", "in", ("interested", "confirmed", "dismissed")),
            ]
        )
        # A position HR dismissed for this person is not offered again.
        dismissed = own.filtered(lambda m: m.state == "dismissed")
        own -= dismissed
        request_ids = [r for r in ranked if r not in dismissed.request_id.ids]
        request_ids += [r for r in own.request_id.ids if r not in ranked]
        requests = self.env["retention.staffing.request"].browse(request_ids)
        states = {match.request_id.id: match.state for match in own}
        labels = dict(self._fields["state"]._description_selection(self.env))
        skills = self.env["hr.skill"].browse({s for m in ranked.values() for s, _r, _a in m.missing})
        kinds = self.env["career.certificate.type"].browse(
            {k for m in ranked.values() for k in m.missing_certificates}
        )
        skill_names = {skill.id: skill.name for skill in skills}
        kind_names = {kind.id: kind.name for kind in kinds}
        positions = []
        for request in requests:
            result = ranked.get(request.id)
            match = own.filtered(lambda m, request=request: m.request_id == request)[:1]
            positions.append(
                {
                    "request_id": request.id,
                    "site": request.site_id.name,
                    "client": request.client_id.name,
                    # A request without a job position is named by its reference.
                    "job": request.job_id.name or request.name or "",
                    "city": request.city or "",
                    "shift": request.shift or "",
                    "date_start": request.date_start,
                    "readiness": result.readiness if result else match.readiness,
                    "eligible": result.eligible if result else match.eligible,
                    "missing": [skill_names[s] for s, _r, _a in result.missing] if result else [],
                    "missing_certificates": (
                        [kind_names[k] for k in result.missing_certificates] if result else []
                    ),
                    "state": states.get(request.id, False),
                    "state_label": labels.get(states.get(request.id), ""),
                }
            )
        return positions, ranked

    @api.model
    def _express_interest(self, employee, request_id):
        """``employee`` says they are interested in the open position ``request_id``.

        Only a position the employee is shown (their own ranking, or one they already chose) and
        still open is accepted; a second submission changes nothing. The HR side is told after
        the write: a note on the staffing request and a to-do for the site's regional manager.
        Returns (match, changed).
        """
        employee.ensure_one()
        _ = self.env._
        Request = self.env["retention.staffing.request"]
        staffing_request = Request.browse(request_id).exists() if isinstance(request_id, int) else Request
        if staffing_request and staffing_request.state not in OPEN_STATES:
            raise UserError(_("This position is no longer open."))
        if self.search_count(
            [
                ("request_id", "=", staffing_request.id),
                ("employee_id", "=", employee.id),
                ("state", "=", "dismissed"),
            ]
        ):
            raise UserError(_("HR has already decided on this position for you."))
        positions, ranked = self._portal_positions(employee)
        if not staffing_request or staffing_request.id not in {p["request_id"] for p in positions}:
            raise UserError(_("This position is not among the open positions offered to you."))
        # Row lock on an existing match: two submissions at once change it once.
        self.env.cr.execute(
            SQL(
                "SELECT id FROM career_match WHERE request_id = %s AND employee_id = %s FOR NO KEY UPDATE",
                staffing_request.id,
                employee.id,
            )
        )
        row = self.env.cr.fetchone()
        match = self.browse(row[0]) if row else self.browse()
        if match:
            match.invalidate_recordset(["state"])
            if match.state in ("interested", "confirmed"):
                return match, False
            if match.state == "dismissed":  # dismissed since the check above
                raise UserError(_("HR has already decided on this position for you."))
            match.write({"state": "interested"})
        else:
            result = ranked[staffing_request.id]
            weights = self._weights()
            vals = {
                "request_id": staffing_request.id,
                "employee_id": employee.id,
                "score": result.score,
                "readiness": result.readiness,
                "eligible": result.eligible,
                "same_city": result.same_city,
                "preference": result.preference * 100,
                "explanation": self._explain([result])[staffing_request.id, employee.id],
                "scoring_version": weights.version,
                "date_computed": fields.Datetime.now(),
                "state": "interested",
            }
            try:
                with self.env.cr.savepoint():
                    match = self.create(vals)
            except IntegrityError:
                # The other submission created it first: it is interested already.
                match = self.search(
                    [("request_id", "=", staffing_request.id), ("employee_id", "=", employee.id)]
                )
                return match, False
        match._notify_interest()
        return match, True

    def _notify_interest(self):
        for match in self:
            staffing_request = match.request_id
            body = self.env._(
                "%(employee)s is interested in this position (readiness %(readiness)s %%).",
                employee=match.employee_id.name,
                readiness=match.readiness,
            )
            staffing_request.message_post(body=body, subtype_xmlid="mail.mt_note")
            manager = staffing_request.site_id.regional_manager_id
            if manager:
                staffing_request.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=fields.Date.context_today(self),
                    summary=self.env._("Interested: %(employee)s", employee=match.employee_id.name),
                    note=body,
                    user_id=manager.id,
                )
