#!/usr/bin/env bash
# The project's run command (README: `make run`): prepares PostgreSQL, the
# virtualenv and Odoo 18, creates the demo database once (four addons, demo
# data, zh_CN loaded), then serves it on http://localhost:${HTTP_PORT:-8069}.
# Environment: ODOO_SRC, RETENTION_DB (default retention_demo), HTTP_PORT,
# RETENTION_BASE_URL (the public URL put in links, default http://localhost:$HTTP_PORT).
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

# Links in messages and e-mails are built from web.base.url: make it the URL served now.
# RETENTION_BASE_URL (a public or proxy URL) is set and frozen; otherwise a
# http://localhost:<port> left by an earlier run on another port follows HTTP_PORT, and a
# URL learnt from an administrator's login (Odoo's default behaviour) is kept.
set_base_url() {
    if [ -n "${RETENTION_BASE_URL:-}" ]; then
        "${PSQL[@]}" -d "$DB" -q -v url="$RETENTION_BASE_URL" <<'SQL' >/dev/null
INSERT INTO ir_config_parameter (key, value, create_date, write_date)
VALUES ('web.base.url', :'url', now(), now()), ('web.base.url.freeze', 'True', now(), now())
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, write_date = now();
SQL
    else
        "${PSQL[@]}" -d "$DB" -q -v url="http://localhost:$PORT" <<'SQL' >/dev/null
INSERT INTO ir_config_parameter (key, value, create_date, write_date)
VALUES ('web.base.url', :'url', now(), now())
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, write_date = now()
 WHERE ir_config_parameter.value ~ '^http://localhost:[0-9]+$';
SQL
    fi
}

installed() {
    db_exists "$DB" && [ "$("${PSQL[@]}" -d "$DB" -Atc \
        "select count(*) from ir_module_module where state = 'installed' and name in ('${ADDONS//,/\',\'}')
           and not exists (select 1 from ir_demo_failure)" 2>/dev/null)" = 4 ]
}

if ! installed; then
    log "creating the demo database $DB (once; a few minutes)"
    drop_db "$DB"
    # zh_CN first, with base only, so that every addon installed next loads its
    # Chinese terms, data records included (a language loaded later into an
    # existing database only translates base's records).
    # --http-port is the served one: with --stop-after-init no port is opened, but the
    # database's web.base.url (links in the demo's messages) is created from it.
    # shellcheck disable=SC2086
    $ODOO "${common[@]}" -d "$DB" -i base --load-language=zh_CN --stop-after-init --http-port="$PORT" --log-level=warn ||
        die "Odoo could not create the database $DB"
    set_base_url
    # shellcheck disable=SC2086
    $ODOO "${common[@]}" -d "$DB" -i "$ADDONS" --stop-after-init --http-port="$PORT" --log-level=warn ||
        die "Odoo could not install $ADDONS in $DB"
    # A failing demo file is only logged (ir.demo_failure) and odoo-bin exits 0.
    [ "$("${PSQL[@]}" -d "$DB" -Atc "select count(*) from ir_demo_failure")" = 0 ] ||
        die "the demo data of $DB failed to load: see the errors above (make run rebuilds it next time)"
else
    set_base_url
fi

cat <<TXT

  Retention suite: http://localhost:$PORT   (database $DB)
  Demo logins (login / password):
    HR manager                 hr_manager / hr_manager
    Regional manager           regional_manager / regional_manager
    Employee on the portal     employee_portal / employee_portal
    Client HR on the portal    client_hengyuan / client_hengyuan  (also client_shunda, client_huaxin)
    Client HR (internal user)  client_hengyuan_hr / client_hengyuan_hr  (Client Services app)
    Legal-aid coordinator      legal_coordinator / legal_coordinator
    Partner lawyer             lawyer_portal / lawyer_portal  (another firm: lawyer_shanghai)
    Administrator              admin / admin
  Ctrl-C stops Odoo (and the project's PostgreSQL when this command started it).

TXT
# shellcheck disable=SC2086
$ODOO "${common[@]}" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" --http-interface="${HTTP_INTERFACE:-127.0.0.1}"
