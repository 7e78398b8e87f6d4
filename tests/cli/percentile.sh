# percentile.sh - `benchdb percentile` prints each value as the decimal the
# interpolation gives on paper, and takes its options anywhere.
#
# The fixture holds two http_req_duration values, 7.558442 and 20.319739:
# k6's percentile P interpolates between them, 7.558442 + 12.761297 * P/100,
# so p50 = 13.9390905 (the doubles' sum is 13.939090499999999), p75 =
# 17.12941475, p99.99 = 20.3184628703; p0 and p100 are the values.
. "$(dirname "$0")/lib.sh"

bdb import "$SRC/tests/fixtures/k6raw/csv__MiguelFerreira18_Comparing_JSON_and_ProtoBuf__data-head.csv"
expect_rc 0 "import the k6 csv"
bdb percentile 1 50 75 99.99 0 100
expect_rc 0 "percentile"
expect_eq "$OUT" "p50 = 13.9390905 ms
p75 = 17.12941475 ms
p99.99 = 20.3184628703 ms
p0 = 7.558442 ms
p100 = 20.319739 ms" "percentiles as decimals"

# http_req_blocked: 0.301024 and 0.007175, so p50 = 0.1540995.
bdb percentile 1 p50 --metric http_req_blocked
expect_eq "$OUT" "p50 = 0.1540995 ms" "--metric after the percentiles"
bdb percentile --metric=http_req_blocked 1 50
expect_eq "$OUT" "p50 = 0.1540995 ms" "--metric= before the run ID"
bdb percentile 1 50 --metric
expect_rc 2 "--metric without a name"
expect_match "$ERR" "--metric needs a NAME" "--metric without a name says so"
finish
