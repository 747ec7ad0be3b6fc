#!/usr/bin/env bash
# The template tests run shellcheck on the agent scripts, and run those scripts for real against
# stubs: they need jq (the gh stub applies --jq with it), openssl (the App's JWT) and curl (the token
# exchange). Install whichever is missing from the distribution's packages when we may (root with
# apt-get); otherwise say how to get them.
set -euo pipefail
missing=()
for tool in shellcheck jq openssl curl; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} (Debian packages) for the template tests" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "the template tests need ${missing[*]}: install them (e.g. 'apt-get install ${missing[*]}' or 'brew install ${missing[*]}')" >&2
exit 1
