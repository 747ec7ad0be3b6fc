/** Drift compares only what synth sets; the API server's own fields are not drift. */
import { diffFields, objectDrift, shortValue } from '../../src/cluster/drift';

test('fields only in the live object (server-populated) are not drift', () => {
  const want = { spec: { ports: [{ name: 'webhook', port: 12000 }] } };
  const live = { spec: { clusterIP: '10.0.0.1', ports: [{ name: 'webhook', port: 12000, protocol: 'TCP' }] }, status: { loadBalancer: {} } };
  expect(diffFields(want, live)).toEqual([]);
});

test('a changed value, a missing field, a list of another length', () => {
  const want = { spec: { replicas: 1, template: { serviceAccountName: 'sa' }, args: ['a', 'b'] } };
  const live = { spec: { replicas: 2, template: {}, args: ['a'] } };
  expect(diffFields(want, live)).toEqual([
    { path: 'spec.args', want: ['a', 'b'], got: ['a'] },
    { path: 'spec.replicas', want: 1, got: 2 },
    { path: 'spec.template.serviceAccountName', want: 'sa', got: undefined },
  ]);
});

test('an empty object or list in synth matches an absent one (the API server drops empty values)', () => {
  expect(diffFields({ spec: { selector: {}, items: [] } }, { spec: {} })).toEqual([]);
});

test('metadata: only the labels and annotations synth sets; status is never compared', () => {
  const desired = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'argo', labels: { 'app.kubernetes.io/part-of': 'ci-remediation' } }, status: { x: 1 } };
  const live = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa', namespace: 'argo', uid: 'u', resourceVersion: '5', labels: { 'app.kubernetes.io/part-of': 'x', extra: 'y' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } } };
  expect(objectDrift(desired, live)).toEqual([{ path: 'metadata.labels["app.kubernetes.io/part-of"]', want: 'ci-remediation', got: 'x' }]);
});

test('long values are cut, never printed whole', () => {
  expect(shortValue('x'.repeat(500))).toMatch(/^"x{78}… \(502 characters\)$/);
  expect(shortValue(undefined)).toBe('(missing)');
});
