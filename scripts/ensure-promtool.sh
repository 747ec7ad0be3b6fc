#!/usr/bin/env bash
# The alert-rule tests run promtool (`check rules`, `test rules`) on the synthesized PrometheusRule.
# Debian's `prometheus` package ships it (bookworm: 2.42.0+ds-5+deb12u1, promtool 2.42.0). Install
# it when missing and we may (root with apt-get), without the recommended exporters; otherwise say
# how to get it. The package also holds the Prometheus server: in a container whose policy-rc.d
# forbids starting services (Docker's images, this project's machines) it is installed and not
# started; on a host with an init system the package starts it (port 9090).
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing promtool (Debian package prometheus) for the alert-rule tests" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  exit 0
fi
echo "the alert-rule tests need promtool: install it (e.g. 'apt-get install prometheus', or a release from prometheus.io)" >&2
exit 1
