from datetime import date

from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

MAX_FILES = 5
MAX_FILE_SIZE = 10 * 1024 * 1024


class LegalAidPortal(CustomerPortal):
    def _legal_cases(self):
        """The cases the logged-in user may read, with the user's own rights (record rules)."""
        return request.env["legal.case"].search([])

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "legal_case_count" in counters:
            values["legal_case_count"] = request.env["legal.case"].search_count([])
        return values

    @http.route(["/my/legal"], type="http", auth="user", website=True)
    def portal_my_legal(self, **kw):
        user = request.env.user
        cases = self._legal_cases()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "legal_cases",
                "own_cases": cases.filtered(lambda c: c.requester_user_id == user),
                "firm_cases": request.env["legal.case"].search([("firm_id.lawyer_ids", "in", [user.id])]),
                "stages": dict(cases._fields["stage"]._description_selection(request.env)),
            }
        )
        return request.render("legal_aid.portal_my_legal", values)

    def _legal_form_values(self, error=None, form=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "legal_new",
                "categories": request.env["legal.case.category"].search([]),
                "error": error,
                "form": form or {},
            }
        )
        return values

    @http.route(["/my/legal/new"], type="http", auth="user", methods=["GET"], website=True)
    def portal_legal_new(self, **kw):
        return request.render("legal_aid.portal_legal_new", self._legal_form_values())

    @http.route(["/my/legal/new"], type="http", auth="user", methods=["POST"], website=True)
    def portal_legal_submit(self, category_id=None, facts="", known_on="", pseudonym="", **kw):
        form = {"category_id": category_id, "facts": facts, "known_on": known_on, "pseudonym": pseudonym}
        env = request.env
        try:
            category = env["legal.case.category"].browse(int(category_id or 0)).exists()
            day = date.fromisoformat(known_on)
        except ValueError:
            category, day = None, None
        if not category or not day or not facts.strip():
            error = env._("Choose a category, say what happened and when you learned of it.")
            return request.render("legal_aid.portal_legal_new", self._legal_form_values(error, form))
        # sudo: portal users may not create cases through the ORM (nor over XML-RPC). Only
        # these whitelisted values are written, the requester is the logged-in user and the
        # employee is the one linked to that user; nothing is read back but the new id.
        employee = env["hr.employee"].sudo().search([("user_id", "=", env.user.id)], limit=1)
        vals = {
            "category_id": category.id,
            "facts": facts.strip()[:5000],
            "known_on": day,
            "pseudonym": (pseudonym or "").strip()[:64] or False,
            "requester_user_id": env.user.id,
            "employee_id": employee.id or False,
            "company_id": (employee.company_id or env.user.company_id).id,
            "contact_name": False if employee else env.user.name,
        }
        try:
            with env.cr.savepoint():
                case = env["legal.case"].sudo().create(vals)
        except ValidationError as exc:
            return request.render("legal_aid.portal_legal_new", self._legal_form_values(exc.args[0], form))
        return request.redirect(f"/my/legal/{case.id}?submitted=1")

    def _legal_case_or_404(self, case_id):
        """The case ``case_id`` if the logged-in user may read it (record rules), else 404."""
        case = request.env["legal.case"].browse(case_id).exists()
        try:
            case.check_access("read")
        except AccessError:
            raise request.not_found() from None
        if not case:
            raise request.not_found()
        return case

    def _legal_messages(self, case):
        """The conversation of ``case`` (already access-checked): comments, never internal notes."""
        comment = request.env.ref("mail.mt_comment")
        # sudo: portal users cannot read mail.message of the case; only its public
        # comments (not the coordinators' internal notes) are shown to its own parties.
        return (
            case.sudo()
            .message_ids.filtered(
                lambda m: m.message_type == "comment" and m.subtype_id == comment and not m.is_internal
            )
            .sorted("id")
        )

    def _legal_documents(self, case):
        """The documents attached to ``case`` (already access-checked), oldest first."""
        # sudo: portal users cannot read ir.attachment of the case; only the case's own
        # documents are listed, and downloaded through _legal_case_or_404 again.
        return (
            request.env["ir.attachment"]
            .sudo()
            .search([("res_model", "=", "legal.case"), ("res_id", "=", case.id)], order="id")
        )

    @http.route(["/my/legal/<int:case_id>"], type="http", auth="user", website=True)
    def portal_legal_case(self, case_id, submitted=None, **kw):
        case = self._legal_case_or_404(case_id)
        is_lawyer = self._legal_is_lawyer(case)
        values = self._prepare_portal_layout_values()
        bases = dict(case.claim_ids._fields["deadline_basis"]._description_selection(request.env))
        values.update(
            {
                "page_name": "legal_case",
                "case": case,
                # sudo: the firm's name only, of a case the user may read (checked above).
                "firm_name": case.sudo().firm_id.name,
                "stage_label": dict(case._fields["stage"]._description_selection(request.env))[case.stage],
                "claims": [
                    {
                        "name": item.claim_type_id.name,
                        "deadline": item.deadline,
                        "days_left": item.days_left,
                        "basis": bases.get(item.deadline_basis, ""),
                        "warning": item.calendar_warning,
                    }
                    for item in case.claim_ids
                ],
                "submitted": submitted,
                "is_lawyer": is_lawyer,
                "is_requester": case.requester_user_id == request.env.user,
                "can_rate": case.stage == "closed" and case.requester_user_id == request.env.user,
                "ratings": case._fields["rating"]._description_selection(request.env),
                "stages": case._fields["stage"]._description_selection(request.env),
                "outcomes": case._fields["outcome"]._description_selection(request.env),
                "event_kinds": request.env["legal.case.event"]
                ._fields["kind"]
                ._description_selection(request.env),
                "messages": self._legal_messages(case),
                "documents": self._legal_documents(case),
                "error": kw.get("error"),
                "form": kw.get("form") or {},
            }
        )
        return request.render("legal_aid.portal_legal_case", values)

    def _legal_is_lawyer(self, case):
        """Is the logged-in user a lawyer of the firm assigned to ``case`` (already access-checked)."""
        # sudo: reads the lawyers of the case's own firm, to compare with the logged-in user.
        return request.env.user in case.sudo().firm_id.lawyer_ids

    @http.route(["/my/legal/cases"], type="http", auth="user", website=True)
    def portal_legal_firm_cases(self, **kw):
        """The firm portal: the cases assigned to the logged-in lawyer's firm, to answer first."""
        user = request.env.user
        # Record rules already restrict portal users to their firm's cases and their own
        # requests; the domain keeps the firm's.
        cases = request.env["legal.case"].search(
            [("firm_id.lawyer_ids", "in", [user.id])], order="firm_response desc, next_deadline, id desc"
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "legal_firm_cases",
                "cases": cases,
                "stages": dict(
                    request.env["legal.case"]._fields["stage"]._description_selection(request.env)
                ),
            }
        )
        return request.render("legal_aid.portal_legal_firm_cases", values)

    @http.route(["/my/legal/<int:case_id>/respond"], type="http", auth="user", methods=["POST"], website=True)
    def portal_legal_respond(self, case_id, decision=None, reason="", **kw):
        env = request.env
        case = self._legal_case_or_404(case_id)
        if not self._legal_is_lawyer(case) or decision not in ("accept", "decline"):
            raise request.not_found()
        try:
            # sudo: a lawyer has read-only ORM rights; here a lawyer of the case's own firm
            # (checked above) accepts or declines it, nothing else is written.
            with env.cr.savepoint():
                case.sudo()._legal_firm_answer(env.user, decision == "accept", reason)
        except UserError as exc:
            return self.portal_legal_case(case_id, error=exc.args[0])
        if decision == "decline":
            return request.redirect("/my/legal/cases")
        return request.redirect(f"/my/legal/{case.id}")

    def _legal_amount(self, value):
        """A non-negative amount from a form field, or None when empty; ValueError otherwise."""
        value = (value or "").strip()
        if not value:
            return None
        amount = float(value)
        if amount < 0 or amount != amount or amount in (float("inf"), float("-inf")):
            raise ValueError(value)
        return amount

    @http.route(["/my/legal/<int:case_id>/update"], type="http", auth="user", methods=["POST"], website=True)
    def portal_legal_update(self, case_id, stage=None, event_kind=None, event_day=None, note="", **kw):
        env = request.env
        case = self._legal_case_or_404(case_id)
        if not self._legal_is_lawyer(case):
            raise request.not_found()
        if case.firm_response != "accepted":
            return self.portal_legal_case(case_id, error=env._("Accept the case before updating it."))
        stages = dict(case._fields["stage"]._description_selection(env))
        kinds = dict(env["legal.case.event"]._fields["kind"]._description_selection(env))
        outcomes = dict(case._fields["outcome"]._description_selection(env))
        form = dict(kw, stage=stage, event_kind=event_kind, event_day=event_day, note=note)
        try:
            vals = {}
            if stage and stage != case.stage and stage in stages:
                vals["stage"] = stage
            if kw.get("outcome") in outcomes:
                vals["outcome"] = kw["outcome"]
            for name in ("amount_awarded", "amount_recovered"):
                amount = self._legal_amount(kw.get(name))
                if amount is not None:
                    vals[name] = amount
            if (kw.get("recovery_note") or "").strip():
                vals["recovery_note"] = kw["recovery_note"].strip()[:2000]
            # sudo: lawyers have read-only ORM rights (also over XML-RPC); here a lawyer of the
            # case's own firm who accepted it (checked above) moves the stage, closes it with
            # its outcome or records a limitation event: whitelisted values only, under the
            # models' constraints, all or nothing.
            with env.cr.savepoint():
                if vals:
                    case.sudo().write(vals)
                if event_kind in kinds and event_day:
                    env["legal.case.event"].sudo().create(
                        {
                            "case_id": case.id,
                            "kind": event_kind,
                            "day": date.fromisoformat(event_day),
                            "note": (note or "").strip()[:2000] or False,
                        }
                    )
        except (ValidationError, ValueError) as exc:
            message = (
                exc.args[0] if isinstance(exc, ValidationError) else env._("A date or amount is not valid.")
            )
            return self.portal_legal_case(case_id, error=message, form=form)
        return request.redirect(f"/my/legal/{case.id}")

    @http.route(["/my/legal/<int:case_id>/message"], type="http", auth="user", methods=["POST"], website=True)
    def portal_legal_message(self, case_id, body="", **kw):
        """The employee and the firm's lawyers write to each other, with documents."""
        env = request.env
        case = self._legal_case_or_404(case_id)
        if case.requester_user_id != env.user and not self._legal_is_lawyer(case):
            raise request.not_found()
        body = (body or "").strip()[:5000]
        files = [f for f in request.httprequest.files.getlist("attachments") if f.filename]
        if not body and not files:
            return self.portal_legal_case(case_id, error=env._("Write a message or choose a document."))
        uploads = []
        for upload in files[:MAX_FILES]:
            content = upload.read(MAX_FILE_SIZE + 1)
            if len(content) > MAX_FILE_SIZE:
                return self.portal_legal_case(
                    case_id, error=env._("A document may be 10 MB at most: %(name)s", name=upload.filename)
                )
            uploads.append((upload.filename[:255], content))
        # sudo: a party of the case (checked above) posts on it as themselves (portal users
        # may not post on a record they only read); the documents are attached to this
        # case only, and the message goes to its followers, who are its parties
        # (legal.case keeps them so).
        with env.cr.savepoint():
            case.sudo().message_post(
                body=body or env._("Document added."),
                author_id=env.user.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                attachments=uploads,
            )
        return request.redirect(f"/my/legal/{case.id}#messages")

    @http.route(["/my/legal/<int:case_id>/document/<int:document_id>"], type="http", auth="user")
    def portal_legal_document(self, case_id, document_id, **kw):
        case = self._legal_case_or_404(case_id)
        document = self._legal_documents(case).filtered(lambda a: a.id == document_id)
        if not document:
            raise request.not_found()
        return request.env["ir.binary"]._get_stream_from(document).get_response(as_attachment=True)

    @http.route(["/my/legal/<int:case_id>/rate"], type="http", auth="user", methods=["POST"], website=True)
    def portal_legal_rate(self, case_id, rating=None, **kw):
        env = request.env
        case = self._legal_case_or_404(case_id)
        if case.requester_user_id != env.user:
            raise request.not_found()
        ratings = dict(case._fields["rating"]._description_selection(env))
        if case.stage == "closed" and rating in ratings:
            # sudo: the employee has read-only ORM rights; here the employee who asked
            # (checked above) rates the help on the closed case, a whitelisted value.
            case.sudo().rating = rating
        return request.redirect(f"/my/legal/{case.id}")
