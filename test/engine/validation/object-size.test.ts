import { jsonSizeBytes, OBJECT_SIZE_LIMIT_BYTES, objectSizeIssue } from '../../../src/engine/validation';

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
