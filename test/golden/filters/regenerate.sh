#!/usr/bin/env bash
# Regenerates test/golden/filters/*.ndjson from the real Go code: Argo Events' filter.go at
# commit 6478ece and the libraries at the versions its go.mod pins (see test/golden/README.md).
#
# Needs Go (1.19 or later) and git clones of the upstream repositories, one per repository, in
# $GOLDEN_SOURCES/<owner>+<name>/repo (bare or not), e.g.
#   git clone --mirror https://github.com/tidwall/gjson "$GOLDEN_SOURCES/tidwall+gjson/repo"
# No network is used: every module is replaced by a directory exported from those clones.
# Everything is built in $GOLDEN_SCRATCH (default: a temporary directory), outside the
# repository; only the fixtures are written back.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
sources="${GOLDEN_SOURCES:-/work/.mirror}"
scratch="${GOLDEN_SCRATCH:-$(mktemp -d)}"
seed="${GOLDEN_SEED:-20261203}"

# repository, ref (tag or commit), module path. Pins from argo-events 6478ece go.mod, except:
#   Masterminds/semver: go.mod pins v3.5.0; the newest tag available offline here was v3.4.0
#   (semver is only reached through sprig's semver functions, which the generator does not use).
#   huandu/xstrings: go.mod pins v1.5.0; the snapshot available offline stops before it (newest
#   commit 6ae33fe, after v1.4.0), without ToPascalCase, which sprig's camelcase calls. A shim
#   below maps it to that commit's ToCamelCase so the module compiles; the generator does not
#   use camelcase, snakecase or kebabcase, whose v1.5.0 behaviour is therefore not recorded.
modules=(
  "argoproj+argo-events 6478ece49 -"
  "tidwall+gjson v1.19.0 github.com/tidwall/gjson"
  "tidwall+match v1.1.1 github.com/tidwall/match"
  "tidwall+pretty v1.2.0 github.com/tidwall/pretty"
  "Knetic+govaluate 9aa49832a739 github.com/Knetic/govaluate"
  "yuin+gopher-lua v1.1.2 github.com/yuin/gopher-lua"
  "Masterminds+sprig v3.3.0 github.com/Masterminds/sprig/v3"
  "Masterminds+goutils v1.1.1 github.com/Masterminds/goutils"
  "Masterminds+semver v3.4.0 github.com/Masterminds/semver/v3"
  "huandu+xstrings 6ae33fe github.com/huandu/xstrings"
  "mitchellh+copystructure v1.2.0 github.com/mitchellh/copystructure"
  "mitchellh+reflectwalk v1.0.2 github.com/mitchellh/reflectwalk"
  "darccio+mergo v1.0.2 dario.cat/mergo"
  "google+uuid v1.6.0 github.com/google/uuid"
  "shopspring+decimal v1.4.0 github.com/shopspring/decimal"
  "spf13+cast v1.10.0 github.com/spf13/cast"
  "golang+crypto v0.26.0 golang.org/x/crypto"
)
# golang.org/x/crypto: go.mod pins v0.54.0, which needs Go 1.24 (its pbkdf2 wraps crypto/pbkdf2);
# v0.26.0 (the version sprig v3.3.0 itself requires) is used. sprig only reaches it through
# bcrypt/htpasswd (random salts) and derivePassword (scrypt), none of which the generator uses.

git_dir() {
  local repo="$sources/$1/repo"
  if [ -d "$repo/.git" ]; then echo "$repo/.git"; else echo "$repo"; fi
}

mkdir -p "$scratch/mod" "$scratch/oracle"
requires=""
replaces=""
for entry in "${modules[@]}"; do
  read -r repo ref module <<<"$entry"
  dir="$scratch/mod/$repo"
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ "$module" = "-" ]; then
    # Argo Events itself: only the files the oracle takes. A snapshot without the repository's
    # large binaries makes git warn "invalid object ... nats-streaming-server"; it is harmless.
    git --git-dir="$(git_dir "$repo")" archive "$ref" pkg/sensors/dependencies pkg/shared/util | tar -x -C "$dir"
    continue
  fi
  git --git-dir="$(git_dir "$repo")" archive "$ref" | tar -x -C "$dir"
  # Only the module line matters once every dependency is replaced by a local directory; the
  # go line is lowered so that an older Go toolchain accepts the file (language features used
  # by the packages compiled here are all available in Go 1.19).
  printf 'module %s\n\ngo 1.19\n' "$module" >"$dir/go.mod"
  version=v0.0.0
  case "$module" in */v3) version=v3.0.0 ;; esac
  requires+="  $module $version"$'\n'
  replaces+="replace $module => $dir"$'\n'
done

# Go 1.19 compatibility, behaviour-neutral for the code the oracle runs:
# - gjson v1.19.0 adds Result.All/Keys/Values, range-over-func wrappers around ForEach (package
#   iter, Go 1.23); they are removed.
# - cast v1.10.0 calls slices.Contains (Go 1.21) once; it is replaced by a loop.
gjson_go="$scratch/mod/tidwall+gjson/gjson.go"
sed -i -e '/^\t"iter"$/d' -e '/^func (t Result) \(All\|Keys\|Values\)() iter\./,/^}$/d' "$gjson_go"
cast_alias="$scratch/mod/spf13+cast/alias.go"
sed -i -e '/^\t"slices"$/d' -e 's/slices\.Contains(kindNames, t\.Name())/containsName(kindNames, t.Name())/' "$cast_alias"
printf '\nfunc ToPascalCase(str string) string { return ToCamelCase(str) }\n' >>"$scratch/mod/huandu+xstrings/convert.go"
printf '\nfunc containsName(names []string, name string) bool {\n\tfor _, n := range names {\n\t\tif n == name {\n\t\t\treturn true\n\t\t}\n\t}\n\treturn false\n}\n' >>"$cast_alias"

# The oracle module: the project's generator and stand-in types, plus upstream's filter code.
oracle="$scratch/oracle"
argo="$scratch/mod/argoproj+argo-events"
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
  printf 'module golden\n\ngo 1.19\n\nrequire (\n%s)\n\n' "$requires"
  printf '%s' "$replaces"
} >"$oracle/go.mod"

cd "$oracle"
export GOFLAGS=-mod=mod GOPROXY=off GONOSUMDB='*' GONOSUMCHECK=1 GOSUMDB=off GOTOOLCHAIN=local
go build -o "$scratch/golden-filters" .
"$scratch/golden-filters" -seed "$seed" -out "$here"
echo "fixtures written to $here (scratch: $scratch)"
