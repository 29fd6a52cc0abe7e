from odoo import api, fields, models


class CareerReserveInterest(models.Model):
    """An employee's known interest in a client for the reserve pool (储备池意向), with its source:
    they attended the client's open day, or ranked at the top of a contest at the client's site.

    One row per employee, client and source, kept up to date by the open day's attendance and the
    contest's closing; the reserve pool lists it next to the employee's readiness.
    """

    _name = "career.reserve.interest"
    _description = "Reserve Pool Interest in a Client"
    _order = "date desc, id desc"

    employee_id = fields.Many2one("hr.employee", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)
    client_id = fields.Many2one(
        "res.partner",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('is_outsourcing_client', '=', True)]",
    )
    source = fields.Selection(
        [("open_day", "Attended an Open Day"), ("contest", "Top of a Skills Contest")],
        required=True,
    )
    date = fields.Date(required=True)
    event_id = fields.Many2one("event.event", string="Open Day", ondelete="set null")
    contest_id = fields.Many2one("career.contest", ondelete="cascade")

    _sql_constraints = [
        (
            "employee_client_source_unique",
            "unique (employee_id, client_id, source)",
            "An employee's interest in a client is recorded once per source.",
        ),
    ]

    @api.model
    def _record(self, rows, refresh=True):
        """Create or refresh interests from ``rows``: dicts with employee_id, client_id, source,
        date and event_id or contest_id (idempotent); the employees' reserve entries are refreshed."""
        if not rows:
            return self.browse()
        existing = {
            (i.employee_id.id, i.client_id.id, i.source): i
            for i in self.search(
                [
                    ("employee_id", "in", list({r["employee_id"] for r in rows})),
                    ("client_id", "in", list({r["client_id"] for r in rows})),
                ]
            )
        }
        interests, vals_list = self.browse(), []
        for row in rows:
            interest = existing.get((row["employee_id"], row["client_id"], row["source"]))
            if interest:
                if row["date"] >= interest.date:
                    interest.write(row)
                interests |= interest
            else:
                vals_list.append(row)
        interests |= self.create(vals_list)
        if refresh:
            self.env["career.reserve.entry"]._refresh(interests.employee_id)
        return interests
