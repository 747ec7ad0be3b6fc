import type { SensorEvent } from '../../src/engine/event';
import { renderTemplate } from '../../src/engine/go/template';
import { asSimulatorLimit, SimulatorLimitError, TEMPLATE_MAX_LIST_LENGTH, TEMPLATE_MAX_STRING_LENGTH } from '../../src/engine/limits';
import { simulateSensor } from '../../src/engine/sensor';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const OUT_OF_MEMORY = "(the simulator's cap, not Argo's: no limit; the sensor would run out of memory)";
const TOO_DEEP = "the simulator cannot evaluate this input: nested or chained too deeply for the simulator's JavaScript stack";

function event(data: unknown): SensorEvent {
  return {
    context: { type: 'webhook', source: 'es', subject: 'e', id: 'ffffffffffffffffffffffffffffffff', time: '2025-06-01T11:59:58Z', datacontenttype: 'application/json', specversion: '1.0' },
    data: JSON.stringify(data),
  };
}

const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } };

function sensor(filters: unknown, template: Record<string, unknown> = {}) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name: 's' },
    spec: {
      dependencies: [{ name: 'd', eventSourceName: 'es', eventName: 'e', filters }],
      triggers: [{ template: { name: 't', k8s: { operation: 'create', source: { resource: configMap } }, ...template } }],
    },
  };
}

const nestedParens = (inner: string, depth: number) => '('.repeat(depth) + inner + ')'.repeat(depth);
const orChain = (term: string, terms: number) => Array.from({ length: terms }, () => term).join(' || ');

describe("template functions within the simulator's caps", () => {
  it.each([
    ['{{ len (until 1000000000) }}', `template function until would build a list of 1000000000 elements, over ${TEMPLATE_MAX_LIST_LENGTH} ${OUT_OF_MEMORY}`],
    ['{{ len (untilStep 0 1000000000 1) }}', `template function untilStep would build a list of 1000000000 elements, over ${TEMPLATE_MAX_LIST_LENGTH} ${OUT_OF_MEMORY}`],
    ['{{ seq 1000000000 }}', `template function untilStep would build a list of 1000000000 elements, over ${TEMPLATE_MAX_LIST_LENGTH} ${OUT_OF_MEMORY}`],
    [`{{ $l := until 1000 }}{{ range until 2 }}{{ $l = concat ${'$l '.repeat(100)}}}{{ end }}{{ len $l }}`, `template function concat would build a list of 10000000 elements, over ${TEMPLATE_MAX_LIST_LENGTH} ${OUT_OF_MEMORY}`],
    ['{{ repeat 1000000000 "x" }}', `the result of repeat would be 1000000000 characters long, over ${TEMPLATE_MAX_STRING_LENGTH} ${OUT_OF_MEMORY}`],
  ])('%s', (template, reason) => {
    expect(() => renderTemplate(template, {})).toThrow(new SimulatorLimitError(reason));
  });

  it('caps the output of a template', () => {
    const template = '{{ $s := repeat 1000000 "x" }}{{ range until 100 }}{{ $s }}{{ end }}';
    expect(() => renderTemplate(template, {})).toThrow(/^the simulator cannot evaluate this input: the template output would be \d+ characters long, over 33554432 /);
  });

  it('leaves realistic templates alone', () => {
    expect(renderTemplate('{{ len (until 1000) }} {{ len (repeat 1000 "ab") }} {{ len (concat (until 10) (until 5)) }}', {})).toBe('1000 2000 15');
  });
});

describe('what the simulator cannot evaluate is not reported as Argo verdict', () => {
  it.each([
    ['10,000 nested parentheses in an expr filter', { exprs: [{ expr: nestedParens('a == 1', 10_000), fields: [{ name: 'a', path: 'a' }] }] }],
    ['a 20,000-term || in an expr filter', { exprs: [{ expr: orChain('a == 2', 20_000), fields: [{ name: 'a', path: 'a' }] }] }],
    ['10,000 nested parentheses in a data filter template', { data: [{ path: 'b', type: 'string', value: ['x'], template: `{{ ${nestedParens('.Input', 10_000)} }}` }] }],
    ['a memory bomb in a data filter template', { data: [{ path: 'b', type: 'string', value: ['x'], template: '{{ len (until 1000000000) }}' }] }],
  ])('%s: the dependency has no verdict, and neither has the trigger that needs it', (_name, filters) => {
    const report = simulateSensor(sensor(filters), event({ a: 1, b: 'x' }), { now: NOW });
    expect(report.dependencies).toEqual([{ name: 'd', passed: false, error: null, cannotEvaluate: expect.stringMatching(/^the simulator cannot evaluate this input: /) }]);
    expect(report.triggers).toEqual([{
      name: 't', fired: false, resource: null, error: null,
      cannotEvaluate: 'its conditions depend on d, which the simulator cannot evaluate',
    }]);
  });

  it.each([
    ['10,000 nested parentheses', nestedParens('d', 10_000)],
    ['a 20,000-term ||', orChain('d', 20_000)],
  ])('trigger conditions with %s are evaluated, as govaluate does', (_name, conditions) => {
    const report = simulateSensor(sensor({ data: [{ path: 'a', type: 'number', value: ['1'] }] }, { conditions }), event({ a: 1 }), { now: NOW });
    expect(report.dependencies).toEqual([{ name: 'd', passed: true, error: null }]);
    expect(report.triggers).toEqual([{ name: 't', fired: true, resource: expect.anything(), error: null }]);
  });

  it('a trigger parameter template too deep for the simulator', () => {
    const parameters = [{ src: { dependencyName: 'd', dataTemplate: `{{ ${nestedParens('.Input.a', 10_000)} }}` }, dest: 'metadata.name' }];
    const filters = { data: [{ path: 'a', type: 'number', value: ['1'] }] };
    const report = simulateSensor(sensor(filters, { k8s: { operation: 'create', source: { resource: configMap }, parameters } }), event({ a: 1 }), { now: NOW });
    expect(report.triggers).toEqual([{ name: 't', fired: false, resource: null, error: null, cannotEvaluate: expect.stringContaining(TOO_DEEP) }]);
  });

  it('data too deep for the template printer is not a template error that falls back to the value', () => {
    // Argo prints the 3,000-level map (map[k:map[k:...]]); the JavaScript stack cannot, and that
    // used to read as a failed template, so the parameter silently took its default value.
    const data = JSON.parse('{"a":' + '{"k":'.repeat(3_000) + '1' + '}'.repeat(3_000) + '}');
    const parameters = [{ src: { dependencyName: 'd', dataTemplate: '{{ .Input.a }}', value: 'fallback' }, dest: 'metadata.name' }];
    const report = simulateSensor(sensor(undefined, { k8s: { operation: 'create', source: { resource: configMap }, parameters } }), event(data), { now: NOW });
    expect(report.triggers).toEqual([{ name: 't', fired: false, resource: null, error: null, cannotEvaluate: expect.stringContaining(TOO_DEEP) }]);
  });

  it('a trigger parameter destination too deep for the simulator is not a parameter error', () => {
    const parameters = [{ src: { dependencyName: 'd', dataKey: 'a' }, dest: Array.from({ length: 12_000 }, () => 'x').join('.') }];
    const filters = { data: [{ path: 'a', type: 'number', value: ['1'] }] };
    const report = simulateSensor(sensor(filters, { k8s: { operation: 'create', source: { resource: configMap }, parameters } }), event({ a: 1 }), { now: NOW });
    expect(report.triggers).toEqual([{ name: 't', fired: false, resource: null, error: null, cannotEvaluate: expect.stringContaining(TOO_DEEP) }]);
  });

  it('a trigger that fires without the dependency the simulator cannot evaluate keeps its verdict', () => {
    const spec = sensor({ exprs: [{ expr: nestedParens('a == 1', 10_000), fields: [{ name: 'a', path: 'a' }] }] }, { conditions: 'other' });
    spec.spec.dependencies.push({ name: 'other', eventSourceName: 'es', eventName: 'e', filters: undefined });
    const report = simulateSensor(spec, event({ a: 1 }), { now: NOW });
    expect(report.triggers[0]).toMatchObject({ name: 't', fired: true, error: null });
    expect(report.triggers[0].cannotEvaluate).toBeUndefined();
  });
});

describe('asSimulatorLimit', () => {
  it('maps stack overflows and V8 size errors, and nothing else', () => {
    expect(asSimulatorLimit(new RangeError('Maximum call stack size exceeded'))?.message).toMatch(/^the simulator cannot evaluate this input: nested or chained too deeply/);
    expect(asSimulatorLimit(new RangeError('Invalid string length'))?.message).toBe('the simulator cannot evaluate this input: a value larger than JavaScript allows (Invalid string length)');
    expect(asSimulatorLimit(new RangeError('toFixed() digits argument must be between 0 and 100'))).toBeUndefined();
    expect(asSimulatorLimit(new Error('Maximum call stack size exceeded'))).toBeUndefined();
  });
});
