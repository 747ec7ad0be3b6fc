/**
 * The synthesized Grafana dashboard: a structurally valid dashboard (its TypeScript is checked
 * against @grafana/schema's types at build time; here the JSON as written), every query naming a
 * metric that exists, and the ConfigMap the kube-prometheus-stack sidecar picks up.
 */
import { Chart, Testing } from 'cdk8s';
import { DASHBOARD_KEY, GrafanaDashboard, type GrafanaDashboardProps } from '../../src/constructs/grafana-dashboard';
import { TARGETS } from '../../src/report/compute';
import { argoEventsSeriesNames, metricNamesIn, reportMetricNames } from './known-metrics';

const SCOPE = { sensor: { name: 'ci-failure-remediation', namespace: 'argo' }, eventSource: { name: 'github', namespace: 'argo' } };

type Json = any;

function synth(props: Partial<GrafanaDashboardProps> = {}): Json[] {
  const chart = new Chart(Testing.app(), 'test');
  new GrafanaDashboard(chart, 'Dashboard', { ...SCOPE, ...props });
  return Testing.synth(chart);
}

function dashboardOf(props: Partial<GrafanaDashboardProps> = {}): Json {
  const [configMap] = synth(props);
  return JSON.parse(configMap.data[DASHBOARD_KEY]);
}

/** Panels of the dashboard, rows' nested panels included. */
function allPanels(dashboard: Json): Json[] {
  return dashboard.panels.flatMap((p: Json) => [p, ...(p.type === 'row' ? p.panels : [])]);
}

describe('GrafanaDashboard ConfigMap', () => {
  it('carries the sidecar label of kube-prometheus-stack and one JSON key', () => {
    // kube-prometheus-stack 88.5.3 values.yaml: grafana.sidecar.dashboards.label grafana_dashboard, labelValue "1".
    const [configMap] = synth({ labels: { team: 'platform' } });
    expect(configMap.kind).toBe('ConfigMap');
    expect(configMap.metadata).toMatchObject({ name: 'ci-remediation-dashboard', namespace: 'argo', labels: { grafana_dashboard: '1', team: 'platform' } });
    expect(configMap.metadata.annotations).toBeUndefined();
    expect(Object.keys(configMap.data)).toEqual([DASHBOARD_KEY]);
  });

  it('files the dashboard into a folder through the folder annotation, and takes another sidecar label', () => {
    const [configMap] = synth({ folder: 'CI', folderAnnotation: 'dashboards/folder', sidecarLabel: { key: 'dashboards', value: 'yes' }, namespace: 'monitoring' });
    expect(configMap.metadata.annotations).toEqual({ 'dashboards/folder': 'CI' });
    expect(configMap.metadata.labels).toEqual({ dashboards: 'yes' });
    expect(configMap.metadata.namespace).toBe('monitoring');
  });

  it('is the same JSON for the same props', () => {
    expect(synth()).toEqual(synth());
  });

  it.each([
    [{ uid: 'has space' }, /uid: "has space" is not a Grafana dashboard uid/],
    [{ uid: 'x'.repeat(41) }, /uid: .* at most 40/],
    [{ name: 'Dashboard' }, /name: "Dashboard" is not a valid ConfigMap name/],
    [{ namespace: 'mon.itoring' }, /namespace: "mon.itoring" is not a valid namespace/],
    [{ title: ' ' }, /title: must not be empty/],
    [{ sidecarLabel: { key: 'bad key', value: '1' } }, /sidecarLabel.key: "bad key" is not a label key/],
    [{ sidecarLabel: { key: 'grafana_dashboard', value: 'not ok' } }, /sidecarLabel.value: "not ok" is not a label value/],
    [{ folder: '' }, /folder: must not be empty/],
    [{ labels: { 'bad key': 'x' } }, /labels: key "bad key" is not a valid label key/],
  ])('refuses %j, naming the prop and the fix', (props, message) => {
    expect(() => synth(props as Partial<GrafanaDashboardProps>)).toThrow(message);
  });
});

describe('the dashboard JSON', () => {
  const dashboard = dashboardOf();

  it('has the fields Grafana requires, a data source variable, and unique panel ids', () => {
    expect(typeof dashboard.schemaVersion).toBe('number');
    expect(dashboard).toMatchObject({ uid: 'ci-remediation', title: 'CI remediation' });
    const variables = dashboard.templating.list.map((v: Json) => v.name);
    expect(variables).toEqual(expect.arrayContaining(['datasource', 'repository']));
    const ids = allPanels(dashboard).map((p: Json) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(Number.isInteger(id) && id > 0).toBe(true);
  });

  it('lays the panels out on the 24-column grid without overlap', () => {
    const cells = new Set<string>();
    for (const panel of allPanels(dashboard)) {
      const { x, y, w, h } = panel.gridPos;
      expect(x >= 0 && w > 0 && x + w <= 24 && y >= 0 && h > 0).toBe(true);
      for (let i = x; i < x + w; i++) {
        for (let j = y; j < y + h; j++) {
          expect(cells.has(`${i},${j}`)).toBe(false);
          cells.add(`${i},${j}`);
        }
      }
    }
  });

  it('gives every panel but the rows Prometheus targets with unique refIds, on the chosen data source', () => {
    const panels = allPanels(dashboard).filter(p => p.type !== 'row');
    expect(panels.length).toBeGreaterThanOrEqual(10);
    for (const panel of panels) {
      expect(['stat', 'timeseries', 'bargauge']).toContain(panel.type);
      expect(panel.title).toEqual(expect.any(String));
      expect(panel.targets.length).toBeGreaterThan(0);
      const refIds = panel.targets.map((t: Json) => t.refId);
      expect(new Set(refIds).size).toBe(refIds.length);
      for (const target of panel.targets) {
        expect(target.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
        expect(target.expr).toEqual(expect.any(String));
      }
    }
  });

  it('queries only metrics that exist: Argo Events\' (its source at 6478ece) and the report\'s (its renderer)', async () => {
    const known = new Set([...argoEventsSeriesNames(), ...await reportMetricNames()]);
    const used = new Set<string>();
    for (const panel of allPanels(dashboard).filter(p => p.type !== 'row')) {
      for (const target of panel.targets) {
        const names = metricNamesIn(target.expr);
        expect(names.length).toBeGreaterThan(0);
        for (const name of names) {
          expect({ panel: panel.title, name, known: known.has(name) }).toEqual({ panel: panel.title, name, known: true });
          used.add(name);
        }
      }
    }
    // Argo Events' events received, triggers fired and failed, and action duration; the report's KPIs.
    for (const name of ['argo_events_events_sent_total', 'argo_events_action_triggered_total', 'argo_events_action_failed_total',
      'argo_events_action_retries_failed_total', 'argo_events_action_duration_milliseconds_sum', 'ci_remediation_auto_fix_ratio',
      'ci_remediation_time_to_green_seconds', 'ci_remediation_false_positive_ratio', 'ci_remediation_human_intervention_ratio',
      'ci_remediation_cost_per_remediation_usd']) {
      expect(used).toContain(name);
    }
  });

  it('selects the configured Sensor and EventSource', () => {
    const exprs = allPanels(dashboardOf({ sensor: { name: 'other-sensor', namespace: 'events' }, eventSource: { name: 'gh', namespace: 'hooks' } }))
      .flatMap(p => (p.targets ?? []).map((t: Json) => t.expr as string));
    const argoExprs = exprs.filter(e => e.includes('argo_events_'));
    expect(argoExprs.length).toBeGreaterThan(0);
    for (const expr of argoExprs) {
      expect(expr.includes('sensor_name="other-sensor"') || expr.includes('eventsource_name="gh"')).toBe(true);
      expect(expr).toMatch(/namespace="(events|hooks)"/);
    }
  });

  it('colours the KPI panels at the report\'s own targets', () => {
    const byTitle = (title: string): Json => allPanels(dashboard).find(p => p.title === title);
    const steps = (title: string): number[] => byTitle(title).fieldConfig.defaults.thresholds.steps.map((s: Json) => s.value).filter((v: unknown) => v !== null);
    expect(steps('Auto-fix rate')).toEqual([TARGETS.autoFixRate]);
    expect(steps('Time to green (p50)')).toEqual([TARGETS.timeToGreenP50Minutes * 60]);
    expect(steps('False-positive rate')).toEqual([TARGETS.falsePositiveRate]);
    expect(steps('Human intervention')).toEqual([TARGETS.humanInterventionRate]);
  });
});

