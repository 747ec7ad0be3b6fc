/**
 * The Grafana dashboard of the remediation stack, as a typed object of `@grafana/schema` (the
 * types Grafana itself publishes for dashboard JSON; its enums and the schema version come from the
 * same package at run time). Two rows: Argo Events' own Sensor and EventSource metrics (see
 * ./argo-events-metrics), and the KPIs the `report` command exports (render-prometheus.ts), with the
 * report's own targets as thresholds.
 */
import {
  BarGaugeDisplayMode, BarGaugeNamePlacement, BarGaugeSizing, BarGaugeValueMode, BigValueColorMode, BigValueGraphMode,
  BigValueJustifyMode, BigValueTextMode, defaultDashboard, FieldColorModeId, LegendDisplayMode, PercentChangeColorMode,
  SortOrder, ThresholdsMode, TooltipDisplayMode, VariableHide, VizOrientation,
} from '@grafana/schema';
import type { DataQuery, Dashboard, DataSourceRef, GridPos, Panel, RowPanel, ThresholdsConfig, VariableModel } from '@grafana/schema';
import type { Options as BarGaugeOptions } from '@grafana/schema/dist/types/raw/composable/bargauge/panelcfg/x/types.gen';
import type { Options as StatOptions } from '@grafana/schema/dist/types/raw/composable/stat/panelcfg/x/types.gen';
import type { Options as TimeSeriesOptions } from '@grafana/schema/dist/types/raw/composable/timeseries/panelcfg/x/types.gen';
import { TARGETS } from '../report/compute';
import { ALL_WORKFLOWS, REPORT_METRIC_PREFIX } from '../report/render-prometheus';
import * as argo from './argo-events-metrics';
import { selector } from './promql';

/** What the dashboard's Argo Events queries select. */
export interface DashboardScope {
  /** Name and namespace of the Sensor. */
  readonly sensor: { readonly name: string; readonly namespace: string };
  /** Name and namespace of the EventSource. */
  readonly eventSource: { readonly name: string; readonly namespace: string };
}

/** Options of {@link remediationDashboard}. */
export interface DashboardOptions extends DashboardScope {
  /** Dashboard title. */
  readonly title: string;
  /** Dashboard uid (Grafana: at most 40 letters, digits, `-` and `_`). */
  readonly uid: string;
}

/**
 * A Prometheus query of a panel target. `@grafana/schema` types only the common part of a query
 * (`DataQuery`); `expr`, `legendFormat`, `instant` and `range` are the Prometheus data source's
 * fields. (A type literal, not an interface, so it is assignable to a panel's `targets`.)
 */
export type PrometheusQuery = Pick<DataQuery, 'refId'> & {
  readonly datasource: DataSourceRef;
  readonly expr: string;
  readonly legendFormat?: string;
  readonly instant?: boolean;
  readonly range?: boolean;
};

/** Every panel queries the Prometheus data source picked in the `datasource` variable. */
const DATASOURCE: DataSourceRef = { type: 'prometheus', uid: '${datasource}' };
/** Report series of a repository's total (not per workflow), of the repositories picked. */
const REPOSITORY_TOTAL = `workflow="${ALL_WORKFLOWS}", repository=~"$repository"`;

function reportMetric(name: string, matchers = REPOSITORY_TOTAL): string {
  return `${REPORT_METRIC_PREFIX}_${name}{${matchers}}`;
}

function query(refId: string, expr: string, legendFormat?: string, instant = false): PrometheusQuery {
  return { refId, datasource: DATASOURCE, expr, ...(legendFormat ? { legendFormat } : {}), ...(instant ? { instant: true, range: false } : {}) };
}

/** Green at or beyond the target, red before it (`higherIsBetter`), or the other way round. */
function targetThresholds(target: number, higherIsBetter: boolean): ThresholdsConfig {
  return {
    mode: ThresholdsMode.Absolute,
    steps: higherIsBetter
      ? [{ color: 'red', value: null }, { color: 'green', value: target }]
      : [{ color: 'green', value: null }, { color: 'red', value: target }],
  };
}

const NO_THRESHOLDS: ThresholdsConfig = { mode: ThresholdsMode.Absolute, steps: [{ color: 'green', value: null }] };

function statPanel(title: string, description: string, gridPos: GridPos, targets: PrometheusQuery[], unit: string, thresholds = NO_THRESHOLDS): Panel<StatOptions> {
  return {
    type: 'stat', title, description, gridPos, datasource: DATASOURCE, targets: [...targets],
    fieldConfig: { defaults: { unit, thresholds, color: { mode: FieldColorModeId.Thresholds } }, overrides: [] },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      orientation: VizOrientation.Auto,
      colorMode: BigValueColorMode.Value,
      graphMode: BigValueGraphMode.Area,
      justifyMode: BigValueJustifyMode.Auto,
      textMode: BigValueTextMode.Auto,
      percentChangeColorMode: PercentChangeColorMode.Standard,
      showPercentChange: false,
      wideLayout: true,
    },
  };
}

function timeSeriesPanel(title: string, description: string, gridPos: GridPos, targets: PrometheusQuery[], unit: string): Panel<TimeSeriesOptions> {
  return {
    type: 'timeseries', title, description, gridPos, datasource: DATASOURCE, targets: [...targets],
    fieldConfig: { defaults: { unit, thresholds: NO_THRESHOLDS, color: { mode: FieldColorModeId.PaletteClassic } }, overrides: [] },
    options: {
      legend: { showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] },
      tooltip: { mode: TooltipDisplayMode.Multi, sort: SortOrder.Descending },
    },
  };
}

function barGaugePanel(title: string, description: string, gridPos: GridPos, targets: PrometheusQuery[], unit: string, thresholds: ThresholdsConfig): Panel<BarGaugeOptions> {
  return {
    type: 'bargauge', title, description, gridPos, datasource: DATASOURCE, targets: [...targets],
    fieldConfig: { defaults: { unit, min: 0, max: 1, thresholds, color: { mode: FieldColorModeId.Thresholds } }, overrides: [] },
    options: {
      reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
      orientation: VizOrientation.Horizontal,
      displayMode: BarGaugeDisplayMode.Gradient,
      valueMode: BarGaugeValueMode.Color,
      namePlacement: BarGaugeNamePlacement.Auto,
      showUnfilled: true,
      sizing: BarGaugeSizing.Auto,
      minVizHeight: 16,
      minVizWidth: 8,
      maxVizHeight: 300,
      legend: { showLegend: false, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] },
    },
  };
}

function row(title: string, y: number): RowPanel {
  return { type: 'row', title, collapsed: false, id: 0, panels: [], gridPos: { h: 1, w: 24, x: 0, y } };
}

/** The Argo Events row: is the pipeline up, does it receive events, does the trigger create CodeRuns. */
function argoEventsPanels(scope: DashboardScope, y: number): (Panel | RowPanel)[] {
  const sensor = { namespace: scope.sensor.namespace, sensor_name: scope.sensor.name };
  const source = { namespace: scope.eventSource.namespace, eventsource_name: scope.eventSource.name };
  const rate = (metric: string, labels: Record<string, string>): string => `rate(${selector(metric, labels)}[$__rate_interval])`;
  const inRange = (metric: string, labels: Record<string, string>): string => `sum(increase(${selector(metric, labels)}[$__range]))`;
  const meanMs = (summary: string, labels: Record<string, string>, by: string): string =>
    `sum by (${by}) (${rate(`${summary}_sum`, labels)}) / sum by (${by}) (${rate(`${summary}_count`, labels)})`;
  return [
    row('Argo Events: Sensor and EventSource', y),
    statPanel('EventSource running', 'Configured events of the EventSource that are running (0: the EventSource receives nothing).',
      { h: 4, w: 6, x: 0, y: y + 1 }, [query('A', `max(${selector(argo.EVENT_SERVICE_RUNNING, source)})`, undefined, true)], 'none',
      targetThresholds(1, true)),
    statPanel('Events received', 'Webhook deliveries the EventSource passed to the EventBus in the time range.',
      { h: 4, w: 6, x: 6, y: y + 1 }, [query('A', inRange(argo.EVENTS_SENT, source), undefined, true)], 'none'),
    statPanel('CodeRuns created', 'Successful trigger executions of the Sensor (one CodeRun each) in the time range.',
      { h: 4, w: 6, x: 12, y: y + 1 }, [query('A', inRange(argo.ACTION_TRIGGERED, sensor), undefined, true)], 'none'),
    statPanel('Triggers failed after retries', 'Events whose CodeRun was never created: the retry strategy was exhausted.',
      { h: 4, w: 6, x: 18, y: y + 1 }, [query('A', inRange(argo.ACTION_RETRIES_FAILED, sensor), undefined, true)], 'none',
      targetThresholds(1, false)),
    timeSeriesPanel('Events per second', 'Events sent to the EventBus, and events that failed to send or to process.',
      { h: 8, w: 12, x: 0, y: y + 5 }, [
        query('A', `sum by (event_name) (${rate(argo.EVENTS_SENT, source)})`, 'sent {{event_name}}'),
        query('B', `sum by (event_name) (${rate(argo.EVENTS_SENT_FAILED, source)})`, 'send failed {{event_name}}'),
        query('C', `sum by (event_name) (${rate(argo.EVENTS_PROCESSING_FAILED, source)})`, 'processing failed {{event_name}}'),
      ], 'reqps'),
    timeSeriesPanel('Trigger executions per second', 'Triggers fired, failed attempts, and failures left after all retries.',
      { h: 8, w: 12, x: 12, y: y + 5 }, [
        query('A', `sum by (trigger_name) (${rate(argo.ACTION_TRIGGERED, sensor)})`, 'fired {{trigger_name}}'),
        query('B', `sum by (trigger_name) (${rate(argo.ACTION_FAILED, sensor)})`, 'failed attempt {{trigger_name}}'),
        query('C', `sum by (trigger_name) (${rate(argo.ACTION_RETRIES_FAILED, sensor)})`, 'failed after retries {{trigger_name}}'),
      ], 'reqps'),
    timeSeriesPanel('Event processing time (mean)', 'From receiving a webhook to sending it to the EventBus.',
      { h: 8, w: 12, x: 0, y: y + 13 }, [query('A', meanMs(argo.EVENT_PROCESSING_DURATION, source, 'event_name'), '{{event_name}}')], 'ms'),
    timeSeriesPanel('Trigger duration (mean)', 'Time the Sensor takes to create a CodeRun (including the rate limit wait).',
      { h: 8, w: 12, x: 12, y: y + 13 }, [query('A', meanMs(argo.ACTION_DURATION, sensor, 'trigger_name'), '{{trigger_name}}')], 'ms'),
  ];
}

/** The report row: the KPIs against their targets, per repository and workflow, and the cost. */
function reportPanels(y: number): (Panel | RowPanel)[] {
  const perWorkflow = `workflow!="${ALL_WORKFLOWS}", repository=~"$repository"`;
  return [
    row('Remediation KPIs (ci-remediation report)', y),
    statPanel('Auto-fix rate', `Fixed / eligible failures in the report's window; target at least ${TARGETS.autoFixRate * 100}%.`,
      { h: 4, w: 5, x: 0, y: y + 1 }, [query('A', reportMetric('auto_fix_ratio'), '{{repository}}')], 'percentunit',
      targetThresholds(TARGETS.autoFixRate, true)),
    statPanel('Time to green (p50)', `From failure to the first green run after the fix; target under ${TARGETS.timeToGreenP50Minutes} minutes.`,
      { h: 4, w: 5, x: 5, y: y + 1 }, [query('A', reportMetric('time_to_green_seconds', `${REPOSITORY_TOTAL}, quantile="0.5"`), '{{repository}}')], 's',
      targetThresholds(TARGETS.timeToGreenP50Minutes * 60, false)),
    statPanel('False-positive rate', `Remediations that were not needed / remediated failures; target under ${TARGETS.falsePositiveRate * 100}%.`,
      { h: 4, w: 5, x: 10, y: y + 1 }, [query('A', reportMetric('false_positive_ratio'), '{{repository}}')], 'percentunit',
      targetThresholds(TARGETS.falsePositiveRate, false)),
    statPanel('Human intervention', `(Blocked + not remediated) / eligible failures; target under ${TARGETS.humanInterventionRate * 100}%.`,
      { h: 4, w: 5, x: 15, y: y + 1 }, [query('A', reportMetric('human_intervention_ratio'), '{{repository}}')], 'percentunit',
      targetThresholds(TARGETS.humanInterventionRate, false)),
    statPanel('Report age', 'Time since the report that exported these numbers ran (the KPI alerts need a fresh one).',
      { h: 4, w: 4, x: 20, y: y + 1 }, [query('A', `time() - max(${REPORT_METRIC_PREFIX}_report_timestamp_seconds)`, undefined, true)], 's'),
    barGaugePanel('Auto-fix rate per workflow', 'Fixed / eligible failures of each workflow against the target.',
      { h: 8, w: 12, x: 0, y: y + 5 }, [query('A', reportMetric('auto_fix_ratio', perWorkflow), '{{repository}} {{workflow}}', true)], 'percentunit',
      targetThresholds(TARGETS.autoFixRate, true)),
    timeSeriesPanel('Failures by outcome', 'What became of the failures in the report\'s window (as of each report).',
      { h: 8, w: 12, x: 12, y: y + 5 }, [
        query('A', `sum(${reportMetric('fixed')})`, 'fixed'),
        query('B', `sum(${reportMetric('false_positives')})`, 'false positive'),
        query('C', `sum(${reportMetric('blocked')})`, 'blocked'),
        query('D', `sum(${reportMetric('pending')})`, 'pending'),
        query('E', `sum(${reportMetric('not_remediated')})`, 'not remediated'),
        query('F', `sum(${reportMetric('skipped')})`, 'skipped'),
      ], 'none'),
    timeSeriesPanel('Time to green', 'Nearest-rank p50 and p90 of the time from failure to green, per repository.',
      { h: 8, w: 12, x: 0, y: y + 13 }, [query('A', reportMetric('time_to_green_seconds'), '{{repository}} p{{quantile}}')], 's'),
    timeSeriesPanel('Cost per remediation', 'Mean agent cost of a remediation (from the agent\'s audit markers), US dollars.',
      { h: 8, w: 12, x: 12, y: y + 13 }, [query('A', reportMetric('cost_per_remediation_usd'), '{{repository}}')], 'currencyUSD'),
  ];
}

function variables(): VariableModel[] {
  return [
    { type: 'datasource', name: 'datasource', label: 'Data source', query: 'prometheus', hide: VariableHide.dontHide },
    {
      type: 'query', name: 'repository', label: 'Repository', datasource: DATASOURCE,
      query: `label_values(${REPORT_METRIC_PREFIX}_failures, repository)`, refresh: 2, includeAll: true, multi: true, allValue: '.*',
      hide: VariableHide.dontHide,
    },
  ];
}

/** The dashboard; panel ids are their position, so the same options give the same JSON. */
export function remediationDashboard(options: DashboardOptions): Dashboard {
  const panels = [...argoEventsPanels(options, 0), ...reportPanels(21)].map((panel, index) => ({ ...panel, id: index + 1 }));
  return {
    uid: options.uid,
    title: options.title,
    description: 'CI-failure remediation: Argo Events Sensor/EventSource health and the remediation KPIs against their targets.',
    tags: ['ci-remediation', 'argo-events'],
    schemaVersion: defaultDashboard.schemaVersion,
    editable: false,
    graphTooltip: defaultDashboard.graphTooltip,
    timezone: 'utc',
    refresh: '5m',
    time: { from: 'now-7d', to: 'now' },
    templating: { list: variables() },
    panels,
  };
}
