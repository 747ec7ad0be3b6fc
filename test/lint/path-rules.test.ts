import { lintContextOf } from '../../src/lint/lint-context';
import { canonicalHeaderKey } from '../../src/engine/github-event';
import { eventTypesOf, pathRules, templateInputPaths } from '../../src/lint/path-rules';
import { lookUpBodyPath, staticPathKeys } from '../../src/lint/payload-paths';
import { dependenciesOf } from '../../src/lint/sensor-model';
import { dataFilter, sensorWith } from './sensor-builders';

const NO_CONTEXT = lintContextOf([]);

describe('canonicalHeaderKey', () => {
  test.each([
    ['X-GitHub-Event', 'X-Github-Event'],
    ['x-hub-signature-256', 'X-Hub-Signature-256'],
    ['X-Github-Event', 'X-Github-Event'],
    ['bad key', 'bad key'],
  ])('%s -> %s', (key, canonical) => expect(canonicalHeaderKey(key)).toBe(canonical));
});

describe('payload schema lookups', () => {
  test('static keys, escapes removed; dynamic paths are not checked', () => {
    expect(staticPathKeys('body.a\\.b.c')).toEqual(['body', 'a.b', 'c']);
    expect(staticPathKeys('body.pull_requests.#.number')).toBeUndefined();
    expect(staticPathKeys('body.*')).toBeUndefined();
  });

  test.each([
    [['workflow_run', 'head_commit', 'message'], ['workflow_run'], 'found'],
    [['workflow_run', 'pull_requests', '0', 'number'], ['workflow_run'], 'found'],
    [['X-GitHub-Event'], ['workflow_run'], 'found'],
    [['workflow_run', 'nope'], ['workflow_run'], 'missing'],
    [['ref'], ['workflow_run'], 'missing'],
    [['ref'], [], 'found'],
  ])('%j in %j: %s', (keys, events, status) => {
    expect(lookUpBodyPath(keys, events).status).toBe(status);
  });

  test('event types come from a filter on the event type', () => {
    const sensor = sensorWith({ data: [dataFilter('body.X-GitHub-Event', ['^workflow_run$'])] });
    expect(eventTypesOf(dependenciesOf(sensor)[0])).toEqual(['workflow_run']);
    expect(eventTypesOf(dependenciesOf(sensorWith())[0])).toEqual([]);
  });
});

describe('pathRules', () => {
  test.each([
    ['non-canonical header key', dataFilter('headers.X-GitHub-Event', ['workflow_run']), 'error header-path'],
    ['anchored match on the header array', dataFilter('headers.X-Github-Event', ['^workflow_run$']), 'error header-path'],
    ['first header value', dataFilter('headers.X-Github-Event.0', ['^workflow_run$']), undefined],
    ['missing body. prefix', dataFilter('action', ['^completed$']), 'error data-path-root'],
    ['path in no payload', dataFilter('body.workflow_run.conclusoin', ['^failure$']), 'warning unknown-payload-path'],
  ])('%s', (_name, filter, expected) => {
    const findings = pathRules(sensorWith({ data: [filter] }), NO_CONTEXT).map(f => `${f.severity} ${f.rule}`);
    expect(findings).toEqual(expected ? [expected] : []);
  });

  test('a path valid for another event type is reported when the dependency filters on workflow_run', () => {
    const sensor = sensorWith({ data: [dataFilter('body.X-GitHub-Event', ['^workflow_run$']), dataFilter('body.ref', ['^refs/heads/main$'])] });
    expect(pathRules(sensor, NO_CONTEXT).map(f => f.message)).toEqual([
      'path "body.ref" is not in the workflow_run webhook payload (@octokit/webhooks-schemas): a filter on it fails with "path does not exist" and a parameter falls back to its value; check the spelling',
    ]);
  });

  test('a dependency on an EventSource outside the run is checked only when it shows GitHub', () => {
    const renamed = (sensor: Record<string, any>, eventSourceName: string) => {
      sensor.spec.dependencies[0].eventSourceName = eventSourceName;
      return sensor;
    };
    const unrelated = renamed(sensorWith({ data: [dataFilter('action', ['^a$'])] }), 'payments');
    expect(pathRules(unrelated, NO_CONTEXT)).toEqual([]);
    const byName = renamed(sensorWith({ data: [dataFilter('action', ['^a$'])] }), 'gh-github-org');
    expect(pathRules(byName, NO_CONTEXT).map(f => f.rule)).toEqual(['data-path-root']);
    const byFilter = renamed(sensorWith({ data: [dataFilter('body.X-GitHub-Event', ['^push$']), dataFilter('action', ['^a$'])] }), 'hooks');
    expect(pathRules(byFilter, NO_CONTEXT).map(f => f.rule)).toEqual(['data-path-root']);
  });

  test('paths read by parameter templates are checked like dataKey paths', () => {
    expect(templateInputPaths('x-{{ int64 .Input.body.workflow_run.id }}-{{ $.Input.body.a.b | lower }}{{ $v.Input.c }}{{ index .Input.body "X-GitHub-Event" }}'))
      .toEqual(['body.workflow_run.id', 'body.a.b', 'body']);
    const parameters = [{ src: { dependencyName: 'dep', dataTemplate: '{{ .Input.body.workflow_run.idd }}' }, dest: 'metadata.name' }];
    const sensor = sensorWith({ data: [dataFilter('body.X-GitHub-Event', ['^workflow_run$'])], parameters });
    expect(pathRules(sensor, NO_CONTEXT).map(f => `${f.rule} ${f.path.join('.')}`)).toEqual([
      'unknown-payload-path spec.triggers.0.template.k8s.parameters.0.src.dataTemplate',
    ]);
  });

  test('dependencies of a non-GitHub event source are not checked', () => {
    const eventSource = { apiVersion: 'argoproj.io/v1alpha1', kind: 'EventSource', metadata: { name: 'github', namespace: 'argo' }, spec: { webhook: { org: { endpoint: '/x', port: '1' } } } };
    expect(pathRules(sensorWith({ data: [dataFilter('action', ['^a$'])] }), lintContextOf([eventSource]))).toEqual([]);
  });
});
