# shellcheck shell=bash
# pgfleet: up, down, status. Sourced by ./pgfleet; uses its settings.

# What the running components announced (a component kept from an earlier up may run on ports
# other than this invocation's defaults): S3_ENDPOINT, S3_TLS_ENDPOINT, RUNNING_API_URL, ...
read_urls() {
  local temporal_line _label
  temporal_line="$(cat "$(url_file temporal)")"
  TEMPORAL_RUNNING_ADDRESS="${temporal_line%% ui: *}"
  TEMPORAL_RUNNING_UI="${temporal_line##* ui: }"
  read -r S3_ENDPOINT S3_TLS_ENDPOINT _label S3_RUNNING_BUCKET <"$(url_file s3proxy)"
  RUNNING_API_URL="$(cat "$(url_file gateway)")"
}

write_env_file() {
  local ca
  (
    umask 077
    {
      say "# written by ./pgfleet up; use with: . .pgfleet/env"
      printf 'export %s=%q\n' \
        PGFLEET_API_URL "$RUNNING_API_URL" \
        PGFLEET_BROKER_USER "$PGFLEET_BROKER_USER" \
        PGFLEET_BROKER_PASSWORD "$PGFLEET_BROKER_PASSWORD" \
        PGFLEET_ADMIN_TOKEN "$PGFLEET_ADMIN_TOKEN" \
        PGFLEET_CODEC_KEYS "$PGFLEET_CODEC_KEYS" \
        TEMPORAL_ADDRESS "$TEMPORAL_RUNNING_ADDRESS" \
        TEMPORAL_NAMESPACE "$TEMPORAL_NAMESPACE"
      [[ "$TEMPORAL_RUNNING_UI" == none ]] || printf 'export TEMPORAL_UI_URL=%q\n' "$TEMPORAL_RUNNING_UI"
      printf 'export %s=%q\n' \
        BOSH_ENVIRONMENT "$(bosh_url)" \
        BOSH_CLIENT "$BOSH_CLIENT" \
        BOSH_CLIENT_SECRET "$BOSH_CLIENT_SECRET"
      if ca="$(bosh_ca_cert)"; then
        printf 'export BOSH_CA_CERT=%q\n' "$ca"
      fi
      printf 'export %s=%q\n' \
        PGFLEET_S3_ENDPOINT "$S3_ENDPOINT" \
        PGFLEET_S3_TLS_ENDPOINT "$S3_TLS_ENDPOINT" \
        PGFLEET_S3_CA_CERT "$STATE/s3proxy/s3proxy-cert.pem" \
        PGFLEET_S3_ACCESS_KEY "$PGFLEET_S3_ACCESS_KEY" \
        PGFLEET_S3_SECRET_KEY "$PGFLEET_S3_SECRET_KEY" \
        PGFLEET_S3_BUCKET "$S3_RUNNING_BUCKET" \
        PGFLEET_S3_REGION us-east-1 \
        PGFLEET_IAAS_EC2_ENDPOINT "$(ec2_url)" \
        PGFLEET_IAAS_EC2_REGION "$CLOUD_EC2_REGION" \
        PGFLEET_IAAS_EC2_ACCESS_KEY "$PGFLEET_IAAS_EC2_ACCESS_KEY" \
        PGFLEET_IAAS_EC2_SECRET_KEY "$PGFLEET_IAAS_EC2_SECRET_KEY"
    } >"$ENV_FILE.tmp"
  )
  mv -f "$ENV_FILE.tmp" "$ENV_FILE"
  chmod 600 "$ENV_FILE"
}

print_urls() {
  say ""
  say "pgfleet is up:"
  printf '  %-16s %s  (broker user %s; password and admin token in .pgfleet/env)\n' \
    "API" "$RUNNING_API_URL" "$PGFLEET_BROKER_USER"
  [[ "$TEMPORAL_RUNNING_UI" == none ]] || printf '  %-16s %s\n' "Temporal UI" "$TEMPORAL_RUNNING_UI"
  printf '  %-16s %s\n' "Temporal" "$TEMPORAL_RUNNING_ADDRESS"
  printf '  %-16s %s\n' "BOSH Director" "$(bosh_url)"
  printf '  %-16s %s  region %s\n' "EC2 API" "$(ec2_url)" "$CLOUD_EC2_REGION"
  printf '  %-16s %s  %s  bucket %s\n' "S3" "$S3_ENDPOINT" "$S3_TLS_ENDPOINT" "$S3_RUNNING_BUCKET"
  say ""
  say "environment:     . .pgfleet/env"
  say "create a cluster: examples/create-cluster.sh"
}

# One up or down at a time: two would race for the same pids and ports.
take_lock() {
  mkdir -p "$STATE"
  exec 9>"$STATE/lock"
  flock -n 9 || die "another ./pgfleet up or down is running"
}

cmd_up() {
  (($# == 0)) || die "up takes no arguments"
  take_lock
  ensure_setup
  java_ok || die "Java 17 JDK not found; run ./pgfleet setup"
  ensure_built
  ensure_credentials
  ensure_s3proxy_jar
  ensure_classpaths
  local name
  for name in "${COMPONENTS[@]}"; do
    if ! "start_$name"; then
      any_component_running && say "(what started before keeps running; ./pgfleet down stops it)" >&2
      exit 1
    fi
  done
  read_urls
  write_env_file
  print_urls
}

cmd_down() {
  local purge=0 index failed=0
  case "${1:-}" in
    --purge) purge=1 ;;
    "") ;;
    *) die "unknown argument for down: $1" ;;
  esac
  if [[ -d "$STATE" ]]; then
    take_lock
    for ((index = ${#COMPONENTS[@]} - 1; index >= 0; index--)); do
      case "${COMPONENTS[$index]}" in
        gateway)
          stop_component gateway
          stop_inventory_leftovers
          ;;
        cloud)
          # The cloud leaves VM processes running when it stops, as a restarted Director would.
          stop_component cloud
          stop_vms || failed=1
          ;;
        s3proxy)
          stop_component s3proxy
          stop_leftover "$STATE/s3proxy-server.pid" "$STATE/s3proxy/" "S3Proxy server"
          ;;
        temporal)
          stop_component temporal
          stop_leftover "$STATE/temporal-server.pid" start-dev "temporal dev server"
          ;;
        *) stop_component "${COMPONENTS[$index]}" ;;
      esac
    done
    ((failed == 0)) || die "some VM processes could not be stopped (see above)"
    say "all stopped"
  else
    say "nothing to stop: no $(rel "$STATE")/"
  fi
  if ((purge)); then
    rm -rf "$STATE"
    say "removed $(rel "$STATE")/ (state, VMs' disks, credentials)"
  fi
}

show_component() {
  local name=$1 url
  if component_running "$name"; then
    url="$(cat "$(url_file "$name")" 2>/dev/null || true)"
    printf '%-22s running  %-8s %s\n' "${LABEL[$name]}" "$(recorded_pid "$name")" "$url"
  elif [[ -f "$(pid_file "$name")" ]]; then
    printf '%-22s exited   %-8s see %s\n' "${LABEL[$name]}" "-" "$(rel "$(log_file "$name")")"
  else
    printf '%-22s stopped\n' "${LABEL[$name]}"
  fi
}

cmd_status() {
  local name processes vms
  printf '%-22s %-8s %-8s %s\n' component state pid url
  for name in "${COMPONENTS[@]}"; do
    show_component "$name"
  done
  if component_running gateway; then
    printf '%-22s embedded in the api gateway, data %s\n' inventory "$(rel "$STATE/inventory")"
  fi
  processes="$(vm_processes | wc -l)"
  vms="$(vm_processes | cut -d' ' -f2 | sort -u | wc -l)"
  printf '%-22s %d with %d live processes (state %s)\n' "VMs" "$vms" "$processes" \
    "$(rel "$STATE/cloud")"
}
