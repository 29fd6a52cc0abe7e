"""Print the test command's summary and exit non-zero on any failure.

Counts pytest (its JUnit XML) and the Odoo suite (the authoritative
``odoo.tests.result`` line of its log) together. A skipped test is a failure:
Odoo skips every browser tour silently when Chromium or websocket-client is
missing and still reports ``0 failed``. Errors logged outside any test, and
warnings that name one of our addons, fail the run too.
"""

import argparse
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

RESULT_RE = re.compile(r"odoo\.tests\.result: (\d+) failed, (\d+) error\(s\) of (\d+) tests")
SKIP_RE = re.compile(r" INFO \S+ odoo\.\S+: skipped (\S+) : (.*)$")
LEVEL_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (ERROR|CRITICAL|WARNING) \S+ (\S+): (.*)$")
# Warnings Odoo itself emits on a clean run of Odoo modules, unrelated to ours.
IGNORED_WARNINGS = (
    "werkzeug",  # HTTP access log of tests
)


def pytest_counts(out):
    path = out / "pytest.xml"
    if not path.exists():
        return 0, 1, 0, ["pytest wrote no report"]
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root)
    total = sum(int(s.get("tests", 0)) for s in suites)
    failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    notes = []
    if total == 0:
        notes.append("pytest ran no test")
        failed += 1
    return total - failed - skipped, failed, skipped, notes


def odoo_counts(out, addons):
    status = (out / "odoo.status").read_text(encoding="utf-8").strip()
    if status.startswith("SKIPPED"):
        return None
    log = (out / "odoo.log").read_text(encoding="utf-8", errors="replace")
    notes = []
    results = RESULT_RE.findall(log)
    if not results:
        notes.append(f"the Odoo run ended without a test result ({status}); see .local/test/odoo.log")
        return 0, 1, 0, notes
    failed = sum(int(f) + int(e) for f, e, _t in results)
    total = sum(int(t) for _f, _e, t in results)
    skips = SKIP_RE.findall(log)
    for test, reason in skips:
        notes.append(f"skipped (counted as failed): {test}: {reason}")
    extra = 0
    for line in log.splitlines():
        match = LEVEL_RE.match(line)
        if not match:
            continue
        level, logger, message = match.groups()
        if logger.startswith(IGNORED_WARNINGS):
            continue
        if level == "WARNING":
            ours = any(addon in logger or addon in message for addon in addons)
            if not ours:
                continue
        # Failing tests already log ERROR/FAIL lines counted by the result line.
        if logger.startswith("odoo.tests.") or (".tests." in logger and level != "WARNING"):
            continue
        notes.append(f"{level} outside the test results: {logger}: {message[:300]}")
        extra += 1
    if status != "exit=0" and failed == 0 and not extra:
        notes.append(f"Odoo exited with {status}")
        extra += 1
    passed = total - failed - len(skips)
    return passed, failed + len(skips) + extra, 0, notes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--lint-failed", type=int, default=0)
    parser.add_argument("--lint", default="")
    parser.add_argument("--addons", default="")
    args = parser.parse_args()
    addons = [a for a in args.addons.split(",") if a]

    print()
    print("==== summary")
    print(f"lint: {args.lint}")
    p_pass, p_fail, p_skip, notes = pytest_counts(args.out)
    print(f"pytest: {p_pass} passed, {p_fail} failed, {p_skip} skipped")
    passed, failed = p_pass, p_fail + p_skip + args.lint_failed
    odoo = odoo_counts(args.out, addons)
    if odoo is None:
        print((args.out / "odoo.status").read_text(encoding="utf-8").strip())
    else:
        o_pass, o_fail, _o_skip, o_notes = odoo
        print(f"odoo: {o_pass} passed, {o_fail} failed")
        notes += o_notes
        passed += o_pass
        failed += o_fail
    for note in notes:
        print(f"  - {note}")
    if args.lint_failed:
        print(f"  - {args.lint_failed} lint check(s) failed (counted as failed)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
