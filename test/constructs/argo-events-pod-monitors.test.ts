/**
 * ArgoEventsPodMonitors on its own props: the PodMonitors must select the pods the Argo Events
 * controller creates and scrape the port those pods declare. The pods' labels and ports below are
 * written from argo-events 6478ece, independently of the constants the construct uses:
 * - labels: pkg/reconciler/sensor/controller.go lines 125-129 and pkg/reconciler/eventsource/controller.go
 *   lines 89-93 (`controller`, `sensor-name` / `eventsource-name`, `owner-name`), put on the pod template
 *   by pkg/reconciler/{sensor,eventsource}/resource.go (podTemplateLabels);
 * - ports: the same resource.go files (sensor lines 315-317, eventsource lines 353-355), one container
 *   port `{ name: "metrics", containerPort: 7777 }`, serving `/metrics` (pkg/metrics/metrics.go line 216).
 * The objects are also validated against prometheus-operator v0.93.0's PodMonitor CRD (vendored).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { ArgoEventsPodMonitors, type ArgoEventsPodMonitorsProps } from '../../src/constructs/argo-events-pod-monitors';
import { PROJECT_ROOT } from '../helpers/chart';

/** The labels the controller puts on a Sensor's pods. */
const sensorPodLabels = (name: string): Record<string, string> => ({ controller: 'sensor-controller', 'sensor-name': name, 'owner-name': name });
/** The labels the controller puts on an EventSource's pods. */
const eventSourcePodLabels = (name: string): Record<string, string> => ({ controller: 'eventsource-controller', 'eventsource-name': name, 'owner-name': name });
/** The container ports the controller declares on both kinds of pods. */
const CONTROLLER_CONTAINER_PORTS = [{ name: 'metrics', containerPort: 7777 }];

/** A Kubernetes label selector with `matchLabels` only (what the construct writes) applied to a pod's labels. */
function selects(selector: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] }, labels: Record<string, string>): boolean {
  expect(selector.matchExpressions).toBeUndefined();
  const required = Object.entries(selector.matchLabels ?? {});
  return required.length > 0 && required.every(([key, value]) => labels[key] === value);
}

const props: ArgoEventsPodMonitorsProps = {
  sensor: { name: 'remediate', namespace: 'events' },
  eventSource: { name: 'gh', namespace: 'hooks' },
};

function build(overrides: Partial<ArgoEventsPodMonitorsProps> = {}): { sensor: Record<string, any>; eventSource: Record<string, any> } {
  const chart = Testing.chart();
  new ArgoEventsPodMonitors(chart, 'PodMonitors', { ...props, ...overrides });
  const [sensor, eventSource] = Testing.synth(chart);
  return { sensor, eventSource };
}

describe('ArgoEventsPodMonitors', () => {
  test('the two PodMonitors with the defaults', () => {
    expect(build()).toMatchSnapshot();
  });

  test('each selects its object\'s pods as the controller labels them, and no other pod', () => {
    const { sensor, eventSource } = build({ sensor: { name: 'same', namespace: 'argo' }, eventSource: { name: 'same', namespace: 'argo' } });
    expect(selects(sensor.spec.selector, sensorPodLabels('same'))).toBe(true);
    expect(selects(sensor.spec.selector, eventSourcePodLabels('same'))).toBe(false);
    expect(selects(sensor.spec.selector, sensorPodLabels('other'))).toBe(false);
    expect(selects(eventSource.spec.selector, eventSourcePodLabels('same'))).toBe(true);
    expect(selects(eventSource.spec.selector, sensorPodLabels('same'))).toBe(false);
    expect(selects(eventSource.spec.selector, eventSourcePodLabels('other'))).toBe(false);
  });

  test('each lives in its pods\' namespace and names it in namespaceSelector', () => {
    const { sensor, eventSource } = build();
    expect(sensor.metadata.namespace).toBe('events');
    expect(sensor.spec.namespaceSelector).toEqual({ matchNames: ['events'] });
    expect(eventSource.metadata.namespace).toBe('hooks');
    expect(eventSource.spec.namespaceSelector).toEqual({ matchNames: ['hooks'] });
  });

  test('the endpoint is the named container port the pods declare, and the metrics path', () => {
    for (const monitor of Object.values(build())) {
      expect(monitor.spec.podMetricsEndpoints).toHaveLength(1);
      const [endpoint] = monitor.spec.podMetricsEndpoints;
      // prometheus-operator v0.93.0: `port` is a pod port name; without such a port no target is discovered.
      expect(CONTROLLER_CONTAINER_PORTS.map(p => p.name)).toContain(endpoint.port);
      expect(endpoint.portNumber).toBeUndefined();
      expect(endpoint.targetPort).toBeUndefined();
      expect(endpoint.path).toBe('/metrics');
      expect(endpoint.interval).toBeUndefined();
    }
  });

  test('labels and interval are passed on', () => {
    const { sensor, eventSource } = build({ labels: { release: 'kube-prometheus-stack' }, interval: '30s' });
    for (const monitor of [sensor, eventSource]) {
      expect(monitor.metadata.labels).toEqual({ release: 'kube-prometheus-stack' });
      expect(monitor.spec.podMetricsEndpoints[0].interval).toBe('30s');
    }
  });

  test('both validate against prometheus-operator v0.93.0\'s PodMonitor CRD', () => {
    const crd = YAML.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'imports', 'crds', 'podmonitors.monitoring.coreos.com.yaml'), 'utf8'));
    // Structure and patterns; the CRD's formats (int64...) and CEL rules are the API server's.
    const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(crd.spec.versions[0].schema.openAPIV3Schema);
    for (const monitor of Object.values(build({ labels: { release: 'x' }, interval: '1m30s' }))) {
      expect(validate(monitor) ? [] : validate.errors).toEqual([]);
      // The check can fail: an interval the CRD's pattern refuses.
      expect(validate({ ...monitor, spec: { ...monitor.spec, podMetricsEndpoints: [{ port: 'metrics', interval: '90 s' }] } })).toBe(false);
    }
  });

  test.each([
    ['an interval that is no duration', { interval: '30 seconds' }, /interval: "30 seconds" is not a Prometheus duration/],
    ['a zero interval', { interval: '0s' }, /interval: "0s" is not a Prometheus duration/],
    ['an invalid label key', { labels: { 'a b': 'x' } }, /labels: key "a b" is not a valid label key/],
    ['a Sensor name too long for "<name>-sensor"', { sensor: { name: 'x'.repeat(250), namespace: 'argo' } }, /is not a valid PodMonitor name .*; shorten the Sensor's or EventSource's name/],
  ])('refuses %s, naming the field and the fix', (_case, overrides, message) => {
    expect(() => build(overrides)).toThrow(message);
  });
});
