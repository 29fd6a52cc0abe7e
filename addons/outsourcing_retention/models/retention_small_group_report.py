from odoo import api, fields, models
from odoo.tools import SQL


class HiddenFloat(fields.Float):
    """A float that reads False (shown empty) when the database holds NULL.

    Odoo's Float reads NULL as 0.0, which would show a hidden eNPS as 0.
    """

    def convert_to_cache(self, value, record, validate=True):
        if value is None or value is False:
            return None
        return super().convert_to_cache(value, record, validate)

    def convert_to_record(self, value, record):
        return False if value is None else value

    def convert_to_read(self, value, record, use_display_name=True):
        return False if value is None else value


class RetentionSmallGroupReport(models.AbstractModel):
    """SQL-view reports over retention.pulse.bucket that never show a figure of fewer than 5 answers.

    The view gives each bucket its own figures only from MIN_GROUP answers on (NULL
    below), and also hidden columns ``shown_*`` that are 0 for a bucket under the
    minimum. Every aggregate of a hidden figure (sum, avg, max... in read_group, pivot,
    graph, grouped lists, XML-RPC) is recomputed from those ``shown_*`` sums: a small
    bucket never enters any total, so neither grouping nor subtracting two totals
    reveals it.
    """

    _name = "retention.small.group.report"
    _description = "Report Hiding Small Groups"
    _auto = False

    #: field name -> (numerator column, scale, digits); denominator is shown_count.
    _hidden_figures = {}

    def _read_group_select(self, aggregate_spec, query):
        fname = aggregate_spec.split(":")[0]
        if fname in self._hidden_figures:
            # Checks the field access and the aggregate function like the standard one.
            super()._read_group_select(aggregate_spec, query)
            numerator, scale, digits = self._hidden_figures[fname]
            table = SQL.identifier(self._table)
            return SQL(
                "CASE WHEN SUM(%(table)s.shown_count) > 0 THEN "
                "ROUND((SUM(%(table)s.%(num)s) * %(scale)s / SUM(%(table)s.shown_count))::numeric,"
                " %(digits)s)::float END",
                table=table,
                num=SQL.identifier(numerator),
                scale=float(scale),
                digits=digits,
            )
        return super()._read_group_select(aggregate_spec, query)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        # XML-RPC cannot marshal None: a hidden figure comes back as False.
        groups = super().read_group(
            domain, fields, groupby, offset=offset, limit=limit, orderby=orderby, lazy=lazy
        )
        for group in groups:
            for fname in self._hidden_figures:
                if fname in group and group[fname] is None:
                    group[fname] = False
        return groups
