/**
 * The alerting rules that catch the stack's silent failures: Argo Events drops a failed trigger,
 * a stopped Sensor or an EventSource that receives nothing only into its logs, and the KPIs only
 * show in a report nobody reads. Built as a plain Prometheus rule group (the `spec.groups` of a
 * PrometheusRule and the content of a `promtool` rules file alike).
 *
 * Argo Events' metric semantics: argo-events 6478ece pkg/metrics/metrics.go and
 * pkg/sensors/listener.go (see ./argo-events-metrics). The report's: src/report/render-prometheus.ts.
 */
import { ALL_WORKFLOWS, REPORT_METRIC_PREFIX } from '../report/render-prometheus';
import * as argo from './argo-events-metrics';
import { durationMs, selector } from './promql';

/** One alerting rule, as Prometheus reads it. */
export interface AlertRule {
  readonly alert: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels: Record<string, string>;
  readonly annotations: { readonly summary: string; readonly description: string; readonly runbook_url: string };
}

/** A rule group. */
export interface RuleGroup {
  readonly name: string;
  readonly rules: AlertRule[];
}

/** What the rules watch, and how long each condition must last (Prometheus durations). */
export interface AlertRulesOptions {
  readonly sensor: { readonly name: string; readonly namespace: string };
  readonly eventSource: { readonly name: string; readonly namespace: string };
  /** Window in which one trigger failure after retries fires `CiRemediationTriggerFailing`. */
  readonly triggerFailureWindow: string;
  /** How long the Sensor's or the EventSource's metrics may be missing before they count as down. */
  readonly downFor: string;
  /** Hours without a single event before `CiRemediationNoEvents`. */
  readonly noEventsFor: string;
  /** How long the report may show unremediated failures, or a KPI not met, before alerting. */
  readonly reportFor: string;
  /** Age of the newest report after which `CiRemediationReportStale` fires. */
  readonly reportMaxAge: string;
  /** Labels added to every alert (e.g. `team`), after `severity`. */
  readonly alertLabels: Readonly<Record<string, string>>;
  /** Where the README's Monitoring section is: `runbook_url` is this plus `#<alert anchor>`. */
  readonly runbookUrl: string;
}

/** The alert names, each also a heading of README's "Alerts and their fixes" (its anchor is the runbook link). */
export const ALERTS = {
  triggerFailing: 'CiRemediationTriggerFailing',
  sensorDown: 'CiRemediationSensorDown',
  eventSourceDown: 'CiRemediationEventSourceDown',
  noEvents: 'CiRemediationNoEvents',
  eventsNotPublished: 'CiRemediationEventsNotPublished',
  failuresNotRemediated: 'CiRemediationFailuresNotRemediated',
  kpiNotMet: 'CiRemediationKpiNotMet',
  reportStale: 'CiRemediationReportStale',
} as const;

/** The alerting rules, in one group. */
export function remediationAlertGroups(options: AlertRulesOptions): RuleGroup[] {
  const sensor = { namespace: options.sensor.namespace, sensor_name: options.sensor.name };
  const source = { namespace: options.eventSource.namespace, eventsource_name: options.eventSource.name };
  const sensorText = `Sensor ${options.sensor.namespace}/${options.sensor.name}`;
  const sourceText = `EventSource ${options.eventSource.namespace}/${options.eventSource.name}`;
  const rule = (alert: string, severity: 'critical' | 'warning', expr: string, forDuration: string | undefined, summary: string, description: string): AlertRule => ({
    alert,
    expr,
    ...(forDuration ? { for: forDuration } : {}),
    labels: { severity, ...options.alertLabels },
    annotations: { summary, description, runbook_url: `${options.runbookUrl}#${alert.toLowerCase()}` },
  });
  const report = (name: string, matchers: string): string => `${REPORT_METRIC_PREFIX}_${name}{${matchers}}`;
  const total = `workflow="${ALL_WORKFLOWS}"`;
  const maxAgeSeconds = (durationMs(options.reportMaxAge) ?? 0) / 1000;
  return [{
    name: 'ci-remediation',
    rules: [
      rule(ALERTS.triggerFailing, 'critical',
        `sum by (namespace, sensor_name, trigger_name) (increase(${selector(argo.ACTION_RETRIES_FAILED, sensor)}[${options.triggerFailureWindow}])) > 0`,
        undefined,
        `${sensorText}: trigger {{ $labels.trigger_name }} failed after all retries`,
        `{{ $value | humanize }} events in the last ${options.triggerFailureWindow} got no CodeRun: the trigger failed and its retries ran out. `
        + 'Fix: read the Sensor pod\'s log ("Failed to execute a trigger"): RBAC (forbidden: the Role must allow create on coderuns), '
        + 'a missing CodeRun CRD, a webhook redelivered by hand (AlreadyExists), or an invalid CodeRun; then redeliver the webhook from GitHub.'),
      rule(ALERTS.sensorDown, 'critical',
        `absent(${selector(argo.ACTION_TRIGGERED, sensor)})`,
        options.downFor,
        `${sensorText} is not running: failed CI runs start no remediation`,
        `No Sensor pod has exported metrics for ${options.downFor}, so no failure creates a CodeRun. `
        + `Fix: kubectl -n ${options.sensor.namespace} get sensor ${options.sensor.name} and its pods (label sensor-name=${options.sensor.name}); `
        + 'check the Sensor\'s status conditions, the EventBus, and that Prometheus scrapes the pod\'s metrics port (7777).'),
      rule(ALERTS.eventSourceDown, 'critical',
        `absent(${selector(argo.EVENT_SERVICE_RUNNING, source)}) or max by (namespace, eventsource_name) (${selector(argo.EVENT_SERVICE_RUNNING, source)}) < 1`,
        options.downFor,
        `${sourceText} is not running: GitHub webhooks are not received`,
        `The EventSource has exported no running event service for ${options.downFor}. `
        + `Fix: kubectl -n ${options.eventSource.namespace} get eventsource ${options.eventSource.name} and its pods (label eventsource-name=${options.eventSource.name}); `
        + 'a missing webhook Secret or a port conflict keeps it from starting; check that Prometheus scrapes the pod\'s metrics port (7777).'),
      rule(ALERTS.noEvents, 'warning',
        `sum by (namespace, eventsource_name) (increase(${selector(argo.EVENTS_SENT, source)}[${options.noEventsFor}])) == 0`,
        undefined,
        `${sourceText} received no webhook for ${options.noEventsFor}`,
        `The EventSource runs but passed no event to the EventBus in ${options.noEventsFor}. `
        + 'Fix: in GitHub, open the webhook\'s Recent Deliveries: failed deliveries mean the Ingress or the URL is wrong; '
        + 'none at all means the hook is missing, inactive or not subscribed to workflow_run; 401/403 answers mean the webhook secret differs.'),
      rule(ALERTS.eventsNotPublished, 'critical',
        `sum by (namespace, eventsource_name, event_name) (increase(${selector(argo.EVENTS_SENT_FAILED, source)}[${options.triggerFailureWindow}])) > 0`,
        undefined,
        `${sourceText} could not pass events to the EventBus`,
        `{{ $value | humanize }} webhooks in the last ${options.triggerFailureWindow} were received but not sent to the EventBus, so the Sensor never saw them. `
        + 'Fix: check the EventBus (kubectl get eventbus, its pods and their logs); then redeliver the lost webhooks from GitHub.'),
      rule(ALERTS.failuresNotRemediated, 'critical',
        `max by (repository) (${report('not_remediated', total)}) > 0`,
        options.reportFor,
        'Failed CI runs of {{ $labels.repository }} got no remediation',
        '{{ $value }} eligible failures of {{ $labels.repository }} in the report\'s window have no fix branch, PR or audit marker: '
        + 'no CodeRun was created for them, or it did nothing. '
        + 'Fix: run `ci-remediation report --repo {{ $labels.repository }}` for the runs, then `ci-remediation simulate` one of them against the deployed Sensor '
        + '(a filter that drops it), check CiRemediationTriggerFailing/SensorDown, and the CodeRuns\' status (`ci-remediation watch`).'),
      rule(ALERTS.kpiNotMet, 'warning',
        `${report('kpi_met', total)} == 0`,
        options.reportFor,
        '{{ $labels.repository }}: KPI {{ $labels.kpi }} is below its target',
        'The report marks {{ $labels.kpi }} of {{ $labels.repository }} as not met. '
        + 'Fix: read `ci-remediation report --format markdown` for the workflows and failures behind it: blocked and not-remediated failures '
        + 'lower the auto-fix rate and raise human intervention; closed fix PRs and re-runs that went green are false positives.'),
      rule(ALERTS.reportStale, 'warning',
        `time() - max(${REPORT_METRIC_PREFIX}_report_timestamp_seconds) > ${maxAgeSeconds} or absent(${REPORT_METRIC_PREFIX}_report_timestamp_seconds)`,
        options.reportFor,
        'The remediation report is stale or missing',
        `No \`ci-remediation report --format prometheus\` newer than ${options.reportMaxAge} reached Prometheus, so the KPI alerts cannot fire. `
        + 'Fix: check the job that runs the report (its GITHUB_TOKEN, rate limits) and the textfile collector or Pushgateway it writes to.'),
    ],
  }];
}
