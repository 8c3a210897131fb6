#!/usr/bin/env bash
# `vv import trending`: exit codes, summary, idempotent re-runs, bad input leaves the store alone.
# Usage: import_trending.sh path/to/vv   (VV_SOURCE_DIR = the source root)
set -uo pipefail
VV=${1:?usage: import_trending.sh VV_BINARY}
SRC=${VV_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
FIX=$SRC/tests/unit/collect/kaggle_fixtures
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILS=0
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
expect_rc() {  # expected_rc description command...
  local want=$1 what=$2; shift 2
  "$@" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  [[ $rc -eq $want ]] || { fail "$what: exit $rc, want $want"; cat "$TMP/out" "$TMP/err" >&2; }
}
expect_in() {  # file text description
  grep -qF -- "$2" "$1" || { fail "$3: '$2' not in output"; cat "$1" >&2; }
}

DB=sqlite:$TMP/vv.db
ALL=("$FIX/US_videos_2017.csv" "$FIX/US_daily_2017.csv" "$FIX/US_v1_2017.csv" "$FIX/GB_trending_2020.csv")

expect_rc 0 "import fixtures" "$VV" import trending "${ALL[@]}" --categories "$FIX/US_category_id.json" --db "$DB"
for want in "files: 4" "rows read: 15" "rows skipped: 2" "videos: 8" "snapshots: 13" "channels: 7" \
            "categories: 3" "video_id is not a YouTube id" "date is '100'" "rows/s"; do
  expect_in "$TMP/out" "$want" "summary"
done

dump() { sqlite3 "$TMP/vv.db" 'SELECT * FROM videos ORDER BY id; SELECT * FROM snapshots ORDER BY 1, 2;
  SELECT * FROM channels ORDER BY id; SELECT * FROM categories ORDER BY 1, 2;'; }
HAVE_SQLITE=0; command -v sqlite3 >/dev/null && HAVE_SQLITE=1
[[ $HAVE_SQLITE -eq 1 ]] && dump >"$TMP/before"

# Re-running changes nothing; VV_DB works like --db.
VV_DB=$DB expect_rc 0 "re-import" "$VV" import trending "${ALL[@]}" --categories "$FIX/US_category_id.json"
expect_in "$TMP/out" "videos: 8" "re-import summary"
if [[ $HAVE_SQLITE -eq 1 ]]; then
  dump >"$TMP/after"
  cmp -s "$TMP/before" "$TMP/after" || fail "re-import changed the database"
fi

# Bad input: exit 1, file:line in the message, nothing written.
printf 'video_id,trending_date,views\nqqqqqqqqqq1,17.14.11,5\nqqqqqqqqqq2,17.14.11\n' >"$TMP/short.csv"
expect_rc 1 "wrong field count" "$VV" import trending "$FIX/US_videos_2017.csv" "$TMP/short.csv" --db "$DB"
expect_in "$TMP/err" "$TMP/short.csv:3: malformed row: 2 fields, the header has 3" "field count error"
printf 'video_id,trending_date,views\nqqqqqqqqqq1,17.14.11,5\nqqqqqqqqqq2,17.99.11,5\n' >"$TMP/date.csv"
expect_rc 1 "bad date" "$VV" import trending "$TMP/date.csv" --db "$DB"
expect_in "$TMP/err" "$TMP/date.csv:3: column 'trending_date': bad date '17.99.11'" "bad date error"
printf 'video_id,trending_date,views\nqqqqqqqqqq1,17.14.11,5\nqqqqqqqqqq2,17.14.11,\xff5\n' >"$TMP/utf8.csv"
expect_rc 1 "non-UTF-8" "$VV" import trending "$TMP/utf8.csv" --db "$DB"
expect_in "$TMP/err" "$TMP/utf8.csv:3: invalid UTF-8: byte 0xFF" "utf-8 error"
printf 'id,date,count\nqqqqqqqqqq1,17.14.11,5\n' >"$TMP/cols.csv"
expect_rc 1 "unknown columns" "$VV" import trending "$TMP/cols.csv" --db "$DB"
expect_in "$TMP/err" "unknown column set" "columns error"
expect_in "$TMP/err" "kaggle-2017 needs video_id, trending_date, views" "columns error"
expect_rc 1 "missing file" "$VV" import trending "$TMP/nope.csv" --db "$DB"
expect_in "$TMP/err" "$TMP/nope.csv" "missing file error"
if [[ $HAVE_SQLITE -eq 1 ]]; then
  dump >"$TMP/after_bad"
  cmp -s "$TMP/before" "$TMP/after_bad" || fail "a failed import changed the database"
fi
# A failed import does not even create a new database.
expect_rc 1 "bad file, fresh db" "$VV" import trending "$TMP/short.csv" --db "sqlite:$TMP/fresh.db"
[[ ! -e $TMP/fresh.db ]] || fail "a failed import created $TMP/fresh.db"

# Usage errors exit 2.
expect_rc 2 "unknown flag" "$VV" import trending "$FIX/US_daily_2017.csv" --bogus --db "$DB"
expect_rc 2 "no files" "$VV" import trending --db "$DB"
expect_rc 2 "no subcommand" "$VV" import
expect_rc 2 "unknown subcommand" "$VV" import nonsense
expect_rc 0 "import --help" "$VV" import --help
expect_in "$TMP/out" "trending" "import --help lists trending"

# The real files, when present (never copied into the repository).
DATA=${VV_SHARED_DATA:-/work/shared/data}/youtube-trending-2017
if [[ -f $DATA/US_first_snapshot.csv ]]; then
  expect_rc 0 "real US file" "$VV" import trending "$DATA/US_first_snapshot.csv" \
    --categories "$DATA/US_category_id.json" --db "sqlite:$TMP/real.db"
  expect_in "$TMP/out" "videos: 6351" "US_first_snapshot distinct videos"
  expect_in "$TMP/out" "rows skipped: 0" "US_first_snapshot skips"
else
  echo "skip: real data not found in $DATA"
fi

[[ $FAILS -eq 0 ]] && echo "import_trending: all checks passed"
exit $((FAILS > 0))
