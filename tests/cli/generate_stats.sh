#!/usr/bin/env bash
# End to end: vv generate into temporary SQLite stores, vv stats reads them back.
# Same seed -> byte-identical tables; another seed -> different; re-running changes nothing.
set -euo pipefail
VV=${1:?usage: generate_stats.sh path/to/vv}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
dump() { sqlite3 "$1" "SELECT * FROM channels ORDER BY id; SELECT * FROM videos ORDER BY id;
                     SELECT * FROM snapshots ORDER BY video_id, captured_at;" | sha256sum; }

"$VV" generate --videos 1500 --seed 5 --quiet --db "sqlite:$TMP/a.db" >"$TMP/gen.out"
grep -q "1500 videos" "$TMP/gen.out" || fail "summary: $(cat "$TMP/gen.out")"
"$VV" stats --json --db "sqlite:$TMP/a.db" >"$TMP/a.json"
[[ $(field videos <"$TMP/a.json") == 1500 ]] || fail "videos: $(cat "$TMP/a.json")"
[[ $(field channels <"$TMP/a.json") == 75 ]] || fail "channels (default videos/20)"
snapshots=$(field snapshots <"$TMP/a.json")
grep -q "$snapshots snapshots" "$TMP/gen.out" || fail "stats snapshots $snapshots != generate's"
(( snapshots > 1500 * 8 )) || fail "too few snapshots: $snapshots"
python3 - "$TMP/a.json" <<'PY' || fail "per_category / date ranges"
import json, sys
s = json.load(open(sys.argv[1]))
assert sum(c["videos"] for c in s["per_category"]) == s["videos"], s["per_category"]
names = {c["id"]: c["name"] for c in s["per_category"]}
assert names[10] == "Music" and names[24] == "Entertainment", names
assert s["first_published"] < s["first_snapshot"] <= s["last_snapshot"], s
assert s["last_published"] < s["last_snapshot"], s
PY

# Same seed into another store: identical data; the counts do not depend on the store.
"$VV" generate --videos 1500 --seed 5 --quiet --db "sqlite:$TMP/b.db" >/dev/null
[[ $(dump "$TMP/a.db") == $(dump "$TMP/b.db") ]] || fail "same seed gave different tables"
"$VV" stats --json --db "sqlite:$TMP/b.db" | python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(sys.stdin)
a.pop("store"); b.pop("store")
assert a == b, (a, b)' "$TMP/a.json" || fail "same seed gave different stats"

# Re-running into the same store changes nothing (idempotent upserts).
"$VV" generate --videos 1500 --seed 5 --quiet --db "sqlite:$TMP/a.db" >/dev/null
[[ $(dump "$TMP/a.db") == $(dump "$TMP/b.db") ]] || fail "re-run changed the store"

# Another seed: other data; --channels and --days are honoured.
"$VV" generate --videos 300 --channels 7 --days 5 --seed 6 --quiet --db "sqlite:$TMP/c.db" >/dev/null
[[ $(dump "$TMP/c.db") != $(dump "$TMP/a.db") ]] || fail "different seed, same tables"
"$VV" stats --json --db "sqlite:$TMP/c.db" >"$TMP/c.json"
[[ $(field channels <"$TMP/c.json") == 7 ]] || fail "--channels 7"
longest=$(sqlite3 "$TMP/c.db" "SELECT max(s.captured_at - v.published_at) FROM snapshots s
                               JOIN videos v ON v.id = s.video_id")
(( longest <= 5 * 86400 && longest > 4 * 86400 )) || fail "--days 5: longest age $longest s"
labels=$(sqlite3 "$TMP/c.db" "SELECT count(*) FROM videos WHERE clickbait_label IS NOT NULL
                              AND anomaly_label IS NOT NULL")
[[ $labels == 300 ]] || fail "labels missing: $labels of 300"

# PostgreSQL (when the test command started one): the same seed gives the same data there.
if [[ -n ${VV_TEST_PG_URL:-} ]]; then
  schema="vv_cli_generate_$$"
  psql -q "$VV_TEST_PG_URL" -c "CREATE SCHEMA $schema" >/dev/null
  trap 'psql -q "$VV_TEST_PG_URL" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1;
        rm -rf "$TMP"' EXIT
  sep='?'; [[ $VV_TEST_PG_URL == *\?* ]] && sep='&'
  PG="$VV_TEST_PG_URL${sep}options=-csearch_path%3D$schema"
  "$VV" generate --videos 1500 --seed 5 --quiet --db "$PG" >/dev/null
  "$VV" stats --json --db "$PG" | python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(sys.stdin)
for k in ("store", "schema_version"): a.pop(k); b.pop(k)
assert a == b, (a, b)' "$TMP/a.json" || fail "PostgreSQL stats differ from SQLite's"
  sums="SELECT count(*), sum(views), sum(likes), sum(comments), count(dislikes) FROM snapshots"
  labels="SELECT sum(CASE WHEN clickbait_label THEN 1 ELSE 0 END),
                 sum(CASE WHEN anomaly_label THEN 1 ELSE 0 END) FROM videos"
  pg_sums=$(psql -At -F'|' "$PG" -c "$sums" -c "$labels" | tr '\n' ' ')
  lite_sums=$(sqlite3 "$TMP/a.db" "$sums; $labels" | tr '\n' ' ')
  [[ $pg_sums == "$lite_sums" ]] || fail "PostgreSQL sums $pg_sums != SQLite $lite_sums"
elif [[ ${VV_REQUIRE_PG:-0} == 1 ]]; then
  fail "VV_REQUIRE_PG=1 but VV_TEST_PG_URL is not set"
else
  echo "generate_stats: PostgreSQL part skipped (VV_TEST_PG_URL not set)"
fi

# The calibration script (docs/DATA.md) on the generated store, when the real data is here:
# generated medians stay within a factor of two of the real ones.
SRC=${VV_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
REAL=${VV_SHARED_DATA:-/work/shared/data}/youtube-trending-2017
if [[ -f $REAL/US_first_snapshot.csv ]]; then
  python3 "$SRC/scripts/data_quantiles.py" --real "$REAL" --db "$TMP/a.db" >"$TMP/quantiles.md" ||
    fail "data_quantiles.py failed"
  python3 - "$TMP/quantiles.md" <<'PY' || fail "calibration drifted: $(cat "$TMP/quantiles.md")"
import sys
rows = {}
for line in open(sys.argv[1]):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 6 and cells[1] in ("real", "generated"):
        rows[(cells[0], cells[1])] = float(cells[3].replace(",", ""))
for metric in ("views", "like/view", "comment/view", "tags per video", "title length (chars)"):
    real, gen = rows[(metric, "real")], rows[(metric, "generated")]
    assert 0.5 < gen / real < 2.0, (metric, real, gen)
PY
else
  echo "generate_stats: calibration part skipped ($REAL absent)"
fi

# Text output names the categories.
"$VV" stats --db "sqlite:$TMP/a.db" | grep -q "Music" || fail "stats text output"

# Bad input: usage errors exit 2, an unreachable store exits 1 without showing its password.
set +e
"$VV" generate --videos 10 --bogus --db "sqlite:$TMP/d.db" >/dev/null 2>&1; [[ $? == 2 ]] || fail "unknown flag not 2"
"$VV" generate --videos 0 --db "sqlite:$TMP/d.db" >/dev/null 2>&1; [[ $? == 2 ]] || fail "--videos 0"
"$VV" generate --videos 10 --channels 11 --db "sqlite:$TMP/d.db" >/dev/null 2>&1
[[ $? == 2 ]] || fail "--channels > --videos"
"$VV" generate --videos abc >/dev/null 2>&1; [[ $? == 2 ]] || fail "--videos abc"
"$VV" generate --videos 5 --seed -1 --db "sqlite:$TMP/d.db" >/dev/null 2>&1; [[ $? == 2 ]] || fail "--seed -1"
"$VV" stats --bogus >/dev/null 2>&1; [[ $? == 2 ]] || fail "stats unknown flag"
err=$("$VV" stats --db "postgresql://vv:s3cret@127.0.0.1:1/none" 2>&1); rc=$?
set -e
[[ $rc == 1 ]] || fail "unreachable store: rc $rc"
[[ $err != *s3cret* ]] || fail "password shown: $err"
[[ ! -e $TMP/d.db ]] || [[ $(sqlite3 "$TMP/d.db" "SELECT count(*) FROM videos") == 0 ]] ||
  fail "bad flags wrote videos"
echo "generate_stats: ok"
