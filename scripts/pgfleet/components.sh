# shellcheck shell=bash
# pgfleet: how each component is started. Sourced by ./pgfleet; uses its settings.

# The local cloud's EC2-compatible API (power off = STONITH for failover): the worker's IaaS.
CLOUD_EC2_PORT="${PGFLEET_CLOUD_EC2_PORT:-8773}"
CLOUD_EC2_REGION=us-east-1

java_cmd() { # java_cmd HEAP -> the java command line prefix
  printf '%s\n' java "-Xmx$1" "${JAVA_BASE_OPTS[@]}"
}

start_temporal() {
  local java line
  # A dev server whose launcher was SIGKILLed still holds the ports.
  component_running temporal ||
    stop_leftover "$STATE/temporal-server.pid" start-dev "temporal dev server"
  require_ports_free temporal "$LOOPBACK" "$TEMPORAL_PORT=PGFLEET_TEMPORAL_PORT" \
    "$TEMPORAL_UI_PORT=PGFLEET_TEMPORAL_UI_PORT" || return 1
  [[ -x "$VENV/bin/temporal" ]] ||
    say "temporal: CLI missing (run ./pgfleet setup); the launcher falls back to the Java test server"
  mapfile -t java < <(java_cmd 128m)
  start_component temporal -- env PGFLEET_HOME="$ROOT" "${java[@]}" -cp "$(classpath test-env)" \
    "$TEMPORAL_MAIN" --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" \
    --ui-codec-endpoint "$API_URL/codec" \
    --db-file "$STATE/temporal.db" --work-dir "$STATE/temporal" || return 1
  line="$(ready_value temporal 'temporal ready: ')"
  ready_value temporal 'temporal server pid: ' >"$STATE/temporal-server.pid"
  printf '%s\n' "$line" >"$(url_file temporal)"
  if [[ "$line" == *"ui: none"* ]]; then
    say "temporal: WARNING running the Java test server fallback: no Web UI, Schedules or list queries (see $(rel "$(log_file temporal)"))"
  fi
}

start_s3proxy() {
  local java
  component_running s3proxy ||
    stop_leftover "$STATE/s3proxy-server.pid" "$STATE/s3proxy/" "S3Proxy server"
  require_ports_free s3proxy "$LOOPBACK" "$S3_HTTP_PORT=PGFLEET_S3_HTTP_PORT" \
    "$S3_HTTPS_PORT=PGFLEET_S3_HTTPS_PORT" || return 1
  mapfile -t java < <(java_cmd 96m)
  start_component s3proxy -- \
    env PGFLEET_S3_ACCESS_KEY="$PGFLEET_S3_ACCESS_KEY" PGFLEET_S3_SECRET_KEY="$PGFLEET_S3_SECRET_KEY" \
    "${java[@]}" -cp "$(classpath test-env)" "$S3PROXY_MAIN" --jar "$S3PROXY_JAR" \
    --data-dir "$STATE/s3" --work-dir "$STATE/s3proxy" --host "$LOOPBACK" \
    --port "$S3_HTTP_PORT" --secure-port "$S3_HTTPS_PORT" --bucket "$S3_BUCKET" || return 1
  ready_value s3proxy 's3proxy server pid: ' >"$STATE/s3proxy-server.pid"
  ready_value s3proxy 's3proxy ready: ' >"$(url_file s3proxy)"
}

start_cloud() {
  local java tls=()
  require_ports_free cloud "$CLOUD_ADDRESS" "$CLOUD_PORT=PGFLEET_CLOUD_PORT" \
    "$CLOUD_EC2_PORT=PGFLEET_CLOUD_EC2_PORT" || return 1
  [[ "$CLOUD_TLS" == 0 ]] || tls=(--tls)
  mapfile -t java < <(java_cmd 512m)
  # Passwords go through the environment: command lines are world-readable in /proc.
  # LOCAL_CLOUD_VAR_x is the Director's config server (CredHub) value for ((x)) in manifests.
  start_component cloud -- env PGFLEET_HOME="$ROOT" LOCAL_CLOUD_PASSWORD="$BOSH_CLIENT_SECRET" \
    LOCAL_CLOUD_EC2_SECRET_KEY="$PGFLEET_IAAS_EC2_SECRET_KEY" \
    LOCAL_CLOUD_VAR_pgfleet_codec_keys="$PGFLEET_CODEC_KEYS" \
    "${java[@]}" -cp "$(classpath test-env)" "$CLOUD_MAIN" \
    --state-dir "$STATE/cloud" --address "$CLOUD_ADDRESS" --port "$CLOUD_PORT" \
    --user "$BOSH_CLIENT" --temporal-address "$LOOPBACK:$TEMPORAL_PORT" \
    --namespace "$TEMPORAL_NAMESPACE" --ec2-port "$CLOUD_EC2_PORT" \
    --ec2-region "$CLOUD_EC2_REGION" --ec2-access-key "$PGFLEET_IAAS_EC2_ACCESS_KEY" \
    "${tls[@]}" || return 1
  ready_value cloud 'local cloud ready: ' >"$(url_file cloud)"
}

bosh_url() { cat "$(url_file cloud)"; }

# The running cloud's EC2 endpoint, as it announced it (its log is kept while it runs).
ec2_url() {
  local url
  url="$(ready_value cloud 'local cloud ec2 api: ')"
  [[ -n "$url" ]] || die "local cloud: no EC2 endpoint in $(rel "$(log_file cloud)"); ./pgfleet down, then up"
  printf '%s' "$url"
}

# The Director's CA when it serves HTTPS (the cloud keeps it in its state directory).
bosh_ca_cert() {
  [[ "$(bosh_url)" == https:* && -f "$STATE/cloud/director-ca.pem" ]] &&
    printf '%s' "$STATE/cloud/director-ca.pem"
}

# Secrets reach Spring Boot apps as SPRING_APPLICATION_JSON (environment, exact property names),
# never as arguments. Backslashes and quotes are escaped (alert webhook URLs are the operator's).
spring_secrets() { # spring_secrets key value ... -> {"key":"value",...}
  local json="" sep="" value
  while (($# >= 2)); do
    value="${2//\\/\\\\}"
    value="${value//\"/\\\"}"
    json+="$sep\"$1\":\"$value\""
    sep=,
    shift 2
  done
  printf '{%s}' "$json"
}

# Optional alert channels from the caller's environment (PGFLEET_ALERT_*, see README): the
# property arguments in ALERT_ARGS, the secret-bearing ones (webhook URLs may carry tokens) as
# key/value pairs in ALERT_SECRETS for spring_secrets.
alert_settings() {
  local name property
  ALERT_ARGS=()
  ALERT_SECRETS=()
  [[ -z "${PGFLEET_ALERT_WEBHOOK_URLS:-}" ]] ||
    ALERT_SECRETS+=(pgfleet.alerts.webhook-urls "$PGFLEET_ALERT_WEBHOOK_URLS")
  [[ -z "${PGFLEET_ALERT_WEBHOOK_SECRET:-}" ]] ||
    ALERT_SECRETS+=(pgfleet.alerts.webhook-secret "$PGFLEET_ALERT_WEBHOOK_SECRET")
  [[ -z "${PGFLEET_ALERT_SMTP_PASSWORD:-}" ]] ||
    ALERT_SECRETS+=(pgfleet.alerts.smtp.password "$PGFLEET_ALERT_SMTP_PASSWORD")
  for name in HOST PORT FROM TO USERNAME STARTTLS; do
    property="PGFLEET_ALERT_SMTP_$name"
    [[ -z "${!property:-}" ]] ||
      ALERT_ARGS+=("--pgfleet.alerts.smtp.${name,,}=${!property}")
  done
}

# The worker's backup repository: the running S3Proxy's https endpoint (as it announced it), its
# self-signed CA and the bucket; the keys go with the other secrets.
backup_repository_args() {
  local _http https _label bucket hostport
  read -r _http https _label bucket <"$(url_file s3proxy)"
  hostport="${https#https://}"
  hostport="${hostport%%/*}"
  printf '%s\n' "--pgfleet.backup.repository.endpoint=${hostport%:*}" \
    "--pgfleet.backup.repository.port=${hostport##*:}" \
    "--pgfleet.backup.repository.bucket=$bucket" \
    "--pgfleet.backup.repository.region=us-east-1" \
    "--pgfleet.backup.repository.ca-cert-file=$STATE/s3proxy/s3proxy-cert.pem" \
    "--pgfleet.backup.repository.access-key=$PGFLEET_S3_ACCESS_KEY"
}

start_worker() {
  local java ca=() ca_file ec2 backup
  require_main_class worker workers || return 1
  if ca_file="$(bosh_ca_cert)"; then
    ca=("--pgfleet.bosh.ca-cert-file=$ca_file")
  fi
  ec2="$(ec2_url)"
  mapfile -t backup < <(backup_repository_args)
  alert_settings
  mapfile -t java < <(java_cmd 384m)
  start_component worker -- \
    env SPRING_APPLICATION_JSON="$(spring_secrets pgfleet.bosh.secret "$BOSH_CLIENT_SECRET" \
      pgfleet.codec.keys "$PGFLEET_CODEC_KEYS" \
      pgfleet.iaas.ec2.secret-key "$PGFLEET_IAAS_EC2_SECRET_KEY" \
      pgfleet.backup.repository.secret-key "$PGFLEET_S3_SECRET_KEY" "${ALERT_SECRETS[@]}")" \
    "${java[@]}" -cp "$(classpath workers)" "$WORKER_MAIN" \
    "--pgfleet.temporal.address=$LOOPBACK:$TEMPORAL_PORT" \
    "--pgfleet.temporal.namespace=$TEMPORAL_NAMESPACE" \
    "--pgfleet.bosh.url=$(bosh_url)" "--pgfleet.bosh.client=$BOSH_CLIENT" "${ca[@]}" \
    "--pgfleet.agents.temporal-address=$LOOPBACK:$TEMPORAL_PORT" \
    "--pgfleet.iaas.ec2.endpoint=$ec2" "--pgfleet.iaas.ec2.region=$CLOUD_EC2_REGION" \
    "--pgfleet.iaas.ec2.access-key=$PGFLEET_IAAS_EC2_ACCESS_KEY" "${backup[@]}" \
    "${ALERT_ARGS[@]}" || return 1
  printf 'task queue pgfleet-control on %s\n' "$LOOPBACK:$TEMPORAL_PORT" >"$(url_file worker)"
}

start_gateway() {
  local java
  require_main_class gateway api-gateway || return 1
  require_ports_free gateway "$LOOPBACK" "$API_PORT=PGFLEET_API_PORT" || return 1
  mapfile -t java < <(java_cmd 384m)
  start_component gateway -- \
    env SPRING_APPLICATION_JSON="$(spring_secrets \
      pgfleet.broker.username "$PGFLEET_BROKER_USER" \
      pgfleet.broker.password "$PGFLEET_BROKER_PASSWORD" \
      pgfleet.admin-token "$PGFLEET_ADMIN_TOKEN" \
      pgfleet.codec.keys "$PGFLEET_CODEC_KEYS")" \
    "${java[@]}" -cp "$(classpath api-gateway)" "$GATEWAY_MAIN" \
    "--server.address=$LOOPBACK" "--server.port=$API_PORT" \
    "--pgfleet.temporal.address=$LOOPBACK:$TEMPORAL_PORT" \
    "--pgfleet.temporal.namespace=$TEMPORAL_NAMESPACE" \
    "--pgfleet.inventory.data-dir=$STATE/inventory" \
    "--pgfleet.codec.allowed-origins=http://$LOOPBACK:$TEMPORAL_UI_PORT,http://localhost:$TEMPORAL_UI_PORT" ||
    return 1
  printf '%s\n' "$API_URL" >"$(url_file gateway)"
}
