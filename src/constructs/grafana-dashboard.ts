import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { remediationDashboard } from '../monitoring/dashboard';

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

/** Grafana dashboard uids: at most 40 characters of letters, digits, `-` and `_`. */
const UID = /^[A-Za-z0-9_-]{1,40}$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A Kubernetes label or annotation key: optional DNS-subdomain prefix and `/`, then a name. */
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/**
 * A Grafana dashboard of the stack (Argo Events' Sensor and EventSource metrics, and the KPIs of
 * `ci-remediation report --format prometheus`) in a ConfigMap labelled for the Grafana sidecar of
 * kube-prometheus-stack, which imports it into Grafana.
 */
export class GrafanaDashboard extends Construct {
  public readonly configMap: kplus.ConfigMap;

  constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    super(scope, id);
    const name = props.name ?? 'ci-remediation-dashboard';
    const namespace = props.namespace ?? props.sensor.namespace;
    const uid = props.uid ?? 'ci-remediation';
    const title = props.title ?? 'CI remediation';
    const sidecarLabel = props.sidecarLabel ?? { key: 'grafana_dashboard', value: '1' };
    const folderAnnotation = props.folderAnnotation ?? 'grafana_folder';
    check(DNS_SUBDOMAIN.test(name) && name.length <= 253, `name: "${name}" is not a valid ConfigMap name; use lower-case letters, digits, "-" and "."`);
    check(DNS_LABEL.test(namespace), `namespace: "${namespace}" is not a valid namespace; use a DNS-1123 label such as "monitoring"`);
    check(UID.test(uid), `uid: "${uid}" is not a Grafana dashboard uid; use at most 40 letters, digits, "-" and "_"`);
    check(title.trim() !== '', 'title: must not be empty; name the dashboard, e.g. "CI remediation"');
    check(QUALIFIED_NAME.test(sidecarLabel.key), `sidecarLabel.key: "${sidecarLabel.key}" is not a label key; use the sidecar's label, e.g. "grafana_dashboard"`);
    check(LABEL_VALUE.test(sidecarLabel.value), `sidecarLabel.value: "${sidecarLabel.value}" is not a label value; use the sidecar's labelValue, e.g. "1"`);
    check(QUALIFIED_NAME.test(folderAnnotation), `folderAnnotation: "${folderAnnotation}" is not an annotation key; use the sidecar's folderAnnotation, e.g. "grafana_folder"`);
    check(props.folder === undefined || props.folder.trim() !== '', 'folder: must not be empty; name a Grafana folder or leave it unset');

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

function check(ok: boolean, problem: string): void {
  if (!ok) throw new Error(`GrafanaDashboard ${problem}`);
}
