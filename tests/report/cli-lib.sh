# cli-lib.sh - helpers for the report CLI tests (tests/cli/report_*.sh);
# sourced, not run. On top of the CLI tests' own helpers (tests/cli/lib.sh:
# a fresh directory under $TMPROOT, its own database, bdb, sql, expect_*),
# checks of the outputs with real readers: pdfinfo, pdffonts, pdftotext
# (poppler-utils), and PNG files decoded by cairo ($PNG_SIZE).
. "$SRC/tests/cli/lib.sh"

# Skips the test (ctest SKIP_RETURN_CODE 77) unless this build reads FORMAT.
require_format() {
    if ! "$BENCHDB" help formats 2>/dev/null | grep -q "^ *$1\b"; then
        echo "$T_NAME: skipped, this build has no $1 parser"
        exit 77
    fi
}

# check_pdf FILE PAGES: a 16:9 deck of PAGES pages, every font embedded.
check_pdf() {
    local info fonts
    info=$(pdfinfo "$1" 2>/dev/null) || { fail "pdfinfo cannot read $1"; return; }
    expect_match "$info" "^Pages: +$2\$" "$1 has $2 pages"
    expect_match "$info" "^Page size: +960 x 540 pts" "$1 is 16:9 (960 x 540 pt)"
    fonts=$(pdffonts "$1" 2>/dev/null | tail -n +3)
    [ -n "$fonts" ] || fail "$1 lists no fonts"
    # Columns: name type encoding emb sub uni object ID; emb is the 4th from the end.
    printf '%s\n' "$fonts" | awk '{ if ($(NF-4) != "yes") { print; bad=1 } } END { exit bad }' \
        >/dev/null || fail "$1 has a font that is not embedded: $fonts"
    expect_match "$fonts" "DejaVuSans" "$1 embeds DejaVu"
}

# check_fonts FILE NAME...: these fonts are among the embedded ones.
check_fonts() {
    local f=$1 fonts
    shift
    fonts=$(pdffonts "$f" 2>/dev/null)
    for n in "$@"; do
        expect_match "$fonts" "\+$n,.* yes +yes +yes " "$f embeds $n (subset, with a Unicode map)"
    done
}

# pdf_text FILE [PAGE]: the text of the deck (or of one page).
pdf_text() {
    if [ $# -gt 1 ]; then
        pdftotext -f "$2" -l "$2" -layout "$1" - 2>/dev/null
    else
        pdftotext -layout "$1" - 2>/dev/null
    fi
}

# check_png FILE WxH: decodes (cairo) and has this size in pixels.
check_png() {
    local size
    size=$("$PNG_SIZE" "$1" 2>&1) || { fail "$1 does not decode: $size"; return; }
    expect_eq "$size" "$2" "$1 size"
}

