/**
 * Checks of the monitoring constructs' optional props, apart from the constructs so that settings
 * validation uses them without loading cdk8s: each problem is `field: what is wrong and the fix`.
 */
import type { GrafanaDashboardProps } from '../constructs/grafana-dashboard';
import type { RemediationAlertsOptionalProps } from '../constructs/remediation-alerts';
import { isDns1123Label, isDns1123Subdomain, isValidLabelKey, isValidLabelValue, labelsProblems } from '../engine/validation/kubernetes-names';
import { DURATION_EXPECTED, durationMs } from './promql';

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
export function grafanaDashboardProblems(props: Omit<GrafanaDashboardProps, 'sensor' | 'eventSource'>): string[] {
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
export function alertDurations(props: RemediationAlertsOptionalProps): Record<'triggerFailureWindow' | 'downFor' | 'noEventsFor' | 'reportFor' | 'reportMaxAge', string> {
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
export function remediationAlertsProblems(props: RemediationAlertsOptionalProps): string[] {
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
