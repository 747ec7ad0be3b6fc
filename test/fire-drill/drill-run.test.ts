/**
 * The safe drill's deliveries are whole `workflow_run` `completed` webhooks, built by the projection
 * `--run-id` uses: valid against GitHub's webhook schema (`@octokit/webhooks-schemas`), a success and
 * a failure of the first configured repository, and the Sensor decides on them as on real ones.
 */
import Ajv from 'ajv';
import { settingsFrom } from '../../src/config/resolve';
import { drillRun } from '../../src/fire-drill/drill-run';
import { workflowRunCompletedPayload } from '../../src/fire-drill/webhook-payload';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const schemas = require('@octokit/webhooks-schemas') as object;
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addFormat('uri-template', true).addFormat('uri', /^[a-z][a-z0-9+.-]*:/i).addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i).addFormat('email', /^[^@\s]+@[^@\s]+$/);
ajv.addSchema(schemas, 'webhooks');
const validCompleted = ajv.getSchema('webhooks#/definitions/workflow_run$completed')!;

const settings = settingsFrom({ repositories: ['acme/widgets', 'acme/other'], filters: { includeWorkflows: ['/^Deploy/', 'CI'] } });

test.each(['success', 'failure'])('a %s drill run is a schema-valid workflow_run completed webhook', conclusion => {
  const payload = workflowRunCompletedPayload(drillRun(settings, conclusion, 1764770000000, new Date('2026-12-03T13:00:00.123Z'))) as Record<string, any>;
  expect(validCompleted(payload)).toBe(true);
  expect(validCompleted.errors ?? []).toEqual([]);
  expect(Object.keys(payload).sort()).toEqual(['action', 'repository', 'sender', 'workflow', 'workflow_run']);
  expect(payload.action).toBe('completed');
  expect(payload.workflow_run).toMatchObject({
    id: 1764770000000,
    name: 'CI',
    conclusion,
    status: 'completed',
    head_branch: 'ci-remediation-fire-drill',
    run_attempt: 1,
    html_url: 'https://github.com/acme/widgets/actions/runs/1764770000000',
    created_at: '2026-12-03T13:00:00Z',
    repository: { full_name: 'acme/widgets' },
    head_repository: { full_name: 'acme/widgets' },
  });
  expect(payload.workflow.name).toBe('CI');
  expect(payload.repository).toMatchObject({ full_name: 'acme/widgets', html_url: 'https://github.com/acme/widgets', owner: { login: 'acme' } });
  expect(payload.sender).toEqual(payload.workflow_run.triggering_actor);
  // REST-only fields are dropped, as in the --run-id mode.
  expect(payload.workflow_run).not.toHaveProperty('head_repository_id');
  expect(payload.repository).not.toHaveProperty('network_count');
});

test('without an exact workflow name in the settings the run is named for the drill', () => {
  const run = drillRun(settingsFrom({ repositories: ['acme/widgets'] }), 'success', 1).run;
  expect(run.name).toBe('ci-remediation fire drill');
});
