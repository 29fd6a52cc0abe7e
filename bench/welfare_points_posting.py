"""Welfare points: batch posting and balance reads against a one-line-per-call loop.

Usage (Odoo virtualenv, a database with welfare_points installed; the run is
rolled back, nothing stays in the database):

    python bench/welfare_points_posting.py -c odoo.conf --addons-path=... -d <db> [--db_host ...]

Writes docs/bench-welfare-points-posting.md. In-process ORM calls: the
XML-RPC transport (one HTTP request per batch) is not included.
"""

import os
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import config

EMPLOYEES = 200
BATCHES = 5
BATCH_SIZE = 1000
NAIVE_CALLS = 300


def main():
    config.parse_config(sys.argv[1:])
    db = config["db_name"]
    registry = odoo.modules.registry.Registry(db)
    rows = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        employees = env["hr.employee"].create([{"name": f"基准员工{i}"} for i in range(EMPLOYEES)])
        Line = env["welfare.points.line"]

        def entry(employee, key):
            return {"employee_id": employee.id, "points": 1, "idempotency_key": key, "reason": "bench"}

        start = time.perf_counter()
        for batch in range(BATCHES):
            Line.post_points(
                [entry(employees[i % EMPLOYEES], f"bench-b{batch}-{i}") for i in range(BATCH_SIZE)]
            )
        batched = time.perf_counter() - start
        rows.append(("post_points, batches of 1,000", BATCHES * BATCH_SIZE, batched))

        start = time.perf_counter()
        for i in range(NAIVE_CALLS):
            Line.post_points([entry(employees[i % EMPLOYEES], f"bench-n-{i}")])
        naive = time.perf_counter() - start
        rows.append(("post_points, one line per call", NAIVE_CALLS, naive))

        start = time.perf_counter()
        Line.post_points([entry(employees[i % EMPLOYEES], f"bench-b0-{i}") for i in range(BATCH_SIZE)])
        again = time.perf_counter() - start
        rows.append(("the same batch again (idempotent, nothing written)", BATCH_SIZE, again))

        env.invalidate_all()
        start = time.perf_counter()
        balances = env["welfare.points.account"].get_balances(employees.ids)
        rows.append(("get_balances", len(balances), time.perf_counter() - start))
        total = sum(balances.values())
        assert total == BATCHES * BATCH_SIZE + NAIVE_CALLS, total
        cr.rollback()

    lines = [
        "# Welfare points: posting and balances",
        "",
        f"{EMPLOYEES} employees, in-process ORM calls as superuser, one run, rolled back. "
        "Measured on the shared 2-core development machine under load from other runs.",
        "",
        "| operation | lines or balances | seconds | per second |",
        "|---|---:|---:|---:|",
    ]
    for name, count, seconds in rows:
        lines.append(f"| {name} | {count} | {seconds:.2f} | {count / seconds:,.0f} |")
    out = os.path.join(os.path.dirname(__file__), "..", "docs", "bench-welfare-points-posting.md")
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
