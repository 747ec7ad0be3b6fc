# shellcheck shell=bash
# Rex's container script, shared part: logging, start-up checks, GitHub credentials (a ready token, or
# the GitHub App's id and key minted into installation tokens), git with those credentials, and the
# agent CLI run without them. Shipped as is (no Handlebars) next to container-rex.sh, which sources it;
# sourcing defines functions and constants only.
#
# Facts this file relies on, read at the named versions:
# - gh: `gh --version` prints "gh version X.Y.Z (date)" (cli/cli v2.60.0 pkg/cmd/version/version.go);
#   `gh pr checks --json bucket,link` exists from v2.50.0 (pkg/cmd/pr/checks/checks.go), the newest
#   feature the CI mode uses, hence REX_GH_MIN_VERSION.
# - GitHub App auth (docs.github.com "Generating an installation access token for a GitHub App"): an
#   RS256 JWT (iat, exp at most 10 minutes ahead, iss = App id) authenticates as the App;
#   GET /repos/{owner}/{repo}/installation (or /orgs/{org}/installation) finds the installation;
#   POST /app/installations/{id}/access_tokens returns a token that expires after one hour.
# - claude 2.0.77 (cli.js): refuses --permission-mode bypassPermissions as root unless IS_SANDBOX=1.

readonly REX_GH_MIN_VERSION=2.50.0
# Installation tokens live one hour; a new one is minted when the current one is this old.
readonly REX_TOKEN_REFRESH_SECONDS=3000
# Variables that carry a GitHub credential; the agent never sees them.
readonly REX_SECRET_VARIABLES=(GH_TOKEN GITHUB_TOKEN GITHUB_APP_PRIVATE_KEY GH_ENTERPRISE_TOKEN GITHUB_ENTERPRISE_TOKEN)

log() { printf '[rex] %s\n' "$*" >&2; }

# Stops the run. The message also goes to REX_ERROR_FILE (when set), so that the report written on
# exit says what failed even when die ran in a command substitution.
die() {
  log "error: $*"
  if [[ -n ${REX_ERROR_FILE:-} ]]; then printf '%s\n' "$*" >>"$REX_ERROR_FILE"; fi
  exit 1
}

# The first line of a file, cut to 300 characters: tool errors quoted in messages stay one short line.
first_line_of() {
  local line=''
  IFS= read -r line <"$1" || true
  printf '%s' "${line:0:300}"
}

# A string bounded to $2 characters on one line (newlines become spaces).
one_line() {
  local text=${1//$'\n'/ }
  text=${text//$'\r'/ }
  printf '%s' "${text:0:$2}"
}

# True when dotted version $1 is at least $2.
version_at_least() {
  local -a have need
  local i
  IFS=. read -r -a have <<<"$1"
  IFS=. read -r -a need <<<"$2"
  for i in 0 1 2; do
    if ((10#${have[i]:-0} != 10#${need[i]:-0})); then
      ((10#${have[i]:-0} > 10#${need[i]:-0}))
      return
    fi
  done
}

# Start-up checks, before anything is cloned: every tool the mode needs, each failure naming the fix.
# $1: the mode (ci-failure, or '' for the task mode).
check_tools() {
  local mode=$1 tool version
  type -P git >/dev/null || die "git is not installed in the agent image; install git"
  type -P setsid >/dev/null || die "setsid is not installed in the agent image; install util-linux (the agent runs in its own session, ended after it)"
  command -v claude >/dev/null || die "claude is not on PATH; install @anthropic-ai/claude-code in the agent image"
  if [[ $mode == ci-failure ]]; then
    for tool in gh jq iconv; do
      command -v "$tool" >/dev/null || die "$tool is not installed in the agent image; install it (the CI-remediation mode needs gh, jq and iconv)"
    done
    version=$(gh --version 2>/dev/null | sed -n '1s/^gh version \([0-9][0-9.]*\).*/\1/p')
    [[ -n $version ]] || die "gh --version did not print a version; install gh $REX_GH_MIN_VERSION or later"
    version_at_least "$version" "$REX_GH_MIN_VERSION" ||
      die "gh $version is too old: the CI-remediation mode needs gh $REX_GH_MIN_VERSION or later (gh pr checks --json); install a current gh release in the agent image"
  fi
  if [[ -n ${GITHUB_APP_ID:-}${GITHUB_APP_PRIVATE_KEY:-} ]]; then
    for tool in openssl curl; do
      command -v "$tool" >/dev/null || die "$tool is not installed in the agent image; GitHub App authentication needs openssl and curl"
    done
  fi
}

# Every program the scripts run, located once before the agent runs. Bash then runs these paths (its
# hash table, which subshells inherit) even when the agent puts a program of the same name earlier in
# PATH (~/.local/bin, where claude's own installer puts claude, is a usual first PATH entry): such a
# program would run with the token in its environment, or answer the guard. Not found: left alone
# (check_tools has named the required ones). A program in a folder the agent can write stays
# replaceable: install the tools where the agent's user cannot write.
readonly REX_PROGRAMS=(git gh jq iconv openssl curl env date sed awk grep head tail cut wc cp mv rm mkdir mktemp cat tr od sleep id dirname setsid)
pin_programs() {
  local program found
  for program in "${REX_PROGRAMS[@]}"; do
    found=$(type -P "$program") || continue
    hash -p "$found" "$program"
  done
}

# claude exits at once when asked to skip permission prompts as root, unless IS_SANDBOX=1 says the
# container is the sandbox. Fail before cloning, with the fix, rather than on every attempt.
check_agent_can_run() {
  if [[ $(id -u) == 0 && ${IS_SANDBOX:-} != 1 ]]; then
    die "the agent image runs as root, where claude refuses --permission-mode bypassPermissions; run the image as a non-root user, or set codeRun.env.IS_SANDBOX: \"1\" in the ci-remediation settings if the pod is the sandbox"
  fi
}

# ---------------------------------------------------------------------------------------------
# GitHub credentials. REX_AUTH is app (installation tokens minted here), token (a ready GH_TOKEN or
# GITHUB_TOKEN) or none. GH_TOKEN is exported for gh; git gets it through a credential helper given
# on each remote command only, so nothing in a git config file holds or finds it.
# ---------------------------------------------------------------------------------------------
REX_AUTH=none
REX_TOKEN_MINTED_AT=0
REX_APP_SLUG=''

# $1: owner/name the installation is looked up for; $2: true when credentials are required.
init_github_auth() {
  local repository=$1 required=$2
  : "${GITHUB_API_URL:=https://api.github.com}"
  GITHUB_API_URL=${GITHUB_API_URL%/}
  export GIT_TERMINAL_PROMPT=0
  if [[ -n ${GITHUB_APP_ID:-}${GITHUB_APP_PRIVATE_KEY:-} ]]; then
    [[ ${GITHUB_APP_ID:-} =~ ^[0-9]{1,20}$ ]] || die "GITHUB_APP_ID must be the GitHub App's numeric id (set it with GITHUB_APP_PRIVATE_KEY, or give GH_TOKEN instead)"
    [[ ${GITHUB_APP_PRIVATE_KEY:-} == *'PRIVATE KEY-----'* ]] || die "GITHUB_APP_PRIVATE_KEY must hold the GitHub App's PEM private key"
    [[ $repository =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] || die "GitHub App authentication needs the repository as owner/name; got an unrecognised repository URL"
    REX_AUTH=app
    REX_AUTH_REPOSITORY=$repository
    mint_installation_token
  elif [[ -n ${GH_TOKEN:-}${GITHUB_TOKEN:-} ]]; then
    REX_AUTH=token
    export GH_TOKEN=${GH_TOKEN:-$GITHUB_TOKEN}
  elif [[ $required == true ]]; then
    die "no GitHub credentials: set GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY (the GitHub App's id and PEM key), or GH_TOKEN"
  fi
}

# base64url without padding, of stdin.
base64url() {
  openssl base64 -A | tr '+/' '-_' | tr -d '='
}

# Prints an RS256 JWT for the App: issued a minute ago (clock drift), valid nine minutes from now.
app_jwt() {
  local now header payload signature key
  now=$(date +%s)
  # The key may arrive with literal \n instead of line breaks (a single-line secret).
  key=${GITHUB_APP_PRIVATE_KEY//\\n/$'\n'}
  header=$(printf '%s' '{"alg":"RS256","typ":"JWT"}' | base64url)
  payload=$(printf '{"iat":%d,"exp":%d,"iss":"%s"}' "$((now - 60))" "$((now + 540))" "$GITHUB_APP_ID" | base64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -binary -sign <(printf '%s\n' "$key") | base64url) ||
    die "could not sign the GitHub App JWT: GITHUB_APP_PRIVATE_KEY is not a usable RSA private key"
  printf '%s.%s.%s' "$header" "$payload" "$signature"
}

# One call to the REST API as the App. $1: method, $2: path, $3: JWT. Prints the response body;
# fails (status 1) on an HTTP error, the body on stdout. The JWT goes through a header file, not argv.
app_api() {
  curl --silent --show-error --fail-with-body --max-time 60 --request "$1" \
    --header @<(printf 'Authorization: Bearer %s\nAccept: application/vnd.github+json\nX-GitHub-Api-Version: 2022-11-28\n' "$3") \
    "$GITHUB_API_URL$2"
}

# Mints an installation token for REX_AUTH_REPOSITORY and exports it as GH_TOKEN.
mint_installation_token() {
  local jwt installation answer id token owner=${REX_AUTH_REPOSITORY%%/*}
  jwt=$(app_jwt)
  if ! installation=$(app_api GET "/repos/$REX_AUTH_REPOSITORY/installation" "$jwt" 2>&1); then
    installation=$(app_api GET "/orgs/$owner/installation" "$jwt" 2>&1) ||
      die "the GitHub App $GITHUB_APP_ID is not installed on $REX_AUTH_REPOSITORY or its organization ($(one_line "$installation" 200)); install it there"
  fi
  id=$(jq -r '.id // empty' <<<"$installation")
  [[ $id =~ ^[0-9]+$ ]] || die "GitHub answered the installation lookup without an id"
  REX_APP_SLUG=$(jq -r '.app_slug // empty' <<<"$installation")
  answer=$(app_api POST "/app/installations/$id/access_tokens" "$jwt" 2>&1) ||
    die "GitHub refused an installation token for the App $GITHUB_APP_ID: $(one_line "$answer" 200)"
  token=$(jq -r '.token // empty' <<<"$answer")
  [[ -n $token ]] || die "GitHub answered the token request without a token"
  export GH_TOKEN=$token
  REX_TOKEN_MINTED_AT=$(date +%s)
  log "minted a GitHub App installation token (installation $id)"
}

# Before any gh or git call that needs GitHub: a token older than 50 minutes is replaced.
ensure_fresh_token() {
  if [[ $REX_AUTH == app ]] && (($(date +%s) - REX_TOKEN_MINTED_AT >= REX_TOKEN_REFRESH_SECONDS)); then
    mint_installation_token
  fi
}

# gh with a fresh token.
gh_() {
  ensure_fresh_token
  gh "$@"
}

# The script's own git. The agent can write every file git reads besides what the script restores
# after it (the clone's .git/config and hooks): a global ~/.gitconfig or $XDG_CONFIG_HOME/git/config
# with core.fsmonitor (a command git runs on add, diff and commit, with the token in its environment),
# url.*.insteadOf (the push and its credential sent to another host) or include.path, and replace refs
# (guard_change shown another tree than the one pushed). None of these is read here: no global
# config (GIT_CONFIG_GLOBAL from git 2.32, HOME and XDG_CONFIG_HOME before), no replace objects, no
# hooks, no fsmonitor. The system config stays (not writable by a non-root agent).
git() {
  local -x HOME=/nonexistent XDG_CONFIG_HOME=/nonexistent GIT_CONFIG_GLOBAL=/dev/null GIT_NO_REPLACE_OBJECTS=1
  command git -c core.hooksPath=/dev/null -c core.fsmonitor=false "$@"
}

# git for commands that reach the remote (clone, fetch, ls-remote, push): a fresh token through a
# credential helper given on the command line only; hooks are off.
git_remote() {
  ensure_fresh_token
  if [[ $REX_AUTH == none ]]; then
    git "$@"
    return
  fi
  # The helper is fixed text; it reads the token from the environment git passes it.
  # shellcheck disable=SC2016
  git -c credential.helper= \
    -c 'credential.helper=!f() { test "$1" = get || return 0; echo username=x-access-token; printf "password=%s\n" "$GH_TOKEN"; }; f' "$@"
}

# Commit identity: the App's bot user "<slug>[bot]" with its id in the noreply address when GitHub
# tells them (that is how GitHub links the commits to the App), else the App name from the context.
# $1: the App name from the controller's context. Prints "name<TAB>email".
bot_identity() {
  local slug=${REX_APP_SLUG:-$1} answer='' id='' login=''
  if [[ $REX_AUTH != none && $slug =~ ^[A-Za-z0-9-]+$ ]]; then
    answer=$(gh_ api "users/$slug%5Bbot%5D" --jq '"\(.id)\t\(.login)"' 2>/dev/null || true)
    IFS=$'\t' read -r id login <<<"$answer"
  fi
  if [[ $id =~ ^[0-9]+$ && $login =~ ^[A-Za-z0-9-]+\[bot\]$ ]]; then
    printf '%s\t%s+%s@users.noreply.github.com\n' "$login" "$id" "$login"
  else
    printf '%s[bot]\t%s[bot]@users.noreply.github.com\n' "$slug" "$slug"
  fi
}

# A clone an earlier pod left: its agent may have rewritten .git/config (a remote URL elsewhere, an
# upload-pack or ssh command run on fetch with the token in its environment) and the pod may have died
# before the script restored it. The config is written anew (origin and its refspec only); hooks and
# grafts go.
reset_clone_config() {
  local dir=$1 url=$2 config=$1/.git/config
  rm -rf -- "$config" "$dir/.git/hooks" "$dir/.git/info/grafts"
  git config --file "$config" core.repositoryformatversion 0
  git config --file "$config" core.bare false
  git config --file "$config" remote.origin.url "$url"
  git config --file "$config" remote.origin.fetch '+refs/heads/*:refs/remotes/origin/*'
}

# Clones (or refreshes, on a restarted pod) $1 into $2 with the credentials set up first, and sets
# the commit identity. $3: the App name from the context.
prepare_repository() {
  local url=$1 dir=$2 app=$3 identity name email
  if [[ -L $dir/.git || -e $dir/.git && ! -d $dir/.git ]]; then
    die "$dir/.git is not a folder (an earlier agent may have replaced it); delete $dir and start again"
  elif [[ -d $dir/.git ]]; then
    reset_clone_config "$dir" "$url"
    git_remote -C "$dir" fetch --quiet --prune origin
  else
    git_remote clone --quiet -- "$url" "$dir"
  fi
  identity=$(bot_identity "$app")
  IFS=$'\t' read -r name email <<<"$identity"
  git -C "$dir" config user.name "$name"
  git -C "$dir" config user.email "$email"
}

# The agent CLI, without any GitHub credential: every variable that holds one is removed from its
# environment, and git in the clone has no credential helper, so only the script can push.
# It runs in a session of its own (setsid), whose processes are killed when it exits: nothing it
# started in the background is left to change the clone or the script's files afterwards. A process
# that made a session of its own (setsid, a double fork with setsid) is not caught; see
# templates/README.md. $1: working directory; the rest: claude's arguments. stdin/stdout/stderr are
# the caller's. Returns claude's exit status.
run_claude_contained() {
  local dir=$1 name pid status=0
  shift
  local -a unset_flags=()
  for name in "${REX_SECRET_VARIABLES[@]}"; do unset_flags+=(-u "$name"); done
  # The subshell is not a process group leader, so setsid makes it one without forking: its pid is
  # the new session's and process group's id.
  (cd "$dir" && exec setsid env "${unset_flags[@]}" claude "$@") <&0 &
  pid=$!
  wait "$pid" || status=$?
  kill -KILL -- "-$pid" 2>/dev/null || true
  return "$status"
}
