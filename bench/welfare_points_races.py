"""Welfare points: the ledger invariants under 8-thread races, over many rounds.

Usage (scripts/bench.sh runs it on a throw-away copy of a database with the addons,
dropped afterwards):

    scripts/bench.sh welfare_points_races [--rounds 1000]

or by hand with the Odoo virtualenv, on a database you can throw away (the
races commit, as real requests do):

    python bench/welfare_points_races.py -c odoo.conf --addons-path=... -d <db> [--rounds N]

Each round runs two races between 8 threads, each thread with its own cursor
(``registry.cursor()``), started together by a barrier, every call run as
Odoo's RPC layer runs it (a serialization failure rolls back and re-runs the
call with Odoo's back-off, success commits):

1. redeem: a fresh employee's wallet holds points for ``covered`` (1 to 7,
   drawn per round) redemptions of a benefit; the 8 threads each redeem it
   (``welfare.redemption._request``, what /my/points calls);
2. same key: the 8 threads post the same idempotency key
   (``welfare.points.line.post_points``, the XML-RPC method) to another fresh
   employee, who has no wallet yet (they also race to open it).

After each round a separate cursor checks the invariants: the wallet's balance
equals the sum of its lines, no running balance (lines in order) is ever below
zero, exactly ``covered`` threads redeemed and the others were told "Not enough
points", one redemption and one debit line per success; for the key: every
thread got the same line, one line holds the key, balance = its points. Any
other error is a violation too. Writes docs/bench-welfare-points-races.md.
"""

import argparse
import logging
import os
import random
import sys
import threading
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE, PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL, config

THREADS = 8
COST = 100
KEY_POINTS = 50


class Retried:
    """Counts the serialization failures re-run across all threads."""

    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    def add(self):
        with self.lock:
            self.count += 1


def retrying(env, call, retried, backoff):
    """Run ``call(env)`` and commit, as odoo.service.model.retrying does for an RPC call.

    Odoo waits ``uniform(0, 2 ** tryno)`` seconds before a retry; ``backoff`` scales that.
    """
    for tryno in range(1, MAX_TRIES_ON_CONCURRENCY_FAILURE + 1):
        try:
            result = call(env)
            env.cr.commit()
            return result
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            env.cr.rollback()
            env.invalidate_all()
            if tryno == MAX_TRIES_ON_CONCURRENCY_FAILURE:
                raise
            retried.add()
            time.sleep(random.uniform(0.0, backoff * 2**tryno))
    return None


class Worker(threading.Thread):
    """One of the 8 racers: its own cursor for the whole run, one call per race."""

    def __init__(self, registry, start, done, retried, backoff):
        super().__init__(daemon=True)
        self.registry, self.start_barrier, self.done_barrier = registry, start, done
        self.retried, self.backoff = retried, backoff
        self.task = None
        self.result = None

    def run(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            while True:
                self.start_barrier.wait()
                if self.task is None:
                    return
                env.invalidate_all()
                try:
                    self.result = ("ok", retrying(env, self.task, self.retried, self.backoff))
                except (UserError, ValidationError) as error:
                    cr.rollback()
                    self.result = ("refused", str(error))
                except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as error:
                    # Odoo too gives up after its tries: the caller gets an error, nothing is written.
                    cr.rollback()
                    self.result = ("gave_up", type(error).__name__)
                except Exception as error:  # any other outcome is a violation, counted
                    cr.rollback()
                    self.result = ("error", f"{type(error).__name__}: {error}")
                self.done_barrier.wait()


def wallet_state(cr, employee_id):
    """(balance, sum of lines, number of lines, lowest running balance) of the employee's wallet."""
    cr.execute(
        SQL(
            """
            SELECT a.balance, COALESCE(SUM(l.points), 0), COUNT(l.id),
                   COALESCE(MIN(l.running), 0)
              FROM welfare_points_account a
         LEFT JOIN (SELECT account_id, id, points,
                           SUM(points) OVER (PARTITION BY account_id ORDER BY id) AS running
                      FROM welfare_points_line) l ON l.account_id = a.id
             WHERE a.employee_id = %s
          GROUP BY a.id
            """,
            employee_id,
        )
    )
    return cr.fetchall()


def check_redeem(cr, employee_id, covered, results):
    problems = []
    ok = [value for status, value in results if status == "ok"]
    refused = [value for status, value in results if status == "refused"]
    errors = [value for status, value in results if status == "error"]
    gave_up = sum(1 for status, _value in results if status == "gave_up")
    # A call that gave up after Odoo's tries redeemed nothing: it may leave points unspent.
    if not covered - gave_up <= len(ok) <= covered:
        problems.append(f"{len(ok)} redemptions succeeded, {covered} covered, {gave_up} gave up")
    if len(ok) + len(refused) + gave_up != THREADS or not all("Not enough points" in m for m in refused):
        problems.append(f"refusals: {refused}")
    if errors:
        problems.append(f"errors: {errors}")
    state = wallet_state(cr, employee_id)
    if len(state) != 1:
        problems.append(f"{len(state)} wallets")
    else:
        [(balance, total, count, lowest)] = state
        if balance != total:
            problems.append(f"balance {balance} != sum of lines {total}")
        if balance < 0 or lowest < 0:
            problems.append(f"below zero: balance {balance}, lowest running balance {lowest}")
        if count != 1 + len(ok) or balance != COST * (covered - len(ok)):
            problems.append(f"{count} lines, balance {balance} after {len(ok)} redemptions")
    cr.execute(
        SQL(
            "SELECT COUNT(*) FROM welfare_redemption WHERE employee_id = %s AND debit_line_id IS NOT NULL",
            employee_id,
        )
    )
    [(redemptions,)] = cr.fetchall()
    if redemptions != len(ok):
        problems.append(f"{redemptions} redemptions written, {len(ok)} succeeded")
    return problems


def check_key(cr, employee_id, key, results):
    problems = []
    ids = {tuple(value) for status, value in results if status == "ok"}
    if len(ids) != 1 or any(status not in ("ok", "gave_up") for status, _value in results):
        problems.append(f"results: {results}")
    cr.execute(SQL("SELECT COUNT(*) FROM welfare_points_line WHERE idempotency_key = %s", key))
    [(count,)] = cr.fetchall()
    if count != 1:
        problems.append(f"{count} lines hold the key")
    state = wallet_state(cr, employee_id)
    if state != [(KEY_POINTS, KEY_POINTS, 1, KEY_POINTS)]:
        problems.append(f"wallet state {state}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=1000, help="rounds of both races")
    parser.add_argument("--seed", type=int, default=20260316, help="draws the covered numbers")
    parser.add_argument(
        "--backoff", type=float, default=0.25, help="scale of Odoo's retry wait uniform(0, 2 ** try)"
    )
    options, rest = parser.parse_known_args()
    config.parse_config(rest)
    registry = odoo.modules.registry.Registry(config["db_name"])
    draw = random.Random(options.seed)
    covered = [draw.randint(1, THREADS - 1) for _ in range(options.rounds)]

    start = time.perf_counter()
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        # Redemptions wait for approval: no e-mail is queued in the races.
        env.company.welfare_auto_approve_points = 0
        benefit = env["welfare.benefit"].create(
            {"name": "竞争福利", "category": "goods", "points_cost": COST}
        )
        employees = env["hr.employee"].create([{"name": f"竞争员工{i}"} for i in range(2 * options.rounds)])
        redeemers, key_posters = employees[: options.rounds], employees[options.rounds :]
        env["welfare.points.line"].post_points(
            [
                {
                    "employee_id": employee.id,
                    "points": COST * covered[i],
                    "idempotency_key": f"race-fund-{employee.id}",
                    "reason": "基准",
                }
                for i, employee in enumerate(redeemers)
            ]
        )
        benefit_id, redeemer_ids, key_poster_ids = benefit.id, redeemers.ids, key_posters.ids
    print(f"fixture: {2 * options.rounds} employees in {time.perf_counter() - start:.1f} s", file=sys.stderr)

    # Each serialization failure is logged as a "bad query" before it is re-run: counted instead.
    logging.getLogger("odoo.sql_db").setLevel(logging.CRITICAL)
    retried = Retried()
    start_barrier, done_barrier = threading.Barrier(THREADS + 1), threading.Barrier(THREADS + 1)
    workers = [
        Worker(registry, start_barrier, done_barrier, retried, options.backoff) for _ in range(THREADS)
    ]
    for worker in workers:
        worker.start()

    def race(task):
        for worker in workers:
            worker.task, worker.result = task, None
        start_barrier.wait()
        done_barrier.wait()
        results = [worker.result for worker in workers]
        gave_up[0] += sum(1 for status, _value in results if status == "gave_up")
        return results

    violations, bad_rounds, examples, gave_up = 0, 0, [], [0]
    load_start = os.getloadavg()[0]
    start = time.perf_counter()
    with registry.cursor() as cr:
        for index in range(options.rounds):
            redeemer, poster = redeemer_ids[index], key_poster_ids[index]

            def redeem(env, redeemer=redeemer):
                employee = env["hr.employee"].browse(redeemer)
                return (
                    env["welfare.redemption"]._request(employee, env["welfare.benefit"].browse(benefit_id)).id
                )

            key = f"race-key-{poster}"

            def post_key(env, poster=poster, key=key):
                return env["welfare.points.line"].post_points(
                    [{"employee_id": poster, "points": KEY_POINTS, "idempotency_key": key, "reason": "基准"}]
                )

            results = race(redeem)
            cr.rollback()  # a snapshot taken after the race
            problems = check_redeem(cr, redeemer, covered[index], results)
            results = race(post_key)
            cr.rollback()
            problems += check_key(cr, poster, key, results)
            if problems:
                violations += len(problems)
                bad_rounds += 1
                if len(examples) < 5:
                    examples.append(f"round {index + 1}: {'; '.join(problems)}")
            if (index + 1) % 100 == 0:
                print(
                    f"{index + 1} rounds, {violations} violations, "
                    f"{(index + 1) / (time.perf_counter() - start):.1f} rounds/s",
                    file=sys.stderr,
                )
    seconds = time.perf_counter() - start
    for worker in workers:
        worker.task = None
    start_barrier.wait()
    for worker in workers:
        worker.join(timeout=60)
    load_end = os.getloadavg()[0]

    rounds = options.rounds
    lines = [
        "# Welfare points: the ledger invariants under 8-thread races",
        "",
        f"{rounds:,} rounds, each of two races between {THREADS} threads with their own cursors "
        "(real PostgreSQL; every call committed, or re-run on a serialization failure as Odoo's "
        f"RPC layer does, with its back-off scaled by {options.backoff}): 8 redemptions of a "
        "benefit from one wallet holding points for 1 to 7 of them (drawn per round), then 8 "
        "postings of the same idempotency key to a wallet not yet opened. After each round a "
        "separate cursor checks: balance = sum of lines, no running balance below zero, exactly "
        'the covered number redeemed and the others were told "Not enough points", one '
        "redemption per success, one line per key (a call that gave up after Odoo's 5 tries "
        "must have written nothing; it is counted apart). "
        f"Command: `bash scripts/bench.sh welfare_points_races --rounds {rounds} --backoff "
        f"{options.backoff}` (a throw-away copy of the database, dropped afterwards). Shared "
        f"2-core development machine, load average {load_start:.1f} when the races started and "
        f"{load_end:.1f} when they ended.",
        "",
        "| rounds | races | invariant violations | rounds with a violation | serialization failures "
        "re-run | calls given up after Odoo's 5 tries | seconds | rounds per second |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {rounds:,} | {2 * rounds:,} | {violations} | {bad_rounds} | {retried.count:,} | "
        f"{gave_up[0]} | {seconds:.1f} | {rounds / seconds:.2f} |",
        "",
        f"Redemptions covered: {sum(covered):,} of {THREADS * rounds:,} attempts.",
    ]
    if examples:
        lines += ["", "First violations:", ""] + [f"- {example}" for example in examples]
    out = os.path.join(os.path.dirname(__file__), "..", "docs", "bench-welfare-points-races.md")
    with open(out, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
