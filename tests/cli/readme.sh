# readme.sh - the README stays true: its metadata table is what
# `benchdb help meta` prints, its Quick start has exactly two commands, and
# every command the README's command table names exists.
. "$(dirname "$0")/lib.sh"

README="$SRC/README.md"
"$BENCHDB" help meta | tail -n +5 > help-meta.txt
awk '/^JSON key  /{p=1} p&&/^```/{exit} p' "$README" > readme-meta.txt
if ! diff -u readme-meta.txt help-meta.txt >meta.diff; then
    fail "README metadata table differs from benchdb help meta: $(cat meta.diff)"
fi

qs=$(awk '/^## Quick start/{p=1} p&&/^```sh/{q=1;next} q&&/^```/{exit} q' "$README" | grep -v '^#' | grep -c .)
expect_eq "$qs" 2 "Quick start has exactly two commands"

for c in $(awk '/^\| command \| what it does/{p=1;next} p&&/^\|/{print} p&&!/^\|/{exit}' "$README" \
          | sed -n 's/^| `\([a-z]*\).*/\1/p'); do
    bdb help "$c"
    expect_rc 0 "README names command $c"
done
finish
