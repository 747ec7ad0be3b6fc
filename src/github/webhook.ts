/**
 * GitHub's webhook vocabulary as the stack reads it: the delivery headers, the event and action
 * the CI-failure Sensor reacts to, and the gjson paths into the event the GitHub event source
 * publishes. Plain constants: this module imports nothing.
 *
 * Sources: "Webhook events and payloads" and "Validating webhook deliveries" (docs.github.com,
 * REST API 2022-11-28); argo-events 6478ece `pkg/eventsources/sources/github/start.go` (the event
 * data `{headers, body}`, with `X-GitHub-Event` and `X-GitHub-Delivery` copied into the body).
 */

/** The delivery headers, spelled as GitHub documents them. */
export const GitHubHeaders = {
  event: 'X-GitHub-Event',
  delivery: 'X-GitHub-Delivery',
  hookId: 'X-GitHub-Hook-ID',
  signature256: 'X-Hub-Signature-256',
  signature: 'X-Hub-Signature',
} as const;

/**
 * The same headers as keys of Go's `http.Header` (`textproto.CanonicalMIMEHeaderKey`: each
 * hyphen-separated word capitalised, the rest lower case), which is how the event's `headers`
 * and `serve`'s received headers hold them.
 */
export const CanonicalGitHubHeaders = {
  event: 'X-Github-Event',
  delivery: 'X-Github-Delivery',
  hookId: 'X-Github-Hook-Id',
  signature256: 'X-Hub-Signature-256',
  signature: 'X-Hub-Signature',
} as const;

/** The body keys the event source adds to the payload (argo-events `start.go`). */
export const INJECTED_BODY_KEYS: readonly string[] = [GitHubHeaders.event, GitHubHeaders.delivery];

/** The event of a completed (or requested, in progress) workflow run. */
export const WORKFLOW_RUN_EVENT = 'workflow_run';

/** The `workflow_run` action sent once a run has its conclusion. */
export const COMPLETED_ACTION = 'completed';

/** gjson paths into the GitHub event source's event data (reference §1). */
export const EventPaths = {
  eventType: `body.${GitHubHeaders.event}`,
  deliveryId: `body.${GitHubHeaders.delivery}`,
  action: 'body.action',
  conclusion: 'body.workflow_run.conclusion',
  repository: 'body.repository.full_name',
  repositoryName: 'body.repository.name',
  repositoryUrl: 'body.repository.html_url',
  headRepository: 'body.workflow_run.head_repository.full_name',
  headBranch: 'body.workflow_run.head_branch',
  headSha: 'body.workflow_run.head_sha',
  commitMessage: 'body.workflow_run.head_commit.message',
  workflowName: 'body.workflow_run.name',
  runId: 'body.workflow_run.id',
  runAttempt: 'body.workflow_run.run_attempt',
  runUrl: 'body.workflow_run.html_url',
} as const;
