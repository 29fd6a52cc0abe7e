from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..engine import deadlines as deadline_engine
from ..engine import matching
from .legal_law_firm import OPEN_STAGES

STAGES = [
    ("request", "Request"),
    ("consultation", "Consultation"),
    ("mediation", "Mediation"),
    ("arbitration", "Arbitration"),
    ("first_instance", "First Instance"),
    ("second_instance", "Second Instance"),
    ("closed", "Closed"),
]
LAWSUIT_STAGES = ("first_instance", "second_instance")
COORDINATOR_GROUP = "legal_aid.group_legal_aid_coordinator"


class LegalCase(models.Model):
    """A labour-dispute case, behind a Chinese wall.

    Only the coordinators (the one assigned, or all of them while nobody is),
    the assigned firm's lawyers and the employee who asked may read it: see
    security/legal_aid_rules.xml. Followers are kept to these people, so that no
    mail about the case reaches anyone else.
    """

    _name = "legal.case"
    _description = "Legal Aid Case"
    _inherit = ["mail.thread"]
    _order = "date_request desc, id desc"
    _check_company_auto = True

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default=lambda self: self.env._("New")
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    employee_id = fields.Many2one("hr.employee", check_company=True, index=True)
    requester_user_id = fields.Many2one(
        "res.users",
        string="Requested By",
        index=True,
        help="The user who asked for help; the employee's own user when left empty.",
    )
    pseudonym = fields.Char(
        help="The name shown instead of the employee's wherever staff outside the case may look."
    )
    contact_name = fields.Char(help="For anonymous requests (hotline): how to reach the person.")
    contact_phone = fields.Char()
    category_id = fields.Many2one("legal.case.category", required=True)
    facts = fields.Text(string="What Happened", help="The facts in the employee's words.")
    opposing_party_type = fields.Selection(
        [
            ("client", "A client company"),
            ("provider", "The provider itself"),
            ("third_party", "A third party"),
        ],
        string="Opposing Party",
        required=True,
        default="client",
    )
    opposing_partner_id = fields.Many2one("res.partner", string="Opposing Party Name")
    conflict_of_interest = fields.Boolean(
        compute="_compute_conflict_of_interest",
        store=True,
        help="The provider or one of its clients is the other side (art. 22 in dispatch disputes): "
        "the case goes to a firm with no engagement for that party, with the employee's consent.",
    )
    consent_date = fields.Date(string="Informed Consent On")
    known_on = fields.Date(
        required=True,
        help="The day the employee knew or should have known of the infringement (art. 27).",
    )
    employment_ended_on = fields.Date(help="Starts the limitation of wages owed during the employment.")
    stage = fields.Selection(STAGES, required=True, default="request", tracking=True, index=True)
    arbitration_reached = fields.Boolean(
        readonly=True,
        copy=False,
        help="The case has been to arbitration, which must precede a lawsuit (art. 5).",
    )
    outcome = fields.Selection(
        [
            ("won", "Won"),
            ("partly_won", "Partly won"),
            ("lost", "Lost"),
            ("settled", "Settled"),
            ("withdrawn", "Withdrawn"),
        ],
        tracking=True,
    )
    claim_ids = fields.One2many("legal.claim.item", "case_id", string="Claims")
    event_ids = fields.One2many("legal.case.event", "case_id", string="Events")
    amount_claimed = fields.Monetary(compute="_compute_amount_claimed", store=True)
    amount_awarded = fields.Monetary()
    amount_recovered = fields.Monetary()
    recovery_note = fields.Text(
        help="Why more was recovered than awarded (interest, settlement on appeal...)."
    )
    rating = fields.Selection(
        [("1", "Very poor"), ("2", "Poor"), ("3", "Fair"), ("4", "Good"), ("5", "Excellent")],
        string="Employee's Rating",
    )
    firm_id = fields.Many2one(
        "legal.law.firm", string="Law Firm", tracking=True, check_company=True, index=True
    )
    lawyer_id = fields.Many2one("res.users", domain="[('id', 'in', firm_lawyer_ids)]", tracking=True)
    firm_lawyer_ids = fields.Many2many(related="firm_id.lawyer_ids")
    coordinator_id = fields.Many2one(
        "res.users",
        domain=lambda self: [("groups_id", "in", self.env.ref(COORDINATOR_GROUP).id)],
        tracking=True,
        index=True,
    )
    date_request = fields.Datetime(
        string="Requested On", required=True, default=fields.Datetime.now, readonly=True
    )
    date_first_response = fields.Datetime(string="First Response On", readonly=True, copy=False)
    date_closed = fields.Date(string="Closed On", readonly=True, copy=False)
    next_deadline = fields.Date(compute="_compute_next_deadline", store=True, index=True)
    award_received_on = fields.Date(help="The day the employee received the arbitral award.")
    local_minimum_wage = fields.Monetary(
        string="Local Monthly Minimum Wage",
        help="Decides whether the award is final for the employer (art. 47: claims of at most "
        "twelve months of it).",
    )
    award_final_for_employer = fields.Boolean(compute="_compute_appeal_window")
    appeal_window = fields.Text(
        compute="_compute_appeal_window",
        help="Who may challenge the award, how and by when (art. 48-50). Advice: the lawyer confirms it.",
    )
    performance_city = fields.Char(
        string="City of Work",
        compute="_compute_performance_place",
        store=True,
        readonly=False,
        help="Where the labour contract is performed (art. 21): the employee's current site by default.",
    )
    performance_state_id = fields.Many2one(
        "res.country.state",
        string="Province of Work",
        compute="_compute_performance_place",
        store=True,
        readonly=False,
    )
    site_id = fields.Many2one(
        "retention.client.site",
        string="Client Site",
        compute="_compute_performance_place",
        store=True,
        readonly=False,
        help="Where the employee works: counted in the anonymous results by site and client.",
    )
    client_id = fields.Many2one(related="site_id.client_id", store=True, string="Client")
    suggested_firm_ids = fields.Many2many(
        "legal.law.firm",
        string="Suggested Firms",
        compute="_compute_suggested_firm_ids",
        help="Firms serving the place of work or the employer's domicile (art. 21), handling this "
        "category, with room and no engagement for the other side; least loaded first.",
    )
    access_log_ids = fields.One2many(
        "legal.case.access.log", "case_id", readonly=True, groups="legal_aid.group_legal_aid_coordinator"
    )

    # ------------------------------------------------------------------ computes

    @api.depends("opposing_party_type")
    def _compute_conflict_of_interest(self):
        for case in self:
            case.conflict_of_interest = case.opposing_party_type in ("client", "provider")

    @api.depends("award_received_on", "local_minimum_wage", "amount_claimed")
    def _compute_appeal_window(self):
        labels = {
            ("employee", "lawsuit"): self.env._("The employee may sue by %(day)s (%(article)s)."),
            ("employer", "lawsuit"): self.env._("The employer may sue by %(day)s (%(article)s)."),
            ("employer", "set_aside"): self.env._(
                "The award is final for the employer, who may only apply to set it aside by %(day)s "
                "(%(article)s)."
            ),
        }
        holidays, workdays = self.env["legal.calendar.day"]._legal_rest_days()
        for case in self:
            final = bool(
                case.local_minimum_wage > 0
                and deadline_engine.award_is_final_for_employer(case.amount_claimed, case.local_minimum_wage)
            )
            case.award_final_for_employer = final
            if not case.award_received_on:
                case.appeal_window = False
                continue
            windows = deadline_engine.appeal_windows(case.award_received_on, final, holidays, workdays)
            case.appeal_window = "\n".join(
                labels[(party, remedy)] % {"day": day, "article": article}
                for party, remedy, day, article in windows
            )

    @api.depends("employee_id")
    def _compute_performance_place(self):
        for case in self:
            # sudo: coordinators do not read assignments; only the site's city and province
            # are taken, for the choice of the competent place.
            site = case.employee_id.sudo().retention_current_site_id
            case.site_id = site or case.site_id
            case.performance_city = site.city or case.performance_city
            case.performance_state_id = site.state_id or case.performance_state_id

    def _legal_opposing_partner(self):
        self.ensure_one()
        if self.opposing_party_type == "provider":
            return self.opposing_partner_id or self.company_id.partner_id
        return self.opposing_partner_id

    @api.depends(
        "performance_city",
        "performance_state_id",
        "category_id",
        "opposing_party_type",
        "opposing_partner_id",
        "company_id",
        "declined_firm_ids",
    )
    def _compute_suggested_firm_ids(self):
        Firm = self.env["legal.law.firm"]
        firms = Firm.search([("company_id", "in", self.company_id.ids)])
        entries = {
            firm.id: matching.Firm(
                firm.id,
                firm.name,
                matching.parse_cities(firm.cities),
                frozenset(firm.state_ids.ids),
                frozenset(firm.category_ids.ids),
                firm.open_case_count,
                firm.capacity,
                frozenset(firm.engaged_partner_ids.ids),
            )
            for firm in firms
        }
        for case in self:
            opposing = case._legal_opposing_partner()
            places = [
                matching.Place(case.performance_city or "", case.performance_state_id.id or None),
                matching.Place(opposing.city or "", opposing.state_id.id or None),
            ]
            candidates = [
                entries[firm.id]
                for firm in firms
                if firm.company_id == case.company_id and firm not in case.declined_firm_ids
            ]
            ranked = matching.suggest(candidates, places, case.category_id.id or None, opposing.id or None)
            case.suggested_firm_ids = Firm.browse([s.firm.key for s in ranked])

    @api.depends("claim_ids.amount")
    def _compute_amount_claimed(self):
        for case in self:
            case.amount_claimed = sum(case.claim_ids.mapped("amount"))

    @api.depends("claim_ids.deadline", "stage")
    def _compute_next_deadline(self):
        for case in self:
            deadlines = [d for d in case.claim_ids.mapped("deadline") if d]
            case.next_deadline = min(deadlines) if deadlines and case.stage in OPEN_STAGES else False

    # ------------------------------------------------------------------ constraints

    @api.constrains("known_on", "employment_ended_on")
    def _check_known_on(self):
        today = fields.Date.context_today(self)
        for case in self:
            if case.known_on > today:
                raise ValidationError(
                    self.env._(
                        "The day the employee knew of the infringement (%(day)s) cannot be in the future.",
                        day=case.known_on,
                    )
                )
            if case.employment_ended_on and case.employment_ended_on > today:
                raise ValidationError(
                    self.env._(
                        "The employment cannot have ended in the future (%(day)s).",
                        day=case.employment_ended_on,
                    )
                )

    @api.constrains(
        "amount_awarded", "amount_recovered", "recovery_note", "local_minimum_wage", "award_received_on"
    )
    def _check_amounts(self):
        today = fields.Date.context_today(self)
        for case in self:
            if case.local_minimum_wage < 0:
                raise ValidationError(self.env._("The local minimum wage cannot be negative."))
            if case.award_received_on and case.award_received_on > today:
                raise ValidationError(
                    self.env._(
                        "The award cannot have been received in the future (%(day)s).",
                        day=case.award_received_on,
                    )
                )
            if case.amount_awarded < 0 or case.amount_recovered < 0:
                raise ValidationError(
                    self.env._(
                        "Awarded and recovered amounts of %(case)s cannot be negative.", case=case.name
                    )
                )
            if case.amount_recovered > case.amount_awarded and not (case.recovery_note or "").strip():
                raise ValidationError(
                    self.env._(
                        "%(case)s recovered %(recovered)s, more than the %(awarded)s awarded: "
                        "explain why in the recovery note.",
                        case=case.name,
                        recovered=case.amount_recovered,
                        awarded=case.amount_awarded,
                    )
                )

    @api.constrains("stage", "arbitration_reached", "outcome")
    def _check_stage(self):
        for case in self:
            if case.stage in LAWSUIT_STAGES and not case.arbitration_reached:
                raise ValidationError(
                    self.env._(
                        "%(case)s cannot go to court before arbitration: labour disputes must be "
                        "arbitrated first (Labour Dispute Mediation and Arbitration Law, art. 5).",
                        case=case.name,
                    )
                )
            if case.stage == "closed" and not case.outcome:
                raise ValidationError(self.env._("Give the outcome of %(case)s to close it.", case=case.name))
            if case.stage != "closed" and case.outcome:
                raise ValidationError(
                    self.env._("%(case)s has an outcome only once it is closed.", case=case.name)
                )

    @api.constrains("lawyer_id", "firm_id")
    def _check_lawyer_of_firm(self):
        for case in self:
            if case.lawyer_id and case.lawyer_id not in case.firm_id.lawyer_ids:
                raise ValidationError(
                    self.env._(
                        "%(lawyer)s is not a lawyer of the firm assigned to %(case)s.",
                        lawyer=case.lawyer_id.name,
                        case=case.name,
                    )
                )

    @api.constrains("coordinator_id")
    def _check_coordinator(self):
        group = self.env.ref(COORDINATOR_GROUP)
        for case in self:
            if case.coordinator_id and group not in case.coordinator_id.groups_id:
                raise ValidationError(
                    self.env._("%(user)s is not a legal-aid coordinator.", user=case.coordinator_id.name)
                )

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New") or not vals.get("name"):
                vals["name"] = self.env["ir.sequence"].next_by_code("legal.case") or "/"
            if vals.get("stage") == "arbitration":
                vals["arbitration_reached"] = True
            if not vals.get("requester_user_id") and vals.get("employee_id"):
                # sudo: the coordinator may not read hr.employee's private user field; only
                # the id of the employee's own user is taken.
                employee = self.env["hr.employee"].sudo().browse(vals["employee_id"])
                vals["requester_user_id"] = employee.user_id.id
        cases = super().create(vals_list)
        cases._legal_sync_followers()
        return cases

    def write(self, vals):
        if vals.get("stage") == "arbitration":
            vals = dict(vals, arbitration_reached=True)
        if vals.get("stage") == "closed":
            vals = dict(vals, date_closed=fields.Date.context_today(self))
        result = super().write(vals)
        if {"firm_id", "coordinator_id", "requester_user_id", "employee_id"} & vals.keys():
            self._legal_sync_followers()
        return result

    # ------------------------------------------------------------------ the Chinese wall

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields, load)
        # A coordinator's reading is logged for the employee's protection (one row per
        # case, person and day); the parties' own reading and the system's are not.
        if not self.env.su and self.env.user.has_group(COORDINATOR_GROUP) and self.ids:
            self.env["legal.case.access.log"]._log(self.ids, self.env.user)
        return result

    def _legal_allowed_partners(self):
        """Partners who may follow the case: its parties and nobody else."""
        self.ensure_one()
        # sudo: reading the users' partners of the case's own parties only.
        case = self.sudo()
        users = case.requester_user_id | case.coordinator_id | case.firm_id.lawyer_ids
        return users.partner_id

    def _legal_sync_followers(self):
        for case in self:
            allowed = case._legal_allowed_partners()
            followers = case.sudo().message_partner_ids
            stale = followers - allowed
            if stale:
                case.sudo().message_unsubscribe(partner_ids=stale.ids)
            missing = allowed - followers - self.env.ref("base.partner_root")
            if missing:
                case.sudo()._message_subscribe(partner_ids=missing.ids)

    def _legal_check_recipients(self, partner_ids):
        """Refuse to write to anybody outside the case (mentions, direct recipients)."""
        if not partner_ids:
            return
        root = self.env.ref("base.partner_root").id
        for case in self:
            outsiders = set(partner_ids) - set(case._legal_allowed_partners().ids) - {root}
            if outsiders:
                raise AccessError(
                    self.env._(
                        "Messages about the legal-aid case %(case)s may only be sent to the employee, "
                        "the assigned firm's lawyers and the coordinator.",
                        case=case.name,
                    )
                )

    def message_post(self, **kwargs):
        self._legal_check_recipients(kwargs.get("partner_ids"))
        return super().message_post(**kwargs)

    def message_notify(self, **kwargs):
        self._legal_check_recipients(kwargs.get("partner_ids"))
        return super().message_notify(**kwargs)

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        if partner_ids:
            for case in self:
                outsiders = set(partner_ids) - set(case._legal_allowed_partners().ids)
                outsiders.discard(self.env.ref("base.partner_root").id)
                if outsiders:
                    raise AccessError(
                        self.env._(
                            "Only the employee, the assigned firm's lawyers and the coordinator may "
                            "follow the legal-aid case %(case)s.",
                            case=case.name,
                        )
                    )
        return super()._message_subscribe(partner_ids, subtype_ids, customer_ids)

    def _legal_warn_deadline(self, item, days):
        """Tell the lawyer and the coordinator, and them only, that a deadline is near."""
        self.ensure_one()
        recipients = (self.lawyer_id or self.firm_id.lawyer_ids) | self.coordinator_id
        if not recipients:
            return
        body = self.env._(
            "The arbitration deadline of the claim %(claim)s on %(case)s is %(deadline)s, in "
            "%(days)s days. %(basis)s",
            claim=item.claim_type_id.name,
            case=self.name,
            deadline=item.deadline,
            days=days,
            basis=item.legal_basis or "",
        )
        # message_notify reaches the named partners only, never the other followers.
        self.message_notify(
            partner_ids=recipients.partner_id.ids,
            body=body,
            subject=self.env._("Deadline in %(days)s days: %(case)s", days=days, case=self.name),
        )

    # ------------------------------------------------------------------ actions

    def action_take(self):
        """A coordinator takes an unassigned request."""
        self.check_access("write")
        for case in self:
            case.coordinator_id = self.env.user
            if not case.date_first_response:
                case.date_first_response = fields.Datetime.now()
