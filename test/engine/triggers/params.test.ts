import type { SensorEvent } from '../../../src/engine/event';
/**
 * What the golden fixtures (test/golden/triggers) do not reach: parameters of one trigger share
 * a decoded document, which must not leak a template's modification into the next parameter
 * (params.go at 6478ece decodes the event afresh in getValueWithTemplate for every parameter).
 */
import { newEvaluationCaches } from '../../../src/engine/evaluation-caches';
import { decodeTrigger } from '../../../src/engine/model';
import { runTrigger } from '../../../src/engine/triggers';
import { applyParams, newParameterContext, type DependencyEvents } from '../../../src/engine/triggers/params';
import type { TriggerParameterSource } from '../../../src/engine/triggers/parameter-types';

const DATA = JSON.stringify({ a: { b: 'x' } });

const EVENT: SensorEvent = {
  context: {
    type: 'github',
    source: 'es',
    subject: 'ev',
    id: '0123456789abcdef0123456789abcdef',
    time: '2024-05-06T07:08:09.123+02:00',
    datacontenttype: 'application/json',
    specversion: '1.0',
  },
  data: DATA,
};

function events(event: SensorEvent = EVENT): DependencyEvents {
  return new Map([['dep', event]]);
}

const src = (fields: Partial<TriggerParameterSource>): TriggerParameterSource => ({ dependencyName: 'dep', ...fields });

describe('applyParams (reference §7)', () => {
  const BASE = '{"metadata":{"name":"old","labels":{"x":"1"}},"n":5}';
  const apply = (parameters: unknown[]): unknown => JSON.parse(applyParams(BASE, parameters, events()));
  const param = (fields: Partial<TriggerParameterSource>, dest: string, operation?: string) => ({ src: src(fields), dest, ...(operation === undefined ? {} : { operation }) });

  it('decodes the document afresh for a template that modifies it, as Go does per parameter', () => {
    const result = apply([
      param({ dataTemplate: '{{ .Input.a.b }}' }, 'before'),
      param({ dataTemplate: '{{ $_ := set .Input.a "b" "changed" }}{{ .Input.a.b }}' }, 'during'),
      param({ dataTemplate: '{{ .Input.a.b }}' }, 'after'),
      param({ dataTemplate: '{{ $_ := mergeOverwrite .Input.a (dict "b" "merged") }}{{ .Input.a.b }}' }, 'merging'),
      param({ dataTemplate: '{{ .Input.a.b }}' }, 'last'),
    ]);
    expect(result).toMatchObject({ before: 'x', during: 'changed', after: 'x', merging: 'merged', last: 'x' });
  });
});

describe('what the parameters of a trigger run share', () => {
  const param = (fields: Partial<TriggerParameterSource>, dest: string) => ({ src: src(fields), dest });

  it('converts, indexes and decodes each event once per run, in the context it is given', () => {
    const caches = newEvaluationCaches();
    const context = newParameterContext(caches.templates);
    const parameters = [param({ dataKey: 'a.b' }, 'k1'), param({ dataKey: 'a' }, 'k2'), param({ dataTemplate: '{{ .Input.a.b }}' }, 't1'), param({ dataTemplate: '{{ .Input.a.b }}!' }, 't2')];
    expect(JSON.parse(applyParams('{}', parameters, events(), context))).toEqual({ k1: 'x', k2: '{"b":"x"}', t1: 'x', t2: 'x!' });
    expect([context.dataJson.size, context.views.size, context.decoded.size, caches.templates.size]).toEqual([1, 1, 1, 2]);
  });

  it('keeps nothing between runs but the template caches it is given', () => {
    const caches = newEvaluationCaches();
    const trigger = decodeTrigger({ template: { name: 't', http: { url: 'http://x', payload: [param({ dataTemplate: '{{ .Input.a.b }}' }, 'v')] } } }, ['spec', 'triggers', 0]);
    const run = (data: string): unknown => runTrigger({ trigger, events: events({ ...EVENT, data }), sensorName: 's', now: new Date(0), templates: caches.templates });
    expect(run(DATA)).toMatchObject({ payload: { v: 'x' } });
    // The same document text again, then another: each run reads its own event.
    expect(run(JSON.stringify({ a: { b: 'y' } }))).toMatchObject({ payload: { v: 'y' } });
    expect(run(DATA)).toMatchObject({ payload: { v: 'x' } });
    expect(caches.templates.size).toBe(1);
  });
});
