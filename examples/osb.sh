# shellcheck shell=bash disable=SC2034  # constants here are used by the scripts that source it
# Shared by the examples: the Open Service Broker calls a platform (Cloud Foundry, Kubernetes
# service catalog) would make, with curl and jq. Sourced, not run.
set -euo pipefail

EXAMPLES="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PGFLEET_ROOT="$(dirname "$EXAMPLES")"
ENV_FILE="${PGFLEET_ENV_FILE:-$PGFLEET_ROOT/.pgfleet/env}"
# Which bindings the examples made for which instance, so delete-cluster.sh can unbind them.
EXAMPLES_STATE="$PGFLEET_ROOT/.pgfleet/examples"

# workflows/src/main/java/io/pgfleet/workflows/catalog/PlanCatalog.java (GET /v2/catalog has them).
SERVICE_ID=6f0c7b1e-2a55-4c5e-9a47-2f0e3c8f9d10
declare -A PLAN_IDS=(
  [small]=1c6e8f5a-0b0e-4a8e-8f62-6d3f2b1a9c01
  [medium]=2d7f9a6b-1c1f-4b9f-9a73-7e4a3c2b0d02
  [large]=3e8a0b7c-2d20-4ca0-8b84-8f5b4d3c1e03
)
OSB_API_VERSION=2.17
# A provision on 2 cores takes 10-30 s; a slow machine gets ten times that before we give up.
DEFAULT_TIMEOUT_SECONDS=600
# last_operation is cheap; every 2 s keeps the progress output timely.
POLL_SECONDS=2

die() {
  printf '%s: %s\n' "$(basename "$0")" "$*" >&2
  exit 1
}

for tool in curl jq; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (apt-get install -y $tool)"
done
[[ -r "$ENV_FILE" ]] || die "no $ENV_FILE: run ./pgfleet up first"
# shellcheck source=/dev/null
. "$ENV_FILE"

new_id() { cat /proc/sys/kernel/random/uuid; }
uri_encode() { jq -rn --arg v "$1" '$v | @uri'; }

# osb METHOD PATH [JSON]: sets OSB_STATUS and OSB_BODY. The broker password goes to curl through a
# config on a pipe, never on a command line other users could read.
osb() {
  local method=$1 path=$2 body=${3:-} out args=()
  out="$(mktemp)"
  args=(-sS -o "$out" -w '%{http_code}' -X "$method" -H "X-Broker-API-Version: $OSB_API_VERSION")
  if [[ -n "$body" ]]; then
    args+=(-H "Content-Type: application/json" --data "$body")
  fi
  if ! OSB_STATUS="$(curl "${args[@]}" -K <(printf 'user = "%s:%s"\n' \
    "$PGFLEET_BROKER_USER" "$PGFLEET_BROKER_PASSWORD") "$PGFLEET_API_URL$path")"; then
    rm -f "$out"
    die "cannot reach the broker at $PGFLEET_API_URL (./pgfleet status shows what runs)"
  fi
  OSB_BODY="$(cat "$out")"
  rm -f "$out"
}

# The broker's own words for an error response.
osb_error() {
  local what=$1 detail
  detail="$(jq -r '[.error, .description] | map(select(. != null)) | join(": ")' \
    <<<"$OSB_BODY" 2>/dev/null || true)"
  die "$what: HTTP $OSB_STATUS${detail:+ ($detail)}"
}

# poll_operation PATH OPERATION SERVICE_QUERY TIMEOUT: polls PATH/last_operation, printing each
# new state, until succeeded (0), failed (1) or gone (0: the resource was deleted).
poll_operation() {
  local path=$1 operation=$2 query=$3 timeout=$4 started=$SECONDS state description line last=""
  [[ -z "$operation" ]] || query+="&operation=$(uri_encode "$operation")"
  while :; do
    osb GET "$path/last_operation?$query"
    case "$OSB_STATUS" in
      200)
        state="$(jq -r '.state // "unknown"' <<<"$OSB_BODY")"
        description="$(jq -r '.description // ""' <<<"$OSB_BODY")"
        ;;
      410) state=gone description="" ;;
      *) osb_error "last_operation of $path" ;;
    esac
    line="$state${description:+: $description}"
    if [[ "$line" != "$last" ]]; then
      printf '  [%3d s] %s\n' $((SECONDS - started)) "$line"
      last="$line"
    fi
    case "$state" in
      succeeded | gone) return 0 ;;
      failed) return 1 ;;
    esac
    if ((SECONDS - started >= timeout)); then
      die "still '$state' after $timeout s; the operation goes on (Temporal UI: ${TEMPORAL_UI_URL:-none})"
    fi
    sleep "$POLL_SECONDS"
  done
}
