from datetime import timedelta

from odoo import fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

REQUEST_FORM_FIELDS = ("site_id", "job_id", "quantity", "date_start", "shift", "requirements")
INCIDENT_FORM_FIELDS = ("site_id", "category", "severity_id", "name", "description")


class RetentionClientPortal(CustomerPortal):
    """The client HR's page: /my/client (sites, headcount, people, staffing requests).

    Everything goes through the ORM as the logged-in user: the record rules keep a
    client user to their own client's sites and requests, and the people placed come
    from ``retention.client.site.retention_client_people`` (whitelisted values only).
    """

    def _retention_client(self):
        """The logged-in user's outsourcing client, or an empty recordset."""
        return request.env.user._retention_client_partner()

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "retention_client_site_count" in counters:
            values["retention_client_site_count"] = (
                request.env["retention.client.site"].search_count([]) if self._retention_client() else 0
            )
        return values

    def _client_request_values(self, client):
        requests = request.env["retention.staffing.request"].search([("client_id", "=", client.id)])
        states = dict(requests._fields["state"]._description_selection(request.env))
        return requests, states

    def _job_names(self, staffing_requests):
        """{job id: name} of the requests' jobs.

        sudo: client users have no access to hr.job; a job's name is the provider's
        catalogue of positions, not personal data, and nothing else of the job is read.
        """
        return {job.id: job.name for job in staffing_requests.sudo().job_id}

    @http.route(["/my/client"], type="http", auth="user", website=True)
    def portal_my_client(self, message=None, **kw):
        client = self._retention_client()
        if not client:
            return request.redirect("/my")
        Site = request.env["retention.client.site"]
        sites = Site.search([])
        headcount = {}
        for row in Site.retention_headcount():
            headcount[row["site_id"]] = headcount.get(row["site_id"], 0) + row["headcount"]
        requests, states = self._client_request_values(client)
        incidents = request.env["retention.client.incident"].search([("client_id", "=", client.id)], limit=20)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "retention_client",
                # sudo: the user's own company name.
                "client_name": client.sudo().name,
                "job_names": self._job_names(requests),
                "sites": sites,
                "headcount": headcount,
                "people": Site.retention_client_people(),
                "staffing_requests": requests,
                "request_states": states,
                "incidents": incidents,
                "incident_states": dict(incidents._fields["state"]._description_selection(request.env)),
                "message": message,
            }
        )
        return request.render("outsourcing_retention.portal_my_client", values)

    # ------------------------------------------------------------------ incidents

    def _incident_form_page(self, client, form=None, error=None):
        Incident = request.env["retention.client.incident"]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "retention_client_incident_new",
                "client": client,
                "sites": request.env["retention.client.site"].search([]),
                "severities": [
                    (
                        severity.id,
                        request.env._(
                            "%(severity)s (answer within %(minutes)s minutes)",
                            severity=severity.name,
                            minutes=severity.target_minutes,
                        ),
                    )
                    for severity in request.env["retention.incident.severity"].search([])
                ],
                "categories": Incident._fields["category"]._description_selection(request.env),
                "form": dict(form or {}),
                "error": error,
            }
        )
        return request.render("outsourcing_retention.portal_client_incident_new", values)

    @http.route(["/my/client/incidents/new"], type="http", auth="user", website=True)
    def portal_client_incident_new(self, **kw):
        client = self._retention_client()
        if not client:
            return request.redirect("/my")
        return self._incident_form_page(client)

    def _incident_vals_from_form(self, form):
        """Form text to ORM values; the model checks them as for any other caller."""
        Incident = request.env["retention.client.incident"]
        vals = {}
        for name in ("site_id", "severity_id"):
            text = (form.get(name) or "").strip()
            if text:
                try:
                    vals[name] = int(text)
                except ValueError as error:
                    raise ValidationError(
                        request.env._(
                            "%(field)s expects a whole number, not %(value)s.",
                            field=Incident._fields[name].get_description(request.env)["string"],
                            value=text[:60],
                        )
                    ) from error
        for name in ("category", "name", "description"):
            vals[name] = (form.get(name) or "").strip()
        if not vals["category"]:
            del vals["category"]
        return vals

    @http.route(["/my/client/incidents"], type="http", auth="user", methods=["POST"], website=True)
    def portal_client_incident_create(self, **post):
        client = self._retention_client()
        if not client:
            return request.redirect("/my")
        form = {name: post.get(name, "") for name in INCIDENT_FORM_FIELDS}
        try:
            vals = self._incident_vals_from_form(form)
            # A refused incident leaves nothing written: roll back to here.
            with request.env.cr.savepoint():
                request.env["retention.client.incident"].create(vals)
        except (UserError, ValidationError, AccessError) as error:
            return self._incident_form_page(client, form=form, error=error.args[0])
        return request.redirect("/my/client?message=incident")

    # ------------------------------------------------------------------ staffing requests

    def _request_form_page(self, client, form=None, error=None):
        # sudo: the job names are the provider's catalogue of positions, not personal
        # data; client users have no access to hr.job and only id and name are shown.
        jobs = (
            request.env["hr.job"]
            .sudo()
            .search_fetch([("company_id", "in", request.env.user.company_ids.ids + [False])], ["name"])
        )
        form = dict(form or {})
        # Tomorrow by default: the earliest a provider can usually send someone.
        form.setdefault(
            "date_start",
            fields.Date.to_string(fields.Date.context_today(request.env.user) + timedelta(days=1)),
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "retention_client_request_new",
                "client": client,
                "sites": request.env["retention.client.site"].search([]),
                "jobs": jobs,
                "form": form,
                "error": error,
            }
        )
        return request.render("outsourcing_retention.portal_client_request_new", values)

    @http.route(["/my/client/requests/new"], type="http", auth="user", website=True)
    def portal_client_request_new(self, **kw):
        client = self._retention_client()
        if not client:
            return request.redirect("/my")
        return self._request_form_page(client)

    def _request_vals_from_form(self, form):
        """Form text to ORM values; the model checks them as for any other caller."""
        vals = {}
        for name in ("site_id", "job_id", "quantity"):
            text = (form.get(name) or "").strip()
            if text:
                try:
                    vals[name] = int(text)
                except ValueError as error:
                    field = request.env["retention.staffing.request"]._fields[name]
                    raise ValidationError(
                        request.env._(
                            "%(field)s expects a whole number, not %(value)s.",
                            field=field.get_description(request.env)["string"],
                            value=text[:60],
                        )
                    ) from error
        for name in ("date_start", "shift", "requirements"):
            text = (form.get(name) or "").strip()
            if text:
                vals[name] = text
        if "quantity" not in vals:
            vals["quantity"] = 0  # refused with the model's message
        return vals

    @http.route(["/my/client/requests"], type="http", auth="user", methods=["POST"], website=True)
    def portal_client_request_create(self, **post):
        client = self._retention_client()
        if not client:
            return request.redirect("/my")
        form = {name: post.get(name, "") for name in REQUEST_FORM_FIELDS}
        try:
            vals = self._request_vals_from_form(form)
            # A refused request leaves nothing written: roll back to here.
            with request.env.cr.savepoint():
                staffing_request = request.env["retention.staffing.request"].create(vals)
        except (UserError, ValidationError, AccessError) as error:
            return self._request_form_page(client, form=form, error=error.args[0])
        return request.redirect(f"/my/client/requests/{staffing_request.id}?message=created")

    def _client_own_request(self, request_id):
        """The staffing request, if the logged-in client user may read it; else raises."""
        staffing_request = request.env["retention.staffing.request"].browse(request_id).exists()
        if not staffing_request or not self._retention_client():
            raise MissingError(request.env._("This staffing request is not available."))
        staffing_request.check_access("read")
        return staffing_request

    @http.route(["/my/client/requests/<int:request_id>"], type="http", auth="user", website=True)
    def portal_client_request(self, request_id, message=None, error=None, **kw):
        try:
            staffing_request = self._client_own_request(request_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        return self._request_page(staffing_request, message=message)

    def _request_page(self, staffing_request, message=None, error=None):
        people = [
            row
            for row in request.env["retention.client.site"].retention_client_people(
                staffing_request.site_id.ids
            )
            if row["id"] in self._request_assignment_ids(staffing_request)
        ]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "retention_client_request",
                "staffing_request": staffing_request,
                "job_names": self._job_names(staffing_request),
                "state_label": dict(staffing_request._fields["state"]._description_selection(request.env))[
                    staffing_request.state
                ],
                "people": people,
                "message": message,
                "error": error,
            }
        )
        return request.render("outsourcing_retention.portal_client_request", values)

    def _request_assignment_ids(self, staffing_request):
        # sudo: only the ids of the request's own assignments, to pick its people among
        # those retention_client_people already returned for the user's sites.
        return set(staffing_request.sudo().assignment_ids.ids)

    @http.route(
        ["/my/client/requests/<int:request_id>/cancel"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_client_request_cancel(self, request_id, **kw):
        try:
            staffing_request = self._client_own_request(request_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        try:
            with request.env.cr.savepoint():
                staffing_request.action_cancel()
        except (UserError, AccessError) as error:
            return self._request_page(staffing_request, error=error.args[0])
        return request.redirect(f"/my/client/requests/{staffing_request.id}?message=cancelled")
