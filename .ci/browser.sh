#!/usr/bin/env bash
# Install what the browser test (crates/civis-cli/tests/browser.rs) needs and require it.
#
#   source .ci/browser.sh
#
# Installs Debian's chromium and chromium-driver when /usr/bin/chromium is missing, nodejs and
# npm when the machine has no `node`/`npm`, then the pinned npm packages of tests/browser
# (playwright-core, axe-core) with `npm ci` from the committed package-lock.json. Exports
# CIVIS_REQUIRE_BROWSER=1: the browser test then fails instead of skipping when something is
# missing. Everything is downloaded here, none of it at test time. Idempotent; installing
# packages needs root (as an ordinary user, install them first).

civis_browser_main() {
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)" || return 1
  local -a need=()
  [ -x /usr/bin/chromium ] || need+=(chromium chromium-driver)
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    need+=(nodejs npm)
  fi
  if [ "${#need[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "browser.sh: missing ${need[*]}; install these Debian packages (as root)" >&2
      return 1
    fi
    echo "browser.sh: installing ${need[*]} (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    # another apt-get may hold the dpkg lock: wait for it rather than fail
    apt-get -o DPkg::Lock::Timeout=600 update -qq >&2 || return 1
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >&2 || return 1
  fi
  [ -x /usr/bin/chromium ] || { echo "browser.sh: /usr/bin/chromium still missing" >&2; return 1; }

  # the exact versions of the lock file; `npm ci` starts from an empty node_modules each time,
  # so skip it when the installed packages already match the lock file
  local dir="$root/tests/browser"
  local stamp="$dir/node_modules/.civis-lock"
  if [ ! -f "$stamp" ] || ! cmp -s "$stamp" "$dir/package-lock.json"; then
    echo "browser.sh: npm ci --prefix tests/browser" >&2
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >&2 || return 1
    cp "$dir/package-lock.json" "$stamp" || return 1
  fi

  export CIVIS_REQUIRE_BROWSER=1
  echo "browser.sh: $(/usr/bin/chromium --version 2>/dev/null | head -n 1), node $(node --version), CIVIS_REQUIRE_BROWSER=1" >&2
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  # run rather than sourced: install, and print the export for `eval`
  civis_browser_main || exit 1
  echo "export CIVIS_REQUIRE_BROWSER=1"
else
  civis_browser_main || return 1
fi
