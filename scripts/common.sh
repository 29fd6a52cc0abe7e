# shellcheck shell=bash
# Helpers shared by scripts/run.sh, scripts/test.sh and scripts/i18n.sh.
# Sourced, never executed. Every function prints what it does on stderr and
# says exactly what is missing when it cannot go on.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# CI may run with a bare environment: find the home directory without $HOME.
HOME=${HOME:-$(getent passwd "$(id -un)" | cut -d: -f6)}
CACHE=${RETENTION_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/retention-suite}
LOCAL=$REPO/.local                     # ignored by git: cluster, filestore, logs
ODOO_DEFAULT_SRC=${ODOO_DEFAULT_SRC:-/opt/odoo} # documented default place of an Odoo 18 tree
ODOO_OFFICIAL_GIT=https://github.com/odoo/odoo.git
PYTHON=${PYTHON:-python3}
ADDONS="outsourcing_retention,welfare_points,career_paths,legal_aid"
PGPORT_OWN=${RETENTION_PGPORT:-5433}

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo "$@"
    else
        return 1
    fi
}

# apt_install PKG... : install Debian packages when we may (root or password-less
# sudo); otherwise fail so the caller can name what is missing.
apt_install() {
    command -v apt-get >/dev/null 2>&1 || return 1
    log "installing Debian packages: $*"
    if [ ! -d /var/lib/apt/lists/partial ] || [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v partial)" ]; then
        as_root apt-get update -qq >&2 || return 1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2 ||
        { as_root apt-get update -qq >&2 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2; }
}

# ---------------------------------------------------------------- Odoo source
is_odoo18_tree() {
    [ -f "$1/odoo-bin" ] && grep -qE '^version_info = \(18, 0' "$1/odoo/release.py" 2>/dev/null
}

# find_odoo: sets ODOO_SRC to an Odoo 18 tree, or ODOO_PKG_PYTHON to a Python
# that imports an installed Odoo 18 package. Returns 1 and sets ODOO_MISSING.
find_odoo() {
    ODOO_MISSING=""
    ODOO_PKG_PYTHON=""
    if [ -n "${ODOO_SRC:-}" ]; then
        if is_odoo18_tree "$ODOO_SRC"; then
            ODOO_SRC=$(cd "$ODOO_SRC" && pwd)
            return 0
        fi
        ODOO_MISSING="ODOO_SRC=$ODOO_SRC is not an Odoo 18.0 source tree (no odoo-bin, or odoo/release.py is not 18.0)"
        ODOO_SRC=""
        return 1
    fi
    for candidate in "$ODOO_DEFAULT_SRC" "$CACHE/odoo-18.0"; do
        if is_odoo18_tree "$candidate"; then
            ODOO_SRC=$candidate
            return 0
        fi
    done
    ODOO_SRC=""
    for py in "$PYTHON" python3; do
        if command -v "$py" >/dev/null 2>&1 &&
            "$py" -c 'import sys, odoo.release as r; sys.exit(r.version_info[:2] != (18, 0))' 2>/dev/null; then
            ODOO_PKG_PYTHON=$(command -v "$py")
            return 0
        fi
    done
    ODOO_MISSING="no Odoo 18.0 found: ODOO_SRC is not set, $ODOO_DEFAULT_SRC holds no Odoo 18.0 tree, and no installed 'odoo' 18.0 package can be imported by $PYTHON. Provide one of them (for example: git clone --depth 1 --branch 18.0 $ODOO_OFFICIAL_GIT $ODOO_DEFAULT_SRC, or export ODOO_SRC=/path/to/odoo-18.0)"
    return 1
}

# fetch_official_odoo: only `make run` calls this, when find_odoo failed.
fetch_official_odoo() {
    command -v git >/dev/null 2>&1 || return 1
    log "no Odoo 18 found; trying Odoo's official 18.0 source into $CACHE/odoo-18.0"
    mkdir -p "$CACHE"
    rm -rf "$CACHE/odoo-18.0.partial"
    if timeout 1800 git clone --quiet --depth 1 --branch 18.0 "$ODOO_OFFICIAL_GIT" "$CACHE/odoo-18.0.partial" >&2; then
        mv "$CACHE/odoo-18.0.partial" "$CACHE/odoo-18.0"
        ODOO_SRC=$CACHE/odoo-18.0
        return 0
    fi
    rm -rf "$CACHE/odoo-18.0.partial"
    return 1
}

# ------------------------------------------------------------------ virtualenvs
# Two virtualenvs in the cache, rebuilt only when their requirements change:
#   VENV       Odoo's requirements (when a source tree is used), the addons'
#              (requirements.txt) and websocket-client, without which Odoo
#              skips every browser tour;
#   TOOLS_VENV lint and pytest (requirements-dev.txt): kept apart because the
#              OCA checks need newer libraries (polib) than Odoo pins.
check_python() {
    command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found: install Python 3.10, 3.11 or 3.12 (Debian: apt-get install python3 python3-venv python3-dev)"
    PYVER=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
    case "$PYVER" in
    3.10 | 3.11 | 3.12) ;;
    *) die "Python $PYVER found; Odoo 18 needs Python 3.10 to 3.12 (set PYTHON=python3.11 for example)" ;;
    esac
}

# make_venv DIR SYSTEM_SITE(0/1) REQUIREMENT_ARGS...
make_venv() {
    local dir=$1 system_site=$2
    shift 2
    local stamp
    stamp=$(printf '%s\n' "$@" | while read -r a; do [ -f "$a" ] && cat "$a" || echo "$a"; done | sha256sum | cut -c1-16)
    if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ]; then
        return 0
    fi
    log "preparing the virtualenv $dir (first time only, a few minutes)"
    local site=()
    [ "$system_site" = 1 ] && site=(--system-site-packages)
    rm -rf "$dir"
    "$PYTHON" -m venv "${site[@]}" "$dir" || die "cannot create a virtualenv with $PYTHON (Debian: apt-get install python3-venv)"
    "$dir/bin/pip" install -q --upgrade pip wheel >&2
    PIP_BUILD_CONSTRAINT="$REPO/scripts/pip-build-constraints.txt" PIP_CONSTRAINT="$REPO/scripts/pip-build-constraints.txt" \
        "$dir/bin/pip" install -q "$@" >&2 || die "pip could not install $* into $dir (see the messages above)"
    echo "$stamp" >"$dir/.stamp"
}

ensure_venv() {
    check_python
    VENV=${RETENTION_VENV:-$CACHE/venv-py$PYVER}
    local reqs=(-r "$REPO/requirements.txt" "websocket-client>=1.6")
    if [ -n "${ODOO_SRC:-}" ]; then
        ensure_build_deps
        reqs=(-r "$ODOO_SRC/requirements.txt" "${reqs[@]}")
    fi
    make_venv "$VENV" "$([ -n "${ODOO_PKG_PYTHON:-}" ] && echo 1 || echo 0)" "${reqs[@]}"
}

ensure_tools_venv() {
    check_python
    TOOLS_VENV=${RETENTION_TOOLS_VENV:-$CACHE/tools-py$PYVER}
    make_venv "$TOOLS_VENV" 0 -r "$REPO/requirements.txt" -r "$REPO/requirements-dev.txt"
}

# Odoo's pinned requirements build psycopg2 and python-ldap from source.
ensure_build_deps() {
    local missing=()
    command -v pg_config >/dev/null 2>&1 || missing+=(libpq-dev)
    [ -f /usr/include/ldap.h ] || missing+=(libldap2-dev libsasl2-dev)
    [ ${#missing[@]} -eq 0 ] && return 0
    apt_install "${missing[@]}" ||
        warn "could not install ${missing[*]} (needed to build psycopg2/python-ldap); pip may fail below"
}

# odoo_cmd: prints the command that starts Odoo, for "$(odoo_cmd)" word-splitting.
odoo_cmd() {
    if [ -n "${ODOO_SRC:-}" ]; then
        echo "$VENV/bin/python $ODOO_SRC/odoo-bin"
    else
        echo "$VENV/bin/python -m odoo"
    fi
}

addons_path() {
    if [ -n "${ODOO_SRC:-}" ]; then
        echo "$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$REPO/addons"
    else
        echo "$REPO/addons"
    fi
}

# ------------------------------------------------------------------ PostgreSQL
# ensure_postgres: use a reachable server where the current role may create
# databases; else run a cluster the project owns under .local/pg. Sets DB_ARGS.
ensure_postgres() {
    DB_ARGS=()
    PG_STOP=""
    if [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ] || [ "$(id -u)" != 0 ]; then
        if command -v psql >/dev/null 2>&1 &&
            [ "$(psql -d postgres -XAtc 'select rolcreatedb or rolsuper from pg_roles where rolname = current_user' 2>/dev/null)" = t ]; then
            log "using the reachable PostgreSQL server (${PGHOST:-local socket}:${PGPORT:-5432} as ${PGUSER:-$(id -un)})"
            [ -n "${PGHOST:-}" ] && DB_ARGS+=(--db_host "$PGHOST")
            [ -n "${PGPORT:-}" ] && DB_ARGS+=(--db_port "$PGPORT")
            [ -n "${PGUSER:-}" ] && DB_ARGS+=(--db_user "$PGUSER")
            [ -n "${PGPASSWORD:-}" ] && DB_ARGS+=(--db_password "$PGPASSWORD")
            PSQL=(psql -X -d postgres)
            return 0
        fi
    fi
    own_cluster
}

pg_bindir() {
    local d
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir
        return 0
    fi
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

own_cluster() {
    local bindir
    bindir=$(pg_bindir) || true
    if [ -z "$bindir" ]; then
        apt_install postgresql || die "PostgreSQL is missing and cannot be installed here: install it (Debian: apt-get install postgresql) or export PGHOST/PGPORT/PGUSER for a server where that role may create databases"
        bindir=$(pg_bindir) || die "PostgreSQL was installed but initdb was not found"
    fi
    PGDIR=${RETENTION_PGDIR:-$LOCAL/pg}
    local runas=()
    if [ "$(id -u)" = 0 ]; then
        # PostgreSQL refuses to run as root: the cluster belongs to the
        # 'postgres' system user that Debian's package creates.
        id postgres >/dev/null 2>&1 || die "running as root and there is no 'postgres' system user to own the cluster (apt-get install postgresql creates it)"
        mkdir -p "$PGDIR"
        if ! runuser -u postgres -- test -x "$PGDIR"; then
            PGDIR=/var/tmp/retention-suite-$(echo "$REPO" | sha256sum | cut -c1-12)/pg
            warn "the postgres user cannot reach $REPO; the cluster lives in $PGDIR instead"
            mkdir -p "$PGDIR"
        fi
        chown postgres: "$PGDIR"
        runas=(runuser -u postgres --)
    fi
    mkdir -p "$PGDIR"
    if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
        log "creating the project's PostgreSQL cluster in $PGDIR"
        "${runas[@]}" "$bindir/initdb" -D "$PGDIR/data" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1 ||
            { cat "$PGDIR/initdb.log" >&2; die "initdb failed"; }
    fi
    "${runas[@]}" mkdir -p "$PGDIR/run"
    # Every command using the cluster holds a shared lock on it; the last one
    # to leave stops it (stop_own_postgres), so parallel runs do not pull the
    # server from under each other.
    exec 9>>"$PGDIR/users.lock"
    flock -s 9
    PG_STOP="${runas[*]} $bindir/pg_ctl -D $PGDIR/data -m fast stop"
    if ! "$bindir/pg_isready" -q -h "$PGDIR/run" -p "$PGPORT_OWN"; then
        log "starting the project's PostgreSQL on socket $PGDIR/run (port $PGPORT_OWN, no TCP)"
        "${runas[@]}" "$bindir/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
            -o "-k $PGDIR/run -p $PGPORT_OWN -c listen_addresses=''" start >/dev/null ||
            { tail -n 20 "$PGDIR/server.log" >&2; die "PostgreSQL did not start"; }
    fi
    DB_ARGS=(--db_host "$PGDIR/run" --db_port "$PGPORT_OWN" --db_user odoo)
    PSQL=(psql -X -h "$PGDIR/run" -p "$PGPORT_OWN" -U odoo -d postgres)
}

stop_own_postgres() {
    if [ -n "${PG_STOP:-}" ] && flock -n -x 9; then
        log "stopping the project's PostgreSQL"
        $PG_STOP >/dev/null 2>&1 || true
    fi
    PG_STOP=""
}

db_exists() {
    [ "$("${PSQL[@]}" -Atc "select 1 from pg_database where datname = '$1'" 2>/dev/null)" = 1 ]
}

drop_db() {
    "${PSQL[@]}" -qc "drop database if exists \"$1\" with (force)" >/dev/null 2>&1 || true
    rm -rf "$LOCAL/filestore/filestore/$1"
}

# ensure_wkhtmltopdf: Odoo renders every PDF report (the signed renewal offers among
# them) with wkhtmltopdf; install Debian's package when it is missing and we may.
# A PDF with Chinese names also needs a CJK font (Debian's fonts-wqy-microhei), or the names
# print as empty boxes.
ensure_wkhtmltopdf() {
    local missing=()
    command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
    if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null | head -n 1)" ]; then
        missing+=(fonts-wqy-microhei)
    elif ! command -v fc-list >/dev/null 2>&1; then
        missing+=(fonts-wqy-microhei)
    fi
    [ ${#missing[@]} -eq 0 ] && return 0
    apt_install "${missing[@]}" ||
        warn "${missing[*]} missing and cannot be installed here (Debian: apt-get install ${missing[*]}); PDF reports cannot be rendered, or show Chinese as boxes"
}

free_port() {
    "$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
