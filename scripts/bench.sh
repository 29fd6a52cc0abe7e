#!/usr/bin/env bash
# Run one benchmark of bench/ against real Odoo and PostgreSQL.
# Usage: scripts/bench.sh NAME [benchmark options]   (e.g. risk_scoring --sizes 2000,10000)
# The database retention_bench (the four addons, no demo data) is created on first use.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
cd "$REPO"
name=${1:?usage: scripts/bench.sh NAME [options]}
shift
[ -f "bench/$name.py" ] || die "no benchmark bench/$name.py"
find_odoo || die "$ODOO_MISSING"
ensure_venv
ensure_postgres
trap stop_own_postgres EXIT
db=${BENCH_DB:-retention_bench}
if ! db_exists "$db"; then
    log "creating $db with the four addons (no demo data)"
    # shellcheck disable=SC2046
    $(odoo_cmd) -c odoo.conf --addons-path="$(addons_path)" "${DB_ARGS[@]}" --data-dir="$LOCAL/filestore" \
        -d "$db" -i "$ADDONS" --without-demo=all --stop-after-init --http-port="$(free_port)" --log-level=warn
fi
# Each run works on a throw-away copy: the scoring job commits its batches.
run=${db}_run_$$
"${PSQL[@]}" -qc "create database \"$run\" template \"$db\"" >/dev/null
status=0
PYTHONPATH="${ODOO_SRC:-}${PYTHONPATH:+:$PYTHONPATH}" "$VENV/bin/python" "bench/$name.py" "$@" -c odoo.conf \
    --addons-path="$(addons_path)" "${DB_ARGS[@]}" --data-dir="$LOCAL/filestore" -d "$run" --log-level=warn || status=$?
drop_db "$run"
exit $status
