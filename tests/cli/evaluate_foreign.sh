#!/usr/bin/env bash
# `vv evaluate --db STORE --train-db TRAIN`: every model beside its baselines on the same units
# of a store it never saw, verdicts, models the store cannot score skipped (exit 0 while one is
# scored), and `vv train --gate-db`.
# Usage: evaluate_foreign.sh path/to/vv   (VV_SOURCE_DIR = the source root)
set -uo pipefail
VV=${1:?usage: evaluate_foreign.sh VV_BINARY}
SRC=${VV_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILS=0
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }
check() {  # description, then a python expression over j (the JSON on $TMP/out)
  python3 - "$TMP/out" "$2" <<'PY' || fail "$1"
import json, sys
j = json.load(open(sys.argv[1]))
ok = eval(sys.argv[2], {"j": j})
if not ok:
    print(json.dumps(j)[:3000], file=sys.stderr)
sys.exit(0 if ok else 1)
PY
}

TRAIN=sqlite:$TMP/train.db
FOREIGN=sqlite:$TMP/foreign.db
REG=$TMP/models
"$VV" generate --db "$TRAIN" --videos 900 --channels 60 --seed 1 --days 20 >/dev/null || fail "generate train"
"$VV" generate --db "$FOREIGN" --videos 600 --channels 40 --seed 2 --days 20 >/dev/null || fail "generate foreign"
"$VV" train --db "$TRAIN" --registry "$REG" --config "$SRC/tests/cli/fast_training.yaml" >/dev/null 2>"$TMP/train.log" \
  || { fail "train"; cat "$TMP/train.log" >&2; }

"$VV" evaluate --registry "$REG" --db "$FOREIGN" --train-db "$TRAIN" --json >"$TMP/out" 2>"$TMP/err"
rc=$?
[[ $rc -eq 0 ]] || { fail "evaluate --db --train-db: exit $rc"; cat "$TMP/err" >&2; }
check "six models scored" "len(j['models']) == 6 and not j['skipped']"
check "velocity baselines on the same pairs" \
  "all(j['models']['velocity']['baselines'][b]['n'] == j['models']['velocity']['n'] for b in ('persistence', 'constant_scaling', 'szabo_huberman', 'pinto_ml'))"
check "every model has a baseline and verdicts" \
  "all(m['baselines'] and m['verdicts'] for m in j['models'].values())"
check "verdict rows name their metric and n" \
  "all(r['n'] == m['n'] and r['metric'] for m in j['models'].values() for r in m['verdicts'])"
check "viral label stated" "j['models']['viral']['label']['videos'] > 0"
check "viral judged re-based on the store, as trained kept beside" \
  "'logit_offset' in j['models']['viral']['metrics']['population'] and 'brier' in j['models']['viral']['metrics']['as_trained'] and 'population' in j['models']['viral']['baselines']['logistic_first_views']"
check "velocity and its fitted baselines judged cross-fitted on the store, as trained kept beside" \
  "len(j['models']['velocity']['metrics']['adapted_on_store']['folds']) == 5 and j['models']['velocity']['metrics']['adapted_on_store']['folds'][0]['recalibrated'] and 'mrse' in j['models']['velocity']['metrics']['adapted_on_store']['as_trained'] and 'adapted_on_store' in j['models']['velocity']['baselines']['pinto_ml'] and 'adapted_on_store' not in j['models']['velocity']['baselines']['persistence']"
check "re-calibrated velocity holds its 80 % interval on the other store" \
  "0.7 <= j['models']['velocity']['metrics']['coverage_80'] <= 0.9"

# The same store left out by --exclude-shared when it IS the training store: nothing is left.
"$VV" evaluate --registry "$REG" --db "$TRAIN" --train-db "$TRAIN" --exclude-shared --json >"$TMP/out" 2>"$TMP/err"
rc=$?
[[ $rc -eq 1 ]] || fail "evaluate on a store entirely shared with training: exit $rc, want 1"
check "every model skipped with its reason" "len(j['skipped']) == 6 and not j['models']"

# A store with titles only (no snapshots, no categories): the text models that can be scored
# are, the rest are skipped with their reason, and the exit code is 0.
printf 'You Will Not Believe This\nTen Things About Cats\n' >"$TMP/pos.txt"
printf 'Council approves budget\nRain expected on Monday\n' >"$TMP/neg.txt"
TITLES=sqlite:$TMP/titles.db
"$VV" import clickbait --db "$TITLES" --positive "$TMP/pos.txt" --negative "$TMP/neg.txt" >/dev/null 2>&1 \
  || "$VV" import-clickbait --db "$TITLES" --positive "$TMP/pos.txt" --negative "$TMP/neg.txt" >/dev/null 2>&1 \
  || fail "import clickbait titles"
"$VV" evaluate --registry "$REG" --db "$TITLES" --train-db "$TRAIN" --json >"$TMP/out" 2>"$TMP/err"
rc=$?
[[ $rc -eq 0 ]] || { fail "evaluate on a titles-only store: exit $rc, want 0"; cat "$TMP/err" >&2; }
check "clickbait scored, velocity skipped with a reason" \
  "'clickbait' in j['models'] and 'nothing to score' in j['skipped']['velocity']"
grep -q "velocity skipped" "$TMP/err" || fail "the skip is said on stderr"

# Usage errors.
"$VV" evaluate --registry "$REG" --train-db "$TRAIN" >/dev/null 2>&1
[[ $? -eq 2 ]] || fail "--train-db without --db is a usage error"

# Off-domain gate: the report carries the gate store's scores and verdicts.
"$VV" train --db "$TRAIN" --registry "$TMP/gated" --config "$SRC/tests/cli/fast_training.yaml" \
  --models velocity,tags --gate-db "$FOREIGN" --json >"$TMP/out" 2>"$TMP/err" || true
check "gate store scored in the train report" \
  "all('verdicts' in m['report']['gate_store'] for m in (j['models'] if isinstance(j, dict) else j))"
grep -q "off-domain" "$TMP/err" || fail "the off-domain gate checks are logged"

[[ $FAILS -eq 0 ]] && echo "evaluate_foreign: ok" || { echo "evaluate_foreign: $FAILS failure(s)"; exit 1; }
