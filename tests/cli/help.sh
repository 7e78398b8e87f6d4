# help.sh - the command line itself: help, --help, --version, exit codes.
. "$(dirname "$0")/lib.sh"

bdb help
expect_rc 0 "help"
expect_match "$OUT" "^usage: benchdb \[--db PATH\]" "help synopsis"
OVERVIEW=$OUT
for c in import list show help; do
    expect_match "$OVERVIEW" "  $c " "help lists $c"
    bdb help "$c"
    expect_rc 0 "help $c"
    expect_match "$OUT" "^usage: benchdb $c" "help $c usage"
    HELP_TEXT=$OUT
    bdb "$c" --help
    expect_rc 0 "$c --help"
    expect_eq "$OUT" "$HELP_TEXT" "$c --help is help $c"
done
[ ! -e "$DB" ] || fail "--help created the database"

bdb --version
expect_rc 0 "--version"
expect_match "$OUT" "^benchdb [0-9]+\.[0-9]+\.[0-9]+ \(schema [0-9]+, SQLite 3\." "--version text"

bdb help meta
expect_match "$OUT" "stack.framework +--framework" "help meta lists keys with flags"
bdb help formats
expect_match "$OUT" "wrk" "help formats lists wrk"

# Usage errors exit 2 and say why.
bdb frobnicate
expect_rc 2 "unknown command"
expect_match "$ERR" "'frobnicate' is not a command" "unknown command message"
bdb import
expect_rc 2 "import without files"
expect_match "$ERR" "no files given" "import without files message"
bdb import --no-such-flag x
expect_rc 2 "unknown import flag"
bdb import --workers four x
expect_rc 2 "bad --workers"
expect_match "$ERR" "stack.workers" "bad --workers names the key"
bdb import --format nope x
expect_rc 2 "unknown --format"
expect_match "$ERR" "unknown format \(formats: .*wrk" "unknown --format lists formats"
bdb
expect_rc 2 "no command"

# A command needing a database, without one: status 3 and a reason.
bdb list
expect_rc 3 "list without a database"
expect_match "$ERR" "no database at" "list without a database message"
bdb --db "$T_DIR/no/such/dir/x.sqlite" import "$SRC/results/lihil-2025/01-axum.txt"
expect_rc 3 "database in a missing directory"

# Unambiguous prefixes work (Fossil-style).
"$BENCHDB" --db "$DB" imp -q "$SRC/results/lihil-2025/01-axum.txt"
expect_eq "$?" 0 "prefix 'imp' runs import"
bdb sh 1
expect_rc 0 "prefix 'sh' runs show"

# Options stand anywhere among the arguments, for every command; "--"
# ends them, so a file named "-x" can be imported; "-" is standard input.
cp "$SRC/results/lihil-2025/02-asyncio.txt" ./-x
bdb import -- -x
expect_rc 0 "import -- -x"
expect_eq "$(sql "SELECT source_file || '|' || rps FROM summary WHERE label = '-x'")" "-x|104379.61" \
    "the file named -x"
bdb import -x
expect_rc 2 "-x before -- is an option"
bdb import "$SRC/results/lihil-2025/03-uvicorn.txt" --label late --no-such-flag
expect_rc 2 "an unknown flag after the file"
bdb import "$SRC/results/lihil-2025/03-uvicorn.txt" --label late --scenario 'after the file'
expect_rc 0 "flags after the file"
expect_eq "$(sql "SELECT scenario || '|' || rps FROM summary WHERE label = 'late'")" \
    "after the file|46425.59" "flags after the file are stored"
bdb show 3 --json
expect_rc 0 "show ID --json"
expect_eq "$(printf '%s' "$OUT" | jq -r '.label')" late "show ID --json: the option after the ID"
bdb list --json -- 
expect_rc 0 "list --json --"
expect_eq "$(printf '%s' "$OUT" | jq -r 'length')" 3 "list --json -- lists the three runs"

# BENCHDB_DB is the default database; --db wins over it.
BENCHDB_DB="$DB" "$BENCHDB" list >/dev/null 2>&1
expect_eq "$?" 0 "BENCHDB_DB names the database"
finish
