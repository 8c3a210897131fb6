#!/usr/bin/env bash
# Fault suite (issue 14): `kill -9` at seeded random points of vv import, generate, collect and
# train; after each kill the store holds the state before or after the run (import: one
# transaction), or whole batches/pages marked as such (generate: the partial marker; collect:
# per page), and the registry shows no half-published version; the next run removes what the
# killed one left and ends in the same state as an uninterrupted run. Then a full disk (a small
# tmpfs, when this user may mount one): import and train fail with a clear error and leave the
# store and registry consistent.
#   run_fault.sh VV_BINARY FAKE_YOUTUBE_SERVER      (VV_FAULT_SEEDS="11 23 37" to change seeds)
set -uo pipefail
VV=${1:?usage: run_fault.sh VV_BINARY FAKE_YOUTUBE_SERVER}
FAKE_YT=${2:?usage: run_fault.sh VV_BINARY FAKE_YOUTUBE_SERVER}
SRC=${VV_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
HERE=$SRC/tests/fault
FIX=$SRC/tests/unit/collect/kaggle_fixtures
SEEDS=${VV_FAULT_SEEDS:-11 23 37}
KILLS_PER_SEED=3
TMP=$(mktemp -d /tmp/vv-fault.XXXXXX)
FAKE_PID=
MOUNTED=
cleanup() {
  [[ -n $FAKE_PID ]] && kill "$FAKE_PID" 2>/dev/null && wait "$FAKE_PID" 2>/dev/null
  [[ -n $MOUNTED ]] && umount "$MOUNTED" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
log() { echo "fault: $*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
sql() { sqlite3 -batch "$1" "$2"; }
counts() { sql "$1" "SELECT (SELECT count(*) FROM channels) || ' ' || (SELECT count(*) FROM videos)
                    || ' ' || (SELECT count(*) FROM snapshots)"; }
dump_hash() { sql "$1" "SELECT * FROM channels ORDER BY id; SELECT * FROM videos ORDER BY id;
                        SELECT * FROM snapshots ORDER BY video_id, captured_at;" | sha256sum; }
check_integrity() { [[ $(sql "$1" "PRAGMA integrity_check") == ok ]] || fail "$2: integrity_check failed"; }

# kill_at SECONDS CMD...: runs CMD, sends SIGKILL after SECONDS. Sets OUTCOME to "killed" or
# "finished" (the run ended first; then it must have succeeded).
KILL_TOTAL=0
OUTCOME=
kill_at() {
  local delay=$1; shift
  "$@" >"$TMP/run.out" 2>&1 &
  local pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  local rc=0
  { wait "$pid"; } 2>/dev/null || rc=$?
  if [[ $rc -eq 137 ]]; then KILL_TOTAL=$((KILL_TOTAL + 1)); OUTCOME=killed; return; fi
  [[ $rc -eq 0 ]] || { cat "$TMP/run.out" >&2; fail "$* exited $rc (not killed)"; }
  OUTCOME=finished
}
# Seeded kill times: 5..90 % of the uninterrupted run's duration.
kill_time() { awk -v t="$1" -v f="$((5 + RANDOM % 86))" 'BEGIN { printf "%.3f", t * f / 100 }'; }

command -v sqlite3 >/dev/null || fail "sqlite3 is needed to inspect the stores"
START=$(now)

# ---- vv import: one transaction, so exactly the state before or after ----------------------
import_suite() {
  local dir=$TMP/import csv
  mkdir -p "$dir"
  csv=$dir/US_fault.csv  # invented rows in the 2017 Kaggle layout (no data from the real files)
  python3 "$HERE/make_trending_csv.py" 4000 8 >"$csv" || fail "making the CSV"
  "$VV" import trending "$FIX/US_videos_2017.csv" "$FIX/GB_trending_2020.csv" \
    --db "sqlite:$dir/before.db" >/dev/null || fail "importing the fixtures"
  local before after after_hash t0 took
  before=$(counts "$dir/before.db")
  cp "$dir/before.db" "$dir/ref.db"
  t0=$(now)
  "$VV" import trending "$csv" --db "sqlite:$dir/ref.db" >/dev/null || fail "reference import"
  took=$(since "$t0")
  after=$(counts "$dir/ref.db")
  after_hash=$(dump_hash "$dir/ref.db")
  log "import: before [$before], after [$after], uninterrupted ${took}s"
  for seed in $SEEDS; do
    RANDOM=$seed
    cp "$dir/before.db" "$dir/work.db"
    for ((k = 1; k <= KILLS_PER_SEED; k++)); do
      local t outcome state
      t=$(kill_time "$took")
      kill_at "$t" "$VV" import trending "$csv" --db "sqlite:$dir/work.db"; outcome=$OUTCOME
      state=$(counts "$dir/work.db")
      check_integrity "$dir/work.db" "import seed $seed kill $k"
      if [[ $state == "$after" ]]; then cp "$dir/before.db" "$dir/work.db"  # start over from before
      elif [[ $state != "$before" ]]; then fail "import seed $seed, $outcome at ${t}s: [$state] is neither before [$before] nor after [$after]"
      fi
      log "import seed $seed: $outcome at ${t}s -> [$state]"
    done
    "$VV" import trending "$csv" --db "sqlite:$dir/work.db" >/dev/null || fail "import re-run"
    [[ $(dump_hash "$dir/work.db") == "$after_hash" ]] || fail "import seed $seed: re-run differs from the uninterrupted run"
  done
}

# ---- vv generate: whole batches, marked partial until the last -----------------------------
generate_suite() {
  local dir=$TMP/generate args t0 took after after_hash
  mkdir -p "$dir"
  args=(generate --videos 5000 --seed 4 --days 20 --quiet)
  t0=$(now)
  "$VV" "${args[@]}" --db "sqlite:$dir/ref.db" >/dev/null || fail "reference generate"
  took=$(since "$t0")
  after=$(counts "$dir/ref.db")
  after_hash=$(dump_hash "$dir/ref.db")
  log "generate: after [$after], uninterrupted ${took}s"
  local refused=0
  for seed in $SEEDS; do
    RANDOM=$seed
    rm -f "$dir"/work.db*
    local videos=0 before_videos
    for ((k = 1; k <= KILLS_PER_SEED; k++)); do
      local t outcome state partial
      before_videos=$videos
      t=$(kill_time "$took")
      kill_at "$t" "$VV" "${args[@]}" --db "sqlite:$dir/work.db"; outcome=$OUTCOME
      [[ -f $dir/work.db ]] || { log "generate seed $seed: $outcome at ${t}s before the store existed"; continue; }
      "$VV" stats --json --db "sqlite:$dir/work.db" >"$dir/stats.json" 2>"$dir/stats.err" || fail "vv stats after a kill"
      partial=$(python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))["partial"]; print("" if p is None else p)' "$dir/stats.json")
      state=$(counts "$dir/work.db")
      check_integrity "$dir/work.db" "generate seed $seed kill $k"
      videos=$(sql "$dir/work.db" "SELECT count(*) FROM videos")
      if [[ -n $partial ]]; then
        grep -q "PARTIAL" "$dir/stats.err" || fail "vv stats did not warn about a partial store"
        # Whole batches of 2,000 on top of what the previous run left.
        (( videos % 2000 == 0 || videos == before_videos )) || fail "generate seed $seed: $videos videos is not whole batches"
        # Each stored video has every snapshot the uninterrupted run gave it.
        local missing
        missing=$(sql "$dir/work.db" "ATTACH '$dir/ref.db' AS ref;
          SELECT (SELECT count(*) FROM ref.snapshots WHERE video_id IN (SELECT id FROM main.videos))
               - (SELECT count(*) FROM main.snapshots)")
        [[ $missing == 0 ]] || fail "generate seed $seed: a batch is half written ($missing snapshots missing)"
        if (( refused == 0 )); then  # vv train refuses a partial store (once: it loads the data)
          "$VV" train --models anomaly --db "sqlite:$dir/work.db" --registry "$dir/reg" >"$dir/train.out" 2>&1 \
            && fail "vv train accepted a partial store"
          grep -q "PARTIAL" "$dir/train.out" || fail "vv train refused without saying why: $(cat "$dir/train.out")"
          refused=1
        fi
      elif [[ $state != "$after" && $videos != 0 ]]; then
        fail "generate seed $seed: [$state] unmarked, neither empty nor after [$after]"
      fi
      log "generate seed $seed: $outcome at ${t}s -> [$state]${partial:+ marked partial}"
    done
    "$VV" "${args[@]}" --db "sqlite:$dir/work.db" >/dev/null || fail "generate re-run"
    [[ $(dump_hash "$dir/work.db") == "$after_hash" ]] || fail "generate seed $seed: re-run differs from the uninterrupted run"
    "$VV" stats --json --db "sqlite:$dir/work.db" | grep -q '"partial":null' || fail "generate re-run left the store marked partial"
  done
}

# ---- vv collect: per page, against the fake YouTube API on loopback ------------------------
collect_suite() {
  local dir=$TMP/collect base key t0 took ref_ids
  mkdir -p "$dir"
  # 3 regions x 4 pages of 50, 80 ms per answer: about a second per run.
  "$FAKE_YT" US,GB,DE 200 80 >"$dir/server.txt" &
  FAKE_PID=$!
  for _ in $(seq 50); do [[ -s $dir/server.txt ]] && break; sleep 0.1; done
  read -r base key <"$dir/server.txt" || fail "fake YouTube server did not start"
  local args=(collect trending --regions US,GB,DE --api-base "$base" --retries 2)
  t0=$(now)
  YOUTUBE_API_KEY=$key "$VV" "${args[@]}" --db "sqlite:$dir/ref.db" >/dev/null || fail "reference collect"
  took=$(since "$t0")
  ref_ids=$(sql "$dir/ref.db" "SELECT id FROM videos ORDER BY id" | sha256sum)
  log "collect: after [$(counts "$dir/ref.db")], uninterrupted ${took}s"
  local ref_videos
  ref_videos=$(sql "$dir/ref.db" "SELECT count(*) FROM videos")
  for seed in $SEEDS; do
    RANDOM=$seed
    rm -f "$dir"/work.db*
    for ((k = 1; k <= KILLS_PER_SEED; k++)); do
      local t outcome broken videos
      t=$(kill_time "$took")
      YOUTUBE_API_KEY=$key kill_at "$t" "$VV" "${args[@]}" --db "sqlite:$dir/work.db"; outcome=$OUTCOME
      [[ -f $dir/work.db ]] || continue
      check_integrity "$dir/work.db" "collect seed $seed kill $k"
      # A page's videos and snapshots commit together: no video without its snapshot, no
      # video without its title, nothing the API did not list.
      broken=$(sql "$dir/work.db" "SELECT count(*) FROM videos WHERE title = ''
                                   OR id NOT IN (SELECT video_id FROM snapshots)")
      [[ $broken == 0 ]] || fail "collect seed $seed: $broken videos without title or snapshot"
      videos=$(sql "$dir/work.db" "SELECT count(*) FROM videos")
      (( videos <= ref_videos )) || fail "collect seed $seed: $videos videos, more than the API lists"
      log "collect seed $seed: $outcome at ${t}s -> [$(counts "$dir/work.db")]"
    done
    YOUTUBE_API_KEY=$key "$VV" "${args[@]}" --db "sqlite:$dir/work.db" >/dev/null || fail "collect re-run"
    [[ $(sql "$dir/work.db" "SELECT id FROM videos ORDER BY id" | sha256sum) == "$ref_ids" ]] \
      || fail "collect seed $seed: re-run holds other videos than the uninterrupted run"
    [[ $(sql "$dir/work.db" "SELECT count(*) FROM collection_runs WHERE status = 'running'") == 0 ]] \
      || fail "collect seed $seed: a killed run is still marked running after the next run"
  done
  kill "$FAKE_PID"; wait "$FAKE_PID" 2>/dev/null; FAKE_PID=
}

# ---- vv train: versions appear whole or not at all ------------------------------------------
train_suite() {
  local dir=$TMP/train t0 took ref
  mkdir -p "$dir"
  "$VV" generate --videos 600 --seed 7 --quiet --db "sqlite:$dir/data.db" >/dev/null || fail "training data"
  # The fastText models write the largest files (the longest publish), anomaly the smallest.
  local args=(train --models clickbait,genre,anomaly --config "$SRC/tests/cli/fast_training.yaml"
              --db "sqlite:$dir/data.db")
  t0=$(now)
  "$VV" "${args[@]}" --registry "$dir/ref" >"$dir/ref.out" 2>&1 || { cat "$dir/ref.out"; fail "reference train"; }
  took=$(since "$t0")
  ref=$(python3 "$HERE/check_registry.py" "$dir/ref" --no-leftovers) || fail "reference registry"
  log "train: uninterrupted ${took}s"
  for seed in $SEEDS; do
    RANDOM=$seed
    local reg=$dir/reg-$seed
    for ((k = 1; k <= KILLS_PER_SEED; k++)); do
      local t outcome
      t=$(kill_time "$took")
      kill_at "$t" "$VV" "${args[@]}" --registry "$reg"; outcome=$OUTCOME
      python3 "$HERE/check_registry.py" "$reg" >/dev/null || fail "train seed $seed: registry after a kill at ${t}s"
      log "train seed $seed: $outcome at ${t}s, $(find "$reg" -maxdepth 2 -name '.staging-*' 2>/dev/null | wc -l) staging left"
    done
    # A killed publisher's folder for certain (the random kills may all miss the publish): a
    # subshell that exited owned it.
    local dead
    dead=$(bash -c 'echo $$')
    mkdir -p "$reg/anomaly/.staging-$(uname -n | tr -c 'A-Za-z0-9.\n' '_')-$dead-1"
    echo '{"half":' >"$reg/anomaly/.staging-$(uname -n | tr -c 'A-Za-z0-9.\n' '_')-$dead-1/anomaly.json"
    "$VV" "${args[@]}" --registry "$reg" >"$dir/rerun.out" 2>&1 || { cat "$dir/rerun.out"; fail "train re-run"; }
    grep -q "registry: removed leftover" "$dir/rerun.out" || fail "train re-run did not report the leftovers it removed"
    local got
    got=$(python3 "$HERE/check_registry.py" "$reg" --no-leftovers) || fail "train seed $seed: registry after the re-run"
    python3 - "$ref" "$got" <<'PY' || fail "train seed $seed: re-run differs from the uninterrupted run"
import json, sys
ref, got = json.loads(sys.argv[1]), json.loads(sys.argv[2])
for model, want in ref.items():
    have = got.get(model) or {}
    assert have.get("champion"), (model, "no champion")
    for key in ("dataset_fingerprint", "training_config_hash"):
        assert have.get(key) == want[key], (model, key, have.get(key), want[key])
assert set(got) == set(ref), (sorted(got), sorted(ref))
PY
    rm -rf "$reg"
  done
}

# ---- a full disk: a small tmpfs ---------------------------------------------------------------
disk_full_suite() {
  local mnt=$TMP/full
  mkdir -p "$mnt"
  if ! mount -t tmpfs -o size=2m tmpfs "$mnt" 2>"$TMP/mount.err"; then
    log "SKIP disk-full: cannot mount a tmpfs here ($(tr '\n' ' ' <"$TMP/mount.err")); needs root with CAP_SYS_ADMIN"
    return
  fi
  MOUNTED=$mnt
  local db=sqlite:$mnt/vv.db before out
  "$VV" import trending "$FIX/US_videos_2017.csv" --db "$db" >/dev/null || fail "disk-full: the small import"
  before=$(counts "$mnt/vv.db")
  if "$VV" import trending "$TMP/import/US_fault.csv" --db "$db" >"$TMP/full.out" 2>&1; then
    fail "disk-full: an import larger than the disk succeeded"
  fi
  grep -q "disk is full" "$TMP/full.out" || fail "disk-full: import error unclear: $(cat "$TMP/full.out")"
  check_integrity "$mnt/vv.db" "disk-full import"
  [[ $(counts "$mnt/vv.db") == "$before" ]] || fail "disk-full: the failed import changed the store"
  log "disk-full import: $(tail -1 "$TMP/full.out")"
  umount "$mnt"
  # The registry: anomaly's small file fits, clickbait's fastText model does not.
  mount -t tmpfs -o size=16m tmpfs "$mnt" || fail "disk-full: second mount"
  if "$VV" train --models anomaly,clickbait --config "$SRC/tests/cli/fast_training.yaml" \
      --db "sqlite:$TMP/train/data.db" --registry "$mnt/reg" >"$TMP/full.out" 2>&1; then
    fail "disk-full: train into a registry too small for it succeeded"
  fi
  grep -q "disk holding the registry is full" "$TMP/full.out" || fail "disk-full: train error unclear: $(cat "$TMP/full.out")"
  out=$(python3 "$HERE/check_registry.py" "$mnt/reg" --no-leftovers) || fail "disk-full: registry inconsistent"
  python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["anomaly"]["champion"] and not r["clickbait"]["champion"], r' "$out" \
    || fail "disk-full: want anomaly published and clickbait not: $out"
  log "disk-full train: $(grep -m1 'FAILED to publish' "$TMP/full.out" | cut -c1-160)"
  umount "$mnt"
  MOUNTED=
}

import_suite
generate_suite
collect_suite
train_suite
disk_full_suite
log "ok: $KILL_TOTAL runs killed mid-way, $(since "$START")s"
