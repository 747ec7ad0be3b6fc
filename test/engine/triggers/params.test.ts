import type { SensorEvent } from '../../../src/engine/event';
/**
 * What the golden fixtures (test/golden/triggers) do not reach: parameters of one trigger share
 * a decoded document, which must not leak a template's modification into the next parameter
 * (params.go at 6478ece decodes the event afresh in getValueWithTemplate for every parameter).
 */
import { applyParams, type DependencyEvents } from '../../../src/engine/triggers/params';
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
