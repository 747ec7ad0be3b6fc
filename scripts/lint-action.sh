#!/usr/bin/env bash
# The run step of the composite action (action.yml): installs this project from the action's
# own checkout ($GITHUB_ACTION_PATH) and lints the files the workflow names, from the
# workspace root. Inputs come from the environment (INPUT_FILES, INPUT_FORMAT, INPUT_OUTPUT).
# Exit status: lint's own (0 no error, 1 an error finding, 2 unreadable input), and 2 for a
# bad input of the action (unknown format, a pattern matching no file).
set -euo pipefail

action_path="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this through action.yml}"
workspace="${GITHUB_WORKSPACE:-$PWD}"
format="${INPUT_FORMAT:-github}"
output="${INPUT_OUTPUT:-}"

fail() {
  echo "::error title=ci-remediation lint::$1"
  exit 2
}

case "$format" in
  text | json | sarif | github) ;;
  *) fail "format must be one of text, json, sarif, github" ;;
esac

# Install once per checkout: npm ci also builds lib/ (the package's prepare script).
if [ ! -f "$action_path/lib/src/cli/index.js" ]; then
  (cd "$action_path" && npm ci --no-audit --no-fund) >&2
fi

cd "$workspace"
shopt -s globstar nullglob
read -r -d '' -a patterns <<<"${INPUT_FILES:-}" || true
[ "${#patterns[@]}" -gt 0 ] || fail "input 'files' is empty: name the Sensor/EventSource files or patterns"
files=()
for pattern in "${patterns[@]}"; do
  # Pathname expansion of one pattern, nothing else: no word splitting, no command substitution.
  matches=()
  while IFS= read -r -d '' match; do matches+=("$match"); done < <(compgen -G "$pattern" | tr '\n' '\0')
  [ "${#matches[@]}" -gt 0 ] || fail "no file matches the pattern in input 'files'"
  files+=("${matches[@]}")
done

status=0
if [ -n "$output" ]; then
  node "$action_path/bin/ci-remediation.js" lint --format "$format" -- "${files[@]}" >"$output" || status=$?
else
  node "$action_path/bin/ci-remediation.js" lint --format "$format" -- "${files[@]}" || status=$?
fi
exit "$status"
