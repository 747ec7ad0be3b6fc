/**
 * The synthesized PrometheusRule, checked by the real promtool (Debian's prometheus package,
 * promtool 2.42.0): `check rules` on its groups, and `test rules` with input series that fire and
 * that do not fire each alert. The files are kept in test-artifacts/promtool/ (git-ignored), where
 * .ci/run checks them again.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { RemediationAlerts, type RemediationAlertsProps } from '../../src/constructs/remediation-alerts';
import { ALERTS } from '../../src/monitoring/alert-rules';
import { PROJECT_ROOT } from '../helpers/chart';
import { argoEventsSeriesNames, metricNamesIn, reportMetricNames } from './known-metrics';

const SCOPE = { sensor: { name: 'ci-failure-remediation', namespace: 'argo' }, eventSource: { name: 'github', namespace: 'argo' } };
const ARTIFACTS = path.join(PROJECT_ROOT, 'test-artifacts', 'promtool');

type Json = any;

function synth(props: Partial<RemediationAlertsProps> = {}): Json {
  const chart = new Chart(Testing.app(), 'test');
  new RemediationAlerts(chart, 'Alerts', { ...SCOPE, ...props });
  const [rule] = Testing.synth(chart);
  return rule;
}

function promtool(args: string[]): { status: number | null; output: string } {
  const run = spawnSync('promtool', args, { encoding: 'utf8' });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('promtool is not installed (Debian package prometheus; scripts/ensure-debian-tools.sh installs it)');
  }
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const rule = synth({ alertLabels: { team: 'platform' } });
const rules: Json[] = rule.spec.groups.flatMap((g: Json) => g.rules);
const byName = (alert: string): Json => rules.find(r => r.alert === alert);

/**
 * The annotations Prometheus would write: the rule's templates with `{{ $labels.x }}` and
 * `{{ $value }}` (plain or `| humanize`, which prints an integer as its digits) filled in.
 */
function expandedAnnotations(alert: string, labels: Record<string, string>, value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(byName(alert).annotations as Record<string, string>)) {
    out[key] = text
      .replace(/\{\{ \$labels\.([a-z_]+) \}\}/g, (_, name: string) => labels[name] ?? '')
      .replace(/\{\{ \$value(?: \| humanize)? \}\}/g, value);
  }
  return out;
}

interface Case {
  readonly name: string;
  readonly alert: string;
  readonly series: { series: string; values: string }[];
  readonly evalTime: string;
  /** Labels of the one expected alert (besides severity and team), or none: the alert must not fire. */
  readonly fires?: Record<string, string>;
  readonly value?: string;
}

const sensor = 'namespace="argo",sensor_name="ci-failure-remediation"';
const source = 'namespace="argo",eventsource_name="github"';
const repoTotal = 'repository="5dlabs/cto",workflow="(all)"';

const CASES: Case[] = [
  { name: 'a trigger that failed after its retries', alert: ALERTS.triggerFailing, evalTime: '30m',
    series: [{ series: `argo_events_action_retries_failed_total{${sensor},trigger_name="create-coderun"}`, values: '0x20 1x40' }],
    fires: { namespace: 'argo', sensor_name: 'ci-failure-remediation', trigger_name: 'create-coderun' }, value: '1' },
  { name: 'no trigger failure', alert: ALERTS.triggerFailing, evalTime: '30m',
    series: [{ series: `argo_events_action_retries_failed_total{${sensor},trigger_name="create-coderun"}`, values: '0x60' }] },
  { name: 'a failure of another Sensor', alert: ALERTS.triggerFailing, evalTime: '30m',
    series: [{ series: 'argo_events_action_retries_failed_total{namespace="argo",sensor_name="other",trigger_name="t"}', values: '0x20 1x40' }] },
  { name: 'a failure older than the window', alert: ALERTS.triggerFailing, evalTime: '50m',
    series: [{ series: `argo_events_action_retries_failed_total{${sensor},trigger_name="create-coderun"}`, values: '0x20 1x40' }] },

  { name: 'no Sensor metrics at all', alert: ALERTS.sensorDown, evalTime: '15m', series: [],
    fires: { namespace: 'argo', sensor_name: 'ci-failure-remediation' } },
  { name: 'only another Sensor running', alert: ALERTS.sensorDown, evalTime: '15m',
    series: [{ series: 'argo_events_action_triggered_total{namespace="argo",sensor_name="other",trigger_name="t"}', values: '0x30' }],
    fires: { namespace: 'argo', sensor_name: 'ci-failure-remediation' } },
  { name: 'the Sensor running', alert: ALERTS.sensorDown, evalTime: '15m',
    series: [{ series: `argo_events_action_triggered_total{${sensor},trigger_name="create-coderun"}`, values: '0x30' }] },
  { name: 'the Sensor missing for less than downFor', alert: ALERTS.sensorDown, evalTime: '5m', series: [] },

  { name: 'an EventSource whose event service is not running', alert: ALERTS.eventSourceDown, evalTime: '20m',
    series: [{ series: `argo_events_event_service_running_total{${source}}`, values: '0x30' }],
    fires: { namespace: 'argo', eventsource_name: 'github' } },
  { name: 'no EventSource metrics at all', alert: ALERTS.eventSourceDown, evalTime: '20m', series: [],
    fires: { namespace: 'argo', eventsource_name: 'github' } },
  { name: 'the EventSource running', alert: ALERTS.eventSourceDown, evalTime: '20m',
    series: [{ series: `argo_events_event_service_running_total{${source}}`, values: '1x30' }] },

  { name: 'an EventSource without events for 6h', alert: ALERTS.noEvents, evalTime: '7h',
    series: [{ series: `argo_events_events_sent_total{${source},event_name="org"}`, values: '5x480' }],
    fires: { namespace: 'argo', eventsource_name: 'github' } },
  { name: 'an event every hour', alert: ALERTS.noEvents, evalTime: '7h',
    series: [{ series: `argo_events_events_sent_total{${source},event_name="org"}`, values: '0+0.0167x480' }] },

  { name: 'webhooks not sent to the EventBus', alert: ALERTS.eventsNotPublished, evalTime: '30m',
    series: [{ series: `argo_events_events_sent_failed_total{${source},event_name="org"}`, values: '0x20 2x40' }],
    fires: { namespace: 'argo', eventsource_name: 'github', event_name: 'org' }, value: '2' },
  { name: 'every webhook sent', alert: ALERTS.eventsNotPublished, evalTime: '30m',
    series: [{ series: `argo_events_events_sent_failed_total{${source},event_name="org"}`, values: '0x60' }] },

  { name: 'failures without remediation in the report for 2h', alert: ALERTS.failuresNotRemediated, evalTime: '150m',
    series: [{ series: `ci_remediation_not_remediated{${repoTotal}}`, values: '2x200' }],
    fires: { repository: '5dlabs/cto' }, value: '2' },
  { name: 'unremediated failures that a later report no longer shows', alert: ALERTS.failuresNotRemediated, evalTime: '150m',
    series: [{ series: `ci_remediation_not_remediated{${repoTotal}}`, values: '2x60 0x140' }] },
  { name: 'every failure remediated', alert: ALERTS.failuresNotRemediated, evalTime: '150m',
    series: [{ series: `ci_remediation_not_remediated{${repoTotal}}`, values: '0x200' }] },

  { name: 'a KPI not met', alert: ALERTS.kpiNotMet, evalTime: '150m',
    series: [{ series: `ci_remediation_kpi_met{${repoTotal},kpi="autoFixRate"}`, values: '0x200' }],
    fires: { repository: '5dlabs/cto', workflow: '(all)', kpi: 'autoFixRate' } },
  { name: 'a KPI met, and another workflow\'s not met', alert: ALERTS.kpiNotMet, evalTime: '150m',
    series: [
      { series: `ci_remediation_kpi_met{${repoTotal},kpi="autoFixRate"}`, values: '1x200' },
      { series: 'ci_remediation_kpi_met{repository="5dlabs/cto",workflow="CI",kpi="autoFixRate"}', values: '0x200' },
    ] },

  { name: 'no report at all', alert: ALERTS.reportStale, evalTime: '150m', series: [], fires: {} },
  { name: 'a report older than 26h', alert: ALERTS.reportStale, evalTime: '29h',
    series: [{ series: 'ci_remediation_report_timestamp_seconds', values: '0x1800' }], fires: {} },
  { name: 'a fresh report', alert: ALERTS.reportStale, evalTime: '29h',
    series: [{ series: 'ci_remediation_report_timestamp_seconds', values: '0+60x1800' }] },
];

function unitTests(): Json {
  return {
    rule_files: ['rules.yaml'],
    evaluation_interval: '1m',
    tests: CASES.map(c => ({
      name: c.name,
      interval: '1m',
      input_series: c.series,
      alert_rule_test: [{
        eval_time: c.evalTime,
        alertname: c.alert,
        exp_alerts: c.fires
          ? [{
            exp_labels: { ...c.fires, severity: byName(c.alert).labels.severity, team: 'platform' },
            exp_annotations: expandedAnnotations(c.alert, c.fires, c.value ?? ''),
          }]
          : [],
      }],
    })),
  };
}

describe('PrometheusRule', () => {
  beforeAll(() => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'rules.yaml'), YAML.stringify({ groups: rule.spec.groups }));
    fs.writeFileSync(path.join(ARTIFACTS, 'tests.yaml'), YAML.stringify(unitTests()));
  });

  it('is a monitoring.coreos.com/v1 PrometheusRule with one alert per silent failure', () => {
    expect(rule).toMatchObject({ apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'ci-remediation', namespace: 'argo' } });
    expect(rules.map(r => r.alert).sort()).toEqual(Object.values(ALERTS).sort());
  });

  it('passes promtool check rules', () => {
    const run = promtool(['check', 'rules', path.join(ARTIFACTS, 'rules.yaml')]);
    expect(run.output).toContain(`SUCCESS: ${rules.length} rules found`);
    expect(run.status).toBe(0);
  });

  it('has a case that fires and one that does not for every alert', () => {
    for (const alert of Object.values(ALERTS)) {
      expect({ alert, fires: CASES.some(c => c.alert === alert && c.fires) }).toEqual({ alert, fires: true });
      expect({ alert, silent: CASES.some(c => c.alert === alert && !c.fires) }).toEqual({ alert, silent: true });
    }
  });

  it('passes promtool test rules: each alert fires on its input series and stays silent on the others', () => {
    const run = promtool(['test', 'rules', path.join(ARTIFACTS, 'tests.yaml')]);
    expect(run.output).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  it('selects only metrics that exist (Argo Events\' at 6478ece, the report\'s renderer)', async () => {
    const known = new Set([...argoEventsSeriesNames(), ...await reportMetricNames()]);
    for (const r of rules) {
      const names = metricNamesIn(r.expr);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect({ alert: r.alert, name, known: known.has(name) }).toEqual({ alert: r.alert, name, known: true });
    }
  });

  it('annotates each alert with a summary, a description with the fix, and a runbook anchor that exists in the README', () => {
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    // GitHub's heading anchors: lower case, punctuation but "-" and "_" dropped, spaces to "-".
    const anchors = new Set([...readme.matchAll(/^#+ (.+)$/gm)].map(m => m[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-')));
    for (const r of rules) {
      expect(r.annotations.summary).toEqual(expect.any(String));
      expect(r.annotations.description).toMatch(/Fix: /);
      const [file, anchor] = r.annotations.runbook_url.split('#');
      expect(file).toBe('README.md');
      expect({ alert: r.alert, anchor, inReadme: anchors.has(anchor) }).toEqual({ alert: r.alert, anchor, inReadme: true });
    }
  });

  it('takes object labels (the Prometheus ruleSelector), durations and the runbook address', () => {
    const custom = synth({ labels: { release: 'kube-prometheus-stack' }, namespace: 'monitoring', triggerFailureWindow: '30m', downFor: '5m', noEventsFor: '12h', reportMaxAge: '2d', runbookUrl: 'https://example.com/README.md' });
    expect(custom.metadata).toMatchObject({ namespace: 'monitoring', labels: { release: 'kube-prometheus-stack' } });
    const get = (alert: string): Json => custom.spec.groups[0].rules.find((r: Json) => r.alert === alert);
    expect(get(ALERTS.triggerFailing).expr).toContain('[30m]');
    expect(get(ALERTS.sensorDown).for).toBe('5m');
    expect(get(ALERTS.noEvents).expr).toContain('[12h]');
    expect(get(ALERTS.reportStale).expr).toContain('> 172800');
    expect(get(ALERTS.kpiNotMet).annotations.runbook_url).toBe('https://example.com/README.md#ciremediationkpinotmet');
  });

  it.each([
    [{ downFor: '10 minutes' }, /downFor: "10 minutes" is not a Prometheus duration/],
    [{ noEventsFor: '0h' }, /noEventsFor: "0h" is not a Prometheus duration/],
    [{ reportMaxAge: '1.5h' }, /reportMaxAge: "1.5h" is not a Prometheus duration/],
    [{ alertLabels: { severity: 'page' } }, /alertLabels.severity: set by each alert itself/],
    [{ alertLabels: { 'team-name': 'x' } }, /alertLabels.team-name: not a Prometheus label name/],
    [{ alertLabels: { team: '' } }, /alertLabels.team: must not be empty/],
    [{ runbookUrl: 'https://x/README.md#monitoring' }, /runbookUrl: .* without spaces or "#"/],
    [{ namespace: 'Monitoring' }, /namespace: "Monitoring" is not a valid namespace/],
    [{ labels: { release: 'kube prometheus' } }, /labels.release: "kube prometheus" is not a valid label value/],
  ])('refuses %j, naming the prop and the fix', (props, message) => {
    expect(() => synth(props as Partial<RemediationAlertsProps>)).toThrow(message);
  });
});
