import { Construct } from 'constructs';
import { PodMonitor } from '../../imports/monitoring.coreos.com';
import { isDns1123Subdomain } from '../engine/validation/kubernetes-names';
import { METRICS_PATH, METRICS_PORT_NAME } from '../monitoring/argo-events-metrics';
import { argoEventsPodMonitorsProblems, type ArgoEventsPodMonitorsOptions } from '../monitoring/options';
import { SENSOR_POD_LABEL } from './ci-failure-sensor';
import { EVENT_SOURCE_POD_LABEL } from './github-event-source';

/** Props of {@link ArgoEventsPodMonitors}: the pods to scrape, and the options (each with its default). */
export interface ArgoEventsPodMonitorsProps extends ArgoEventsPodMonitorsOptions {
  /** Name and namespace of the Sensor whose pods are scraped. */
  readonly sensor: { readonly name: string; readonly namespace: string };
  /** Name and namespace of the EventSource whose pods are scraped. */
  readonly eventSource: { readonly name: string; readonly namespace: string };
}

/**
 * Two prometheus-operator `PodMonitor`s making Prometheus scrape Argo Events' own metrics from the
 * Sensor's and the EventSource's pods, which the dashboard and the alerts read: without them
 * `CiRemediationSensorDown` and `CiRemediationEventSourceDown` fire although both run.
 *
 * Two objects, because one PodMonitor has one label selector and the pods carry different keys
 * (`sensor-name`, `eventsource-name`): a selector cannot match either. Each PodMonitor is named after
 * its object (`<sensor>-sensor`, `<eventsource>-eventsource`, like the Deployments Argo Events
 * creates) and lives in its pods' namespace, which it also names in `namespaceSelector` (so a
 * Prometheus with `ignoreNamespaceSelectors` still finds them). The endpoint is the container port
 * named `metrics`, which the controller declares on every such pod.
 */
export class ArgoEventsPodMonitors extends Construct {
  /** The PodMonitor of the Sensor's pods. */
  public readonly sensorMonitor: PodMonitor;
  /** The PodMonitor of the EventSource's pods. */
  public readonly eventSourceMonitor: PodMonitor;

  constructor(scope: Construct, id: string, props: ArgoEventsPodMonitorsProps) {
    super(scope, id);
    const sensorName = `${props.sensor.name}-sensor`;
    const eventSourceName = `${props.eventSource.name}-eventsource`;
    const problems = argoEventsPodMonitorsProblems(props);
    for (const name of [sensorName, eventSourceName]) {
      if (!isDns1123Subdomain(name)) problems.push(`"${name}" is not a valid PodMonitor name (at most 253 lower-case letters, digits, "-" and "."); shorten the Sensor's or EventSource's name`);
    }
    if (problems.length > 0) throw new Error(`ArgoEventsPodMonitors ${this.node.path}: ${problems.join('; ')}`);

    const monitor = (construct: string, name: string, namespace: string, podLabels: Record<string, string>): PodMonitor => new PodMonitor(this, construct, {
      metadata: { name, namespace, labels: props.labels ?? {} },
      spec: {
        selector: { matchLabels: podLabels },
        namespaceSelector: { matchNames: [namespace] },
        podMetricsEndpoints: [{
          port: METRICS_PORT_NAME,
          path: METRICS_PATH,
          ...(props.interval !== undefined ? { interval: props.interval } : {}),
        }],
      },
    });
    this.sensorMonitor = monitor('Sensor', sensorName, props.sensor.namespace, { [SENSOR_POD_LABEL]: props.sensor.name });
    this.eventSourceMonitor = monitor('EventSource', eventSourceName, props.eventSource.namespace, { [EVENT_SOURCE_POD_LABEL]: props.eventSource.name });
  }
}
