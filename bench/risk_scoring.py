"""Renewal-risk scoring: the batched cron against a per-employee reference.

Goal (issue 9): score 100,000 employees end to end (snapshots, latest score on
the employee, alerts) in at most 60 s with at most 1.5 GiB peak memory, at
least 20x faster than a plain per-employee loop.

The script generates employees with twelve months of signals in SQL, times
``_cron_score_employees`` on every active employee at growing sizes, then times
the per-employee reference (``_score_employees`` called once per employee) on a
sample. scripts/bench.sh runs it on a throw-away copy of the database, since the
job commits each batch as in production. It writes docs/bench-risk-scoring.md.

Run (scripts/bench.sh prepares the database and passes Odoo's options):
    bash scripts/bench.sh risk_scoring --sizes 10000,30000,100000 --sample 2000
"""

import argparse
import os
import pathlib
import platform
import resource
import sys
import time
from datetime import date, datetime

import odoo
from odoo.tools import SQL, config

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "bench-risk-scoring.md"


def generate(env, count, on_date, tag):
    """``count`` employees with twelve months of signals, written set-based in SQL.

    Each employee gets a resource, a contract ending within a year, confirmed
    monthly performance reviews for twelve months (a third of them falling over the
    last three), time off in past quarters and, for half of them, an HR talk. The
    ORM would take hours for 100,000 employees; SQL takes seconds. Returns the ids.
    """
    cr = env.cr
    company = env.ref("base.main_company")
    leave_type = env["hr.leave.type"].create({"name": f"bench {tag}", "requires_allocation": "no"})
    talk_type = env["retention.talk.type"].search([], limit=1)
    env.flush_all()
    params = {
        "n": count,
        "tag": f"员工{tag}-",
        "company": company.id,
        "on_date": on_date,
        "leave_type": leave_type.id,
        "talk_type": talk_type.id,
        "uid": env.uid,
        "now": datetime.now(),
    }
    cr.execute(
        SQL(
            """
            CREATE TEMP TABLE bench_new ON COMMIT DROP AS
            WITH r AS (
                INSERT INTO resource_resource (name, resource_type, tz, time_efficiency, active, company_id)
                SELECT %(tag)s || g, 'user', 'Asia/Shanghai', 100, true, %(company)s
                  FROM generate_series(1, %(n)s) g
             RETURNING id, name
            )
            SELECT id AS resource_id, name, row_number() OVER (ORDER BY id) AS i FROM r
            """,
            **params,
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO hr_employee (resource_id, name, company_id, active, marital,
                                     distance_home_work_unit, employee_type, create_date, write_date)
            SELECT resource_id, name, %(company)s, true, 'single', 'kilometers', 'employee', %(now)s, %(now)s
              FROM bench_new
            """,
            **params,
        )
    )
    cr.execute(
        SQL(
            """
            CREATE TEMP TABLE bench_emp ON COMMIT DROP AS
            SELECT e.id, b.i::int AS i FROM hr_employee e JOIN bench_new b ON b.resource_id = e.resource_id
            """
        )
    )
    cr.execute(
        SQL(
            """
            INSERT INTO hr_contract (name, employee_id, company_id, date_start, date_end, wage, state,
                                     active, retention_renewal_state, create_date, write_date)
            SELECT '合同-' || id, id, %(company)s, %(on_date)s::date - 700,
                   %(on_date)s::date + 30 + (mod(i, 300)), 5000 + mod(i, 3000), 'open', true, 'not_due',
                   %(now)s, %(now)s
              FROM bench_emp;
            INSERT INTO retention_performance_review (employee_id, company_id, state, period, total_score,
                                                      create_date, write_date)
            SELECT id, %(company)s, 'confirmed',
                   (date_trunc('month', %(on_date)s::date) - make_interval(months => m))::date,
                   CASE WHEN mod(i, 3) = 0 AND m < 3 THEN 70 - (3 - m) * 8 ELSE 70 + mod(i + m, 20) END,
                   %(now)s, %(now)s
              FROM bench_emp, generate_series(0, 11) m;
            INSERT INTO hr_leave (employee_id, holiday_status_id, request_date_from, request_date_to,
                                  date_from, date_to, number_of_days, state, company_id, create_date)
            SELECT id, %(leave_type)s, %(on_date)s::date - 90 * q - 20,
                   %(on_date)s::date - 90 * q - 20 + d - 1,
                   %(on_date)s::date - 90 * q - 20, %(on_date)s::date - 90 * q - 20 + d, d,
                   'validate', %(company)s, %(now)s
              FROM bench_emp, generate_series(0, 4) q,
                   LATERAL (SELECT CASE WHEN q = 0 THEN 1 + mod(i, 4) ELSE 1 END AS d) days
             WHERE mod(i + q, 3) = 0;
            INSERT INTO retention_talk (employee_id, company_id, talk_type_id, user_id, source, date,
                                        create_uid, create_date, write_uid, write_date)
            SELECT id, %(company)s, %(talk_type)s, %(uid)s, 'manual', %(on_date)s::date - 10 - mod(i, 200),
                   %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM bench_emp WHERE mod(i, 2) = 0;
            """,
            **params,
        )
    )
    cr.execute(SQL("SELECT id FROM bench_emp ORDER BY id"))
    ids = [row[0] for row in cr.fetchall()]
    cr.execute(SQL("DROP TABLE bench_emp; DROP TABLE bench_new"))
    env.invalidate_all()
    return env["hr.employee"].browse(ids)


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds(cr):
    """CPU seconds used so far by this process and by its PostgreSQL backend (same machine)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cr.execute("SELECT pg_backend_pid()")
    pid = cr.fetchone()[0]
    try:
        stat = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        backend = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:  # a server on another machine: its share is not counted
        backend = 0.0
    return usage.ru_utime + usage.ru_stime, backend


def reset_day(env, on_date):
    """Forget the snapshots and alerts of ``on_date`` so the job scores everyone again."""
    env.cr.execute(SQL("DELETE FROM retention_risk_alert WHERE create_date::date = %s", date.today()))
    env.cr.execute(SQL("DELETE FROM retention_risk_score WHERE date = %s", on_date))
    env.cr.commit()
    env.invalidate_all()


def train_model(env):
    """A learned model trained on the demo's simulated history in a separate small company, then
    moved to the benchmark's company so that the job predicts every snapshot with it."""
    main_company = env.company
    small = env["res.company"].create({"name": "模型训练公司"})
    env["hr.employee"].create([{"name": f"训练员工{i}", "company_id": small.id} for i in range(150)])
    env["retention.risk.score"]._demo_risk_history(months=12, leavers=40, seed=9, companies=small)
    trainer = env["res.users"].create(
        {
            "name": "模型训练",
            "login": "bench_model_trainer",
            "company_id": small.id,
            "company_ids": [(6, 0, small.ids)],
            "groups_id": [(6, 0, env.ref("outsourcing_retention.group_retention_manager").ids)],
        }
    )
    model = env["retention.risk.model"].with_user(trainer).with_company(small).action_train()
    model.sudo().company_id = main_company
    env["hr.employee"].search([("company_id", "=", small.id)]).action_archive()
    env.cr.commit()
    return model.with_env(env)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,30000,100000", help="cumulative numbers of employees")
    parser.add_argument("--sample", type=int, default=2000, help="employees scored one by one (reference)")
    parser.add_argument(
        "--model", action="store_true", help="score the largest size again with a learned model active"
    )
    args, odoo_args = parser.parse_known_args()
    config.parse_config(odoo_args)
    registry = odoo.modules.registry.Registry(config["db_name"])
    on_date = date.today()
    rows = []
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        Score = env["retention.risk.score"]
        employees = env["hr.employee"]
        for size in [int(s) for s in args.sizes.split(",")]:
            t0 = time.perf_counter()
            employees |= generate(env, size - len(employees), on_date, size)
            cr.commit()
            t_gen = time.perf_counter() - t0
            reset_day(env, on_date)
            active = env["hr.employee"].search_count([])
            py0, pg0 = cpu_seconds(cr)
            t0 = time.perf_counter()
            scored = Score._cron_score_employees(batch_size=1000, max_batches=None, on_date=on_date)
            t_batched = time.perf_counter() - t0
            py1, pg1 = cpu_seconds(cr)
            alerts = env["retention.risk.alert"].search_count([("create_date", ">=", date.today())])
            rows.append((active, t_gen, scored, t_batched, alerts, peak_rss_mib(), py1 - py0, pg1 - pg0))
            print(rows[-1], file=sys.stderr, flush=True)
        # The reference: the same scoring called once per employee, on a sample.
        sample = employees[: args.sample]
        cr.execute(SQL("DELETE FROM retention_risk_alert WHERE employee_id = ANY(%s)", sample.ids))
        cr.execute(SQL("DELETE FROM retention_risk_score WHERE employee_id = ANY(%s)", sample.ids))
        env.invalidate_all()
        t0 = time.perf_counter()
        for employee in sample:
            Score._score_employees(employee, on_date)
        per_single = (time.perf_counter() - t0) / len(sample) * 1000
        cr.rollback()
        # Then the largest size again with a learned model active (after the reference, which
        # is timed without one like the job above).
        model_row = None
        if args.model:
            model = train_model(env)
            reset_day(env, on_date)
            py0, pg0 = cpu_seconds(cr)
            t0 = time.perf_counter()
            scored = Score._cron_score_employees(batch_size=1000, max_batches=None, on_date=on_date)
            t_model = time.perf_counter() - t0
            py1, pg1 = cpu_seconds(cr)
            predicted = Score.search_count([("date", "=", on_date), ("model_probability", ">", 0)])
            features = len(model.feature_names.split())
            model_row = (
                scored,
                t_model,
                py1 - py0,
                pg1 - pg0,
                peak_rss_mib(),
                predicted,
                model.training_rows,
                features,
            )
            print(model_row, file=sys.stderr, flush=True)
    largest = rows[-1]
    per_batched = largest[3] / largest[2] * 1000
    lines = [
        "# Benchmark: renewal-risk scoring",
        "",
        f"Run on {date.today()} ({platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} cores), real Odoo 18 and PostgreSQL, the four default drivers with data "
        "(twelve months of confirmed reviews, time off in five quarters, HR talks for half).",
        "Command: `bash scripts/bench.sh risk_scoring --sizes "
        + args.sizes
        + f" --sample {args.sample}{' --model' if args.model else ''}`",
        "",
        "The job (`_cron_score_employees`, batches of 1,000, snapshots with their driver lines and top "
        "drivers, the latest score on the employee, alerts) scores every active employee:",
        "",
        "| active employees | generated in (s) | scored | job time (s) | ms per employee | "
        "CPU: Odoo (s) | CPU: PostgreSQL (s) | alerts | peak memory (MiB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for active, t_gen, scored, t_batched, alerts, peak, py_cpu, pg_cpu in rows:
        lines.append(
            f"| {active:,} | {t_gen:.1f} | {scored:,} | {t_batched:.1f} | {t_batched / scored * 1000:.2f} | "
            f"{py_cpu:.1f} | {pg_cpu:.1f} | {alerts:,} | {peak:,.0f} |"
        )
    first = rows[0]
    lines += [
        "",
        f"Growth: {largest[0] / first[0]:.1f}x the employees took {largest[3] / first[3]:.1f}x the time.",
        "",
        f"Reference: a plain per-employee loop (`_score_employees` called once per employee) on "
        f"{len(sample):,} of them took {per_single:.2f} ms per employee; the job took {per_batched:.2f} ms "
        f"per employee at {largest[0]:,}: a speed ratio of {per_single / per_batched:.1f}x.",
    ]
    if model_row:
        scored, t_model, py_cpu, pg_cpu, peak, predicted, training_rows, features = model_row
        lines += [
            "",
            f"With a learned model active ({training_rows:,} training snapshots, "
            f"{features} features, trained on simulated history): the same job "
            f"scored {scored:,} employees in {t_model:.1f} s ({t_model / scored * 1000:.2f} ms per employee; "
            f"CPU: Odoo {py_cpu:.1f} s, PostgreSQL {pg_cpu:.1f} s; peak memory {peak:,.0f} MiB), "
            f"{t_model / largest[3]:.2f}x the time without it; {predicted:,} snapshots got a probability.",
        ]
    lines += [
        "",
        "Peak memory is the benchmark process's maximum resident set (Odoo's registry included), read "
        "after each run; the employees are generated in SQL, outside Python. The CPU columns are the "
        "seconds of processor time used by the job's Odoo process and by its PostgreSQL backend: "
        "unlike the job time, they do not grow when other programs share the machine.",
        "",
        f"Load average when the run ended: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores).",
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(OUT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
