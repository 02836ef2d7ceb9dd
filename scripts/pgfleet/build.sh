# shellcheck shell=bash
# pgfleet: building, classpaths, credentials. Sourced by ./pgfleet; uses its settings.

MODULES=(workers api-gateway test-env)

BUILD_STAMP="$STATE/build.stamp"

# True when every module with a main class has been built (its jar exists).
modules_built() {
  local module jar
  for module in "${MODULES[@]}"; do
    for jar in "$ROOT/$module/target/$module"-*.jar; do
      [[ -f "$jar" ]] || return 1
    done
  done
}

sources_newer_than() {
  [[ -n "$(find "$ROOT" \( -name .git -o -name target -o -name .pgfleet -o -name .venv-temporal \) -prune \
    -o \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$1" -print -quit)" ]]
}

poms_newer_than() {
  [[ -n "$(find "$ROOT" \( -name .git -o -name target -o -name .pgfleet -o -name .venv-temporal \) -prune \
    -o -name pom.xml -type f -newer "$1" -print -quit)" ]]
}

# Builds when a module was never built or sources changed, but never underneath running components:
# they load classes from target/classes as they go.
ensure_built() {
  local started
  if [[ -f "$BUILD_STAMP" ]] && modules_built && ! sources_newer_than "$BUILD_STAMP"; then
    return 0
  fi
  if modules_built && any_component_running; then
    say "build: sources changed, but components are running from the current build; keeping it"
    say "       (./pgfleet down && ./pgfleet up rebuilds and restarts everything)"
    return 0
  fi
  printf 'building: ./mvnw -B -q install -DskipTests (log .pgfleet/build.log) ... '
  started=$(now_ms)
  # The stamp is taken before the build, so an edit made during it triggers the next one.
  touch "$BUILD_STAMP.next"
  if ! (cd "$ROOT" && ./mvnw -B -q install -DskipTests -Dspotless.check.skip=true) \
    >"$STATE/build.log" 2>&1; then
    say "FAILED"
    tail -n 30 "$STATE/build.log" | sed 's/^/  | /' >&2
    die "build failed; log: $STATE/build.log"
  fi
  mv -f "$BUILD_STAMP.next" "$BUILD_STAMP"
  say "done ($(since "$started"))"
}

# Runtime classpaths of the modules that have main classes, computed in one Maven run and cached
# until a pom changes. pgfleet's own modules come from this checkout's target/classes, never from
# the local Maven repository (other checkouts install there too).
ensure_classpaths() {
  local module stale=0
  mkdir -p "$CLASSPATHS"
  for module in "${MODULES[@]}"; do
    if [[ ! -s "$CLASSPATHS/$module" ]] || poms_newer_than "$CLASSPATHS/$module"; then
      stale=1
    fi
  done
  ((stale)) || return 0
  printf 'resolving classpaths (log .pgfleet/classpath.log) ... '
  if ! (cd "$ROOT" && ./mvnw -B -q -pl "$(
    IFS=,
    printf '%s' "${MODULES[*]}"
  )" -am dependency:build-classpath -Dmdep.outputFile=target/pgfleet-runtime.classpath \
    -Dmdep.includeScope=runtime) >"$STATE/classpath.log" 2>&1; then
    say "FAILED"
    die "cannot compute the classpaths; log: $STATE/classpath.log"
  fi
  for module in "${MODULES[@]}"; do
    tr ':' '\n' <"$ROOT/$module/target/pgfleet-runtime.classpath" |
      sed -E "s#^.*/io/pgfleet/([^/]+)/[^/]+/[^/]+\\.jar\$#$ROOT/\\1/target/classes#" |
      paste -sd: - >"$CLASSPATHS/$module"
  done
  say "done"
}

classpath() {
  printf '%s:%s' "$ROOT/$1/target/classes" "$(cat "$CLASSPATHS/$1")"
}

# Fails with a clear message when this checkout's build lacks a component's main class.
require_main_class() {
  local name=$1 module=$2 file
  file="$ROOT/$module/target/classes/${MAIN[$name]//.//}.class"
  [[ -f "$file" ]] && return 0
  say "pgfleet: ${LABEL[$name]}: main class ${MAIN[$name]} is not in this build ($(rel "$file") missing)" >&2
  return 1
}

ensure_s3proxy_jar() {
  [[ -s "$S3PROXY_JAR" ]] && return 0
  printf 'fetching S3Proxy (%s) into .pgfleet/lib ... ' "$S3PROXY_ARTIFACT"
  mkdir -p "$LIB"
  # -N: run at the root only, not once per module.
  if ! (cd "$ROOT" && ./mvnw -B -q -N org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy \
    -Dartifact="$S3PROXY_ARTIFACT" -DoutputDirectory="$LIB") >"$STATE/lib.log" 2>&1 ||
    [[ ! -s "$S3PROXY_JAR" ]]; then
    say "FAILED"
    die "s3proxy: cannot fetch $S3PROXY_ARTIFACT; log: $STATE/lib.log"
  fi
  say "done"
}

random_secret() {
  head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'
}

CREDENTIAL_KEYS=(BOSH_CLIENT BOSH_CLIENT_SECRET PGFLEET_BROKER_USER PGFLEET_BROKER_PASSWORD
  PGFLEET_ADMIN_TOKEN PGFLEET_S3_ACCESS_KEY PGFLEET_S3_SECRET_KEY PGFLEET_CODEC_KEYS
  PGFLEET_IAAS_EC2_ACCESS_KEY PGFLEET_IAAS_EC2_SECRET_KEY)

# The payload codec key: AES-256 (32 random bytes), as keyId:base64key. The id names the key in
# every encrypted payload, so a later rotation (new key first, old one kept after it) can tell them
# apart.
new_codec_key() {
  printf 'k%s:%s' "$(date -u +%Y%m%d)" "$(head -c 32 /dev/urandom | base64 -w0)"
}

# Generated once, kept owner-only; keys added by a newer pgfleet are generated on the next up.
# Read into unexported variables: a shell that sourced .pgfleet/env must not hand its copies to
# every component (and from the local cloud on to the VMs' processes).
ensure_credentials() {
  local key value
  unset -v "${CREDENTIAL_KEYS[@]}"
  (
    umask 077
    touch "$CREDENTIALS"
  )
  chmod 600 "$CREDENTIALS"
  for key in "${CREDENTIAL_KEYS[@]}"; do
    grep -q "^$key=" "$CREDENTIALS" && continue
    case "$key" in
      BOSH_CLIENT) value="admin" ;;
      PGFLEET_BROKER_USER) value="broker" ;;
      PGFLEET_S3_ACCESS_KEY) value="pgfleet-$(random_secret | head -c 12)" ;;
      PGFLEET_IAAS_EC2_ACCESS_KEY) value="pgfleet-ec2-$(random_secret | head -c 12)" ;;
      PGFLEET_CODEC_KEYS) value="$(new_codec_key)" ;;
      *) value="$(random_secret)" ;;
    esac
    printf '%s=%s\n' "$key" "$value" >>"$CREDENTIALS"
  done
  # shellcheck source=/dev/null
  . "$CREDENTIALS"
}
