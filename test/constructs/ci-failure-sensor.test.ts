import { Testing } from 'cdk8s';
import { CiFailureSensor, DEPENDENCY_NAME, TRIGGER_NAME, type CiFailureSensorProps } from '../../src/constructs/ci-failure-sensor';
import { equals } from '../../src/filters/data-filter';
import { only, synthChart } from '../helpers/chart';

// What the design promises of the default Sensor (the whole stack's drift is the dist/ check in .ci/run).
describe('the default Sensor, as focused snapshots', () => {
  const sensor = only(synthChart(), 'Sensor');
  test('its one dependency and the filters, in order', () => {
    expect(sensor.spec.dependencies).toMatchSnapshot();
  });
  test('its trigger: the CodeRun, its parameters, rate limit and retries', () => {
    expect(sensor.spec.triggers).toMatchSnapshot();
  });
});

describe('CiFailureSensor, on its own props', () => {
  const trigger = {
    template: {
      name: TRIGGER_NAME,
      k8S: {
        operation: 'create',
        source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'pending' } } },
        parameters: [{ src: { dependencyName: DEPENDENCY_NAME, dataKey: 'body.x' }, dest: 'metadata.name' }],
      },
    },
  };
  const props: CiFailureSensorProps = {
    name: 'sensor', namespace: 'argo', serviceAccountName: 'sa', eventSourceName: 'github', eventName: 'org',
    dataFilters: [equals('body.action', 'completed')], trigger,
  };
  const build = (overrides: Partial<CiFailureSensorProps>): Record<string, any> => {
    const chart = Testing.chart();
    new CiFailureSensor(chart, 'Sensor', { ...props, ...overrides });
    return Testing.synth(chart)[0];
  };

  test('optional props take their documented defaults: 1 replica, the controller\'s resources, no labels', () => {
    const sensor = build({});
    expect(sensor.spec.replicas).toBe(1);
    expect(sensor.spec.template).toEqual({ serviceAccountName: 'sa' });
    expect(sensor.metadata.labels).toBeUndefined();
    expect(sensor.spec.dependencies).toEqual([{ name: DEPENDENCY_NAME, eventSourceName: 'github', eventName: 'org', filters: { data: [{ path: 'body.action', type: 'string', value: ['^completed$'] }] } }]);
  });

  test('no filters is refused: every event would fire the trigger', () => {
    expect(() => build({ dataFilters: [] })).toThrow(/^CiFailureSensor test\/Sensor: dataFilters: give at least one filter; without filters every event of the EventSource fires the trigger$/);
  });

  test('a trigger reading another dependency is refused, naming it and the fix', () => {
    const foreign = { ...trigger, template: { ...trigger.template, k8S: { ...trigger.template.k8S, parameters: [{ src: { dependencyName: 'other', dataKey: 'body.x' }, dest: 'metadata.name' }] } } };
    expect(() => build({ trigger: foreign })).toThrow(/trigger: its parameters read from "other", but the dependency is named "workflow-run-failed"; build the trigger with DEPENDENCY_NAME/);
  });

  test('replicas that are not a positive integer are refused', () => {
    expect(() => build({ replicas: 0 })).toThrow(/replicas: 0 is not a positive integer/);
  });
});
