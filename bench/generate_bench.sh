#!/usr/bin/env bash
# Times `vv generate --videos N` (default 100000) into a fresh SQLite store and reports wall
# time, CPU time, peak memory and rows per second. Target (issue 2): < 30 s, < 1 GiB.
#   bench/generate_bench.sh [path/to/vv] [videos]
set -euo pipefail
VV=${1:-build/bin/vv}
N=${2:-100000}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
/usr/bin/time -v "$VV" generate --videos "$N" --seed 42 --quiet --db "sqlite:$TMP/bench.db" \
  >"$TMP/out" 2>"$TMP/time"
cat "$TMP/out"
wall=$(grep "Elapsed (wall clock)" "$TMP/time" | awk '{print $NF}')
user=$(grep "User time" "$TMP/time" | awk '{print $NF}')
sys=$(grep "System time" "$TMP/time" | awk '{print $NF}')
rss_kb=$(grep "Maximum resident set size" "$TMP/time" | awk '{print $NF}')
snapshots=$(sqlite3 "$TMP/bench.db" "SELECT count(*) FROM snapshots")
echo "videos=$N snapshots=$snapshots wall=$wall user_s=$user sys_s=$sys max_rss_mib=$((rss_kb / 1024))"
echo "db_size_mib=$(( $(stat -c %s "$TMP/bench.db") / 1048576 )) load_avg=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
