# lib.sh - shared helpers for the CLI tests (sourced, not run).
#
# Each test runs the real benchdb ($BENCHDB) in a fresh directory under
# $TMPROOT with its own database, and checks stdout, stderr, exit codes
# and the database through the real sqlite3 CLI.
set -u
: "${BENCHDB:?set by ctest}" "${SRC:?set by ctest}" "${TMPROOT:?set by ctest}"
export LC_ALL=C.UTF-8
unset BENCHDB_DB

T_NAME=$(basename "$0" .sh)
T_DIR="$TMPROOT/$T_NAME"
rm -rf "$T_DIR"
mkdir -p "$T_DIR"
cd "$T_DIR" || exit 2
T_FAILS=0
DB="$T_DIR/test.sqlite"

fail() {
    echo "FAIL: $*" >&2
    T_FAILS=$((T_FAILS + 1))
}

# bdb ARGS...: runs benchdb on $DB; sets OUT, ERR, RC.
bdb() {
    OUT=$("$BENCHDB" --db "$DB" "$@" 2>"$T_DIR/stderr")
    RC=$?
    ERR=$(cat "$T_DIR/stderr")
}

# sql QUERY: the sqlite3 CLI's answer on $DB.
sql() {
    sqlite3 -batch "$DB" "$1"
}

expect_eq() { # ACTUAL EXPECTED WHAT
    if [ "$1" != "$2" ]; then
        fail "$3: got [$1], want [$2]"
    fi
}

expect_rc() { # EXPECTED WHAT
    if [ "$RC" != "$1" ]; then
        fail "$2: exit status $RC, want $1 (stderr: $ERR)"
    fi
}

expect_match() { # TEXT REGEX WHAT
    if ! printf '%s' "$1" | grep -Eq -- "$2"; then
        fail "$3: [$1] does not match /$2/"
    fi
}

expect_no_match() { # TEXT REGEX WHAT
    if printf '%s' "$1" | grep -Eq -- "$2"; then
        fail "$3: [$1] matches /$2/"
    fi
}

# Database content, for "nothing changed" checks.
db_digest() {
    if [ -f "$DB" ]; then
        sqlite3 -batch "$DB" .dump | sha256sum | cut -d' ' -f1
    else
        echo none
    fi
}

finish() {
    if [ "$T_FAILS" -ne 0 ]; then
        echo "$T_NAME: $T_FAILS check(s) failed" >&2
        exit 1
    fi
    echo "$T_NAME: ok"
    exit 0
}
