#!/usr/bin/env bash
# Regenerates test/golden/triggers/fixtures.ndjson by running the real upstream Go code:
# Argo Events' pkg/sensors/triggers/params.go at commit 6478ece and the libraries at the versions
# its go.mod pins (sjson, gjson, sprig v3.3.0 and its dependencies, ghodss/yaml, encoding/json,
# text/template, fmt of the Go toolchain in use).
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
MIRRORS="${GOLDEN_SOURCES:-${MIRRORS:-/work/.mirror}}"
SCRATCH="${SCRATCH:-${TMPDIR:-/tmp}/ci-remediation-golden-triggers}"
SEED="${SEED:-9}"

# module path | repository (owner/name) | version Argo's go.mod pins | revision used | why, where they differ
MODULES=(
  "github.com/argoproj/argo-events|argoproj/argo-events|v0.0.0|6478ece|"
  "github.com/tidwall/sjson|tidwall/sjson|v1.2.5|v1.2.5|"
  "github.com/tidwall/gjson|tidwall/gjson|v1.19.0|v1.18.0|v1.19.0 needs Go 1.23 (package iter); its only change is the iterator functions All, Keys, Values"
  "github.com/tidwall/match|tidwall/match|v1.1.1|v1.1.1|"
  "github.com/tidwall/pretty|tidwall/pretty|v1.2.0|v1.2.0|"
  "github.com/ghodss/yaml|ghodss/yaml|v1.0.1-0.20190212211648-25d852aebe32|25d852aebe32|"
  "gopkg.in/yaml.v2|go-yaml/yaml|v2.4.0|v2.4.0|"
  "github.com/Masterminds/sprig/v3|Masterminds/sprig|v3.3.0|v3.3.0|"
  "github.com/Masterminds/goutils|Masterminds/goutils|v1.1.1|v1.1.1|"
  "github.com/Masterminds/semver/v3|Masterminds/semver|v3.5.0|71f2b39|v3.5.0 is not in the clone; 71f2b39 is the newest commit after v3.4.0"
  "github.com/huandu/xstrings|huandu/xstrings|v1.5.0|v1.4.0|v1.5.0 is not in the clone; the case functions it backs are not generated"
  "dario.cat/mergo|darccio/mergo|v1.0.2|v1.0.2|"
  "github.com/shopspring/decimal|shopspring/decimal|v1.4.0|v1.4.0|"
  "github.com/spf13/cast|spf13/cast|v1.10.0|v1.10.0|"
  "github.com/google/uuid|google/uuid|v1.6.0|v1.6.0|"
  "github.com/mitchellh/copystructure|mitchellh/copystructure|v1.2.0|v1.2.0|"
  "github.com/mitchellh/reflectwalk|mitchellh/reflectwalk|v1.0.2|v1.0.2|"
  "golang.org/x/crypto|golang/crypto|v0.54.0|v0.33.0|v0.54.0 needs Go 1.25; only bcrypt/scrypt come from it, behind functions the engine refuses"
)

# The scratch directory is recreated; refuse to remove anything this script did not make.
MARKER=.ci-remediation-golden-triggers
if [ -e "$SCRATCH" ] && [ ! -f "$SCRATCH/$MARKER" ]; then
  echo "$SCRATCH exists and was not made by this script; choose another SCRATCH" >&2
  exit 1
fi
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH/src" "$SCRATCH/oracle"
touch "$SCRATCH/$MARKER"
{
  echo "module golden-triggers"
  echo
  echo "go 1.19"
  echo
  echo "require ("
} > "$SCRATCH/oracle/go.mod"
replaces=""
for entry in "${MODULES[@]}"; do
  IFS='|' read -r module repo pin rev why <<<"$entry"
  clone="$MIRRORS/${repo/\//+}/repo"
  if [ ! -e "$clone" ]; then
    echo "missing clone of $repo: git clone https://github.com/$repo $clone" >&2
    exit 1
  fi
  dir="$SCRATCH/src/$module"
  mkdir -p "$dir"
  if [ "$module" = github.com/argoproj/argo-events ]; then
    # Only params.go; the API types it needs are stand-ins with the same fields and JSON tags.
    mkdir -p "$dir/pkg/sensors/triggers" "$dir/pkg/apis/events/v1alpha1"
    git -C "$clone" show "$rev:pkg/sensors/triggers/params.go" > "$dir/pkg/sensors/triggers/params.go"
    cp "$here/../filters/go/v1alpha1/types.go" "$here/go/standin/v1alpha1/trigger_types.go" "$dir/pkg/apis/events/v1alpha1/"
    printf 'module %s\n\ngo 1.19\n' "$module" > "$dir/go.mod"
  else
    git -C "$clone" archive --format=tar "$rev" | tar -x -C "$dir"
    # Modules older than Go modules have no go.mod; a local replacement needs one.
    [ -f "$dir/go.mod" ] || printf 'module %s\n' "$module" > "$dir/go.mod"
    if [ "$module" = github.com/huandu/xstrings ]; then
      # sprig v3.3.0 names xstrings.ToPascalCase (new in v1.5.0) for `camelcase`; the generator never
      # calls it, so a placeholder that panics lets the oracle build without it.
      printf 'package xstrings\n\nfunc ToPascalCase(string) string { panic("xstrings v1.5.0 ToPascalCase is not available") }\n' > "$dir/go119_pascal.go"
    fi
    if [ "$module" = github.com/spf13/cast ]; then
      # cast v1.10.0's one use of Go 1.21's package slices, spelled out for Go 1.19.
      sed -i -e '/^\s*"slices"$/d' -e 's/slices\.Contains(kindNames, t\.Name())/containsName(kindNames, t.Name())/' "$dir/alias.go"
      printf 'package cast\n\nfunc containsName(names []string, name string) bool {\n\tfor _, n := range names {\n\t\tif n == name {\n\t\t\treturn true\n\t\t}\n\t}\n\treturn false\n}\n' > "$dir/go119_contains.go"
    fi
  fi
  [ -z "$why" ] || echo "note: $module at $rev: $why" >&2
  echo "  $module $pin" >> "$SCRATCH/oracle/go.mod"
  replaces+="replace $module => $dir"$'\n'
done
# params.go imports k8s.io/apimachinery only for ApplyResourceParameters, which calls ApplyParams.
mkdir -p "$SCRATCH/src/k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
cp "$here/go/standin/unstructured/unstructured.go" "$SCRATCH/src/k8s.io/apimachinery/pkg/apis/meta/v1/unstructured/"
printf 'module k8s.io/apimachinery\n\ngo 1.19\n' > "$SCRATCH/src/k8s.io/apimachinery/go.mod"
echo "  k8s.io/apimachinery v0.0.0" >> "$SCRATCH/oracle/go.mod"
replaces+="replace k8s.io/apimachinery => $SCRATCH/src/k8s.io/apimachinery"$'\n'
# Requirements of dependencies that no built package imports (their tests' libraries): empty
# modules, so the offline build need not look them up.
STUBS=(gopkg.in/check.v1@v0.0.0-20161208181325-20d25e280405)
for stub in "${STUBS[@]}"; do
  mkdir -p "$SCRATCH/stub/${stub%@*}"
  printf 'module %s\n' "${stub%@*}" > "$SCRATCH/stub/${stub%@*}/go.mod"
  replaces+="replace ${stub%@*} ${stub#*@} => $SCRATCH/stub/${stub%@*}"$'\n'
done
{ echo ")"; echo; printf '%s' "$replaces"; } >> "$SCRATCH/oracle/go.mod"
cp "$here/go/main.go" "$SCRATCH/oracle/"

cd "$SCRATCH/oracle"
export GOPROXY=off GOFLAGS=-mod=mod GONOSUMDB='*' GOSUMDB=off GOTOOLCHAIN=local
go build -o oracle .
./oracle -seed "$SEED" -out "$here/fixtures.ndjson" > /dev/null
echo "wrote $(($(wc -l < "$here/fixtures.ndjson") - 1)) cases to test/golden/triggers/fixtures.ndjson" >&2
