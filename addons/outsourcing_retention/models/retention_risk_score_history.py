import random

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from ..engine import risk_history, risk_scorecard


class RetentionRiskScore(models.Model):
    """Demo data only: a simulated past for the learned model to train on (kept apart from scoring)."""

    _inherit = "retention.risk.score"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _demo_risk_history(self, months=18, leavers=40, seed=2026, companies=None):
        """Demo data only: ``months`` of monthly snapshots and ``leavers`` people who left.

        A fresh demo database has no scored past and nobody who left, so the learned
        model had nothing to train on. This writes, per company with employees, an
        archived leaver for each simulated departure (with the closed contract that
        ended it) and a snapshot a month for everybody over the past ``months``,
        from the simulated signals of engine/risk_history.py. Does nothing where a
        company already has snapshots older than a month: it never mixes with real
        history. ``companies``: only these (by default every company with employees).
        """
        today = fields.Date.context_today(self)
        drivers = self.env["retention.risk.driver"]._check_active_weights()
        weights = {driver.code: driver.weight for driver in drivers}
        contact = drivers.filtered(lambda driver: driver.code == "contact")[:1]
        Employee = self.env["hr.employee"].with_context(tracking_disable=True)
        for company in companies or Employee.search([]).company_id:
            self.flush_model()
            if self.search_count(
                [("company_id", "=", company.id), ("date", "<", today - relativedelta(months=1))]
            ):
                continue
            current = Employee.search([("company_id", "=", company.id)], order="id")
            rng = random.Random(seed)
            names = risk_history.chinese_names(leavers, seed=seed)
            # Never the current month: every departure lies in the past.
            departures = [today - relativedelta(months=rng.randint(1, months - 1), days=3) for _name in names]
            left = self._demo_history_leavers(company, current, names, departures, rng)
            start = today - relativedelta(months=months)
            people = [risk_history.Person(e.id) for e in current]
            people += [
                risk_history.Person(e.id, self._demo_history_month_index(start, departure))
                for e, departure in zip(left, departures, strict=True)
            ]
            history = risk_history.simulate(
                people, months, seed=seed, contact_window=contact.window_days or 90
            )
            planned_ends = {
                contract.employee_id.id: contract.date_end
                for contract in self.env["hr.contract"].search([("employee_id", "in", left.ids)])
            }
            self._demo_history_depart(left, departures)
            bands = company._retention_risk_bands()
            coverage = company.retention_risk_min_coverage
            for month in range(months):
                on_date = start + relativedelta(months=month)
                self._demo_history_month(
                    history, month, on_date, current | left, planned_ends, weights, bands, coverage, drivers
                )
        return True

    @api.model
    def _demo_history_month_index(self, start, day):
        return (day.year - start.year) * 12 + day.month - start.month + (1 if day.day >= start.day else 0)

    @api.model
    def _demo_history_leavers(self, company, current, names, departures, rng):
        """One employee per name, with a contract and an assignment as often as the company's current staff.

        The leavers look like the people who stay (same share with a contract, with a placement),
        so that the model learns from their signals, not from how the demo was made. Each
        contract ends at its planned date: half of the leavers go when it ends, the other half
        resign before.
        """
        with_contract = len(current.contract_ids.employee_id) / max(len(current), 1)
        placed = self.env["retention.assignment"].search_count([("employee_id", "in", current.ids)])
        with_placement = min(placed / max(len(current), 1), 1.0)
        sites = self.env["retention.client.site"].search([("company_id", "=", company.id)])
        departments = self.env["hr.department"].search([("company_id", "in", [company.id, False])])
        employees = self.env["hr.employee"].create(
            [
                {
                    "name": name,
                    "company_id": company.id,
                    "department_id": departments[index % len(departments)].id if departments else False,
                }
                for index, name in enumerate(names)
            ]
        )
        contracts, assignments = [], []
        for employee, departure in zip(employees, departures, strict=True):
            start = departure - relativedelta(months=rng.randint(6, 36))
            if rng.random() < with_contract:
                planned_end = (
                    departure if rng.random() < 0.5 else departure + relativedelta(days=rng.randint(60, 500))
                )
                contracts.append(
                    {
                        "name": f"{employee.name} 劳动合同",
                        "employee_id": employee.id,
                        "company_id": company.id,
                        "date_start": start,
                        "date_end": planned_end,
                        "wage": rng.randrange(5200, 9800, 100),
                        "state": "draft",
                    }
                )
            if sites and rng.random() < with_placement:
                assignments.append(
                    {
                        "employee_id": employee.id,
                        "site_id": sites[rng.randrange(len(sites))].id,
                        "date_start": start,
                        "date_end": departure,
                        "employment_mode": "outsourcing",
                    }
                )
        self.env["hr.contract"].create(contracts)
        self.env["retention.assignment"].create(assignments)
        return employees

    @api.model
    def _demo_history_depart(self, employees, departures):
        """Close each leaver's contract on their departure date and archive them as resigned."""
        reason = self.env.ref("hr.departure_resigned", raise_if_not_found=False)
        contracts = self.env["hr.contract"].search([("employee_id", "in", employees.ids)])
        for employee, departure in zip(employees, departures, strict=True):
            contracts.filtered(lambda c, e=employee: c.employee_id == e).write(
                {"date_end": departure, "state": "close"}
            )
            employee.write(
                {
                    "departure_date": departure,
                    "departure_reason_id": reason.id if reason else False,
                    "active": False,
                }
            )

    @api.model
    def _demo_history_month(
        self, history, month, on_date, employees, planned_ends, weights, bands, coverage, drivers
    ):
        """Insert one month's snapshots, the way the scoring job does (no alerts for the past).

        A leaver's snapshot shows the contract end planned at the time, not the departure.
        """
        subs_of = {key: subs for key, months in history.items() for index, subs in months if index == month}
        employees = employees.filtered(lambda employee: employee.id in subs_of)
        contracts = self.env["hr.contract"].search(
            [("employee_id", "in", employees.ids), ("date_start", "<=", on_date), ("state", "!=", "cancel")],
            order="date_start desc",
        )
        running = {}
        for contract in contracts:
            if contract.employee_id.active and contract.date_end and contract.date_end < on_date:
                continue
            end = planned_ends.get(contract.employee_id.id, contract.date_end)
            running.setdefault(contract.employee_id.id, (contract.id, end or None))
        placements = self._risk_placements(employees, on_date)
        rows = []
        for employee in employees:
            subs = {code: subs_of[employee.id].get(code) for code in weights}
            card = risk_scorecard.score(
                {code: sub for code, sub in subs.items() if sub is not None and sub.score is not None},
                weights=weights,
                bands=bands,
                min_coverage=coverage,
            )
            contract_id, date_end = running.get(employee.id, (None, None))
            site_id, client_id = placements.get(employee.id, (None, None))
            rows.append(
                {
                    "employee_id": employee.id,
                    "company_id": employee.company_id.id,
                    "department_id": employee.department_id.id or None,
                    "site_id": site_id,
                    "client_id": client_id,
                    "subs": subs,
                    "card": card,
                    "contract_id": contract_id,
                    "date_end": date_end,
                    "days": (date_end - on_date).days if date_end else 0,
                }
            )
        if rows:
            self._risk_insert_snapshots(rows, on_date, drivers)
