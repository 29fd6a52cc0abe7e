"""Renewal-risk scoring: the batched cron against a per-employee reference.

Goal (issue 9): score 100,000 employees end to end (snapshots, latest score on
the employee, alerts) in at most 60 s with at most 1.5 GiB peak memory, at
least 20x faster than a plain per-employee loop.

The script creates N employees with a contract, time off in past quarters and
an HR meeting, times ``_cron_score_employees`` on them, then times the
per-employee reference (``_score_employees`` called once per employee) on a
sample. scripts/bench.sh runs it on a throw-away copy of the database, since the
job commits each batch as in production. It writes docs/bench-risk-scoring.md.

Run (scripts/bench.sh prepares the database and passes Odoo's options):
    bash scripts/bench.sh risk_scoring --sizes 2000,10000 --sample 500
"""

import argparse
import pathlib
import platform
import resource
import sys
import time
from datetime import date, datetime, timedelta

from psycopg2.extras import execute_values

import odoo
from odoo.tools import SQL, config

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "bench-risk-scoring.md"


def generate(env, count, on_date, tag):
    """``count`` employees with a contract, leaves in five quarters and a recent meeting."""
    company = env.ref("base.main_company")
    leave_type = env["hr.leave.type"].create({"name": f"bench {tag}", "requires_allocation": "no"})
    employees = env["hr.employee"]
    for start in range(0, count, 1000):
        size = min(1000, count - start)
        employees |= env["hr.employee"].create(
            [{"name": f"员工{tag}-{start + i}", "company_id": company.id} for i in range(size)]
        )
    env["hr.contract"].create(
        [
            {
                "name": f"合同 {employee.name}",
                "employee_id": employee.id,
                "date_start": on_date - timedelta(days=700),
                "date_end": on_date + timedelta(days=30 + (i % 300)),
                "wage": 5000 + i % 3000,
                "state": "open",
            }
            for i, employee in enumerate(employees)
        ]
    )
    leaves = []
    for i, employee in enumerate(employees):
        for quarter in range(5):
            if (i + quarter) % 3 == 0:
                day = on_date - timedelta(days=90 * quarter + 20)
                leaves.append((employee.id, day, 1 + (i % 4 if quarter == 0 else 0)))
    # Time off goes in by SQL: the ORM's leave workflow is not what is measured here.
    execute_values(
        env.cr._obj,
        """
        INSERT INTO hr_leave (employee_id, holiday_status_id, request_date_from, request_date_to,
                              date_from, date_to, number_of_days, state, company_id, create_date)
        VALUES %s
        """,
        [
            (eid, leave_type.id, day, day + timedelta(days=days - 1), day, day + timedelta(days=days), days)
            + ("validate", company.id, datetime.now())
            for eid, day, days in leaves
        ],
    )
    # One meeting 15 days ago with every other employee; attendees linked by SQL (no invitations).
    meeting_day = datetime.combine(on_date - timedelta(days=15), datetime.min.time())
    event = env["calendar.event"].create(
        {"name": f"bench meeting {tag}", "start": meeting_day, "stop": meeting_day + timedelta(hours=1)}
    )
    execute_values(
        env.cr._obj,
        "INSERT INTO calendar_event_res_partner_rel (calendar_event_id, res_partner_id) VALUES %s",
        [(event.id, partner.id) for partner in employees[::2].work_contact_id],
    )
    env.flush_all()
    return employees


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2000,10000")
    parser.add_argument("--sample", type=int, default=500)
    args, odoo_args = parser.parse_known_args()
    config.parse_config(odoo_args)
    registry = odoo.modules.registry.Registry(config["db_name"])
    on_date = date.today()
    rows = []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        Score = env["retention.risk.score"]
        # the employees already in the database are scored first, out of the measure
        Score._cron_score_employees(max_batches=None, on_date=on_date)
        for size in [int(s) for s in args.sizes.split(",")]:
            t0 = time.perf_counter()
            employees = generate(env, size, on_date, size)
            t_gen = time.perf_counter() - t0
            env.invalidate_all()
            t0 = time.perf_counter()
            scored = Score._cron_score_employees(batch_size=1000, max_batches=None, on_date=on_date)
            t_batched = time.perf_counter() - t0
            alerts = env["retention.risk.alert"].search_count([("employee_id", "in", employees.ids)])
            sample = employees[: args.sample]
            cr.execute(SQL("DELETE FROM retention_risk_score WHERE employee_id = ANY(%s)", sample.ids))
            cr.execute(SQL("DELETE FROM retention_risk_alert WHERE employee_id = ANY(%s)", sample.ids))
            env.invalidate_all()
            t0 = time.perf_counter()
            for employee in sample:
                Score._score_employees(employee, on_date)
            t_single = time.perf_counter() - t0
            per_batched = t_batched / scored * 1000
            per_single = t_single / len(sample) * 1000
            rows.append((size, t_gen, scored, t_batched, per_batched, len(sample), per_single, alerts))
            print(rows[-1], file=sys.stderr)
            cr.commit()
            env.invalidate_all()
    peak = peak_rss_mib()
    lines = [
        "# Benchmark: renewal-risk scoring",
        "",
        f"Run on {date.today()} ({platform.python_version()}, {platform.machine()}, 2 cores), "
        "real Odoo 18 and PostgreSQL, default four drivers (two with data: time off and meetings).",
        "Command: `bash scripts/bench.sh risk_scoring --sizes " + args.sizes + f" --sample {args.sample}`",
        "",
        "| employees | scored by the cron | cron time (s) | ms per employee | reference sample | "
        "reference ms per employee | speed ratio | alerts |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, _gen, scored, t_batched, per_batched, sample, per_single, alerts in rows:
        lines.append(
            f"| {size:,} | {scored:,} | {t_batched:.1f} | {per_batched:.2f} | {sample} | {per_single:.2f} | "
            f"{per_single / per_batched:.1f}x | {alerts:,} |"
        )
    lines += [
        "",
        f"Peak memory of the process (generation included): {peak:,.0f} MiB.",
        "",
        "The reference calls the same scoring once per employee (a plain per-employee ORM loop).",
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(OUT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
