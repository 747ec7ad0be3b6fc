import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { remediationDashboard } from '../monitoring/dashboard';
import { DASHBOARD_DEFAULTS, grafanaDashboardProblems } from '../monitoring/options';

/** Props of {@link GrafanaDashboard}. */
export interface GrafanaDashboardProps {
  /** Name and namespace of the Sensor whose metrics the dashboard shows. */
  readonly sensor: { readonly name: string; readonly namespace: string };
  /** Name and namespace of the EventSource whose metrics the dashboard shows. */
  readonly eventSource: { readonly name: string; readonly namespace: string };
  /** ConfigMap name. @default 'ci-remediation-dashboard' */
  readonly name?: string;
  /** ConfigMap namespace (kube-prometheus-stack's sidecar searches every namespace). @default the Sensor's namespace */
  readonly namespace?: string;
  /** Dashboard title. @default 'CI remediation' */
  readonly title?: string;
  /** Dashboard uid: its URL in Grafana (`/d/<uid>`). @default 'ci-remediation' */
  readonly uid?: string;
  /**
   * Label (key and value) the Grafana sidecar picks dashboards by.
   * @default { grafana_dashboard: '1' } (kube-prometheus-stack's `grafana.sidecar.dashboards.label`/`labelValue`)
   */
  readonly sidecarLabel?: { readonly key: string; readonly value: string };
  /**
   * Grafana folder, written to the annotation `folderAnnotation`; the sidecar honours it only when
   * configured with `folderAnnotation` and `provider.foldersFromFilesStructure: true`.
   * @default none (the sidecar's default folder)
   */
  readonly folder?: string;
  /** Annotation carrying `folder`. @default 'grafana_folder' */
  readonly folderAnnotation?: string;
  /** Labels for the ConfigMap. @default none */
  readonly labels?: Record<string, string>;
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
