import * as path from 'path';
import { runReplay } from '../../src/cli/replay-command';
import { runSimulate, type SimulateCommandOptions } from '../../src/cli/simulate-command';
import { tempDir, writeTree } from '../helpers/chart';
import { runCli } from '../helpers/cli-process';
import { bufferOutput } from './simulate-fixtures';

const NOW = new Date('2025-06-01T12:00:00Z');
const context = { type: 'github', source: 'github', subject: 'org', id: '0123456789abcdef0123456789abcdef', time: '2025-06-01T11:00:00Z', datacontenttype: 'application/json', specversion: '1.0' };

function sensorJson(filters: unknown): string {
  return JSON.stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name: 's' },
    spec: {
      dependencies: [{ name: 'd', eventSourceName: 'github', eventName: 'org', filters }],
      triggers: [{ template: { name: 't', k8s: { operation: 'create', source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } } } } } }],
    },
  });
}

const templateFilter = (template: string) => ({ data: [{ path: 'b', type: 'string', value: ['x'], template }] });

const dir = writeTree(tempDir(), {
  'event.json': JSON.stringify({ context, data: { a: 1, b: 'x' } }),
  'lua-bomb.json': sensorJson({ script: "local s='x' for i=1,40 do s=s..s end return true" }),
  'until-bomb.json': sensorJson(templateFilter('{{ len (until 1000000000) }}')),
  'repeat-bomb.json': sensorJson(templateFilter('{{ repeat 1000000000 "x" }}')),
  'deep-expr.json': sensorJson({ exprs: [{ expr: '('.repeat(10_000) + 'a == 1' + ')'.repeat(10_000), fields: [{ name: 'a', path: 'a' }] }] }),
  'deep-sensor.yaml': `kind: Sensor\nmetadata: {name: s}\nspec: {dependencies: [], triggers: [], x: ${'['.repeat(100_000)}${']'.repeat(100_000)}}\n`,
  'deep-event.json': `{"context": ${JSON.stringify(context)}, "data": {"a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}}`,
});
const file = (name: string) => path.join(dir, name);

function simulate(options: Partial<SimulateCommandOptions>) {
  const output = bufferOutput();
  const code = runSimulate({ sensor: file('deep-expr.json'), event: file('event.json'), now: NOW, ...options }, output);
  return { code, ...output };
}

describe('simulate: input the simulator cannot evaluate', () => {
  test('--json marks the dependency and the trigger with cannotEvaluate, without an Argo error', () => {
    const { code, out } = simulate({ json: true });
    expect(code).toBe(0);
    const result = JSON.parse(out);
    expect(result.dependencies).toEqual([{ name: 'd', passed: false, error: null, cannotEvaluate: expect.stringMatching(/^the simulator cannot evaluate this input: nested or chained too deeply/) }]);
    expect(result.triggers).toEqual([{ name: 't', fired: false, resource: null, error: null, cannotEvaluate: 'its conditions depend on d, which the simulator cannot evaluate' }]);
  });

  test('the readable account says there is no verdict instead of DROPPED', () => {
    const { out } = simulate({});
    expect(out).toContain('Dependency d (github/org): CANNOT EVALUATE (no verdict)\n  the simulator cannot evaluate this input: nested or chained too deeply');
    expect(out).not.toContain('DROPPED');
    expect(out).toContain('  CANNOT EVALUATE (no verdict): its conditions depend on d, which the simulator cannot evaluate');
  });

  test.each([
    ['a Sensor nested 100,000 levels deep', { sensor: file('deep-sensor.yaml') }, /^.*deep-sensor\.yaml: the simulator cannot evaluate this input: nested or chained too deeply/],
    ['event data nested 100,000 levels deep', { event: file('deep-event.json') }, /^.*deep-event\.json: the simulator cannot evaluate this input: nested or chained too deeply/],
  ])('%s: exit 2 with one line naming the file', (_name, options, message) => {
    const { code, out, err } = simulate(options);
    expect([code, out]).toEqual([2, '']);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err.trimEnd()).toMatch(message);
  });

  // Each of these used to grow the process past gigabytes and abort it (exit 134).
  test.each([
    ['lua-bomb.json', /the script builds a string over 67108864 bytes \(the simulator's cap, not Argo's/],
    ['until-bomb.json', /template function until would build a list of 1000000000 elements, over 1000000 \(the simulator's cap, not Argo's/],
    ['repeat-bomb.json', /the result of repeat would be 1000000000 characters long, over 33554432 \(the simulator's cap, not Argo's/],
  ])('%s: the process survives with a 256 MB heap and reports the cap', (sensor, reason) => {
    const run = runCli(['simulate', '--sensor', file(sensor), '--event', file('event.json'), '--json'], { env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=256' } });
    expect([run.status, run.stderr]).toEqual([0, '']);
    const [dependency] = JSON.parse(run.stdout).dependencies;
    expect(dependency).toEqual({ name: 'd', passed: false, error: null, cannotEvaluate: expect.stringMatching(reason) });
  });

  test('replay counts the events it cannot evaluate apart from the dropped ones', async () => {
    const output = bufferOutput();
    expect(await runReplay({ sensor: file('until-bomb.json'), json: true, now: NOW }, [file('event.json')], output)).toBe(0);
    const summary = JSON.parse(output.out);
    expect(summary.dependencies[0]).toMatchObject({ name: 'd', passed: 0, dropped: 0, droppedBy: [], cannotEvaluate: 1 });
    expect(summary.dependencies[0].cannotEvaluateBy).toEqual([{ reason: expect.stringMatching(/^the simulator cannot evaluate this input: template function until/), count: 1 }]);
    expect(summary.triggers[0]).toMatchObject({ fired: 0, failed: 0, notFired: 0, cannotEvaluate: 1 });
    const readable = bufferOutput();
    await runReplay({ sensor: file('until-bomb.json'), now: NOW }, [file('event.json')], readable);
    expect(readable.out).toContain('Dependency d: 0 passed, 0 dropped, 1 the simulator cannot evaluate (no verdict)');
  });
});
