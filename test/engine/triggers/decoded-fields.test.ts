import type { SensorEvent } from '../../../src/engine/event';
import { decodeTrigger } from '../../../src/engine/model';
import { runTrigger } from '../../../src/engine/triggers';
import { decodedTriggerTemplate } from '../../../src/engine/triggers/decoded-fields';

describe('decodedTriggerTemplate (reference §7: unknown fields vanish)', () => {
  test('drops fields the structs do not declare, at any depth', () => {
    expect(decodedTriggerTemplate({
      name: 't',
      bogus: 1,
      http: { url: 'u', method: 'POST', typo: true, headers: { 'X-Any': 'kept' }, payload: [{ src: { dependencyName: 'd', dataKey: 'a', extra: 1 }, dest: 'x' }] },
    })).toEqual({
      name: 't',
      http: { url: 'u', method: 'POST', headers: { 'X-Any': 'kept' }, payload: [{ src: { dependencyName: 'd', dataKey: 'a' }, dest: 'x' }] },
    });
  });

  test('takes a key that matches a field only case-insensitively under the field name, as Go does', () => {
    expect(decodedTriggerTemplate({ name: 't', HTTP: { URL: 'u' } })).toEqual({ name: 't', http: { url: 'u' } });
  });

  test('keeps a k8s resource as written (free-form)', () => {
    const resource = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', anything: { deep: [1] } } };
    expect(decodedTriggerTemplate({ name: 't', k8s: { operation: 'create', source: { resource } } })).toEqual({ name: 't', k8s: { operation: 'create', source: { resource } } });
  });
});

describe('runTrigger', () => {
  const context = { type: 'webhook', source: 'es', subject: 'ev', id: '1', time: '', datacontenttype: 'application/json', specversion: '1.0' };
  const event: SensorEvent = { context, data: '{"x":"v"}' };
  const run = (trigger: unknown) => runTrigger({ trigger: decodeTrigger(trigger, ['spec', 'triggers', 0]), events: new Map([['d', event]]), sensorName: 's', now: new Date(0) });

  test('a trigger-level parameter into an unknown field has no effect', () => {
    const trigger = { template: { name: 't', http: { url: 'u', method: 'POST' } }, parameters: [{ src: { dependencyName: 'd', dataKey: 'x' }, dest: 'http.bogus' }] };
    expect(run(trigger)).toEqual({ url: 'u', method: 'POST' });
  });

  test('a type-level parameter into a known field is kept', () => {
    const trigger = { template: { name: 't', http: { url: 'u', parameters: [{ src: { dependencyName: 'd', dataKey: 'x' }, dest: 'method' }, { src: { dependencyName: 'd', dataKey: 'x' }, dest: 'nope' }] } } };
    expect(run(trigger)).toEqual({ url: 'u', method: 'v' });
  });

  test('a template whose only type is misspelt has no trigger type', () => {
    expect(() => run({ template: { name: 't', htttp: { url: 'u' } } })).toThrow('trigger template has no trigger type (k8s, http, ...)');
  });
});
