#!/usr/bin/env bash
# The scratch module tree both golden oracles build against: sourced by filters/regenerate.sh and
# triggers/regenerate.sh. `golden_modules DIR` exports every library of modules.txt at its
# revision from the git clones into DIR/<module path>, applies the Go 1.19 shims below, and sets
#   GOLDEN_REQUIRES  the lines of a go.mod `require ( … )` block naming every library,
#   GOLDEN_REPLACES  one `replace <module> => <directory>` line per library.
# `golden_git_dir OWNER/NAME` and `golden_revision MODULE` give a clone and the revision listed for
# a module (used for Argo Events itself, whose files each oracle takes on its own).
#
# Each library gets a go.mod of its module line alone: with every module replaced by a local
# directory, the oracle's go.mod is the whole requirement graph, so the build needs no network
# (GOPROXY=off) and no module the oracles do not compile. The go line says 1.19, the toolchain used.
#
# Go 1.19 shims, behaviour-neutral for the code the oracles run:
# - gjson v1.19.0 adds Result.All/Keys/Values, range-over-func wrappers around ForEach (package
#   iter, Go 1.23); they are removed, which leaves v1.18.0's code.
# - cast v1.10.0 calls Go 1.21's slices.Contains once; it is spelled out as a loop.
# - sprig v3.3.0's camelcase calls xstrings.ToPascalCase, new in xstrings v1.5.0 (see modules.txt);
#   a placeholder that panics lets sprig compile, and no oracle calls camelcase.

golden_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
golden_sources="${GOLDEN_SOURCES:-${MIRRORS:-/work/.mirror}}"

# The git directory of the clone of OWNER/NAME (bare or not); exits naming the `git clone` to run.
golden_git_dir() {
  local repo="$golden_sources/${1/\//+}/repo"
  if [ ! -e "$repo" ]; then
    echo "missing clone of $1: git clone --mirror https://github.com/$1 $repo" >&2
    exit 1
  fi
  if [ -d "$repo/.git" ]; then echo "$repo/.git"; else echo "$repo"; fi
}

# The lines of modules.txt: module|repository|pin|revision|why.
golden_module_lines() {
  grep -v -e '^#' -e '^$' "$golden_here/modules.txt"
}

# The revision modules.txt lists for MODULE.
golden_revision() {
  local module repo pin revision why
  while IFS='|' read -r module repo pin revision why; do
    if [ "$module" = "$1" ]; then
      echo "$revision"
      return 0
    fi
  done < <(golden_module_lines)
  echo "no module $1 in $golden_here/modules.txt" >&2
  exit 1
}

golden_modules() {
  local root=$1 module repo pin revision why dir version git_dir
  GOLDEN_REQUIRES=""
  GOLDEN_REPLACES=""
  while IFS='|' read -r module repo pin revision why; do
    [ "$module" != github.com/argoproj/argo-events ] || continue
    dir="$root/$module"
    rm -rf "$dir"
    mkdir -p "$dir"
    git_dir="$(golden_git_dir "$repo")"
    git --git-dir="$git_dir" archive "$revision" | tar -x -C "$dir"
    printf 'module %s\n\ngo 1.19\n' "$module" >"$dir/go.mod"
    [ -z "$why" ] || echo "note: $module at $revision instead of $pin: $why" >&2
    # Any version does once the module is replaced; it only has to fit the path's major version.
    case "$module" in
      */v[0-9]*) version="${module##*/}.0.0" ;;
      gopkg.in/*.v[0-9]*) version="${module##*.}.0.0" ;;
      *) version=v0.0.0 ;;
    esac
    GOLDEN_REQUIRES+="	$module $version"$'\n'
    GOLDEN_REPLACES+="replace $module => $dir"$'\n'
  done < <(golden_module_lines)

  sed -i -e '/^\t"iter"$/d' -e '/^func (t Result) \(All\|Keys\|Values\)() iter\./,/^}$/d' "$root/github.com/tidwall/gjson/gjson.go"
  sed -i -e '/^\s*"slices"$/d' -e 's/slices\.Contains(kindNames, t\.Name())/containsName(kindNames, t.Name())/' "$root/github.com/spf13/cast/alias.go"
  printf 'package cast\n\nfunc containsName(names []string, name string) bool {\n\tfor _, n := range names {\n\t\tif n == name {\n\t\t\treturn true\n\t\t}\n\t}\n\treturn false\n}\n' >"$root/github.com/spf13/cast/go119_contains.go"
  printf 'package xstrings\n\nfunc ToPascalCase(string) string { panic("xstrings v1.5.0 ToPascalCase is not available") }\n' >"$root/github.com/huandu/xstrings/go119_pascal.go"
}
