#!/usr/bin/env bash
# vv drift on a small hand-made store (SQLite; PostgreSQL too when VV_TEST_PG_URL is set): table
# and JSON output, --since, exit 3 on drift (--fail-on), thresholds from --config, the stored
# history (--history), bad input.
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

# Drift found: exit 3 (a scheduled job alerts on it), distinct from 1 (error) and 2 (usage).
set +e; "$VV" drift --db "$DB" > "$TMP/out" 2>"$TMP/err"; rc=$?; set -e
[[ $rc == 3 ]] || fail "drift found should exit 3, got $rc: $(cat "$TMP/out" "$TMP/err")"
grep -q "^title_length .* drift$" "$TMP/out" || fail "title_length should drift: $(cat "$TMP/out")"
grep -q "30 videos since then" "$TMP/out" || fail "window: $(cat "$TMP/out")"
grep -q "drift found (exit 3)" "$TMP/err" || fail "no exit message: $(cat "$TMP/err")"
"$VV" drift --db "$DB" --fail-on never >/dev/null 2>&1 || fail "--fail-on never should exit 0"

# Thresholds come from the config file: with more samples required than the store holds, every
# column is "insufficient" and nothing drifts.
printf 'drift:\n  psi_warn: 50\n  psi_drift: 90\n  min_samples: 1000\n' > "$TMP/serve.yaml"
"$VV" drift --db "$DB" --config "$TMP/serve.yaml" > "$TMP/out" || fail "raised thresholds still exit non-zero"
grep -q "PSI warn >= 50.00" "$TMP/out" || fail "thresholds not from --config: $(tail -1 "$TMP/out")"
printf 'drift:\n  psi_warm: 0.2\n' > "$TMP/bad.yaml"
set +e; "$VV" drift --db "$DB" --config "$TMP/bad.yaml" >/dev/null 2>"$TMP/err"; rc=$?; set -e
[[ $rc == 1 ]] || fail "a bad config should exit 1, got $rc"
grep -q "drift.psi_warm: unknown key" "$TMP/err" || fail "bad config message: $(cat "$TMP/err")"

# Every run above that computed a report stored it (3 of them; --no-record stores nothing).
"$VV" drift --db "$DB" --no-record --fail-on never >/dev/null 2>&1
"$VV" drift --db "$DB" --history 10 --json > "$TMP/history"
python3 - "$TMP/history" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))
assert h["count"] == 3, h["count"]
statuses = [r["status"] for r in h["reports"]]
assert statuses == ["insufficient", "drift", "drift"], statuses   # newest first: the raised thresholds last
r = h["reports"][1]
assert r["source"] == "cli" and ":" in r["instance"], r
col = {c["name"]: c for c in r["columns"]}
assert col["title_length"]["status"] == "drift" and col["title_length"]["kind"] == "feature", col
PY
"$VV" drift --db "$DB" --history 1 | grep -q "title_length\|^20" || fail "history table"

"$VV" drift --db "$DB" --json --since 2024-01-10 --fail-on never > "$TMP/json"
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
# The same on PostgreSQL: the report lands in the shared store's history.
if [[ -n "${VV_TEST_PG_URL:-}" ]]; then
  SCHEMA="vv_drift_cli_$$"
  psql -q "$VV_TEST_PG_URL" -c "CREATE SCHEMA $SCHEMA" || fail "cannot create a PostgreSQL schema"
  trap 'psql -q "$VV_TEST_PG_URL" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1; rm -rf "$TMP"' EXIT
  sep='?'; [[ "$VV_TEST_PG_URL" == *\?* ]] && sep='&'
  PG="$VV_TEST_PG_URL${sep}options=-csearch_path%3D$SCHEMA"
  "$VV" drift --db "$PG" --history 1 >/dev/null || fail "migrating PostgreSQL"
  sed -e 's/published_at) VALUES (\(.*\), \([0-9]*\));/published_at) VALUES (\1, to_timestamp(\2));/' \
    "$TMP/seed.sql" | psql -q "$PG" >/dev/null || fail "seeding PostgreSQL"
  set +e; "$VV" drift --db "$PG" > "$TMP/out" 2>"$TMP/err"; rc=$?; set -e
  [[ $rc == 3 ]] || fail "PostgreSQL: drift found should exit 3, got $rc: $(cat "$TMP/err")"
  "$VV" drift --db "$PG" --history 5 --json | python3 -c '
import json, sys
h = json.load(sys.stdin)
assert h["count"] == 1 and h["reports"][0]["status"] == "drift", h
' || fail "PostgreSQL history"
fi
echo "drift.sh: ok"
