#!/usr/bin/env bash
# vv drift on a small hand-made SQLite store: table and JSON output, --since, bad input.
set -euo pipefail
VV=${1:?usage: drift.sh path/to/vv}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
DB="sqlite:$TMP/vv.db"
fail() { echo "FAIL: $*" >&2; exit 1; }

# An empty store: migrations run, then no published video: exit 1 with a clear message.
if "$VV" drift --db "$DB" 2>"$TMP/err"; then fail "empty store should fail"; fi
grep -q "no video with a publication time" "$TMP/err" || fail "message: $(cat "$TMP/err")"

# 40 older videos with short titles, 30 recent with long titles.
{
  echo "BEGIN;"
  for i in $(seq 1 70); do
    # published_at is stored as unix seconds; 1704067200 = 2024-01-01T00:00:00Z.
    if (( i <= 40 )); then day=$(( i % 20 )); title="short $i"
    else day=$(( 31 + i % 5 )); title="a much longer recent title number $i here"; fi
    echo "INSERT INTO videos (id, title, published_at) VALUES ('v$i', '$title', $(( 1704067200 + day * 86400 + 36000 )));"
  done
  echo "COMMIT;"
} > "$TMP/seed.sql"
sqlite3 "$TMP/vv.db" < "$TMP/seed.sql" 2>"$TMP/err" || fail "seeding: $(cat "$TMP/err")"

"$VV" drift --db "$DB" > "$TMP/out" || fail "drift failed: $(cat "$TMP/out")"
grep -q "^title_length .* drift$" "$TMP/out" || fail "title_length should drift: $(cat "$TMP/out")"
grep -q "30 videos since then" "$TMP/out" || fail "window: $(cat "$TMP/out")"

"$VV" drift --db "$DB" --json --since 2024-01-10 > "$TMP/json"
python3 - "$TMP/json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["window"]["since"] == "2024-01-10T00:00:00Z", r["window"]
assert {f["name"] for f in r["features"]} >= {"title_length", "title_caps_ratio"}, r
assert all(f["status"] in ("ok", "warn", "drift", "insufficient") for f in r["features"])
PY

if "$VV" drift --db "$DB" --since yesterday 2>"$TMP/err"; then fail "bad --since accepted"; fi
grep -q -- "--since" "$TMP/err" || fail "bad --since message: $(cat "$TMP/err")"
set +e; "$VV" drift --db "$DB" --bogus >/dev/null 2>&1; rc=$?; set -e
[[ $rc == 2 ]] || fail "unknown flag exit $rc, want 2"
echo "drift.sh: ok"
