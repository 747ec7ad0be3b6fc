/**
 * The `workflow_run` `completed` webhook built from REST objects: for GitHub's own example
 * deliveries (`@octokit/webhooks-examples`), REST objects made of the example plus the fields only
 * the REST API returns (`@octokit/openapi-types` 22.2.0 response types) give back the example,
 * valid against the webhook schema (`@octokit/webhooks-schemas`), without a REST-only field.
 */
import type { components } from '@octokit/openapi-types';
import Ajv from 'ajv';
import { workflowRunCompletedPayload } from '../../src/fire-drill/webhook-payload';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const schemas = require('@octokit/webhooks-schemas') as object;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const examples = (require('@octokit/webhooks-examples') as { name: string; examples: Record<string, any>[] }[]).find(e => e.name === 'workflow_run')!.examples;

const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema(schemas, 'webhooks');
const validCompleted = ajv.getSchema('webhooks#/definitions/workflow_run$completed')!;

// The examples the schema itself accepts (an older one lacks repository fields GitHub sends today).
const completed = examples.filter(e => e.action === 'completed' && validCompleted(e) === true);

/** REST-only fields of each object (`components.schemas`): none of them is in the webhook. */
const runOnly: Partial<components['schemas']['workflow-run']> = { head_repository_id: 1 };
const minimalRepositoryOnly: Partial<components['schemas']['minimal-repository']> = { forks_count: 3, stargazers_count: 5, network_count: 0, subscribers_count: 1, temp_clone_token: '', role_name: 'admin' };
const fullRepositoryOnly: Partial<components['schemas']['full-repository']> = { network_count: 0, subscribers_count: 1, temp_clone_token: '', anonymous_access_enabled: false };
const workflowOnly: Partial<components['schemas']['workflow']> = { deleted_at: '2026-01-01T00:00:00Z' };
const userOnly: Partial<components['schemas']['simple-user']> = { starred_at: '2026-01-01T00:00:00Z' };

test('the schema accepts at least two completed examples', () => {
  expect(completed.length).toBeGreaterThanOrEqual(2);
});

test.each(completed.map((e, i) => [i, e]))('example %i: REST objects in, the example out, valid, REST-only fields dropped', (_i, example) => {
  const sender = example.sender;
  const run = {
    ...example.workflow_run,
    ...runOnly,
    actor: { ...sender, ...userOnly },
    triggering_actor: { ...sender, ...userOnly },
    repository: { ...example.workflow_run.repository, ...minimalRepositoryOnly },
    head_repository: { ...example.workflow_run.head_repository, ...minimalRepositoryOnly },
  };
  const payload = workflowRunCompletedPayload({ run, workflow: { ...example.workflow, ...workflowOnly }, repository: { ...example.repository, ...fullRepositoryOnly } });
  const { organization: _organization, installation: _installation, ...rest } = example;
  expect(payload).toEqual({ ...rest, workflow_run: { ...example.workflow_run, actor: sender, triggering_actor: sender } });
  expect(validCompleted(payload)).toBe(true);
});

test('sender falls back to the run actor when the REST run has no triggering_actor', () => {
  const example = completed[0];
  const payload = workflowRunCompletedPayload({ run: { ...example.workflow_run, actor: example.sender }, workflow: example.workflow, repository: example.repository });
  expect(payload.sender).toEqual(example.sender);
});
