from odoo import api, fields, models


class RetentionDateStateMixin(models.AbstractModel):
    """A state that follows dates, kept in sync by a daily cron.

    A model using it defines:

    * ``_date_state_stale_domain(today)``: the records whose state (or any other value
      derived from today) is out of date; the cron reads only those, so a second run on
      the same day finds nothing (idempotent).
    * ``_date_state_target(today)``: for a record, the state its dates give, or None to
      leave it alone; and ``_date_state_write(state)`` writing that state (through the
      model's own guard on direct state writes).

    ``_date_state_refresh(today)`` is what the cron does with each stale batch: the sync,
    which a model extends (values derived from today) or replaces (a stored compute).
    """

    _name = "retention.date.state.mixin"
    _description = "State Following Dates"

    @api.model
    def _date_state_stale_domain(self, today):
        raise NotImplementedError

    def _date_state_target(self, today):
        raise NotImplementedError

    def _date_state_write(self, state):
        raise NotImplementedError

    def _date_state_sync(self, today):
        """Bring the records in line with ``today``: one write per target state."""
        by_state = {}
        for record in self:
            state = record._date_state_target(today)
            if state and state != record.state:
                by_state.setdefault(state, []).append(record.id)
        for state, ids in by_state.items():
            self.browse(ids)._date_state_write(state)

    def _date_state_refresh(self, today):
        return self._date_state_sync(today)

    @api.model
    def _cron_sync_date_states(self, batch_size=500):
        """One batch of stale records brought in line with today; returns how many.

        The cron runner calls again (and commits) while ``_notify_progress`` reports
        records remaining.
        """
        today = fields.Date.context_today(self)
        domain = self._date_state_stale_domain(today)
        model = self.with_context(active_test=False)
        records = model.search(domain, limit=batch_size, order="id")
        remaining = model.search_count(domain) - len(records)
        records._date_state_refresh(today)
        self.env["ir.cron"]._notify_progress(done=len(records), remaining=remaining)
        return len(records)
