import { conditionNames, triggerRules } from '../../src/lint/trigger-rules';
import { k8sResourceRules } from '../../src/lint/k8s-resource-rules';
import { eventSourceRules } from '../../src/lint/event-source-rules';
import { referenceRules } from '../../src/lint/reference-rules';
import { lintContextOf } from '../../src/lint/lint-context';
import { sensorWith } from './sensor-builders';

const resource = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } };

describe('triggerRules', () => {
  test('condition names', () => {
    expect(conditionNames('a && (b-c || !d)')).toEqual(['a', 'b-c', 'd']);
  });

  test.each([
    ['retry inside template', { template: { name: 't', retryStrategy: { steps: 3 }, k8s: { source: { resource } } } }, ['error retry-in-template']],
    ['retry without atLeastOnce', { retryStrategy: { steps: 3 }, template: { name: 't', k8s: { source: { resource } } } }, ['warning retry-without-at-least-once']],
    ['retry with atLeastOnce', { atLeastOnce: true, retryStrategy: { steps: 3 }, template: { name: 't', k8s: { source: { resource } } } }, []],
    ['unknown condition', { template: { name: 't', conditions: 'dep && other', k8s: { source: { resource } } } }, ['error conditions-unknown-dependency']],
    ['unknown parameter dependency', { template: { name: 't', k8s: { source: { resource }, parameters: [{ src: { dependencyName: 'nope', dataKey: 'body.action' }, dest: 'data.x' }] } } }, ['error parameter-unknown-dependency']],
  ])('%s', (_name, trigger, expected) => {
    expect(triggerRules(sensorWith({ trigger })).map(f => `${f.severity} ${f.rule}`)).toEqual(expected);
  });
});

describe('k8sResourceRules', () => {
  test('generateName on create', () => {
    const trigger = { template: { name: 't', k8s: { operation: 'create', source: { resource: { ...resource, metadata: { generateName: 'x-' } } } } } };
    expect(k8sResourceRules(sensorWith({ trigger })).map(f => [f.rule, f.path.join('.')])).toEqual([
      ['generate-name', 'spec.triggers.0.template.k8s.source.resource.metadata.generateName'],
    ]);
  });

  test.each([
    ['a ConfigMap (an Argo Workflow, ...) is meant to get new names', resource, {}, 'warning'],
    ['a CodeRun: a duplicate starts a second agent on the same failure', { ...resource, kind: 'CodeRun' }, {}, 'error'],
    ['atLeastOnce: a retried create makes a second object', resource, { atLeastOnce: true }, 'error'],
  ])('generateName severity: %s', (_name, created, triggerFields, severity) => {
    const withGenerateName = { ...created, metadata: { generateName: 'x-' } };
    const viaResource = { ...triggerFields, template: { name: 't', k8s: { operation: 'create', source: { resource: withGenerateName } } } };
    const viaParameter = {
      ...triggerFields,
      template: { name: 't', k8s: { operation: 'create', source: { resource: created }, parameters: [{ src: { dependencyName: 'dep', value: 'x-' }, dest: 'metadata.generateName' }] } },
    };
    for (const trigger of [viaResource, viaParameter]) {
      expect(k8sResourceRules(sensorWith({ trigger })).filter(f => f.rule === 'generate-name').map(f => f.severity)).toEqual([severity]);
    }
  });

  test('generateName in an inline source is reported at the inline text', () => {
    const inline = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: x-\n';
    const trigger = { template: { name: 't', k8s: { operation: 'create', source: { inline } } } };
    expect(k8sResourceRules(sensorWith({ trigger })).map(f => [f.rule, f.path.join('.')])).toEqual([
      ['generate-name', 'spec.triggers.0.template.k8s.source.inline'],
    ]);
    const unreadable = { template: { name: 't', k8s: { operation: 'create', source: { inline: 'a: [' } } } };
    expect(k8sResourceRules(sensorWith({ trigger: unreadable }))).toEqual([]);
  });
});

describe('eventSourceRules', () => {
  const eventSource = (github: Record<string, unknown>) => ({ kind: 'EventSource', metadata: { name: 'github' }, spec: { github: { org: github } } });
  test.each([
    ['webhookSecret set', { webhookSecret: { name: 's', key: 'k' } }, []],
    ['secret typo', { secret: { name: 's', key: 'k' } }, ['spec.github.org.secret']],
    ['no secret at all', {}, ['spec.github.org']],
  ])('%s', (_name, github, paths) => {
    expect(eventSourceRules(eventSource(github)).map(f => f.path.join('.'))).toEqual(paths);
  });

  test('a missing secret is a risk (a warning): events are still delivered', () => {
    expect(eventSourceRules(eventSource({})).map(f => f.severity)).toEqual(['warning']);
  });
});

describe('referenceRules', () => {
  const source = { kind: 'EventSource', metadata: { name: 'github', namespace: 'argo' }, spec: { github: { org: {} } } };
  test('matching EventSource and event', () => {
    expect(referenceRules(sensorWith(), lintContextOf([source]))).toEqual([]);
  });
  test('unknown event', () => {
    const other = { ...source, spec: { github: { repo: {} } } };
    expect(referenceRules(sensorWith(), lintContextOf([other])).map(f => `${f.severity} ${f.rule} ${f.path.join('.')}`)).toEqual([
      'warning unknown-event-source spec.dependencies.0.eventName',
    ]);
  });
  test('nothing to compare with', () => {
    expect(referenceRules(sensorWith(), lintContextOf([]))).toEqual([]);
  });
});
