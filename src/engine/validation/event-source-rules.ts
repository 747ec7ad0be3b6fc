/**
 * The Argo Events rules an EventSource is rejected for (reference §9): event names unique across
 * the whole EventSource, the GitHub event source's own checks
 * (`pkg/eventsources/sources/github/validate.go`), and the webhook context checks, applied to
 * every webhook context found.
 */
import { decodeEventSource, isEventSourceModel, type EventSourceModel } from '../model/event-source';
import type { JsonObject } from '../plain-data';
import { goList, goObject, goString, isSet } from './go-values';
import type { IssuePath, ValidationIssue } from './validation-issue';

/**
 * Checks an EventSource against the controller's rules. Returns no issues for an EventSource
 * the controller accepts. Throws a TypeError when `es` is not an object or its `kind` is not
 * `EventSource`.
 */
export function validateEventSourceRules(es: unknown): ValidationIssue[] {
  const model = isEventSourceModel(es) ? es : decodeEventSource(es, undefined, 'validateEventSourceRules');
  if (!model.spec) return [];
  const issues: ValidationIssue[] = [];
  checkUniqueEventNames(model, issues);
  for (const { type, raw: source, path } of model.events) {
    if (type === 'github') {
      checkGithubEventSource(source, path, issues);
    } else if (type === 'webhook') {
      // The generic webhook event source inlines its webhook context.
      checkWebhookContext(source, path, issues);
    } else {
      const webhook = goObject(source.webhook);
      if (webhook) checkWebhookContext(webhook, [...path, 'webhook'], issues);
    }
  }
  return issues;
}

function add(issues: ValidationIssue[], path: IssuePath, rule: string, message: string): void {
  issues.push({ path, rule, message });
}

/** Event names become the events' `subject`; the controller refuses the same name under two types. */
function checkUniqueEventNames(eventSource: EventSourceModel, issues: ValidationIssue[]): void {
  const seen = new Set<string>();
  for (const { type, name } of eventSource.eventNames) {
    if (seen.has(name)) {
      add(issues, ['spec', type, name], 'controller/event-name-duplicate', `more than one ${JSON.stringify(name)} found in the spec`);
    }
    seen.add(name);
  }
}

function checkGithubEventSource(github: JsonObject, path: IssuePath, issues: ValidationIssue[]): void {
  const repositories = goList(github.repositories);
  const owner = goString(github.owner);
  const repository = goString(github.repository);
  // `owner` + `repository` is the deprecated spelling of one repositories entry.
  const hasRepositories = (repositories !== undefined && repositories.length > 0) || (!!owner && !!repository);
  // The controller tests the Go slice for nil, so even `organizations: []` counts as set.
  const hasOrganizations = isSet(github.organizations);
  if (!hasRepositories && !hasOrganizations) {
    add(issues, path, 'controller/github-repositories-xor-organizations', 'either repositories or organizations is required');
  } else if (hasRepositories && hasOrganizations) {
    add(issues, path, 'controller/github-repositories-xor-organizations', 'only one of repositories and organizations is allowed');
  }

  const webhook = goObject(github.webhook);
  const githubApp = goObject(github.githubApp);
  const hasCredentials = isSet(github.apiToken) || (!!githubApp && isSet(githubApp.privateKey));
  const webhookUrl = webhook ? goString(webhook.url) : '';
  const createsHooks = hasCredentials && !!webhookUrl;
  const events = goList(github.events);
  if (createsHooks && events !== undefined && events.length === 0) {
    add(issues, [...path, 'events'], 'controller/github-hook-events', 'events must be defined to create a github webhook');
  }

  const contentType = goString(github.contentType);
  if (contentType !== undefined && contentType !== '' && contentType !== 'json' && contentType !== 'form') {
    add(issues, [...path, 'contentType'], 'controller/github-content-type', 'content type must be "json" or "form"');
  }

  if (webhook === null) {
    add(issues, [...path, 'webhook'], 'controller/webhook-required', "webhook context can't be nil");
  } else if (webhook) {
    checkWebhookContext(webhook, [...path, 'webhook'], issues);
  }
}

function checkWebhookContext(webhook: JsonObject, path: IssuePath, issues: ValidationIssue[]): void {
  if (goString(webhook.endpoint) === '') {
    add(issues, [...path, 'endpoint'], 'controller/webhook-endpoint', "endpoint can't be empty");
  }
  const port = goString(webhook.port);
  if (port === '') {
    add(issues, [...path, 'port'], 'controller/webhook-port', "port can't be empty");
  } else if (port !== undefined) {
    const problem = goAtoiProblem(port);
    if (problem) add(issues, [...path, 'port'], 'controller/webhook-port', `failed to parse server port ${port}. err: ${problem}`);
  }
}

/** Go `strconv.Atoi`'s error for `text`, or undefined when it parses. */
function goAtoiProblem(text: string): string | undefined {
  const quoted = JSON.stringify(text);
  if (!/^[+-]?\d+$/.test(text)) return `strconv.Atoi: parsing ${quoted}: invalid syntax`;
  const value = BigInt(text);
  if (value > 2n ** 63n - 1n || value < -(2n ** 63n)) return `strconv.Atoi: parsing ${quoted}: value out of range`;
  return undefined;
}
