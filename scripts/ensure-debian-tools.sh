#!/usr/bin/env bash
# The tests run a few command-line tools. Install the missing ones from Debian's packages with one
# apt-get update and one apt-get install when we may (root with apt-get); otherwise say how to get
# them. `npm test` runs this first (pretest), so a fresh machine needs nothing else.
#
# - The template tests run shellcheck on the agent scripts, and run those scripts against stubs:
#   the gh stub applies --jq with jq, openssl signs the GitHub App's JWT and curl exchanges it.
# - The HTML report test opens the page in a headless chromium (--disable-gpu, --no-sandbox). A
#   Chrome or Chromium already installed under another name (GitHub's runners have google-chrome),
#   or named by CHROMIUM, is used as it is.
# - The alert-rule tests run promtool (`check rules`, `test rules`), which Debian's `prometheus`
#   package ships (bookworm: 2.42.0). The package also holds the Prometheus server: in a container
#   whose policy-rc.d forbids starting services (Docker's images, this project's machines) it is
#   installed and not started; on a host with an init system the package starts it (port 9090).
#
# Recommended packages are left out (prometheus would bring its node exporter, chromium desktop
# services and GPU drivers); fonts-liberation, which chromium recommends, is named so that the
# report renders its text with the fonts it would have on a desktop.
#
# Another tool: one more `need "PACKAGE..." COMMAND...` line (any of the commands satisfies it).
set -euo pipefail

packages=()
need() {
  local wanted=$1 command
  local -a wanted_list
  shift
  for command in "$@"; do
    if command -v "$command" >/dev/null 2>&1; then
      return 0
    fi
  done
  read -r -a wanted_list <<<"$wanted"
  packages+=("${wanted_list[@]}")
}

need shellcheck shellcheck
need jq jq
need openssl openssl
need curl curl
need "chromium fonts-liberation" chromium chromium-browser google-chrome ${CHROMIUM:+"$CHROMIUM"}
need prometheus promtool

if [ "${#packages[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${packages[*]} (Debian packages) for the tests" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  exit 0
fi
echo "the tests need ${packages[*]}: install them (e.g. 'apt-get install ${packages[*]}'; instead of chromium, CHROMIUM may name a Chrome or Chromium binary; promtool also comes in Prometheus releases from prometheus.io)" >&2
exit 1
