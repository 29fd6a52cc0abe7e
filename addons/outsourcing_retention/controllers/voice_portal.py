from odoo import http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import ValidationError
from odoo.http import request

PAGE_LIMIT = 50


class VoicePortal(CustomerPortal):
    """/my/voice: the employee writes to HR and reads HR's answers.

    Portal users have no ACL on voice items. Every read is sudo, restricted to the
    logged-in user's own items by ``_own_domain`` (the keyed hash of their user id,
    which finds anonymous items too); only the whitelisted values of ``_item_values``
    and HR's answers (comments, never internal notes) reach the templates.
    """

    @staticmethod
    def _voice_items():
        # sudo: restricted to the logged-in user's own items by the domain.
        Item = request.env["retention.voice.item"].sudo()
        return Item, Item._own_domain(request.env.user)

    @staticmethod
    def _voice_categories():
        # sudo: the active categories' names, in the user's language; nothing else is read.
        return request.env["retention.voice.category"].sudo().search([])

    @staticmethod
    def _is_employee():
        # sudo: whether the logged-in user is an employee, nothing else is read.
        return bool(
            request.env["hr.employee"].sudo().search_count([("user_id", "=", request.env.user.id)], limit=1)
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "voice_item_count" in counters:
            Item, domain = self._voice_items()
            values["voice_item_count"] = Item.search_count(domain) if self._is_employee() else 0
        return values

    @staticmethod
    def _item_values(item):
        states = dict(item._fields["state"]._description_selection(request.env))
        return {
            "id": item.id,
            "name": item.name,
            "category": item.category_id.with_context(lang=request.env.lang).name,
            "text": item.text,
            "anonymous": item.anonymous,
            "date": item.date_submitted,
            "state": item.state,
            "state_label": states.get(item.state),
        }

    def _voice_page(self, error=None, form=None, submitted=False):
        Item, domain = self._voice_items()
        items = Item.search(domain, limit=PAGE_LIMIT)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "voice",
                "items": [self._item_values(item) for item in items],
                "categories": [(c.id, c.name) for c in self._voice_categories()],
                "is_employee": self._is_employee(),
                "error": error,
                "form": form or {},
                "submitted": submitted,
            }
        )
        return request.render("outsourcing_retention.portal_my_voice", values)

    @http.route("/my/voice", type="http", auth="user", website=True, methods=["GET"])
    def portal_my_voice(self, submitted=None, **kw):
        return self._voice_page(submitted=bool(submitted))

    @http.route("/my/voice/submit", type="http", auth="user", website=True, methods=["POST"])
    def portal_voice_submit(self, category_id=None, text=None, anonymous=None, **kw):
        form = {"category_id": category_id, "text": text or "", "anonymous": bool(anonymous)}
        try:
            category = request.env["retention.voice.category"].browse(int(category_id or 0))
        except ValueError:
            category = request.env["retention.voice.category"]
        try:
            # Validation happens before anything is written: on error nothing was saved.
            item = request.env["retention.voice.item"]._retention_submit(
                request.env.user, category, text, anonymous=bool(anonymous)
            )
        except ValidationError as error:
            request.env.cr.rollback()
            return self._voice_page(error=error.args[0], form=form)
        if item.anonymous:
            return request.redirect("/my/voice?submitted=1")
        return request.redirect(f"/my/voice/{item.id}?submitted=1")

    @http.route("/my/voice/<int:item_id>", type="http", auth="user", website=True, methods=["GET"])
    def portal_voice_item(self, item_id, submitted=None, **kw):
        Item, domain = self._voice_items()
        item = Item.search(domain + [("id", "=", item_id)])
        if not item:
            return request.redirect("/my/voice")
        answers = [
            {"author": message.author_id.name, "date": message.date, "body": message.body}
            for message in item._retention_answers()
        ]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "voice_item",
                "item": self._item_values(item),
                "answers": answers,
                "submitted": bool(submitted),
            }
        )
        return request.render("outsourcing_retention.portal_voice_item", values)
