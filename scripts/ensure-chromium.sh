#!/usr/bin/env bash
# The HTML report test opens the page in a headless Chromium. Install Debian's `chromium` when it
# is missing and we may (root with apt-get); a Chrome or Chromium already installed under another
# name (GitHub's runners have google-chrome) is used as it is; otherwise say how to get one.
set -euo pipefail
for browser in chromium chromium-browser google-chrome; do
  if command -v "$browser" >/dev/null 2>&1; then
    exit 0
  fi
done
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium (Debian package) for the HTML report test" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "the HTML report test needs Chromium: install it (e.g. 'apt-get install chromium') or set CHROMIUM to a Chrome or Chromium binary" >&2
exit 1
