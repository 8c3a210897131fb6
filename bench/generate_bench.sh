#!/usr/bin/env bash
# Times `vv generate --videos N` (default 100000) into a fresh SQLite store and reports wall
# time, CPU time, peak memory and rows per second. Target (issue 2): < 30 s, < 1 GiB.
#   bench/generate_bench.sh [path/to/vv] [videos] [store URL]   (default: a fresh SQLite file;
#   a PostgreSQL URL should name an empty database or schema)
set -euo pipefail
VV=${1:-build/bin/vv}
N=${2:-100000}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
DB=${3:-sqlite:$TMP/bench.db}
/usr/bin/time -v "$VV" generate --videos "$N" --seed 42 --quiet --db "$DB" \
  >"$TMP/out" 2>"$TMP/time"
cat "$TMP/out"
wall=$(grep "Elapsed (wall clock)" "$TMP/time" | awk '{print $NF}')
user=$(grep "User time" "$TMP/time" | awk '{print $NF}')
sys=$(grep "System time" "$TMP/time" | awk '{print $NF}')
rss_kb=$(grep "Maximum resident set size" "$TMP/time" | awk '{print $NF}')
snapshots=$(grep -o '[0-9]* snapshots' "$TMP/out" | cut -d' ' -f1)
wall_s=$(echo "$wall" | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
rows_per_s=$(awk -v r=$((N + snapshots)) -v s="$wall_s" 'BEGIN {printf "%.0f", r / s}')
cpu_rows_per_s=$(awk -v r=$((N + snapshots)) -v u="$user" -v k="$sys" 'BEGIN {printf "%.0f", r / (u + k)}')
echo "rows/s (videos + snapshots): $rows_per_s per wall second, $cpu_rows_per_s per CPU second"
echo "videos=$N snapshots=$snapshots wall=$wall user_s=$user sys_s=$sys max_rss_mib=$((rss_kb / 1024))"
[[ -f $TMP/bench.db ]] && echo "db_size_mib=$(( $(stat -c %s "$TMP/bench.db") / 1048576 ))"
echo "load_avg=\"$(cut -d' ' -f1-3 /proc/loadavg)\" (2 cores)"
