# shellcheck shell=bash
# pgfleet: the local cloud's VM processes. Sourced by ./pgfleet; uses its settings.

# "<pid> <vm-cid>" for every live process of a VM of this local cloud. The node agent starts every
# VM process with PGFLEET_VM_ID=<vm-cid> in its environment, so one scan of /proc/*/environ finds
# them however they daemonized. PostgreSQL and pgpool write their workers' process titles over
# the memory /proc/<pid>/environ shows, so a worker belongs to the VM of its parent. VM ids are
# random: a cid with a directory under this state directory is ours.
vm_processes() {
  local -A ours=() vm=() parent=()
  local dir line pid cid file rest changed round fields
  for dir in "$STATE"/cloud/vms/*/; do
    [[ -d "$dir" ]] && ours[$(basename "$dir")]=1
  done
  ((${#ours[@]})) || return 0
  while IFS= read -r line; do
    pid=${line#/proc/}
    pid=${pid%%/*}
    cid=${line#*:PGFLEET_VM_ID=}
    [[ -n "${ours[$cid]:-}" && "$pid" != "$$" ]] && vm[$pid]=$cid
  done < <(grep -azH '^PGFLEET_VM_ID=' /proc/[0-9]*/environ 2>/dev/null | tr '\0' '\n')
  ((${#vm[@]})) || return 0
  for file in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$file" || continue
    pid=${file#/proc/}
    pid=${pid%/stat}
    rest=${line##*) } # fields after "(comm)": state ppid ...
    read -r -a fields <<<"$rest"
    [[ -n "${fields[1]:-}" ]] && parent[$pid]=${fields[1]}
  done
  # Process trees of a VM are a few levels deep (postmaster -> backend); bound the passes anyway.
  for ((round = 0; round < 8; round++)); do
    changed=0
    for pid in "${!parent[@]}"; do
      if [[ -z "${vm[$pid]:-}" && -n "${vm[${parent[$pid]}]:-}" ]]; then
        vm[$pid]=${vm[${parent[$pid]}]}
        changed=1
      fi
    done
    ((changed)) || break
  done
  for pid in "${!vm[@]}"; do
    pid_alive "$pid" && printf '%s %s\n' "$pid" "${vm[$pid]}"
  done
  return 0
}

comm_of() { cat "/proc/$1/comm" 2>/dev/null || true; }
parent_of() { sed -n 's/^PPid:[[:space:]]*//p' "/proc/$1/status" 2>/dev/null || true; }

# The main process of a server among PIDS: named $1, with a parent that is not.
main_processes() {
  local name=$1 pid
  shift
  for pid in "$@"; do
    if [[ "$(comm_of "$pid")" == "$name" && "$(comm_of "$(parent_of "$pid")")" != "$name" ]]; then
      printf '%s\n' "$pid"
    fi
  done
}

# Stops every VM process of this cloud: PostgreSQL first (so no archiver is left retrying against a
# stopped object store), then pgpool, then anything else. SIGINT is the fast shutdown of both:
# their SIGTERM "smart" shutdown would wait for clients (pgpool holds connections) forever.
stop_vms() {
  local pids=() vms started main=()
  mapfile -t pids < <(vm_processes | cut -d' ' -f1)
  ((${#pids[@]})) || return 0
  vms="$(vm_processes | cut -d' ' -f2 | sort -u | wc -l)"
  printf 'stopping VM processes (%d in %d VMs) ... ' "${#pids[@]}" "$vms"
  started=$(now_ms)
  mapfile -t main < <(main_processes postgres "${pids[@]}")
  if ((${#main[@]})); then
    kill -INT "${main[@]}" 2>/dev/null || true
    await_exit "$VM_POSTGRES_GRACE_SECONDS" "${main[@]}" || say "PostgreSQL did not stop in time ... "
  fi
  mapfile -t main < <(main_processes pgpool "${pids[@]}")
  if ((${#main[@]})); then
    kill -INT "${main[@]}" 2>/dev/null || true
    await_exit "$VM_OTHER_GRACE_SECONDS" "${main[@]}" || true
  fi
  mapfile -t pids < <(vm_processes | cut -d' ' -f1)
  if ((${#pids[@]})); then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    await_exit "$VM_OTHER_GRACE_SECONDS" "${pids[@]}" || true
  fi
  mapfile -t pids < <(vm_processes | cut -d' ' -f1)
  if ((${#pids[@]})); then
    kill -KILL "${pids[@]}" 2>/dev/null || true
    await_exit 5 "${pids[@]}" || true
  fi
  mapfile -t pids < <(vm_processes | cut -d' ' -f1)
  if ((${#pids[@]})); then
    say "FAILED: still running: ${pids[*]}"
    return 1
  fi
  say "stopped ($(since "$started"))"
}

# The gateway stops its embedded inventory PostgreSQL; if the gateway was killed, it is left over.
stop_inventory_leftovers() {
  local file comm pid pids=()
  for file in /proc/[0-9]*/comm; do
    read -r comm 2>/dev/null <"$file" || continue
    [[ "$comm" == postgres ]] || continue
    pid=${file#/proc/}
    pid=${pid%/comm}
    if pid_is "$pid" "$STATE/inventory" && [[ "$(comm_of "$(parent_of "$pid")")" != postgres ]]; then
      pids+=("$pid")
    fi
  done
  ((${#pids[@]})) || return 0
  say "stopping leftover inventory database (pid ${pids[*]})"
  kill -INT "${pids[@]}" 2>/dev/null || true
  await_exit "$VM_POSTGRES_GRACE_SECONDS" "${pids[@]}" || kill -KILL "${pids[@]}" 2>/dev/null || true
}
