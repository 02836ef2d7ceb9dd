# shellcheck shell=bash
# pgfleet: pid files, readiness, starting and stopping one component. Sourced by ./pgfleet; uses its settings.

pid_file() { printf '%s/%s.pid' "$STATE" "$1"; }
log_file() { printf '%s/%s.log' "$STATE" "$1"; }
url_file() { printf '%s/%s.url' "$STATE" "$1"; }

# Alive and not a zombie (a child of this shell that died stays in /proc until reaped).
pid_alive() {
  [[ -r "/proc/$1/status" ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# Alive and its command line contains $2, so a recycled pid is never mistaken for ours.
pid_is() {
  pid_alive "$1" && tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | grep -qF -- "$2"
}

recorded_pid() {
  local file
  file="$(pid_file "$1")"
  [[ -f "$file" ]] && cat "$file"
}

component_running() {
  local pid
  pid="$(recorded_pid "$1")" || return 1
  pid_is "$pid" "${MAIN[$1]}"
}

any_component_running() {
  local name
  for name in "${COMPONENTS[@]}"; do
    component_running "$name" && return 0
  done
  return 1
}

# Waits until none of the pids is alive; false if some still are after $1 seconds.
await_exit() {
  local grace=$1 deadline pid alive
  shift
  deadline=$(($(now_ms) + grace * 1000))
  while :; do
    alive=0
    for pid in "$@"; do
      pid_alive "$pid" && alive=1 && break
    done
    ((alive)) || return 0
    (($(now_ms) < deadline)) || return 1
    sleep "$POLL_SECONDS"
  done
}

# SIGTERM, a bounded wait, then SIGKILL.
stop_pid() {
  local pid=$1 grace=${2:-$STOP_GRACE_SECONDS}
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  if ! await_exit "$grace" "$pid"; then
    say "  pid $pid ignored SIGTERM for ${grace}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    await_exit 5 "$pid" || true
  fi
}

port_busy() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# Refuses to start NAME when one of its ports is held by a process that is not the component.
require_ports_free() {
  local name=$1 address=$2 port variable
  shift 2
  component_running "$name" && return 0
  for port in "$@"; do
    variable="${port#*=}"
    port="${port%%=*}"
    if port_busy "$address" "$port"; then
      say "pgfleet: ${LABEL[$name]}: port $port on $address is in use by another process; set $variable" >&2
      return 1
    fi
  done
}

# Readiness probes: true once the component serves.
log_has() { grep -qF -- "$2" "$(log_file "$1")" 2>/dev/null; }
ready_temporal() { grep -q '^temporal ready: ' "$(log_file temporal)"; }
ready_s3proxy() { grep -q '^s3proxy ready: ' "$(log_file s3proxy)"; }
ready_cloud() { grep -q '^local cloud ready: ' "$(log_file cloud)"; }
ready_worker() { log_has worker 'control-plane worker ready'; }
ready_gateway() {
  curl -fsS -m 2 "$API_URL/actuator/health" 2>/dev/null | grep -Eq '"status" *: *"UP"'
}

ready_value() { # ready_value NAME PREFIX -> text after the prefix on its first line
  sed -n "s/^$2//p" "$(log_file "$1")" | head -n 1
}

# start_component NAME -- COMMAND...: one progress line; returns 1 (after reporting why, with the
# log's tail) if the process exits or is not ready within READY_TIMEOUT_SECONDS.
start_component() {
  local name=$1 label=${LABEL[$1]} log pid started status reason=""
  shift 2
  log="$(log_file "$name")"
  if component_running "$name"; then
    say "starting $label ... already running (pid $(recorded_pid "$name"))"
    return 0
  fi
  printf 'starting %s ... ' "$label"
  started=$(now_ms)
  [[ -s "$log" ]] && mv -f "$log" "$log.previous"
  : >"$log"
  # setsid: the component survives this script and a Ctrl-C typed into this terminal later.
  # 9>&-: the component must not inherit (and hold) up's lock.
  (cd "$ROOT" && exec setsid "$@" >>"$log" 2>&1 </dev/null 9>&-) &
  pid=$!
  printf '%s\n' "$pid" >"$(pid_file "$name")"
  until "ready_$name"; do
    if ! pid_alive "$pid"; then
      status=0
      wait "$pid" || status=$?
      reason="exited with status $status before it was ready"
      break
    fi
    if (($(now_ms) - started > READY_TIMEOUT_SECONDS * 1000)); then
      reason="was not ready within ${READY_TIMEOUT_SECONDS} s (PGFLEET_READY_TIMEOUT)"
      break
    fi
    sleep "$POLL_SECONDS"
  done
  if [[ -z "$reason" ]]; then
    say "ready ($(since "$started"), pid $pid)"
    return 0
  fi
  say "FAILED after $(since "$started")"
  {
    say "pgfleet: $label $reason; log: $(rel "$log"), ending with:"
    tail -n 30 "$log" | sed 's/^/  | /'
  } >&2
  stop_pid "$pid"
  rm -f "$(pid_file "$name")"
  return 1
}

stop_component() {
  local name=$1 label=${LABEL[$1]} pid started
  if component_running "$name"; then
    pid="$(recorded_pid "$name")"
    printf 'stopping %s (pid %s) ... ' "$label" "$pid"
    started=$(now_ms)
    stop_pid "$pid"
    say "stopped ($(since "$started"))"
  fi
  rm -f "$(pid_file "$name")" "$(url_file "$name")"
}

# A process a launcher started, left behind if the launcher was SIGKILLed: its pid is in FILE,
# and its command line must contain MATCH.
stop_leftover() {
  local file=$1 match=$2 label=$3 pid
  pid="$(cat "$file" 2>/dev/null || true)"
  if [[ "$pid" =~ ^[0-9]+$ ]] && pid_is "$pid" "$match"; then
    say "stopping leftover $label (pid $pid)"
    stop_pid "$pid"
  fi
  rm -f "$file"
}
