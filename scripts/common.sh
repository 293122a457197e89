# Shared by scripts/demo and scripts/test: sourced, not run.

# System packages the build, the tests and the demo need.
# openssl makes test certificates; python3 with jsonschema and yaml checks the
# published MQTT payloads against docs/asyncapi.yaml (scripts/check-payloads.py).
STATION_PACKAGES="pkg-config libgpiod-dev gpiod libmosquitto-dev mosquitto mosquitto-clients libsqlite3-dev sqlite3 openssl python3 python3-jsonschema python3-yaml"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs whichever of the given Debian packages are missing.
ensure_packages() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null \
        || die "could not install ${missing[*]}"
}

ensure_swift() {
    command -v swift >/dev/null 2>&1 || die "no Swift toolchain on PATH: install Swift 6 (swift.org) and try again"
    swift --version 2>&1 | grep -q "Swift version 6" || die "Swift 6 is needed; found: $(swift --version 2>&1 | head -1)"
}

# A TCP port on loopback that nothing listens on now.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null && return
    local port
    for port in $(seq 18830 18930); do
        ss -ltn 2>/dev/null | grep -q ":$port " || { echo "$port"; return; }
    done
    die "no free loopback port found"
}

# Waits up to 5 s until something accepts connections on 127.0.0.1:PORT.
wait_for_port() {
    local i
    for i in $(seq 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}
