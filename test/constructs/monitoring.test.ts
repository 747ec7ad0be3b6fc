/**
 * The monitoring settings in the chart: all off by default (dist/ unchanged), and with both on,
 * a dashboard ConfigMap and a PrometheusRule that watch the configured Sensor and EventSource, and
 * the PodMonitors that scrape them, synthesized by the real command line and linted clean.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { SettingsError, validateSettings } from '../../src/config/validate';
import { only, synthChart, tempDir } from '../helpers/chart';
import { runCli } from '../helpers/cli-process';

const BOTH_ON = { monitoring: { grafanaDashboard: { enabled: true }, prometheusRules: { enabled: true } } };

describe('monitoring settings', () => {
  const dir = tempDir('monitoring-synth-');

  it('add nothing by default, nor when disabled', () => {
    for (const settings of [{}, { monitoring: {} }, { monitoring: { grafanaDashboard: { enabled: false, folder: 'CI' }, prometheusRules: { enabled: false } } }]) {
      const kinds = synthChart(settings).map(m => m.kind);
      expect(kinds).not.toContain('PrometheusRule');
      expect(kinds).not.toContain('PodMonitor');
      expect(kinds.filter(k => k === 'ConfigMap')).toHaveLength(1);
    }
  });

  it('add the dashboard ConfigMap and the PrometheusRule, watching the configured Sensor and EventSource, with the stack\'s labels', () => {
    const manifests = synthChart({
      labels: { env: 'prod' },
      sensor: { name: 'remediate', namespace: 'events' },
      eventSource: { name: 'gh', namespace: 'hooks' },
      monitoring: {
        grafanaDashboard: { enabled: true, folder: 'CI' },
        prometheusRules: { enabled: true, labels: { release: 'kube-prometheus-stack' }, alertLabels: { team: 'platform' }, noEventsFor: '12h' },
      },
    });
    const dashboard = manifests.find(m => m.kind === 'ConfigMap' && m.metadata.name === 'ci-remediation-dashboard')!;
    expect(dashboard.metadata).toMatchObject({ namespace: 'events', labels: { grafana_dashboard: '1', env: 'prod', 'app.kubernetes.io/part-of': 'ci-remediation' }, annotations: { grafana_folder: 'CI' } });
    expect(dashboard.data['ci-remediation.json']).toContain('sensor_name=\\"remediate\\"');
    expect(dashboard.data['ci-remediation.json']).toContain('eventsource_name=\\"gh\\"');
    const rule = only(manifests, 'PrometheusRule');
    expect(rule.metadata).toMatchObject({ name: 'ci-remediation', namespace: 'events', labels: { release: 'kube-prometheus-stack', env: 'prod' } });
    const exprs = rule.spec.groups[0].rules.map((r: { expr: string }) => r.expr).join('\n');
    expect(exprs).toContain('namespace="events", sensor_name="remediate"');
    expect(exprs).toContain('namespace="hooks", eventsource_name="gh"');
    expect(exprs).toContain('[12h]');
    for (const r of rule.spec.groups[0].rules) expect(r.labels.team).toBe('platform');
    // The PodMonitors come with them, scraping the same Sensor and EventSource.
    const monitors = manifests.filter(m => m.kind === 'PodMonitor');
    expect(monitors.map(m => [m.metadata.namespace, m.metadata.name, m.spec.selector.matchLabels])).toEqual([
      ['events', 'remediate-sensor', { 'sensor-name': 'remediate' }],
      ['hooks', 'gh-eventsource', { 'eventsource-name': 'gh' }],
    ]);
    for (const m of monitors) expect(m.metadata.labels).toEqual({ env: 'prod', 'app.kubernetes.io/part-of': 'ci-remediation', 'app.kubernetes.io/managed-by': 'cdk8s' });
  });

  it.each([
    ['the dashboard alone: two', { grafanaDashboard: { enabled: true } }, 2],
    ['the rules alone: two', { prometheusRules: { enabled: true } }, 2],
    ['the rules, PodMonitors turned off: none', { prometheusRules: { enabled: true }, podMonitor: { enabled: false } }, 0],
    ['the PodMonitors alone: two', { podMonitor: { enabled: true } }, 2],
    ['PodMonitor options but nothing enabled: none', { podMonitor: { interval: '30s' } }, 0],
  ])('PodMonitors with %s', (_case, monitoring, count) => {
    expect(synthChart({ monitoring }).filter(m => m.kind === 'PodMonitor')).toHaveLength(count);
  });

  it('passes the PodMonitor labels and interval, the stack\'s labels winning', () => {
    const monitors = synthChart({ monitoring: { prometheusRules: { enabled: true }, podMonitor: { labels: { release: 'kps' }, interval: '30s' } } })
      .filter(m => m.kind === 'PodMonitor');
    for (const m of monitors) {
      expect(m.metadata.labels).toMatchObject({ release: 'kps', 'app.kubernetes.io/part-of': 'ci-remediation' });
      expect(m.spec.podMetricsEndpoints).toEqual([{ port: 'metrics', path: '/metrics', interval: '30s' }]);
    }
  });

  it.each([
    [{ monitoring: { grafanaDashboard: { folder: 'CI' } } }, 'monitoring.grafanaDashboard.enabled: required when monitoring.grafanaDashboard is set'],
    [{ monitoring: { grafanaDashboard: { enabled: true, uid: 'no spaces please' } } }, 'monitoring.grafanaDashboard.uid: must be a Grafana dashboard uid'],
    [{ monitoring: { prometheusRules: { enabled: true, downFor: 'ten minutes' } } }, 'monitoring.prometheusRules.downFor: must be a Prometheus duration'],
    [{ monitoring: { prometheusRules: { enabled: true, noEventsFor: '0h' } } }, 'monitoring.prometheusRules.noEventsFor: "0h" is not a Prometheus duration'],
    [{ monitoring: { prometheusRules: { enabled: true, alertLabels: { severity: 'page' } } } }, 'monitoring.prometheusRules.alertLabels.severity: set by each alert itself'],
    [{ monitoring: { prometheusRules: { enabled: true, labels: { 'a b': 'x' } } } }, 'monitoring.prometheusRules.labels: key "a b" is not a valid label key'],
    [{ monitoring: { podMonitor: { enabled: true, interval: '30 s' } } }, 'monitoring.podMonitor.interval: must be a Prometheus duration'],
    [{ monitoring: { podMonitor: { labels: { 'a b': 'x' } } } }, 'monitoring.podMonitor.labels: key "a b" is not a valid label key'],
    [{ monitoring: { alerts: true } }, 'monitoring.alerts: unknown setting; expected one of: grafanaDashboard, prometheusRules, podMonitor'],
  ])('refuses %j naming the field', (settings, message) => {
    let error: unknown;
    try {
      validateSettings(settings);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).problems.join('\n')).toContain(message);
  });

  it('synthesizes with both on through the command line, and the result lints clean', () => {
    const config = path.join(dir, 'settings.yaml');
    fs.writeFileSync(config, YAML.stringify(BOTH_ON));
    const out = path.join(dir, 'out');
    const synth = runCli(['synth', '--config', config, '--out', out]);
    expect(synth.stderr).toBe('');
    expect(synth.status).toBe(0);
    const stack = path.join(out, 'ci-remediation.k8s.yaml');
    const kinds = YAML.parseAllDocuments(fs.readFileSync(stack, 'utf8')).map(d => d.toJS().kind);
    expect(kinds).toEqual(expect.arrayContaining(['PrometheusRule', 'ConfigMap', 'Sensor', 'EventSource', 'PodMonitor']));
    const lint = runCli(['lint', stack]);
    expect(lint.stdout + lint.stderr).toBe('');
    expect(lint.status).toBe(0);
  });
});
