/**
 * The run a safe fire drill reports: REST objects of a workflow run that does not exist, shaped as
 * `GET /repos/{o}/{r}/actions/runs/{id}`, `GET .../actions/workflows/{id}` and `GET /repos/{o}/{r}`
 * return them (`@octokit/openapi-types` 22.2.0 `workflow-run`, `workflow`, `full-repository`), so
 * that the drill's delivery is built by the same projection `--run-id` uses
 * ({@link workflowRunCompletedPayload}) and is a whole `workflow_run` `completed` webhook, as GitHub
 * sends one, not only the fields the stack's filters read.
 *
 * What is known is real: the repository (the first configured one), a workflow the settings include,
 * GitHub's URL scheme (`https://api.github.com/repos/{o}/{r}/...` hypermedia templates,
 * `https://github.com/{o}/{r}`). What GitHub alone knows is stated as unknown rather than invented:
 * the numeric ids of the repository, owner, workflow and check suite are 0 and their node ids empty.
 * The run id is the current time in milliseconds, far above GitHub's run ids (about 2e10 today), so
 * it never meets a real run's CodeRun, and differs per drill.
 */
import type { ResolvedSettings } from '../config/settings';
import type { RestRunData } from './webhook-payload';

const API = 'https://api.github.com';
const WEB = 'https://github.com';
/** The drill's branch and commit: they name the drill wherever the run shows up (logs, a CodeRun). */
export const DRILL_BRANCH = 'ci-remediation-fire-drill';
const DRILL_SHA = '0000000000000000000000000000000000000000';
const DRILL_MESSAGE = 'ci-remediation fire drill: no such run exists';
const DRILL_ACTOR = 'ci-remediation-fire-drill';

/** A user as the REST API and webhooks give one (`simple-user`). */
function user(login: string, type: 'User' | 'Organization'): Record<string, unknown> {
  const url = `${API}/users/${login}`;
  return {
    login,
    id: 0,
    node_id: '',
    avatar_url: `https://avatars.githubusercontent.com/u/0?v=4`,
    gravatar_id: '',
    url,
    html_url: `${WEB}/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type,
    site_admin: false,
  };
}

/** The fields every REST and webhook repository shape shares (`minimal-repository`): identity and hypermedia. */
function repositoryBase(fullName: string): Record<string, unknown> {
  const [owner, name] = fullName.split('/');
  const url = `${API}/repos/${fullName}`;
  return {
    id: 0,
    node_id: '',
    name,
    full_name: fullName,
    private: false,
    owner: user(owner, 'User'),
    html_url: `${WEB}/${fullName}`,
    description: null,
    fork: false,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    hooks_url: `${url}/hooks`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
  };
}

/** `GET /repos/{o}/{r}` (`full-repository`). */
function fullRepository(fullName: string, now: string): Record<string, unknown> {
  return {
    ...repositoryBase(fullName),
    git_url: `git://github.com/${fullName}.git`,
    ssh_url: `git@github.com:${fullName}.git`,
    clone_url: `${WEB}/${fullName}.git`,
    svn_url: `${WEB}/${fullName}`,
    mirror_url: null,
    homepage: null,
    language: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    size: 0,
    default_branch: 'main',
    open_issues: 0,
    open_issues_count: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    visibility: 'public',
    pushed_at: now,
    created_at: now,
    updated_at: now,
    license: null,
    web_commit_signoff_required: false,
    custom_properties: {},
    // REST only (dropped by the projection, as GitHub's webhook does not carry them).
    network_count: 0,
    subscribers_count: 0,
  };
}

/**
 * The REST objects of a completed drill run with `conclusion`, of the first configured repository,
 * on the drill's branch, in a workflow the settings include (the first exact name of
 * `filters.includeWorkflows`, if any).
 */
export function drillRun(settings: ResolvedSettings, conclusion: string, runId: number, at: Date = new Date()): RestRunData {
  const fullName = settings.repositories[0];
  const now = at.toISOString().replace(/\.\d+Z$/, 'Z');
  const included = settings.filters.includeWorkflows?.find(w => !/^\/.*\/$/.test(w));
  const workflowName = included ?? 'ci-remediation fire drill';
  const path = '.github/workflows/ci-remediation-fire-drill.yml';
  const runUrl = `${API}/repos/${fullName}/actions/runs/${runId}`;
  const workflowUrl = `${API}/repos/${fullName}/actions/workflows/0`;
  const actor = user(DRILL_ACTOR, 'User');
  const minimal = { ...repositoryBase(fullName), forks_count: 0, stargazers_count: 0 };
  const person = { name: DRILL_ACTOR, email: `${DRILL_ACTOR}@users.noreply.github.com` };
  const run = {
    id: runId,
    name: workflowName,
    node_id: '',
    check_suite_id: 0,
    check_suite_node_id: '',
    head_branch: DRILL_BRANCH,
    head_sha: DRILL_SHA,
    path,
    display_title: DRILL_MESSAGE,
    run_number: 1,
    run_attempt: 1,
    event: 'push',
    status: 'completed',
    conclusion,
    workflow_id: 0,
    url: runUrl,
    html_url: `${WEB}/${fullName}/actions/runs/${runId}`,
    pull_requests: [],
    created_at: now,
    updated_at: now,
    run_started_at: now,
    actor,
    triggering_actor: actor,
    jobs_url: `${runUrl}/jobs`,
    logs_url: `${runUrl}/logs`,
    check_suite_url: `${API}/repos/${fullName}/check-suites/0`,
    artifacts_url: `${runUrl}/artifacts`,
    cancel_url: `${runUrl}/cancel`,
    rerun_url: `${runUrl}/rerun`,
    previous_attempt_url: null,
    workflow_url: workflowUrl,
    head_commit: { id: DRILL_SHA, tree_id: DRILL_SHA, message: DRILL_MESSAGE, timestamp: now, author: person, committer: person },
    repository: minimal,
    head_repository: minimal,
    // REST only (dropped by the projection).
    head_repository_id: 0,
  };
  const workflow = {
    id: 0,
    node_id: '',
    name: workflowName,
    path,
    state: 'active',
    created_at: now,
    updated_at: now,
    url: workflowUrl,
    html_url: `${WEB}/${fullName}/blob/main/${path}`,
    badge_url: `${WEB}/${fullName}/workflows/${encodeURIComponent(workflowName)}/badge.svg`,
  };
  return { run, workflow, repository: fullRepository(fullName, now) };
}
