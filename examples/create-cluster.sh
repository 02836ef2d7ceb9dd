#!/usr/bin/env bash
# Creates a PostgreSQL cluster (5 VMs) through pgfleet's Open Service Broker API, waits for it,
# binds it and prints the connection URI. Needs ./pgfleet up.
#
#   examples/create-cluster.sh [--plan small|medium|large] [--id <instance-id>] [--timeout <s>]
source "$(dirname "${BASH_SOURCE[0]}")/osb.sh"

plan=small
id=""
timeout=$DEFAULT_TIMEOUT_SECONDS
while (($#)); do
  case "$1" in
    --plan) plan=${2:?--plan needs small, medium or large} && shift 2 ;;
    --id) id=${2:?--id needs an instance id} && shift 2 ;;
    --timeout) timeout=${2:?--timeout needs seconds} && shift 2 ;;
    -h | --help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' && exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done
plan_id=${PLAN_IDS[$plan]:-}
[[ -n "$plan_id" ]] || die "unknown plan $plan: small, medium or large"
id=${id:-$(new_id)}
instance="/v2/service_instances/$id"
ids="service_id=$SERVICE_ID&plan_id=$plan_id"
started=$SECONDS

echo "provisioning cluster $id (plan $plan)"
osb PUT "$instance?accepts_incomplete=true" "$(jq -nc --arg s "$SERVICE_ID" --arg p "$plan_id" '{
  service_id: $s, plan_id: $p,
  organization_guid: "pgfleet-examples", space_guid: "pgfleet-examples",
  context: {platform: "pgfleet-examples"}, parameters: {}}')"
case "$OSB_STATUS" in
  202) operation="$(jq -r '.operation // ""' <<<"$OSB_BODY")" ;;
  200 | 201) operation="" && echo "  already provisioned" ;;
  *) osb_error "provision" ;;
esac
if [[ -n "${TEMPORAL_UI_URL:-}" ]]; then
  echo "  Temporal UI: $TEMPORAL_UI_URL/namespaces/${TEMPORAL_NAMESPACE:-default}/workflows?query=$(
    uri_encode "WorkflowId=\"cluster/$id\""
  )"
fi
if [[ "$OSB_STATUS" == 202 ]] && ! poll_operation "$instance" "$operation" "$ids" "$timeout"; then
  die "provisioning cluster $id failed (see above); the broker left nothing behind"
fi

binding=$(new_id)
echo "binding $binding"
osb PUT "$instance/service_bindings/$binding?accepts_incomplete=true" \
  "$(jq -nc --arg s "$SERVICE_ID" --arg p "$plan_id" '{
    service_id: $s, plan_id: $p, bind_resource: {app_guid: "pgfleet-examples"}}')"
case "$OSB_STATUS" in
  200 | 201) ;;
  202)
    poll_operation "$instance/service_bindings/$binding" \
      "$(jq -r '.operation // ""' <<<"$OSB_BODY")" "$ids" "$timeout" || die "binding failed"
    osb GET "$instance/service_bindings/$binding"
    [[ "$OSB_STATUS" == 200 ]] || osb_error "fetching binding $binding"
    ;;
  *) osb_error "bind" ;;
esac
mkdir -p "$EXAMPLES_STATE"
printf 'plan_id=%s\nbinding=%s\n' "$plan_id" "$binding" >>"$EXAMPLES_STATE/$id"

uri="$(jq -r '.credentials.uri // empty' <<<"$OSB_BODY")"
[[ -n "$uri" ]] || die "binding $binding has no credentials.uri: $OSB_BODY"
echo
echo "cluster $id is ready ($plan, $((SECONDS - started)) s)"
echo "  uri:     $uri"
echo "  jdbcUrl: $(jq -r '.credentials.jdbcUrl // "-"' <<<"$OSB_BODY")"
echo "  hosts:   $(jq -r '.credentials.hosts // [] | join(" ")' <<<"$OSB_BODY")"
echo
echo "connect: psql '$uri'"
echo "delete:  examples/delete-cluster.sh $id"
