"""Risk score lines move from their own table into the snapshot (``driver_data``).

retention.risk.score.line becomes a view over that column; the old table's rows
are folded into their snapshots first, in one statement, then the table goes.
"""

from odoo.tools import SQL
from odoo.tools.sql import TableKind, column_exists, create_column, table_kind


def migrate(cr, version):
    if table_kind(cr, "retention_risk_score_line") != TableKind.Regular:
        return
    if not column_exists(cr, "retention_risk_score", "driver_data"):
        create_column(cr, "retention_risk_score", "driver_data", "jsonb")
    cr.execute(
        SQL(
            """
            UPDATE retention_risk_score s
               SET driver_data = l.lines
              FROM (SELECT score_id,
                           jsonb_agg(jsonb_build_array(driver_id, sub_score, has_data, weight,
                                                       explanation_code, COALESCE(explanation_params, '{}'))
                                     ORDER BY id) AS lines
                      FROM retention_risk_score_line
                  GROUP BY score_id) l
             WHERE l.score_id = s.id
            """
        )
    )
    cr.execute(SQL("DROP TABLE retention_risk_score_line CASCADE"))
