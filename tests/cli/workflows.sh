#!/usr/bin/env bash
# .github/workflows/*.yml are valid GitHub Actions workflows (the SchemaStore schema, checked by
# @action-validator/cli from tests/ci, installed by scripts/install-deps.sh with
# VV_WITH_TESTS=1), and the four jobs the project runs are there: tests on push, scheduled
# collection with the repository's secrets, scheduled training that keeps and publishes the
# registry, and a drift check that fails on drift (vv drift's exit 3, not swallowed).
set -euo pipefail
SRC=${VV_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
VALIDATOR="$SRC/tests/ci/node_modules/.bin/action-validator"
fail() { echo "FAIL: $*" >&2; exit 1; }
shopt -s nullglob
files=("$SRC"/.github/workflows/*.yml)
(( ${#files[@]} >= 4 )) || fail "expected the workflows in .github/workflows, found ${#files[@]}"

if [[ -x "$VALIDATOR" ]]; then
  for f in "${files[@]}"; do
    "$VALIDATOR" "$f" >"${TMPDIR:-/tmp}/vv-wf.$$" 2>&1 || { cat "${TMPDIR:-/tmp}/vv-wf.$$" >&2; rm -f "${TMPDIR:-/tmp}/vv-wf.$$"; fail "$f is not a valid workflow"; }
  done
  rm -f "${TMPDIR:-/tmp}/vv-wf.$$"
elif [[ "${VV_REQUIRE_PG:-0}" == 1 ]]; then
  fail "the validator is not installed (VV_WITH_TESTS=1 scripts/install-deps.sh)"
else
  echo "workflows.sh: validator not installed, schema check skipped (structure still checked)"
fi

# What each job must do. A plain-text check on top of the schema: the schema cannot know our jobs.
W="$SRC/.github/workflows"
grep -q "make test" "$W/tests.yml" || fail "tests.yml does not run make test"
grep -Eq "^  push:|on: \[push" "$W/tests.yml" || fail "tests.yml does not run on push"
for f in collect train drift; do
  grep -q "cron:" "$W/$f.yml" || fail "$f.yml has no schedule"
done
grep -q 'secrets.YOUTUBE_API_KEY' "$W/collect.yml" || fail "collect.yml does not take the API key from secrets"
grep -q 'secrets.VV_DB' "$W/collect.yml" || fail "collect.yml does not take the store from secrets"
grep -q 'vv collect' "$W/collect.yml" || fail "collect.yml does not collect"
! grep -q 'channels.txt' "$W/collect.yml" || fail "collect.yml reads a channels file the repository does not have"
grep -q 'vv train' "$W/train.yml" || fail "train.yml does not train"
! grep -q -- '--no-promote\|vv models promote' "$W/train.yml" || fail "train.yml promotes around the gates"
grep -q 'download-artifact' "$W/train.yml" && grep -q 'upload-artifact' "$W/train.yml" \
  || fail "train.yml does not carry the registry from run to run"
grep -Eq 'vv drift( |$)' "$W/drift.yml" || fail "drift.yml does not run vv drift"
! grep -Eq 'vv drift.*(\|\| *true|--fail-on never|; *true)' "$W/drift.yml" || fail "drift.yml swallows the drift exit code"
echo "workflows.sh: ok (${#files[@]} workflows)"
