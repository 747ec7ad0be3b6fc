/**
 * The Argo Events rules an EventSource is rejected for (reference §9): event names unique across
 * the whole EventSource, the GitHub event source's own checks
 * (`pkg/eventsources/sources/github/validate.go`), and the webhook context checks, applied to
 * every webhook context found.
 */
import { goList, goObject, goString, isSet, requireResource } from './go-values';
import { isJsonObject, type JsonObject } from '../plain-data';
import type { IssuePath, ValidationIssue } from './validation-issue';

/** `spec` keys that configure the EventSource itself rather than naming an event-source type. */
const SPEC_NON_TYPE_KEYS = new Set(['eventBusName', 'replicas', 'service', 'template']);

/**
 * Checks an EventSource against the controller's rules. Returns no issues for an EventSource
 * the controller accepts. Throws a TypeError when `es` is not an object or its `kind` is not
 * `EventSource`.
 */
export function validateEventSourceRules(es: unknown): ValidationIssue[] {
  const resource = requireResource(es, 'EventSource', 'validateEventSourceRules');
  const spec = goObject(resource.spec);
  if (!spec) return [];
  const issues: ValidationIssue[] = [];
  checkUniqueEventNames(spec, issues);
  for (const [type, events] of Object.entries(spec)) {
    if (SPEC_NON_TYPE_KEYS.has(type) || !isJsonObject(events)) continue;
    for (const [eventName, source] of Object.entries(events)) {
      if (!isJsonObject(source)) continue;
      const path = ['spec', type, eventName];
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
  }
  return issues;
}

function add(issues: ValidationIssue[], path: IssuePath, rule: string, message: string): void {
  issues.push({ path, rule, message });
}

/** Event names become the events' `subject`; the controller refuses the same name under two types. */
function checkUniqueEventNames(spec: JsonObject, issues: ValidationIssue[]): void {
  const seen = new Set<string>();
  for (const [type, events] of Object.entries(spec)) {
    if (SPEC_NON_TYPE_KEYS.has(type) || !isJsonObject(events)) continue;
    for (const eventName of Object.keys(events)) {
      if (seen.has(eventName)) {
        add(issues, ['spec', type, eventName], 'controller/event-name-duplicate', `more than one ${JSON.stringify(eventName)} found in the spec`);
      }
      seen.add(eventName);
    }
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
