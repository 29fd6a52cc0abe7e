#!/usr/bin/env bash
# The project's run command (README: `make run`): prepares PostgreSQL, the
# virtualenv and Odoo 18, creates the demo database once (four addons, demo
# data, zh_CN loaded), then serves it on http://localhost:${HTTP_PORT:-8069}.
# Environment: ODOO_SRC, RETENTION_DB (default retention_demo), HTTP_PORT.
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
cd "$REPO"

DB=${RETENTION_DB:-retention_demo}
PORT=${HTTP_PORT:-8069}

if ! find_odoo; then
    fetch_official_odoo || die "$ODOO_MISSING. Fetching Odoo's official 18.0 source failed too (no network?)."
fi
ensure_venv
ensure_wkhtmltopdf
ensure_postgres
trap stop_own_postgres EXIT

ODOO=$(odoo_cmd)
common=(-c "$REPO/odoo.conf" --addons-path="$(addons_path)" "${DB_ARGS[@]}" --data-dir="$LOCAL/filestore")

installed() {
    db_exists "$DB" && [ "$("${PSQL[@]}" -d "$DB" -Atc \
        "select count(*) from ir_module_module where state = 'installed' and name in ('${ADDONS//,/\',\'}')" 2>/dev/null)" = 4 ]
}

if ! installed; then
    log "creating the demo database $DB (once; a few minutes)"
    drop_db "$DB"
    # zh_CN first, with base only, so that every addon installed next loads its
    # Chinese terms, data records included (a language loaded later into an
    # existing database only translates base's records).
    # shellcheck disable=SC2086
    $ODOO "${common[@]}" -d "$DB" -i base --load-language=zh_CN --stop-after-init --http-port="$(free_port)" --log-level=warn ||
        die "Odoo could not create the database $DB"
    # shellcheck disable=SC2086
    $ODOO "${common[@]}" -d "$DB" -i "$ADDONS" --stop-after-init --http-port="$(free_port)" --log-level=warn ||
        die "Odoo could not install $ADDONS in $DB"
fi

cat <<TXT

  Retention suite: http://localhost:$PORT   (database $DB)
  Demo logins (login / password):
    HR manager                 hr_manager / hr_manager
    Regional manager           regional_manager / regional_manager
    Employee on the portal     employee_portal / employee_portal
    Administrator              admin / admin
  Ctrl-C stops Odoo (and the project's PostgreSQL when this command started it).

TXT
# shellcheck disable=SC2086
$ODOO "${common[@]}" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" --http-interface="${HTTP_INTERFACE:-127.0.0.1}"
