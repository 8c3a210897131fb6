# Sourced by the ctest fuzz runs (tests/cli/fuzz_*.sh): without clang++ the run is skipped, unless
# VV_REQUIRE_FUZZ=1 (scripts/test.sh) makes its absence a failure.
if ! command -v clang++ >/dev/null; then
  if [[ "${VV_REQUIRE_FUZZ:-0}" == 1 ]]; then echo "FAILED: clang++ missing"; exit 1; fi
  echo "SKIPPED: clang++ missing (scripts/install-deps.sh installs it)"; exit 0
fi
