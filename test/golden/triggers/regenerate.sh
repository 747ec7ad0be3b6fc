#!/usr/bin/env bash
# Regenerates test/golden/triggers/fixtures.ndjson by running the real upstream Go code:
# Argo Events' pkg/sensors/triggers/params.go at the commit test/golden/modules.txt names, and the
# libraries at the versions its go.mod pins (sjson, gjson, sprig v3.3.0 and its dependencies,
# ghodss/yaml), laid out by test/golden/scratch-modules.sh as for the filters' oracle, with
# encoding/json, text/template and fmt of the Go toolchain in use.
#
# Nothing upstream is copied into this repository: the sources are unpacked from git clones into
# a scratch module tree OUTSIDE the repository, with `replace` directives to those directories,
# and built offline (GOPROXY=off). Only the harness (go/main.go) and the stand-in API types
# (go/standin/) are ours.
#
# Usage: test/golden/triggers/regenerate.sh
#   GOLDEN_SOURCES (or MIRRORS) directory holding one git clone per repository as <owner>+<name>/repo
#            (default /work/.mirror); a missing clone is reported with the `git clone` to run.
#   SCRATCH  scratch directory, recreated (default ${TMPDIR:-/tmp}/ci-remediation-golden-triggers)
#   SEED     generator seed (default 9)
# Needs: git, tar, Go >= 1.19.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SCRATCH="${SCRATCH:-${TMPDIR:-/tmp}/ci-remediation-golden-triggers}"
SEED="${SEED:-9}"
# shellcheck source=SCRIPTDIR/../scratch-modules.sh
source "$here/../scratch-modules.sh"

# The scratch directory is recreated; refuse to remove anything this script did not make.
MARKER=.ci-remediation-golden-triggers
if [ -e "$SCRATCH" ] && [ ! -f "$SCRATCH/$MARKER" ]; then
  echo "$SCRATCH exists and was not made by this script; choose another SCRATCH" >&2
  exit 1
fi
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH/src" "$SCRATCH/oracle"
touch "$SCRATCH/$MARKER"
golden_modules "$SCRATCH/src"

# Argo Events: only params.go; the API types it needs are stand-ins with the same fields and JSON tags.
argo=github.com/argoproj/argo-events
dir="$SCRATCH/src/$argo"
mkdir -p "$dir/pkg/sensors/triggers" "$dir/pkg/apis/events/v1alpha1"
argo_git="$(golden_git_dir argoproj/argo-events)"
git --git-dir="$argo_git" show "$(golden_revision "$argo"):pkg/sensors/triggers/params.go" > "$dir/pkg/sensors/triggers/params.go"
cp "$here/../filters/go/v1alpha1/types.go" "$here/go/standin/v1alpha1/trigger_types.go" "$dir/pkg/apis/events/v1alpha1/"
printf 'module %s\n\ngo 1.19\n' "$argo" > "$dir/go.mod"
# params.go imports k8s.io/apimachinery only for ApplyResourceParameters, which calls ApplyParams.
mkdir -p "$SCRATCH/src/k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
cp "$here/go/standin/unstructured/unstructured.go" "$SCRATCH/src/k8s.io/apimachinery/pkg/apis/meta/v1/unstructured/"
printf 'module k8s.io/apimachinery\n\ngo 1.19\n' > "$SCRATCH/src/k8s.io/apimachinery/go.mod"

{
  printf 'module golden-triggers\n\ngo 1.19\n\nrequire (\n%s' "$GOLDEN_REQUIRES"
  printf '\t%s v0.0.0\n\tk8s.io/apimachinery v0.0.0\n)\n\n' "$argo"
  printf '%s' "$GOLDEN_REPLACES"
  printf 'replace %s => %s\nreplace k8s.io/apimachinery => %s\n' "$argo" "$dir" "$SCRATCH/src/k8s.io/apimachinery"
} > "$SCRATCH/oracle/go.mod"
cp "$here/go/main.go" "$SCRATCH/oracle/"

cd "$SCRATCH/oracle"
export GOPROXY=off GOFLAGS=-mod=mod GONOSUMDB='*' GOSUMDB=off GOTOOLCHAIN=local
go build -o oracle .
./oracle -seed "$SEED" -out "$here/fixtures.ndjson" > /dev/null
echo "wrote $(($(wc -l < "$here/fixtures.ndjson") - 1)) cases to test/golden/triggers/fixtures.ndjson" >&2
