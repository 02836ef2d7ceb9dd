#!/usr/bin/env bash
# Unbinds and deletes a cluster made by create-cluster.sh (or any instance, given its bindings),
# waiting until its VMs are gone. Needs ./pgfleet up.
#
#   examples/delete-cluster.sh <instance-id> [--binding <binding-id>]... [--timeout <s>]
source "$(dirname "${BASH_SOURCE[0]}")/osb.sh"

id=""
bindings=()
timeout=$DEFAULT_TIMEOUT_SECONDS
while (($#)); do
  case "$1" in
    --binding) bindings+=("${2:?--binding needs a binding id}") && shift 2 ;;
    --timeout) timeout=${2:?--timeout needs seconds} && shift 2 ;;
    -h | --help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' && exit 0 ;;
    -*) die "unknown argument $1 (see --help)" ;;
    *)
      [[ -z "$id" ]] || die "one instance id only (see --help)"
      id=$1
      shift
      ;;
  esac
done
[[ -n "$id" ]] || die "which cluster? usage: $0 <instance-id>"
instance="/v2/service_instances/$id"
record="$EXAMPLES_STATE/$id"

plan_id=""
if [[ -f "$record" ]]; then
  plan_id="$(sed -n 's/^plan_id=//p' "$record" | tail -n 1)"
  mapfile -t -O "${#bindings[@]}" bindings < <(sed -n 's/^binding=//p' "$record")
fi
if [[ -z "$plan_id" ]]; then
  osb GET "$instance"
  case "$OSB_STATUS" in
    200) plan_id="$(jq -r '.plan_id // ""' <<<"$OSB_BODY")" ;;
    404 | 410) die "no service instance $id" ;;
    *) osb_error "looking up $id" ;;
  esac
fi
ids="service_id=$SERVICE_ID&plan_id=$plan_id"
started=$SECONDS

for binding in "${bindings[@]}"; do
  echo "unbinding $binding"
  osb DELETE "$instance/service_bindings/$binding?$ids&accepts_incomplete=true"
  case "$OSB_STATUS" in
    200) ;;
    410) echo "  already gone" ;;
    202)
      poll_operation "$instance/service_bindings/$binding" \
        "$(jq -r '.operation // ""' <<<"$OSB_BODY")" "$ids" "$timeout" || die "unbinding failed"
      ;;
    *) osb_error "unbind $binding" ;;
  esac
done

echo "deprovisioning cluster $id"
osb DELETE "$instance?$ids&accepts_incomplete=true"
case "$OSB_STATUS" in
  200) ;;
  410) echo "  already gone" ;;
  202)
    poll_operation "$instance" "$(jq -r '.operation // ""' <<<"$OSB_BODY")" "$ids" "$timeout" ||
      die "deprovisioning cluster $id failed (see above)"
    ;;
  *) osb_error "deprovision" ;;
esac
rm -f "$record"
echo "cluster $id deleted ($((SECONDS - started)) s)"
