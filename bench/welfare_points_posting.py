"""Welfare points: batch posting and balance reads against a one-line-per-call loop.

Usage (scripts/bench.sh runs it on a throw-away copy of a database with the addons):

    scripts/bench.sh welfare_points_posting [--balances 100000]

or by hand with the Odoo virtualenv:

    python bench/welfare_points_posting.py -c odoo.conf --addons-path=... -d <db> [--db_host ...]

Writes docs/bench-welfare-points-posting.md. In-process calls of the public
``post_points`` API (the one XML-RPC calls) as superuser; the XML-RPC
transport (one HTTP request per batch of 1,000) is not included. The run is
rolled back, nothing stays in the database.
"""

import argparse
import os
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, config

EMPLOYEES = 200
BATCHES = 10
BATCH_SIZE = 1000
NAIVE_CALLS = 300


def _bulk_employees(env, template, count):
    """``count`` employees with wallets holding 1 point, inserted set-based (a fixture, not measured).

    Every column is copied from the ``template`` employee made by the ORM, except the unique ones.
    """
    skip = {"id", "resource_id", "name", "barcode", "user_id", "work_contact_id", "pin"}
    columns = [
        name
        for [name] in env.execute_query(
            SQL(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = 'hr_employee' ORDER BY ordinal_position"
            )
        )
        if name not in skip
    ]
    column_list = SQL(", ").join(SQL.identifier(name) for name in columns)
    source_list = SQL(", ").join(SQL.identifier("t", name) for name in columns)
    env.cr.execute(
        SQL(
            """
            WITH r AS (
                INSERT INTO resource_resource (name, resource_type, active, company_id, calendar_id,
                                               time_efficiency, tz, create_uid, write_uid,
                                               create_date, write_date)
                SELECT '余额员工' || g, resource_type, TRUE, company_id, calendar_id,
                       time_efficiency, tz, 1, 1, NOW(), NOW()
                  FROM resource_resource, generate_series(1, %(count)s) g
                 WHERE id = %(resource)s
             RETURNING id, name
            ), e AS (
                INSERT INTO hr_employee (resource_id, name, %(columns)s)
                SELECT r.id, r.name, %(source)s FROM r, hr_employee t WHERE t.id = %(template)s
             RETURNING id, company_id
            )
            INSERT INTO welfare_points_account (employee_id, company_id, active, balance, earned_total,
                                                spent_total, create_uid, write_uid, create_date, write_date)
            SELECT e.id, e.company_id, TRUE, 1, 1, 0, 1, 1, NOW(), NOW() FROM e
            RETURNING employee_id
            """,
            count=count,
            resource=template.resource_id.id,
            columns=column_list,
            source=source_list,
            template=template.id,
        )
    )
    return [row[0] for row in env.cr.fetchall()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--balances", type=int, default=100_000, help="wallets read by get_balances")
    options, rest = parser.parse_known_args()
    config.parse_config(rest)
    db = config["db_name"]
    registry = odoo.modules.registry.Registry(db)
    rows = []
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        employees = env["hr.employee"].create([{"name": f"基准员工{i}"} for i in range(EMPLOYEES)])
        Line = env["welfare.points.line"]

        def entry(employee, key):
            return {"employee_id": employee.id, "points": 1, "idempotency_key": key, "reason": "bench"}

        # the reference first: one line per call, as a naive integration would post
        start = time.perf_counter()
        for i in range(NAIVE_CALLS):
            Line.post_points([entry(employees[i % EMPLOYEES], f"bench-n-{i}")])
        naive = time.perf_counter() - start
        rows.append(("post_points, one line per call (reference)", NAIVE_CALLS, naive))

        start = time.perf_counter()
        for batch in range(BATCHES):
            Line.post_points(
                [entry(employees[i % EMPLOYEES], f"bench-b{batch}-{i}") for i in range(BATCH_SIZE)]
            )
        batched = time.perf_counter() - start
        rows.append((f"post_points, {BATCHES} batches of 1,000", BATCHES * BATCH_SIZE, batched))

        start = time.perf_counter()
        Line.post_points([entry(employees[i % EMPLOYEES], f"bench-b0-{i}") for i in range(BATCH_SIZE)])
        again = time.perf_counter() - start
        rows.append(("the same batch again (idempotent, nothing written)", BATCH_SIZE, again))

        env.invalidate_all()
        start = time.perf_counter()
        balances = env["welfare.points.account"].get_balances(employees.ids)
        rows.append(("get_balances, the posting's employees", len(balances), time.perf_counter() - start))
        total = sum(balances.values())
        assert total == BATCHES * BATCH_SIZE + NAIVE_CALLS, total

        start = time.perf_counter()
        many = _bulk_employees(env, employees[0], options.balances)
        print(
            f"fixture: {options.balances} employees in {time.perf_counter() - start:.1f} s", file=sys.stderr
        )
        env.invalidate_all()
        start = time.perf_counter()
        balances = env["welfare.points.account"].get_balances(many)
        read_many = time.perf_counter() - start
        assert sum(balances.values()) == options.balances
        rows.append((f"get_balances, {options.balances:,} employees", len(balances), read_many))
        cr.rollback()

    speedup = (BATCHES * BATCH_SIZE / batched) / (NAIVE_CALLS / naive)
    lines = [
        "# Welfare points: posting and balances",
        "",
        f"{EMPLOYEES} employees posted to, in-process calls of `post_points` (the XML-RPC method) as "
        "superuser, one run, rolled back, on a shared 2-core development machine "
        f"(load average when the run ended: {os.getloadavg()[0]:.1f}). "
        "Command: `scripts/bench.sh welfare_points_posting`.",
        "",
        "| operation | lines or balances | seconds | per second |",
        "|---|---:|---:|---:|",
    ]
    for name, count, seconds in rows:
        lines.append(f"| {name} | {count:,} | {seconds:.2f} | {count / seconds:,.0f} |")
    lines += ["", f"Batches of 1,000 post {speedup:.0f}x as many lines per second as one line per call."]
    out = os.path.join(os.path.dirname(__file__), "..", "docs", "bench-welfare-points-posting.md")
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
