from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..engine import client_programme
from ..report.retention_renewal_report import DECIDED_STATES, RENEWED_STATES

HIDDEN = client_programme.HIDDEN
PLACED_STATES = ("planned", "active", "ended")


class RetentionClientMetrics(models.AbstractModel):
    """The figures of the client side, per client and period, computed set-based.

    One source for the service reports and for the programme goals that update
    themselves: each figure is read with one grouped query for every client of the
    batch. Every figure about people passes the under-5 rule (``engine.hide_small``)
    before it leaves this model.
    """

    _name = "retention.client.metrics"
    _description = "Client Figures"

    @api.model
    def _client_figures(self, clients, date_from, date_to):
        """{client id: figures} for ``clients`` over [date_from, date_to], under-5 rule applied.

        The figures are those of the current company (``with_company``): a report is one
        provider company's service to one client.

        Reads with the caller's rights: a retention manager (the report generator) or the
        goal cron (superuser) sees every record of the allowed companies.
        """
        ids = clients.ids
        figures = {client_id: {} for client_id in ids}
        self._figures_headcount(ids, date_from, date_to, figures)
        self._figures_retention(ids, date_to, figures)
        self._figures_renewal(ids, date_to, figures)
        self._figures_dispatch(ids, figures)
        self._figures_staffing(ids, date_from, date_to, figures)
        self._figures_risk(ids, date_to, figures)
        self._figures_pulse(ids, date_from, date_to, figures)
        self._figures_incidents(ids, date_from, date_to, figures)
        self._figures_satisfaction(ids, date_to, figures)
        return figures

    # ------------------------------------------------------------------ people
    def _placed_domain(self, ids, day):
        return [
            ("client_id", "in", ids),
            ("company_id", "=", self.env.company.id),
            ("state", "in", PLACED_STATES),
            ("date_start", "<=", day),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", day),
        ]

    def _figures_headcount(self, ids, date_from, date_to, figures):
        Assignment = self.env["retention.assignment"]
        by_site_job = Assignment._read_group(
            self._placed_domain(ids, date_to),
            ["client_id", "site_id", "job_id"],
            ["employee_id:count_distinct"],
        )
        rows, totals = defaultdict(list), defaultdict(int)
        for client, site, job, count in by_site_job:
            rows[client.id].append(
                {
                    "site": site.display_name,
                    "job": job.display_name or "",
                    "count": client_programme.hide_small(count, count),
                }
            )
            totals[client.id] += count

        def people_by_client(date_field):
            """{client_id: distinct people whose placement's ``date_field`` falls in the period}."""
            return dict(
                Assignment._read_group(
                    [
                        ("client_id", "in", ids),
                        ("company_id", "=", self.env.company.id),
                        ("state", "in", PLACED_STATES),
                        (date_field, ">=", date_from),
                        (date_field, "<=", date_to),
                    ],
                    ["client_id"],
                    ["employee_id:count_distinct"],
                )
            )

        joiners = people_by_client("date_start")
        leavers = people_by_client("date_end")
        for client_id in ids:
            client = self.env["res.partner"].browse(client_id)
            joined, left = joiners.get(client, 0), leavers.get(client, 0)
            figures[client_id].update(
                {
                    "headcount": client_programme.hide_small(totals[client_id], totals[client_id]),
                    "headcount_rows": sorted(rows[client_id], key=lambda r: (r["site"], r["job"])),
                    "joiners": client_programme.hide_small(joined, joined),
                    "leavers": client_programme.hide_small(left, left),
                }
            )

    def _figures_retention(self, ids, date_to, figures):
        window_start = date_to - relativedelta(months=12)
        assignments = self.env["retention.assignment"].search_fetch(
            [
                ("client_id", "in", ids),
                ("company_id", "=", self.env.company.id),
                ("state", "in", PLACED_STATES),
                ("date_start", "<=", date_to),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", window_start),
            ],
            ["client_id", "employee_id", "date_start", "date_end"],
        )
        intervals = defaultdict(lambda: defaultdict(list))
        for assignment in assignments:
            intervals[assignment.client_id.id][assignment.employee_id.id].append(
                (assignment.date_start, assignment.date_end)
            )
        for client_id in ids:
            cohort, _retained, percent = client_programme.retention_rate(
                intervals[client_id], window_start, date_to
            )
            figures[client_id]["retention_12m"] = client_programme.hide_small(percent, cohort)

    def _figures_renewal(self, ids, date_to, figures):
        """Renewal rate over 12 months: contracts of the people placed at the client that were due
        (ended or decided) and renewed, as in the renewal analysis."""
        window_start = date_to - relativedelta(months=12)
        assignments = self.env["retention.assignment"].search_fetch(
            [
                ("client_id", "in", ids),
                ("company_id", "=", self.env.company.id),
                ("state", "in", PLACED_STATES),
                ("date_start", "<=", date_to),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", window_start),
            ],
            ["client_id", "employee_id"],
        )
        clients_of = defaultdict(set)
        for assignment in assignments:
            clients_of[assignment.employee_id.id].add(assignment.client_id.id)
        # sudo: contracts are read for two counts per client only (due and renewed), never shown.
        contracts = (
            self.env["hr.contract"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", list(clients_of)),
                    ("state", "!=", "cancel"),
                    ("date_end", ">=", window_start),
                    ("date_end", "<=", date_to),
                ],
                ["employee_id", "retention_renewal_state", "date_end"],
            )
        )
        due, renewed = defaultdict(int), defaultdict(int)
        for contract in contracts:
            is_due = contract.retention_renewal_state in DECIDED_STATES or contract.date_end < date_to
            if not is_due:
                continue
            for client_id in clients_of[contract.employee_id.id]:
                due[client_id] += 1
                renewed[client_id] += contract.retention_renewal_state in RENEWED_STATES
        for client_id in ids:
            rate = round(renewed[client_id] / due[client_id] * 100.0, 1) if due[client_id] else None
            figures[client_id]["renewal_rate"] = client_programme.hide_small(rate, due[client_id])

    def _figures_dispatch(self, ids, figures):
        rows = self.env["retention.dispatch.compliance"].search_fetch(
            [("client_id", "in", ids), ("company_id", "=", self.env.company.id)],
            ["client_id", "dispatched_count", "dispatch_cap", "breach"],
        )
        for client_id in ids:
            figures[client_id]["dispatch"] = None
        for row in rows:
            figures[row.client_id.id]["dispatch"] = {
                "dispatched": client_programme.hide_small(row.dispatched_count, row.dispatched_count),
                "cap": row.dispatch_cap,
                "compliant": not row.breach,
            }

    def _figures_staffing(self, ids, date_from, date_to, figures):
        requests = self.env["retention.staffing.request"].search_fetch(
            [
                ("client_id", "in", ids),
                ("company_id", "=", self.env.company.id),
                ("state", "!=", "cancelled"),
                ("date_start", ">=", date_from),
                ("date_start", "<=", date_to),
            ],
            ["client_id", "quantity", "filled_count", "state", "create_date"],
        )
        # The day a request was filled: its latest counted assignment, read in one grouped query.
        filled_on = {
            request.id: last
            for request, last in self.env["retention.assignment"]._read_group(
                [("staffing_request_id", "in", requests.filtered(lambda r: r.state == "filled").ids)],
                ["staffing_request_id"],
                ["create_date:max"],
            )
        }
        by_client = defaultdict(list)
        for request in requests:
            by_client[request.client_id.id].append(request)
        for client_id in ids:
            mine = by_client[client_id]
            asked = sum(r.quantity for r in mine)
            placed = sum(min(r.filled_count, r.quantity) for r in mine)
            pairs = [(r.create_date, filled_on[r.id]) for r in mine if r.id in filled_on]
            figures[client_id]["staffing"] = {
                "requests": len(mine),
                "positions": asked,
                "filled": client_programme.hide_small(placed, placed),
                "fill_rate": client_programme.hide_small(
                    client_programme.fill_rate((r.quantity, r.filled_count) for r in mine), asked
                ),
                "time_to_fill_days": client_programme.median_days(pairs),
            }

    def _figures_risk(self, ids, date_to, figures):
        """Distribution of the latest risk band of the people placed at the client."""
        assignments = self.env["retention.assignment"].search_fetch(
            self._placed_domain(ids, date_to), ["client_id", "employee_id"]
        )
        clients_of = defaultdict(set)
        for assignment in assignments:
            clients_of[assignment.employee_id.id].add(assignment.client_id.id)
        # sudo: only counts per band leave this method, each under the under-5 rule; no score
        # of a person is returned.
        scores = (
            self.env["retention.risk.score"]
            .sudo()
            .search_fetch(
                [("employee_id", "in", list(clients_of)), ("date", "<=", date_to)],
                ["employee_id", "band"],
                order="employee_id, date desc, id desc",
            )
        )
        latest = {}
        for score in scores:
            latest.setdefault(score.employee_id.id, score.band)
        counts = defaultdict(lambda: defaultdict(int))
        for employee_id, band in latest.items():
            for client_id in clients_of[employee_id]:
                counts[client_id][band] += 1
        bands = self.env["retention.risk.score"]._fields["band"]._description_selection(self.env)
        for client_id in ids:
            figures[client_id]["risk"] = [
                {
                    "band": label,
                    "count": client_programme.hide_small(counts[client_id][code], counts[client_id][code]),
                }
                for code, label in bands
            ]

    def _figures_pulse(self, ids, date_from, date_to, figures):
        for client_id in ids:
            figures[client_id]["pulse"] = None
        if "retention.pulse.report" not in self.env:
            return
        Pulse = self.env["retention.pulse.report"]
        week = Pulse._fields.get("week")
        domain = [("client_id", "in", ids)]
        if "company_id" in Pulse._fields:
            domain.append(("company_id", "=", self.env.company.id))
        if week is not None and week.type in ("date", "datetime"):
            domain += [("week", ">=", date_from), ("week", "<=", date_to)]
        rows = Pulse.search_read(domain, ["client_id", "answer_count", "enps", "mood_avg"])
        weighted = defaultdict(lambda: [0, 0.0, 0.0])
        for row in rows:
            client_id, answers = row["client_id"][0], row["answer_count"] or 0
            # Weeks with fewer than 5 answers are left out of the aggregate.
            if answers < client_programme.MIN_GROUP_SIZE:
                continue
            weighted[client_id][0] += answers
            weighted[client_id][1] += (row["enps"] or 0.0) * answers
            weighted[client_id][2] += (row["mood_avg"] or 0.0) * answers
        for client_id, (answers, enps, mood) in weighted.items():
            if answers:
                figures[client_id]["pulse"] = {
                    "answers": answers,
                    "enps": round(enps / answers, 1),
                    "mood": round(mood / answers, 2),
                }

    # ------------------------------------------------------------------ service
    def _figures_incidents(self, ids, date_from, date_to, figures):
        incidents = self.env["retention.client.incident"].search_fetch(
            [
                ("client_id", "in", ids),
                ("company_id", "=", self.env.company.id),
                ("reported_at", ">=", fields.Datetime.to_datetime(date_from)),
                ("reported_at", "<", fields.Datetime.to_datetime(date_to + relativedelta(days=1))),
            ],
            ["client_id", "response_minutes", "first_response_at", "target_minutes"],
        )
        by_client = defaultdict(list)
        for incident in incidents:
            minutes = incident.response_minutes if incident.first_response_at else None
            by_client[incident.client_id.id].append((minutes, incident.target_minutes))
        for client_id in ids:
            figures[client_id]["incidents"] = client_programme.response_report(by_client[client_id])

    def _figures_satisfaction(self, ids, date_to, figures):
        rows = self.env["retention.client.satisfaction"].search_fetch(
            [
                ("client_id", "in", ids),
                ("company_id", "=", self.env.company.id),
                ("date_from", "<=", date_to),
            ],
            ["client_id", "quarter", "average_score", "response_count"],
            order="client_id, date_from",
        )
        history = defaultdict(list)
        for row in rows:
            if row.response_count:
                history[row.client_id.id].append((row.quarter, row.average_score))
        for client_id in ids:
            series = history[client_id][-4:]
            figures[client_id]["satisfaction"] = [
                {"quarter": quarter, "score": score, "trend": change}
                for (quarter, score), change in zip(
                    series, client_programme.trend([s for _q, s in series]), strict=True
                )
            ]
