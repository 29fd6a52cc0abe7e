from datetime import date

from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, ValidationError
from odoo.http import request


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
                "firm_cases": cases.filtered(lambda c: c.requester_user_id != user),
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

    @http.route(["/my/legal/<int:case_id>"], type="http", auth="user", website=True)
    def portal_legal_case(self, case_id, submitted=None, **kw):
        case = request.env["legal.case"].browse(case_id).exists()
        try:
            case.check_access("read")
        except AccessError:
            raise request.not_found() from None
        if not case:
            raise request.not_found()
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
                    }
                    for item in case.claim_ids
                ],
                "submitted": submitted,
                "is_lawyer": is_lawyer,
                "can_rate": case.stage == "closed" and case.requester_user_id == request.env.user,
                "ratings": case._fields["rating"]._description_selection(request.env),
                "stages": case._fields["stage"]._description_selection(request.env),
                "event_kinds": request.env["legal.case.event"]
                ._fields["kind"]
                ._description_selection(request.env),
                "error": kw.get("error"),
            }
        )
        return request.render("legal_aid.portal_legal_case", values)

    def _legal_is_lawyer(self, case):
        """Is the logged-in user a lawyer of the firm assigned to ``case`` (already access-checked)."""
        # sudo: reads the lawyers of the case's own firm, to compare with the logged-in user.
        return request.env.user in case.sudo().firm_id.lawyer_ids

    @http.route(["/my/legal/<int:case_id>/update"], type="http", auth="user", methods=["POST"], website=True)
    def portal_legal_update(self, case_id, stage=None, event_kind=None, event_day=None, note="", **kw):
        env = request.env
        case = env["legal.case"].browse(case_id).exists()
        try:
            case.check_access("read")
        except AccessError:
            raise request.not_found() from None
        if not case or not self._legal_is_lawyer(case):
            raise request.not_found()
        stages = dict(case._fields["stage"]._description_selection(env))
        kinds = dict(env["legal.case.event"]._fields["kind"]._description_selection(env))
        try:
            # sudo: lawyers have read-only ORM rights (also over XML-RPC); here a lawyer of the
            # case's own firm (checked above) moves the stage or records a limitation event,
            # whitelisted values only, under the models' constraints.
            with env.cr.savepoint():
                if stage and stage != case.stage and stage in stages and stage != "closed":
                    case.sudo().write({"stage": stage, "lawyer_id": case.lawyer_id.id or env.user.id})
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
            message = exc.args[0] if isinstance(exc, ValidationError) else env._("The date is not valid.")
            return self.portal_legal_case(case_id, error=message)
        return request.redirect(f"/my/legal/{case.id}")

    @http.route(["/my/legal/<int:case_id>/rate"], type="http", auth="user", methods=["POST"], website=True)
    def portal_legal_rate(self, case_id, rating=None, **kw):
        env = request.env
        case = env["legal.case"].browse(case_id).exists()
        try:
            case.check_access("read")
        except AccessError:
            raise request.not_found() from None
        if not case or case.requester_user_id != env.user:
            raise request.not_found()
        ratings = dict(case._fields["rating"]._description_selection(env))
        if case.stage == "closed" and rating in ratings:
            # sudo: the employee has read-only ORM rights; here the employee who asked
            # (checked above) rates the help on the closed case, a whitelisted value.
            case.sudo().rating = rating
        return request.redirect(f"/my/legal/{case.id}")
