# readme_queries.sh - every example query in the README, run with the real
# sqlite3 CLI on a database of the bundled results/, prints what the README
# shows.
. "$(dirname "$0")/lib.sh"

bdb import "$SRC/results"
expect_rc 0 "import results/"
awk -v dir="$T_DIR" '
    /^### Example queries/ { on = 1 }
    on && /^## / && !/^### / { on = 0 }
    !on { next }
    /^```sql$/  { n++; mode = "sql"; next }
    /^```text$/ { mode = "text"; next }
    /^```$/     { mode = ""; next }
    mode == "sql"  { print > (dir "/q" n ".sql") }
    mode == "text" { print > (dir "/q" n ".want") }
' "$SRC/README.md"
count=0
for q in "$T_DIR"/q*.sql; do
    [ -e "$q" ] || break
    count=$((count + 1))
    want="${q%.sql}.want"
    sqlite3 -header -column "$DB" "$(cat "$q")" | sed 's/[[:space:]]*$//' > "${q%.sql}.got"
    if ! diff -u "$want" "${q%.sql}.got" > "${q%.sql}.diff"; then
        fail "README query $(basename "$q"): $(cat "${q%.sql}.diff")"
    fi
done
expect_eq "$count" 5 "the README shows five example queries"
finish
