from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

# Bands in the order the overview shows them.
BAND_ORDER = ("high", "medium", "low", "no_data")
TOP = 8  # rows per "by client" / "by site" table
# Where each filter sits on the models: on the record itself, or through its employee and site.
OWN_PATHS = {"department_id": "department_id", "client_id": "client_id", "site_id": "site_id"}
EMPLOYEE_PATHS = {
    "department_id": "employee_id.department_id",
    "client_id": "site_id.client_id",
    "site_id": "site_id",
}


class RetentionOverview(models.AbstractModel):
    """The figures of the retention overview, the dashboard HR opens first.

    Every figure is read with the user's own rights (record rules included): a
    regional manager sees their own sites, and a block whose data the user may not
    read is left out rather than shown empty. Each figure carries the window action
    (pivot or graph) that explains it, with the same filters.
    """

    _name = "retention.overview"
    _description = "Retention Overview"

    @api.model
    def get_overview(self, department_id=False, client_id=False, site_id=False):
        """The overview's figures for the filters (ids or False), as plain values and actions."""
        if not self.env.user.has_group("outsourcing_retention.group_retention_user"):
            raise AccessError(self.env._("The retention overview is for retention users."))
        filters = {"department_id": department_id, "client_id": client_id, "site_id": site_id}
        for name, value in filters.items():
            if value is not False and (isinstance(value, bool) or not isinstance(value, int)):
                raise ValidationError(self.env._("The filter %(name)s must be an id or false.", name=name))
        today = fields.Date.context_today(self)
        result = {"filters": self._overview_filter_options(), "blocks": {}}
        for name in ("retention", "renewal", "risk", "enps", "alerts", "interventions"):
            block = getattr(self, f"_overview_{name}")(filters, today)
            if block:
                result["blocks"][name] = block
        return result

    # ------------------------------------------------------------------ helpers

    @api.model
    def _overview_readable(self, model):
        return model in self.env and self.env[model].has_access("read")

    @api.model
    def _overview_domain(self, filters, paths):
        """The filters as a domain; ``paths`` maps a filter to the model's field path (None: not filtered)."""
        domain = []
        for name, value in filters.items():
            path = paths.get(name)
            if value and path:
                domain.append((path, "=", value))
        return domain

    @api.model
    def _overview_action(self, xml_id, domain, view_mode, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        modes = view_mode.split(",")
        action.update(
            domain=domain,
            view_mode=view_mode,
            views=[(False, mode) for mode in modes],
            context=dict(context or {}),
            target="current",
        )
        return action

    @api.model
    def _overview_rate_by(self, model, domain, groupby, measure, limit=TOP):
        """[(name, rate, count)] per ``groupby`` value, lowest rate first."""
        groups = self.env[model]._read_group(
            domain + [(groupby, "!=", False)], [groupby], [f"{measure}:avg", "__count"]
        )
        rows = [(record.display_name, round(rate or 0.0, 1), count) for record, rate, count in groups]
        return sorted(rows, key=lambda row: (row[1], row[0]))[:limit]

    @api.model
    def _overview_figure(self, value):
        """A figure for the page: False when hidden or missing (None or False), never 0 for those."""
        return False if value is None or value is False else value

    @api.model
    def _overview_filter_options(self):
        def options(model, domain=None):
            if not self._overview_readable(model):
                return []
            records = self.env[model].search_fetch(domain or [], ["display_name"], limit=200)
            return [(record.id, record.display_name) for record in records]

        return {
            "department_id": options("hr.department"),
            "client_id": options("res.partner", [("is_outsourcing_client", "=", True)]),
            "site_id": options("retention.client.site"),
        }

    # ------------------------------------------------------------------ blocks

    @api.model
    def _overview_retention(self, filters, today):
        model = "retention.retention.report"
        if not self._overview_readable(model):
            return None
        domain = self._overview_domain(filters, OWN_PATHS)
        return self._overview_rate_block(
            model, domain, "retention_rate", "outsourcing_retention.retention_retention_report_action"
        )

    @api.model
    def _overview_renewal(self, filters, today):
        model = "retention.renewal.report"
        if not self._overview_readable(model):
            return None
        domain = self._overview_domain(filters, OWN_PATHS) + [
            ("date_end", ">", today - relativedelta(months=12)),
            ("date_end", "<=", today),
            ("due_count", "=", 1),
        ]
        return self._overview_rate_block(
            model, domain, "renewal_rate", "outsourcing_retention.retention_renewal_report_action"
        )

    @api.model
    def _overview_rate_block(self, model, domain, measure, xml_id):
        """A rate overall, by client and by site (weakest first), and the report behind it."""
        [(rate, count)] = self.env[model]._read_group(domain, [], [f"{measure}:avg", "__count"])
        return {
            "rate": round(rate, 1) if count else False,
            "count": count,
            "by_client": self._overview_rate_by(model, domain, "client_id", measure),
            "by_site": self._overview_rate_by(model, domain, "site_id", measure),
            "action": self._overview_action(xml_id, domain, "pivot,graph,list"),
        }

    @api.model
    def _overview_risk(self, filters, today):
        """The bands at the latest scoring run, and their trend over twelve months."""
        model = "retention.risk.score"
        if not self._overview_readable(model):
            return None
        Score = self.env[model]
        domain = self._overview_domain(filters, OWN_PATHS)
        [(last_date,)] = Score._read_group(domain, [], ["date:max"])
        if not last_date:
            return {"last_date": False, "bands": [], "trend": [], "action": False}
        latest = domain + [("date", "=", last_date), ("employee_id.active", "=", True)]
        counts = dict(Score._read_group(latest, ["band"], ["__count"]))
        labels = dict(Score._fields["band"]._description_selection(self.env))
        since = (today - relativedelta(months=11)).replace(day=1)
        trend = {}
        for month, band, count in Score._read_group(
            domain + [("date", ">=", since)], ["date:month", "band"], ["__count"]
        ):
            trend.setdefault(fields.Date.to_string(month), {})[band] = count
        return {
            "last_date": fields.Date.to_string(last_date),
            "bands": [(band, labels[band], counts.get(band, 0)) for band in BAND_ORDER],
            "trend": [
                (month, [values.get(band, 0) for band in BAND_ORDER])
                for month, values in sorted(trend.items())
            ],
            "action": self._overview_action(
                "outsourcing_retention.retention_risk_score_action",
                domain + [("date", ">=", since)],
                "graph,pivot,list",
                {"graph_groupbys": ["date:month", "band"], "graph_mode": "bar", "graph_stacked": True},
            ),
            "latest_action": self._overview_action(
                "outsourcing_retention.retention_risk_score_action", latest, "list,pivot"
            ),
        }

    @api.model
    def _overview_enps(self, filters, today):
        """eNPS and mood per month over twelve months, from the pulse report (hidden under 5 answers).

        Pulse answers are kept by site, not by department: with a department filter the
        block says so instead of showing the whole company's figures under that filter.
        """
        model = "retention.pulse.report"
        if not self._overview_readable(model):
            return None
        if filters.get("department_id"):
            return {"by_department": False, "trend": [], "latest": False, "action": False}
        domain = self._overview_domain(filters, {"client_id": "client_id", "site_id": "site_id"})
        since = (today - relativedelta(months=11)).replace(day=1)
        domain += [("week", ">=", since)]
        # A hidden figure aggregates to NULL (None or False here); 0.0 is a real eNPS.
        trend = [
            (fields.Date.to_string(month), *(self._overview_figure(value) for value in (enps, mood)), answers)
            for month, enps, mood, answers in self.env[model]._read_group(
                domain, ["week:month"], ["enps:avg", "mood_avg:avg", "answer_count:sum"], order="week:month"
            )
        ]
        shown = [row[1] for row in trend if row[1] is not False]
        return {
            "by_department": True,
            "trend": trend,
            "latest": shown[-1] if shown else False,
            "action": self._overview_action(
                "outsourcing_retention.retention_pulse_report_action",
                domain,
                "graph,pivot,list",
                {"graph_groupbys": ["week:month"], "graph_measure": "enps", "graph_mode": "line"},
            ),
        }

    @api.model
    def _overview_alerts(self, filters, today):
        model = "retention.risk.alert"
        if not self._overview_readable(model):
            return None
        domain = self._overview_domain(filters, EMPLOYEE_PATHS) + [("state", "=", "open")]
        Alert = self.env[model]
        counts = dict(Alert._read_group(domain, ["band"], ["__count"]))
        labels = dict(Alert._fields["band"]._description_selection(self.env))
        return {
            "open": sum(counts.values()),
            "bands": [(band, labels.get(band, band), counts[band]) for band in BAND_ORDER if band in counts],
            "action": self._overview_action(
                "outsourcing_retention.retention_risk_alert_action", domain, "list,pivot"
            ),
        }

    @api.model
    def _overview_interventions(self, filters, today):
        model = "retention.intervention"
        if not self._overview_readable(model):
            return None
        domain = self._overview_domain(filters, EMPLOYEE_PATHS)
        Intervention = self.env[model]
        planned = Intervention.search_count(domain + [("state", "=", "planned")])
        decided = domain + [("outcome", "!=", "pending"), ("state", "!=", "cancelled")]
        [(rate, count)] = Intervention._read_group(decided, [], ["success_rate:avg", "__count"])
        by_type = []
        for measure, type_rate, type_count in Intervention._read_group(
            decided, ["type_ids"], ["success_rate:avg", "__count"]
        ):
            by_type.append((measure.name, round(type_rate or 0.0, 1), type_count))
        return {
            "planned": planned,
            "success_rate": round(rate, 1) if count else False,
            "decided": count,
            "by_type": sorted(by_type, key=lambda row: -row[2])[:TOP],
            "action": self._overview_action(
                "outsourcing_retention.retention_intervention_action", decided, "pivot,graph,list"
            ),
        }
