import type { SensorEvent } from '../../../src/engine/event';
import { applyParams, resolveParamValue, TriggerParameterError, type DependencyEvents, type ResolvedValue } from '../../../src/engine/triggers/params';
import type { TriggerParameterSource } from '../../../src/engine/triggers/parameter-types';

const DATA = JSON.stringify({
  a: { b: 'x', n: 123456789, s7: 1234567, f: 21500, id: 19289199112, obj: { k: 1 }, arr: [1, 'a', true], nul: null, t: true, e: '' },
});

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

const CONTEXT_JSON = '{"id":"0123456789abcdef0123456789abcdef","source":"es","specversion":"1.0","type":"github",'
  + '"datacontenttype":"application/json","subject":"ev","time":"2024-05-06T05:08:09Z"}';

function events(event: SensorEvent = EVENT): DependencyEvents {
  return new Map([['dep', event]]);
}

const src = (fields: Partial<TriggerParameterSource>): TriggerParameterSource => ({ dependencyName: 'dep', ...fields });
const str = (value: string): ResolvedValue => ({ value, kind: 'String' });

describe('resolveParamValue (reference §7)', () => {
  test.each<[string, Partial<TriggerParameterSource>, ResolvedValue | null]>([
    // 1. No event for the dependency.
    ['missing event, value', { dependencyName: 'other', dataKey: 'a.b', value: 'dflt' }, str('dflt')],
    ['missing event, no value: skipped', { dependencyName: 'other', dataKey: 'a.b' }, null],
    // 2. No key and no template.
    ['no key, value wins over the event', { value: 'dflt' }, str('dflt')],
    ['no key: the whole event', {}, str(`{"context":${CONTEXT_JSON},"data":"${Buffer.from(DATA).toString('base64')}"}`)],
    // 5. Keys (gjson String(), kind kept).
    ['dataKey string', { dataKey: 'a.b' }, str('x')],
    ['dataKey integer keeps its digits', { dataKey: 'a.id' }, { value: '19289199112', kind: 'Number' }],
    ['dataKey object is raw JSON', { dataKey: 'a.obj' }, { value: '{"k":1}', kind: 'JSON' }],
    ['dataKey array is raw JSON', { dataKey: 'a.arr' }, { value: '[1,"a",true]', kind: 'JSON' }],
    ['dataKey null', { dataKey: 'a.nul' }, { value: 'null', kind: 'Null' }],
    ['dataKey true', { dataKey: 'a.t' }, { value: 'true', kind: 'True' }],
    ['dataKey empty string is a value', { dataKey: 'a.e', value: 'dflt' }, str('')],
    ['dataKey missing falls back to value', { dataKey: 'a.missing', value: 'dflt' }, str('dflt')],
    // 4. Templates: Go float printing of float64 numbers.
    ['template float64 with exponent', { dataTemplate: '{{ .Input.a.n }}' }, str('1.23456789e+08')],
    ['template 7 significant digits', { dataTemplate: '{{ .Input.a.s7 }}' }, str('1.234567e+06')],
    ['template small integer stays', { dataTemplate: '{{ .Input.a.f }}' }, str('21500')],
    ['template run id', { dataTemplate: '{{ .Input.a.id }}' }, str('1.9289199112e+10')],
    ['template int64', { dataTemplate: 'run-{{ int64 .Input.a.id }}' }, str('run-19289199112')],
    ['template printf %.0f', { dataTemplate: '{{ printf "%.0f" .Input.a.n }}' }, str('123456789')],
    ['template map', { dataTemplate: '{{ .Input.a.obj }}' }, str('map[k:1]')],
    ['template list', { dataTemplate: '{{ .Input.a.arr }}' }, str('[1 a true]')],
    ['template number result is a string kind', { dataTemplate: '{{ .Input.a.f }}', useRawData: true }, str('21500')],
    ['template wins over key', { dataTemplate: 'T', dataKey: 'a.b' }, str('T')],
    // Template fall-through to the key, then to the value.
    ['template "" falls through to key', { dataTemplate: '{{ .Input.a.e }}', dataKey: 'a.b' }, str('x')],
    ['template <no value> falls through to key', { dataTemplate: '{{ .Input.a.missing }}', dataKey: 'a.b' }, str('x')],
    ['x-<no value> is accepted', { dataTemplate: 'x-{{ .Input.a.missing }}', dataKey: 'a.b' }, str('x-<no value>')],
    ['template parse error falls through to key', { dataTemplate: '{{ .Input.a.b', dataKey: 'a.b' }, str('x')],
    ['template and key fail: value', { dataTemplate: '{{ .Input.a.missing }}', dataKey: 'a.missing', value: 'dflt' }, str('dflt')],
    // Context keys and templates read the JSON context.
    ['contextKey', { contextKey: 'source' }, str('es')],
    ['contextKey time is RFC 3339 seconds UTC', { contextKey: 'time' }, str('2024-05-06T05:08:09Z')],
    ['contextTemplate', { contextTemplate: '{{ .Input.type }}/{{ .Input.subject }}' }, str('github/ev')],
    // 3. Data keys win over context keys entirely.
    ['dataKey wins over contextKey', { dataKey: 'a.b', contextKey: 'source' }, str('x')],
    ['missing dataKey does not fall back to contextKey', { dataKey: 'a.missing', contextKey: 'source', value: 'dflt' }, str('dflt')],
  ])('%s', (_name, fields, expected) => {
    expect(resolveParamValue(src(fields), events())).toEqual(expected);
  });

  test.each<[string, Partial<TriggerParameterSource>, string | RegExp]>([
    ['missing key without value', { dataKey: 'a.missing' }, "unable to resolve 'dep' parameter value. err: <nil>"],
    ['template without output and no key', { dataTemplate: '{{ .Input.a.missing }}' },
      "unable to resolve 'dep' parameter value. err: template evaluated to empty string or no value: {{ .Input.a.missing }}"],
    ['template parse error, missing key', { dataTemplate: '{{ .Input.a.b', dataKey: 'a.missing' },
      /^unable to resolve 'dep' parameter value\. err: template: .*unclosed action/],
    ['missing contextKey', { contextKey: 'nope' }, "unable to resolve 'dep' parameter value. err: <nil>"],
  ])('%s fails with Argo\'s error', (_name, fields, message) => {
    let error: unknown;
    try {
      resolveParamValue(src(fields), events());
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TriggerParameterError);
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
  });

  describe('data that is not JSON', () => {
    const yamlEvent: SensorEvent = { context: EVENT.context, data: 'name: hello\ncount: 3\n' };
    const brokenEvent: SensorEvent = { context: EVENT.context, data: '{"broken": ' };
    const nilDataEvent: SensorEvent = { context: EVENT.context, data: null };

    test('YAML data is read as JSON', () => {
      expect(resolveParamValue(src({ dataKey: 'name' }), events(yamlEvent))).toEqual(str('hello'));
      expect(resolveParamValue(src({ dataKey: 'count' }), events(yamlEvent))).toEqual({ value: '3', kind: 'Number' });
      expect(resolveParamValue(src({ dataTemplate: '{{ .Input.name }}-{{ .Input.count }}' }), events(yamlEvent))).toEqual(str('hello-3'));
    });

    test('data that is neither JSON nor YAML falls back to value, else fails', () => {
      expect(resolveParamValue(src({ dataKey: 'a', value: 'dflt' }), events(brokenEvent))).toEqual(str('dflt'));
      expect(() => resolveParamValue(src({ dataKey: 'a' }), events(brokenEvent))).toThrow(/^event data is neither JSON nor YAML: /);
    });

    test('nil data has no keys', () => {
      expect(resolveParamValue(src({ dataKey: 'a', value: 'dflt' }), events(nilDataEvent))).toEqual(str('dflt'));
      expect(resolveParamValue(src({ dataTemplate: '{{ .Input }}', value: 'dflt' }), events(nilDataEvent))).toEqual(str('dflt'));
      expect(resolveParamValue(src({}), events(nilDataEvent))).toEqual(str(`{"context":${CONTEXT_JSON},"data":null}`));
    });

    test('a nil context is null', () => {
      const noContext: SensorEvent = { context: null, data: '{}' };
      expect(resolveParamValue(src({}), events(noContext))).toEqual(str('{"context":null,"data":"e30="}'));
      expect(resolveParamValue(src({ contextKey: 'id', value: 'dflt' }), events(noContext))).toEqual(str('dflt'));
    });
  });
});

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

  test.each<[string, unknown[], unknown]>([
    ['overwrite (default)', [param({ dataKey: 'a.b' }, 'metadata.name')], { metadata: { name: 'x', labels: { x: '1' } }, n: 5 }],
    ['overwrite (explicit)', [param({ dataKey: 'a.b' }, 'metadata.name', 'overwrite')], { metadata: { name: 'x', labels: { x: '1' } }, n: 5 }],
    ['a number is written as a string', [param({ dataKey: 'a.id' }, 'id')], { metadata: { name: 'old', labels: { x: '1' } }, n: 5, id: '19289199112' }],
    ['useRawData writes a number raw', [param({ dataKey: 'a.id', useRawData: true }, 'id')], { metadata: { name: 'old', labels: { x: '1' } }, n: 5, id: 19289199112 }],
    ['useRawData writes an object raw', [param({ dataKey: 'a.obj', useRawData: true }, 'n')], { metadata: { name: 'old', labels: { x: '1' } }, n: { k: 1 } }],
    ['an object without useRawData is a string', [param({ dataKey: 'a.obj' }, 'n')], { metadata: { name: 'old', labels: { x: '1' } }, n: '{"k":1}' }],
    ['useRawData with null', [param({ dataKey: 'a.nul', useRawData: true }, 'n')], { metadata: { name: 'old', labels: { x: '1' } }, n: null }],
    ['useRawData keeps strings strings', [param({ dataKey: 'a.b', useRawData: true }, 'n')], { metadata: { name: 'old', labels: { x: '1' } }, n: 'x' }],
    ['useRawData with a template stays a string', [param({ dataTemplate: '{{ int64 .Input.a.f }}', useRawData: true }, 'n')], { metadata: { name: 'old', labels: { x: '1' } }, n: '21500' }],
    ['append', [param({ value: '-x' }, 'metadata.name', 'append')], { metadata: { name: 'old-x', labels: { x: '1' } }, n: 5 }],
    ['prepend', [param({ value: 'x-' }, 'metadata.name', 'prepend')], { metadata: { name: 'x-old', labels: { x: '1' } }, n: 5 }],
    ['append to a number concatenates strings', [param({ value: '1' }, 'n', 'append')], { metadata: { name: 'old', labels: { x: '1' } }, n: '51' }],
    ['append to a missing dest overwrites', [param({ value: 'v' }, 'metadata.other', 'append')], { metadata: { name: 'old', labels: { x: '1' }, other: 'v' }, n: 5 }],
    ['a skipped parameter changes nothing', [param({ dependencyName: 'other', dataKey: 'a.b' }, 'metadata.name')], { metadata: { name: 'old', labels: { x: '1' } }, n: 5 }],
    ['escaped dots in dest', [param({ value: 'v' }, 'metadata.labels.a\\.b/c')], { metadata: { name: 'old', labels: { x: '1', 'a.b/c': 'v' } }, n: 5 }],
    ['parameters apply in order', [param({ value: 'a' }, 'metadata.name'), param({ value: 'b' }, 'metadata.name', 'append')], { metadata: { name: 'ab', labels: { x: '1' } }, n: 5 }],
    ['a numeric key creates an array', [param({ value: 'v' }, 'list.1')], { metadata: { name: 'old', labels: { x: '1' } }, n: 5, list: [null, 'v'] }],
  ])('%s', (_name, parameters, expected) => {
    expect(apply(parameters)).toEqual(expected);
  });

  test.each<[string, unknown[], string]>([
    ['unsupported operation', [param({ value: 'v' }, 'n', 'merge')], 'unsupported trigger parameter operation: merge'],
    ['empty dest', [param({ value: 'v' }, '')], 'path cannot be empty'],
    ['unresolvable value', [param({ dataKey: 'a.missing' }, 'n')], "unable to resolve 'dep' parameter value. err: <nil>"],
  ])('%s fails', (_name, parameters, message) => {
    expect(() => apply(parameters)).toThrow(new TriggerParameterError(message));
  });
});
