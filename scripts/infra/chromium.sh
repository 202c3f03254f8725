#!/usr/bin/env bash
# A headless Chromium for the dashboard's browser test, from Debian's packages (no browser download).
#
#   scripts/infra/chromium.sh ensure    install Debian's `chromium` if missing (needs root and apt-get);
#                                       prints CHROMIUM_PATH=<path> on stdout
#   scripts/infra/chromium.sh path      print the path of an installed chromium, exit 3 if there is none
#
# Environment: CHROMIUM_PATH, an explicit browser binary that wins over the search below.
set -euo pipefail

log() { printf 'chromium.sh: %s\n' "$*" >&2; }
die() { printf 'chromium.sh: ERROR: %s\n' "$*" >&2; exit 1; }

find_chromium() {
  local candidate
  for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
    [[ -n "$candidate" && -x "$candidate" ]] && { echo "$candidate"; return 0; }
  done
  return 1
}

ensure() {
  local found
  if found="$(find_chromium)"; then
    echo "CHROMIUM_PATH=$found"
    return 0
  fi
  [[ "$(id -u)" == 0 ]] || die "chromium not found and not root: apt-get install chromium (Debian) or set CHROMIUM_PATH"
  command -v apt-get >/dev/null 2>&1 || die "chromium not found and no apt-get: install Chromium or set CHROMIUM_PATH"
  log "installing Debian's chromium package"
  { DEBIAN_FRONTEND=noninteractive apt-get update -q &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core; } >&2 ||
    die "apt-get install chromium failed"
  found="$(find_chromium)" || die "chromium still not found after installing it"
  echo "CHROMIUM_PATH=$found"
}

case "${1:-}" in
  ensure) ensure ;;
  path) find_chromium || exit 3 ;;
  *)
    echo "usage: $0 ensure|path" >&2
    exit 2
    ;;
esac
