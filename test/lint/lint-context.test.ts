import { eventSourceTypeOf, lintContextOf } from '../../src/lint/lint-context';
import { dependenciesOf } from '../../src/lint/sensor-model';

function sensorListeningTo(eventSourceName: string, eventName: string) {
  return { kind: 'Sensor', metadata: { name: 's' }, spec: { dependencies: [{ name: 'd', eventSourceName, eventName }], triggers: [] } };
}

describe('eventSourceTypeOf', () => {
  const eventSource = {
    kind: 'EventSource',
    metadata: { name: 'hooks' },
    spec: { template: { container: { image: 'x' } }, webhook: { push: { endpoint: '/push', port: '12000' } }, github: { org: { organizations: ['acme'] } } },
  };

  test('the type under which the named EventSource defines the event', () => {
    const context = lintContextOf([eventSource]);
    expect(eventSourceTypeOf(dependenciesOf(sensorListeningTo('hooks', 'org'))[0], context).type).toBe('github');
    expect(eventSourceTypeOf(dependenciesOf(sensorListeningTo('hooks', 'push'))[0], context).type).toBe('other');
    expect(eventSourceTypeOf(dependenciesOf(sensorListeningTo('other', 'org'))[0], context).type).toBe('unknown');
  });

  test('settings of the EventSource (spec.template, service, ...) are not events', () => {
    // `spec.template.container` is the pod's container, not an event named `container`.
    const context = lintContextOf([eventSource]);
    expect(eventSourceTypeOf(dependenciesOf(sensorListeningTo('hooks', 'container'))[0], context).type).toBe('unknown');
  });
});
