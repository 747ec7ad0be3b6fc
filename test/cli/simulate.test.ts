import * as path from 'path';
import { runSimulate, type SimulateCommandOptions } from '../../src/cli/simulate-command';
import { defaultDeliveryId } from '../../src/cli/sensor-inputs';
import { tempDir, writeTree } from '../helpers/chart';
import { bufferOutput, failurePayload, runCommandProcess, stackYaml } from './simulate-fixtures';

const NOW = new Date('2025-06-01T12:00:00Z');

const dir = writeTree(tempDir(), {
  'stack.yaml': stackYaml(),
  'failure.json': JSON.stringify(failurePayload()),
  'success.json': JSON.stringify(failurePayload(p => { p.workflow_run.conclusion = 'success'; })),
  'event.json': JSON.stringify({
    context: { type: 'github', source: 'github', subject: 'org', id: '0123456789abcdef0123456789abcdef', time: '2025-06-01T11:00:00Z', datacontenttype: 'application/json', specversion: '1.0' },
    data: { headers: { 'X-Github-Event': ['workflow_run'] }, body: { ...failurePayload(), 'X-GitHub-Event': 'workflow_run', 'X-GitHub-Delivery': 'd-1' } },
  }),
  'bad-event.json': '{"context": {"source": 1}}',
  'not-yaml.yaml': 'kind: [\n',
  'no-sensor.yaml': 'kind: ConfigMap\nmetadata: {name: x}\n',
  'array-payload.json': '[1, 2]',
  'rejected.yaml': stackYaml().replace('comparator: "!="', 'comparator: "!~"'),
});
const file = (name: string) => path.join(dir, name);

function simulate(options: Partial<SimulateCommandOptions>) {
  const output = bufferOutput();
  const code = runSimulate({ sensor: file('stack.yaml'), now: NOW, ...options }, output);
  return { code, ...output };
}

describe('simulate', () => {
  test('--json prints exactly the SimulationResult of a failure delivery', () => {
    const { code, out, err } = simulate({ githubEvent: 'workflow_run', payload: file('failure.json'), delivery: 'd-42', json: true });
    expect([code, err]).toEqual([0, '']);
    const result = JSON.parse(out);
    expect(Object.keys(result)).toEqual(['sensor', 'validation', 'dependencies', 'triggers']);
    expect(result).toMatchObject({
      sensor: 'ci-failure-remediation',
      validation: [],
      dependencies: [{ name: 'workflow-run-failed', passed: true, error: null }],
      triggers: [{ name: 'create-coderun', fired: true, error: null }],
    });
    const codeRun = result.triggers[0].resource;
    expect(codeRun.metadata.name).toBe('ci-remediation-19289199112-2');
    expect(codeRun.metadata.annotations['remediation.agents.platform/github-delivery']).toBe('d-42');
  });

  test('without --delivery the delivery id is derived from the payload', () => {
    const first = simulate({ githubEvent: 'workflow_run', payload: file('failure.json'), json: true });
    const second = simulate({ githubEvent: 'workflow_run', payload: file('failure.json'), json: true });
    expect(first.out).toBe(second.out);
    const annotations = JSON.parse(first.out).triggers[0].resource.metadata.annotations;
    expect(annotations['remediation.agents.platform/github-delivery']).toBe(defaultDeliveryId(JSON.stringify(failurePayload())));
    expect(defaultDeliveryId('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('the readable account shows every filter verdict and the resource as YAML', () => {
    const { code, out } = simulate({ githubEvent: 'workflow_run', payload: file('failure.json') });
    expect(code).toBe(0);
    expect(out).toContain('Validation: the controller accepts this Sensor');
    expect(out).toContain('Dependency workflow-run-failed (github/org): PASSED');
    expect(out).toContain('  ok   data[2] body.workflow_run.conclusion: "failure" =~ ^failure$ -> match');
    expect(out).toContain('Trigger create-coderun (k8s), conditions: all dependencies');
    expect(out).toContain('  FIRED; resource:\n    apiVersion: agents.platform/v1\n    kind: CodeRun\n');
    expect(out).toContain('      name: ci-remediation-19289199112-2\n');
  });

  test('a Sensor the controller rejects is evaluated anyway, its broken rules shown as warnings', () => {
    const { code, out } = simulate({ sensor: file('rejected.yaml'), githubEvent: 'workflow_run', payload: file('failure.json') });
    expect(code).toBe(0);
    expect(out).toMatch(/Validation: \d+ controller rule\(s\) broken \(the controller would reject this Sensor; evaluated anyway\):\n {2}warning: spec\.dependencies\[0\]\.filters\.data\[5\]\.comparator: /);
    expect(out).toContain('Dependency workflow-run-failed (github/org): DROPPED');
  });

  test('a dropped event says which filter dropped it; exit code is still 0', () => {
    const { code, out } = simulate({ githubEvent: 'workflow_run', payload: file('success.json') });
    expect(code).toBe(0);
    expect(out).toContain('Dependency workflow-run-failed (github/org): DROPPED');
    expect(out).toContain('  FAIL data[2] body.workflow_run.conclusion: "success" =~ ^failure$ -> no match');
    // AND stops at the first failure: the rest are listed as not evaluated.
    expect(out).toContain('  --   data[3] body.repository.full_name: not evaluated\n  --   data[4] body.workflow_run.head_repository.full_name: not evaluated\n');
    expect(out).toContain('  not fired: conditions not met');
  });

  test('--event reads an event file', () => {
    const { code, out } = simulate({ event: file('event.json'), json: true });
    expect(code).toBe(0);
    expect(JSON.parse(out).triggers[0]).toMatchObject({ fired: true });
  });

  test.each<[string, Partial<SimulateCommandOptions>, RegExp]>([
    ['a missing Sensor file', { sensor: file('missing.yaml'), event: file('event.json') }, /^cannot read Sensor file .*missing\.yaml: no such file or folder$/],
    ['a Sensor file that is not YAML', { sensor: file('not-yaml.yaml'), event: file('event.json') }, /^.*not-yaml\.yaml:\d+:\d+: not valid YAML\/JSON: /],
    ['a file without Sensor', { sensor: file('no-sensor.yaml'), event: file('event.json') }, /no Sensor \(an object with kind: Sensor\) found$/],
    ['a missing event file', { event: file('missing.json') }, /^cannot read event file .*missing\.json: no such file or folder$/],
    ['a malformed event file', { event: file('bad-event.json') }, /bad-event\.json: event context "source" must be a string$/],
    ['a payload that is not an object', { githubEvent: 'workflow_run', payload: file('array-payload.json') }, /array-payload\.json: delivery body must be a JSON object$/],
    ['both event forms', { event: file('event.json'), githubEvent: 'workflow_run', payload: file('failure.json') }, /^give either --event FILE or --github-event NAME --payload FILE$/],
    ['no event', {}, /^give either --event FILE or --github-event NAME --payload FILE$/],
    ['--github-event without --payload', { githubEvent: 'workflow_run' }, /^--github-event NAME and --payload FILE go together$/],
  ])('%s: exit 2 with one line on stderr', (_name, options, message) => {
    const { code, out, err } = simulate(options);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.endsWith('\n')).toBe(true);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err.trimEnd()).toMatch(message);
  });

  test('as a process: exit codes and the one-line error', () => {
    const ok = runCommandProcess(['simulate', '--sensor', file('stack.yaml'), '--github-event', 'workflow_run', '--payload', file('failure.json'), '--json']);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).triggers[0].fired).toBe(true);
    const bad = runCommandProcess(['simulate', '--sensor', file('missing.yaml'), '--event', file('event.json')]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^cannot read Sensor file .*missing\.yaml: no such file or folder\n$/);
  });
});
