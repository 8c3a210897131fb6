#!/usr/bin/env bash
# --db names its backend strictly (issue 14 item 7): a libpq key=value DSN goes to PostgreSQL,
# never to a SQLite file named after it, and no message shows its password.
set -euo pipefail
VV=${1:?usage: store_dsn.sh path/to/vv}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$TMP"

# Port 1 on loopback: nothing listens, so the connection fails at once.
if "$VV" stats --db "host=127.0.0.1 port=1 user=vv password=s3cret dbname=vv" >out 2>err; then
  fail "vv stats exited 0 on an unreachable PostgreSQL DSN: $(cat out err)"
fi
! grep -q s3cret out err || fail "password printed: $(cat out err)"
grep -q "PostgreSQL" err || fail "the error does not say PostgreSQL: $(cat err)"
grep -q "password=\*\*\*" err || fail "the DSN is not shown masked: $(cat err)"
[[ -z $(ls -A "$TMP" | grep -v '^out$\|^err$') ]] || fail "files created: $(ls -A)"

# The same for the URL form, and through VV_DB.
if VV_DB="postgresql://vv:s3cret@127.0.0.1:1/vv" "$VV" stats >out 2>err; then fail "URL form exited 0"; fi
! grep -q s3cret out err || fail "password printed (URL): $(cat out err)"
grep -q "vv:\*\*\*@127.0.0.1" err || fail "the URL is not shown masked: $(cat err)"

# Text with '=' that is no DSN is refused (exit 1, a clear message), not opened as a file.
if "$VV" stats --db "runs/seed=3.db" >out 2>err; then fail "ambiguous --db exited 0"; fi
grep -q "ambiguous store URL" err || fail "no clear refusal: $(cat err)"
[[ ! -e runs ]] || fail "a directory was created for an ambiguous --db"
# ... while sqlite:PATH names such a file explicitly.
"$VV" stats --db "sqlite:runs/seed=3.db" >out 2>err || fail "sqlite:PATH refused: $(cat err)"
[[ -f "runs/seed=3.db" ]] || fail "sqlite:PATH did not create the file"
echo "store_dsn: ok"
