import { jsonSizeBytes, OBJECT_SIZE_LIMIT_BYTES, objectSizeIssue } from '../../../src/engine/validation';
import { largestField } from '../../../src/engine/validation/object-size';

describe('object size limit', () => {
  test('is etcd\'s default max request size, 1.5 MiB', () => {
    expect(OBJECT_SIZE_LIMIT_BYTES).toBe(1_572_864);
  });

  test('counts UTF-8 bytes of compact JSON', () => {
    expect(jsonSizeBytes({ a: 'é' })).toBe('{"a":"é"}'.length + 1);
  });

  test('an object at the limit passes, one byte over is refused at its root', () => {
    const padding = '{"v":""}'.length;
    expect(objectSizeIssue({ v: 'x'.repeat(OBJECT_SIZE_LIMIT_BYTES - padding) })).toBeUndefined();
    expect(objectSizeIssue({ v: 'x'.repeat(OBJECT_SIZE_LIMIT_BYTES - padding + 1) }, 'the ConfigMap')).toEqual({
      path: [],
      rule: 'kubernetes/object-size',
      message: 'the ConfigMap is 1,572,865 bytes as JSON, over the 1,572,864 bytes (1.5 MiB) etcd stores by default: '
        + 'the API server refuses it (etcdserver: request is too large); move the large data out of it',
    });
  });
});

describe('largestField', () => {
  test('names the field holding most of the bytes, through lists and odd keys', () => {
    const sensor = { kind: 'Sensor', spec: { triggers: [{ template: { k8s: { source: { resource: { spec: { env: { small: 'a', 'BIG.VALUE': 'x'.repeat(2_000_000) } } } } } } }] } };
    expect(largestField(sensor)).toEqual({ path: 'spec.triggers[0].template.k8s.source.resource.spec.env["BIG.VALUE"]', bytes: 2_000_002 });
  });

  test('many small fields: the field that holds them is named', () => {
    const items = Array.from({ length: 2_000 }, (_, i) => `${i}`.padStart(1_000, '0'));
    expect(largestField({ kind: 'List', spec: { items } })).toMatchObject({ path: 'spec.items' });
  });
});
