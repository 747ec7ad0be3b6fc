#!/usr/bin/env bash
# Regenerates test/golden/filters/*.ndjson from the real Go code: Argo Events' filter.go at the
# commit test/golden/modules.txt names and the libraries at the versions its go.mod pins, laid out
# by test/golden/scratch-modules.sh as for the triggers' oracle (see test/golden/README.md).
#
# Needs Go (1.19 or later), git, tar, and git clones of the upstream repositories, one per
# repository, in $GOLDEN_SOURCES/<owner>+<name>/repo (bare or not; default /work/.mirror), e.g.
#   git clone --mirror https://github.com/tidwall/gjson "$GOLDEN_SOURCES/tidwall+gjson/repo"
# No network is used: every module is replaced by a directory exported from those clones.
# Everything is built in $GOLDEN_SCRATCH (default: a temporary directory), outside the
# repository; only the fixtures are written back.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
scratch="${GOLDEN_SCRATCH:-$(mktemp -d)}"
seed="${GOLDEN_SEED:-20261203}"
# shellcheck source=SCRIPTDIR/../scratch-modules.sh
source "$here/../scratch-modules.sh"

mkdir -p "$scratch/mod"
golden_modules "$scratch/mod"

# Argo Events itself: only the files the oracle takes. A snapshot without the repository's large
# binaries makes git warn "invalid object ... nats-streaming-server"; it is harmless.
argo="$scratch/argo-events"
rm -rf "$argo"
mkdir -p "$argo"
argo_git="$(golden_git_dir argoproj/argo-events)"
git --git-dir="$argo_git" archive "$(golden_revision github.com/argoproj/argo-events)" pkg/sensors/dependencies pkg/shared/util | tar -x -C "$argo"

# The oracle module: the project's generator and stand-in types, plus upstream's filter code.
oracle="$scratch/oracle"
rm -rf "$oracle"
mkdir -p "$oracle/dependencies" "$oracle/sharedutil" "$oracle/v1alpha1"
cp "$here/go/main.go" "$oracle/main.go"
cp "$here/go/v1alpha1/types.go" "$oracle/v1alpha1/types.go"
sed -e 's#"github.com/argoproj/argo-events/pkg/apis/events/v1alpha1"#"golden/v1alpha1"#' \
  -e 's#sharedutil "github.com/argoproj/argo-events/pkg/shared/util"#sharedutil "golden/sharedutil"#' \
  "$argo/pkg/sensors/dependencies/filter.go" >"$oracle/dependencies/filter.go"
sed -e 's/^package util$/package sharedutil/' "$argo/pkg/shared/util/time.go" >"$oracle/sharedutil/time.go"
# mapToTable lives in transform.go beside the jq/cloudevents code; take that one function.
{
  printf 'package dependencies\n\nimport (\n\t"time"\n\n\tlua "github.com/yuin/gopher-lua"\n)\n\n'
  sed -n '/^\/\/ MapToTable converts/,/^}/p' "$argo/pkg/sensors/dependencies/transform.go"
} >"$oracle/dependencies/maptotable.go"
{
  printf 'module golden\n\ngo 1.19\n\nrequire (\n%s)\n\n' "$GOLDEN_REQUIRES"
  printf '%s' "$GOLDEN_REPLACES"
} >"$oracle/go.mod"

cd "$oracle"
export GOFLAGS=-mod=mod GOPROXY=off GONOSUMDB='*' GONOSUMCHECK=1 GOSUMDB=off GOTOOLCHAIN=local
go build -o "$scratch/golden-filters" .
"$scratch/golden-filters" -seed "$seed" -out "$here"
echo "fixtures written to $here (scratch: $scratch)"
