#!/usr/bin/env bash
# A stand-in for the Azure CLI, for tests/unit/cli.test.ts (copied first on PATH as `az`). It
# appends each call's arguments to $AZ_LOG, one JSON array per line, and answers the way the real
# `az` does, with the canned values the test passes in FAKE_* variables.
#   FAKE_FAIL         a call starting with these words fails (exit 1), e.g. "ad app create"
#   FAKE_EXISTING     client ID(s) printed by `ad app list` (an app of that name exists)
#   FAKE_READ_STDIN   set: every call reads its standard input to the end, as a prompt could
#   AZ_STATE          folder where the created service principal is remembered
set -u

# One JSON string, in REPLY. The script's values hold no other control character; if one did,
# the line would not parse and the test would say so.
json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  REPLY="\"$s\""
}

line=''
for arg in "$@"; do
  json_string "$arg"
  line+="${line:+,}$REPLY"
done
printf '[%s]\n' "$line" >> "$AZ_LOG"

if [ -n "${FAKE_READ_STDIN:-}" ]; then cat > /dev/null; fi

if [ -n "${FAKE_FAIL:-}" ]; then
  case "$* " in
    "$FAKE_FAIL "*)
      echo "ERROR: (fake) $FAKE_FAIL failed" >&2
      exit 1
      ;;
  esac
fi

# True when the arguments contain the two words "$1 $2" in a row.
with() {
  local want="$1 $2"
  shift 2
  case " $* " in *" $want "*) return 0 ;; esac
  return 1
}

case "$1 $2 ${3:-}" in
  'account show '*)
    if with --query tenantId "$@"; then echo "$FAKE_TENANT_ID"; else printf 'TenantId  User\n%s  admin@contoso.com\n' "$FAKE_TENANT_ID"; fi
    ;;
  'ad app list')
    if [ -n "${FAKE_EXISTING:-}" ]; then echo "$FAKE_EXISTING"; fi
    ;;
  'ad app create')
    echo "$FAKE_APP_ID"
    ;;
  'ad sp show')
    if [ ! -e "$AZ_STATE/sp" ]; then
      echo "ERROR: Service principal '$4' doesn't exist" >&2
      exit 3
    fi
    if with --query id "$@"; then echo "$FAKE_SP_ID"; fi
    ;;
  'ad sp create')
    touch "$AZ_STATE/sp"
    ;;
  'ad sp update') ;;
  'ad app permission')
    case "${4:-}" in
      add) echo 'Invoking "az ad app permission grant --id ... --api ..." is needed to make the change effective' >&2 ;;
      grant) ;;
      list-grants) printf 'ConsentType    Scope\nAllPrincipals  (fake)\n' ;;
      *) echo "unexpected az call: $*" >&2; exit 2 ;;
    esac
    ;;
  'ad app credential')
    case "${4:-}" in
      reset)
        echo 'WARNING: The output includes credentials that you must protect.' >&2
        echo "$FAKE_SECRET"
        ;;
      list) printf 'Description    Expires\ndbt Cloud      2028-01-01T00:00:00Z\n' ;;
      *) echo "unexpected az call: $*" >&2; exit 2 ;;
    esac
    ;;
  'rest --method get') echo contoso.com ;;
  'rest --method POST') ;;
  *)
    echo "unexpected az call: $*" >&2
    exit 2
    ;;
esac
