#!/usr/bin/env bash
# The project's test command (README: `make test`; .ci/run calls it).
#   1. lint: ruff, pylint-odoo, OCA XML/CSV/PO checks
#   2. pytest tests/ (engines and static checks, no Odoo needed)
#   3. the Odoo suite: a fresh database, the four addons without demo data,
#      their tests with browser tours in headless Chromium
# and a last line "N passed, N failed". Exits non-zero on any failure.
# Options (environment): ODOO_SRC, TEST_TAGS (default: all four addons),
# KEEP_DB=1 (keep the test database), SKIP_LINT=1 (local loops only).
set -uo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
cd "$REPO" || exit 1
OUT=$LOCAL/test
rm -rf "$OUT"
mkdir -p "$OUT"

odoo_found=1
find_odoo || odoo_found=0
ensure_tools_venv
[ "$odoo_found" = 1 ] && ensure_venv
export PATH="$TOOLS_VENV/bin:$PATH"

# ------------------------------------------------------------------ 1. lint
lint_failed=0
lint_report=()
lint() { # lint NAME COMMAND...
    local name=$1
    shift
    if "$@" >"$OUT/lint-$name.log" 2>&1; then
        lint_report+=("$name ok")
    else
        lint_report+=("$name FAILED")
        lint_failed=$((lint_failed + 1))
        log "lint $name failed:"
        tail -n 60 "$OUT/lint-$name.log" >&2
    fi
}
if [ -z "${SKIP_LINT:-}" ]; then
    log "lint"
    lint ruff-check ruff check .
    lint ruff-format ruff format --check .
    lint pylint-odoo pylint --rcfile="$REPO/.pylintrc" addons/*/
    lint oca-xml-csv oca-checks-odoo-module --no-verbose addons/*/__manifest__.py
    lint oca-po oca-checks-po --no-verbose addons/*/i18n/*.po addons/*/i18n/*.pot
else
    lint_report+=("skipped (SKIP_LINT)")
fi

# ------------------------------------------------------------------ 2. pytest
log "pytest tests/"
python -m pytest -q -p no:cacheprovider --junitxml="$OUT/pytest.xml" tests/ 2>&1 | tee "$OUT/pytest.log"

# ------------------------------------------------------------------ 3. Odoo
odoo_status="$OUT/odoo.status"
if [ "$odoo_found" = 0 ]; then
    echo "SKIPPED: Odoo suite - $ODOO_MISSING" | tee "$odoo_status"
else
    # Tours are skipped silently without Chromium; install it where we may
    # and let the summary fail on any skipped test.
    if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 &&
        ! command -v google-chrome >/dev/null 2>&1; then
        apt_install chromium || warn "Chromium is missing and cannot be installed here (Debian: apt-get install chromium); browser tours will be reported as failures"
    fi
    # The signed renewal offers are rendered as real PDFs by the tests when it is there.
    ensure_wkhtmltopdf
    ensure_postgres
    trap stop_own_postgres EXIT
    db=retention_test_$$
    drop_db "$db"
    tags=${TEST_TAGS:-$(echo "$ADDONS" | sed 's/[^,]*/\/&/g')}
    log "Odoo suite: database $db, addons $ADDONS, test tags $tags"
    # shellcheck disable=SC2046
    $(odoo_cmd) -c "$REPO/odoo.conf" --addons-path="$(addons_path)" "${DB_ARGS[@]}" \
        --data-dir="$LOCAL/filestore" -d "$db" -i "$ADDONS" --without-demo=all \
        --test-enable --test-tags="$tags" --stop-after-init \
        --http-port="$(free_port)" --gevent-port="$(free_port)" \
        --log-level=info --logfile= >"$OUT/odoo.log" 2>&1
    echo "exit=$?" >"$odoo_status"
    grep -E ' (ERROR|CRITICAL|FAIL|WARNING) |odoo\.tests\.(result|stats)|skipped' "$OUT/odoo.log" | tail -n 80
    [ -n "${KEEP_DB:-}" ] || drop_db "$db"
fi

# ------------------------------------------------------------------ summary
python "$REPO/scripts/summarize.py" --out "$OUT" --lint-failed "$lint_failed" --lint "${lint_report[*]}" --addons "$ADDONS"
