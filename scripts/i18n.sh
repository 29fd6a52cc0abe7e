#!/usr/bin/env bash
# Re-export i18n/<addon>.pot from a database holding exactly the addon and its
# dependencies (no demo data), then merge the new terms into i18n/zh_CN.po.
# Usage: scripts/i18n.sh [addon ...]   (default: the four addons)
set -euo pipefail
# shellcheck source=common.sh
source "$(dirname "$0")/common.sh"
cd "$REPO"
find_odoo || die "$ODOO_MISSING"
ensure_venv
ensure_postgres
trap stop_own_postgres EXIT
[ $# -gt 0 ] || set -- ${ADDONS//,/ }
for addon in "$@"; do
    [ -f "addons/$addon/__manifest__.py" ] || die "no addon named $addon"
    mkdir -p "addons/$addon/i18n"
    db=retention_i18n_$addon
    drop_db "$db"
    log "$addon: installing it alone (with its dependencies) in $db"
    # shellcheck disable=SC2046
    $(odoo_cmd) -c odoo.conf --addons-path="$(addons_path)" "${DB_ARGS[@]}" --data-dir="$LOCAL/filestore" \
        -d "$db" -i "$addon" --without-demo=all --stop-after-init --http-port="$(free_port)" --log-level=warn
    log "$addon: exporting addons/$addon/i18n/$addon.pot"
    # shellcheck disable=SC2046
    $(odoo_cmd) -c odoo.conf --addons-path="$(addons_path)" "${DB_ARGS[@]}" --data-dir="$LOCAL/filestore" \
        -d "$db" --i18n-export="addons/$addon/i18n/$addon.pot" --modules="$addon" --stop-after-init \
        --http-port="$(free_port)" --log-level=warn
    "$VENV/bin/python" scripts/i18n_merge.py "addons/$addon/i18n/$addon.pot" "addons/$addon/i18n/zh_CN.po"
    drop_db "$db"
done
