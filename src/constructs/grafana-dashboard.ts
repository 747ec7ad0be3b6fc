import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { remediationDashboard } from '../monitoring/dashboard';
import { DASHBOARD_DEFAULTS, grafanaDashboardProblems, type GrafanaDashboardOptions } from '../monitoring/options';

/** Props of {@link GrafanaDashboard}: what it watches, and the options (each with its default). */
export interface GrafanaDashboardProps extends GrafanaDashboardOptions {
  /** Name and namespace of the Sensor whose metrics the dashboard shows. */
  readonly sensor: { readonly name: string; readonly namespace: string };
  /** Name and namespace of the EventSource whose metrics the dashboard shows. */
  readonly eventSource: { readonly name: string; readonly namespace: string };
}

/** The ConfigMap key holding the dashboard (the sidecar writes each key as a file). */
export const DASHBOARD_KEY = 'ci-remediation.json';

/**
 * A Grafana dashboard of the stack (Argo Events' Sensor and EventSource metrics, and the KPIs of
 * `ci-remediation report --format prometheus`) in a ConfigMap labelled for the Grafana sidecar of
 * kube-prometheus-stack, which imports it into Grafana.
 */
export class GrafanaDashboard extends Construct {
  public readonly configMap: kplus.ConfigMap;

  constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    super(scope, id);
    const problems = grafanaDashboardProblems(props);
    if (problems.length > 0) throw new Error(`GrafanaDashboard: ${problems.join('; ')}`);
    const name = props.name ?? DASHBOARD_DEFAULTS.name;
    const namespace = props.namespace ?? props.sensor.namespace;
    const sidecarLabel = props.sidecarLabel ?? DASHBOARD_DEFAULTS.sidecarLabel;
    const folderAnnotation = props.folderAnnotation ?? DASHBOARD_DEFAULTS.folderAnnotation;
    const uid = props.uid ?? DASHBOARD_DEFAULTS.uid;
    const title = props.title ?? DASHBOARD_DEFAULTS.title;

    const dashboard = remediationDashboard({ sensor: props.sensor, eventSource: props.eventSource, uid, title });
    this.configMap = new kplus.ConfigMap(this, 'Resource', {
      metadata: {
        name,
        namespace,
        labels: { ...props.labels, [sidecarLabel.key]: sidecarLabel.value },
        ...(props.folder !== undefined ? { annotations: { [folderAnnotation]: props.folder } } : {}),
      },
    });
    this.configMap.addData(DASHBOARD_KEY, `${JSON.stringify(dashboard, null, 2)}\n`);
  }
}
