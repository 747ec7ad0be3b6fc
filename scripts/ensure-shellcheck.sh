#!/usr/bin/env bash
# The template tests run shellcheck on the rendered agent scripts. Install it from the
# distribution's packages when it is missing and we may (root with apt-get); otherwise
# say how to get it.
set -euo pipefail
if command -v shellcheck >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing shellcheck (Debian package) for the template tests" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shellcheck >/dev/null
  exit 0
fi
echo "shellcheck is required by the template tests: install it (e.g. 'apt-get install shellcheck' or 'brew install shellcheck')" >&2
exit 1
