/**
 * The options of the monitoring constructs (GrafanaDashboard, RemediationAlerts, ArgoEventsPodMonitors), their defaults and
 * their checks, apart from the constructs so that the settings use them without loading cdk8s.
 * Each problem is `field: what is wrong and the fix`.
 */
import { isDns1123Label, isDns1123Subdomain, isValidLabelKey, isValidLabelValue, labelsProblems } from '../engine/validation/kubernetes-names';
import { DURATION_EXPECTED, durationMs } from './promql';

/** The options of the GrafanaDashboard construct (its props but what it watches). */
export interface GrafanaDashboardOptions {
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

/** The options of the RemediationAlerts construct (its props but what the alerts watch). */
export interface RemediationAlertsOptions {
  /** PrometheusRule name. @default 'ci-remediation' */
  readonly name?: string;
  /** PrometheusRule namespace. @default the Sensor's namespace */
  readonly namespace?: string;
  /**
   * Labels of the PrometheusRule object. Prometheus picks rules by its `ruleSelector`: with
   * kube-prometheus-stack's defaults that is `release: <Helm release name>`. @default none
   */
  readonly labels?: Record<string, string>;
  /** Labels added to every alert, e.g. `{ team: platform }` for Alertmanager routing. @default none */
  readonly alertLabels?: Record<string, string>;
  /** A trigger (or EventBus publish) failure within this window alerts. @default '15m' */
  readonly triggerFailureWindow?: string;
  /** The Sensor or EventSource is down when its metrics are missing this long. @default '10m' */
  readonly downFor?: string;
  /** The EventSource receiving no event for this long alerts. @default '6h' */
  readonly noEventsFor?: string;
  /** Unremediated failures or a KPI not met must last this long (a report or two) to alert. @default '2h' */
  readonly reportFor?: string;
  /** A report older than this (or none) alerts: set above the interval the report runs at. @default '26h' */
  readonly reportMaxAge?: string;
  /**
   * The README's address, for each alert's `runbook_url` (`<runbookUrl>#<alert name in lower case>`),
   * e.g. `https://github.com/OWNER/ci-remediation/blob/main/README.md`. @default 'README.md'
   */
  readonly runbookUrl?: string;
}

/** The options of the ArgoEventsPodMonitors construct (its props but what it scrapes). */
export interface ArgoEventsPodMonitorsOptions {
  /**
   * Labels of the two PodMonitor objects. Prometheus picks PodMonitors by its `podMonitorSelector`:
   * with kube-prometheus-stack's defaults that is `release: <Helm release name>`. @default none
   */
  readonly labels?: Record<string, string>;
  /** How often Prometheus scrapes the pods (a Prometheus duration). @default Prometheus' global `scrape_interval` */
  readonly interval?: string;
}

/** Defaults of the GrafanaDashboard props (the settings under `monitoring.grafanaDashboard` show them too). */
export const DASHBOARD_DEFAULTS = {
  name: 'ci-remediation-dashboard',
  title: 'CI remediation',
  uid: 'ci-remediation',
  sidecarLabel: { key: 'grafana_dashboard', value: '1' },
  folderAnnotation: 'grafana_folder',
} as const;

/** Defaults of the RemediationAlerts props (the settings under `monitoring.prometheusRules` show them too). */
export const ALERTS_DEFAULTS = {
  name: 'ci-remediation',
  triggerFailureWindow: '15m',
  downFor: '10m',
  noEventsFor: '6h',
  reportFor: '2h',
  reportMaxAge: '26h',
  runbookUrl: 'README.md',
} as const;

/** Grafana dashboard uids: at most 40 characters of letters, digits, `-` and `_`. */
export const GRAFANA_UID = /^[A-Za-z0-9_-]{1,40}$/;
/** Prometheus label names (and not the reserved `__` ones). */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Labels the rules set themselves. */
const OWN_ALERT_LABELS = new Set(['severity', 'alertname']);

/**
 * What is wrong with the optional props, one `field: problem and fix` each (the settings name them
 * under `monitoring.grafanaDashboard`); empty when they are valid.
 */
export function grafanaDashboardProblems(props: GrafanaDashboardOptions): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  const { name, namespace, uid, title, sidecarLabel, folder, folderAnnotation } = props;
  check(name === undefined || isDns1123Subdomain(name), `name: "${name}" is not a valid ConfigMap name; use lower-case letters, digits, "-" and "."`);
  check(namespace === undefined || isDns1123Label(namespace), `namespace: "${namespace}" is not a valid namespace; use a DNS-1123 label such as "monitoring"`);
  check(uid === undefined || GRAFANA_UID.test(uid), `uid: "${uid}" is not a Grafana dashboard uid; use at most 40 letters, digits, "-" and "_"`);
  check(title === undefined || title.trim() !== '', 'title: must not be empty; name the dashboard, e.g. "CI remediation"');
  if (sidecarLabel) {
    check(isValidLabelKey(sidecarLabel.key), `sidecarLabel.key: "${sidecarLabel.key}" is not a label key; use the sidecar's label, e.g. "grafana_dashboard"`);
    check(isValidLabelValue(sidecarLabel.value) && sidecarLabel.value !== '', `sidecarLabel.value: "${sidecarLabel.value}" is not a label value; use the sidecar's labelValue, e.g. "1"`);
  }
  check(folderAnnotation === undefined || isValidLabelKey(folderAnnotation), `folderAnnotation: "${folderAnnotation}" is not an annotation key; use the sidecar's folderAnnotation, e.g. "grafana_folder"`);
  check(folder === undefined || folder.trim() !== '', 'folder: must not be empty; name a Grafana folder or leave it unset');
  problems.push(...labelsProblems(props.labels));
  return problems;
}

/** The durations with their defaults. */
export function alertDurations(props: RemediationAlertsOptions): Record<'triggerFailureWindow' | 'downFor' | 'noEventsFor' | 'reportFor' | 'reportMaxAge', string> {
  return {
    triggerFailureWindow: props.triggerFailureWindow ?? ALERTS_DEFAULTS.triggerFailureWindow,
    downFor: props.downFor ?? ALERTS_DEFAULTS.downFor,
    noEventsFor: props.noEventsFor ?? ALERTS_DEFAULTS.noEventsFor,
    reportFor: props.reportFor ?? ALERTS_DEFAULTS.reportFor,
    reportMaxAge: props.reportMaxAge ?? ALERTS_DEFAULTS.reportMaxAge,
  };
}

/**
 * What is wrong with the optional props, one `field: problem and fix` each (the settings name them
 * under `monitoring.prometheusRules`); empty when they are valid.
 */
export function remediationAlertsProblems(props: RemediationAlertsOptions): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  const { name, namespace, runbookUrl } = props;
  check(name === undefined || isDns1123Subdomain(name), `name: "${name}" is not a valid object name; use lower-case letters, digits, "-" and "."`);
  check(namespace === undefined || isDns1123Label(namespace), `namespace: "${namespace}" is not a valid namespace; use a DNS-1123 label such as "monitoring"`);
  for (const [field, value] of Object.entries(alertDurations(props))) {
    check(durationMs(value) !== undefined, `${field}: "${value}" is not ${DURATION_EXPECTED}`);
  }
  problems.push(...labelsProblems(props.labels));
  for (const [label, value] of Object.entries(props.alertLabels ?? {})) {
    check(LABEL_NAME.test(label) && !label.startsWith('__'), `alertLabels.${label}: not a Prometheus label name; use letters, digits and "_", not starting with a digit or "__"`);
    check(!OWN_ALERT_LABELS.has(label), `alertLabels.${label}: set by each alert itself; choose another label (e.g. "team")`);
    check(value !== '', `alertLabels.${label}: must not be empty (an empty label is no label in Prometheus)`);
  }
  check(runbookUrl === undefined || (runbookUrl.trim() !== '' && !/[\s#]/.test(runbookUrl)), `runbookUrl: "${runbookUrl}" must be the README's address without spaces or "#" (the alert's anchor is appended)`);
  return problems;
}

/**
 * What is wrong with the optional props, one `field: problem and fix` each (the settings name them
 * under `monitoring.podMonitor`); empty when they are valid.
 */
export function argoEventsPodMonitorsProblems(props: ArgoEventsPodMonitorsOptions): string[] {
  const problems: string[] = [];
  if (props.interval !== undefined && durationMs(props.interval) === undefined) {
    problems.push(`interval: "${props.interval}" is not ${DURATION_EXPECTED}`);
  }
  problems.push(...labelsProblems(props.labels));
  return problems;
}
