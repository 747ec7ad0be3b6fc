import * as path from 'path';
import { Chart, type ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { settingsFrom } from '../config/resolve';
import type { ResolvedSettings } from '../config/settings';
import { ciFailureDataFilters } from '../filters/ci-failure-filters';
import { codeRunTrigger } from '../triggers/coderun-trigger';
import { AgentTemplatesConfigMaps } from './agent-templates-config-maps';
import { ArgoEventsPodMonitors } from './argo-events-pod-monitors';
import { CiFailureSensor, DEPENDENCY_NAME, TRIGGER_NAME } from './ci-failure-sensor';
import { GitHubEventSource } from './github-event-source';
import { GrafanaDashboard } from './grafana-dashboard';
import { RemediationAlerts } from './remediation-alerts';
import { RemediationRbac } from './remediation-rbac';

/** Props of {@link CiRemediationChart}: the settings, plus where relative paths start. */
export interface CiRemediationChartProps extends Omit<ChartProps, 'labels'> {
  /**
   * The settings, validated and resolved by `settingsFrom(...)` or `loadSettings(file)`.
   * @default settingsFrom({}) (the documented deployment)
   */
  readonly settings?: ResolvedSettings;
  /** Folder that `templates.dir` is relative to. @default process.cwd() */
  readonly baseDir?: string;
}

/** Labels on every object the stack creates (user labels come first, ours win). */
function commonLabels(settings: ResolvedSettings): Record<string, string> {
  return { ...settings.labels, 'app.kubernetes.io/part-of': 'ci-remediation', 'app.kubernetes.io/managed-by': 'cdk8s' };
}

/**
 * The whole CI-failure remediation stack: GitHub EventSource and Service, the Sensor
 * with its filters and CodeRun trigger, least-privilege RBAC, and the agent templates; optionally
 * a Grafana dashboard, Prometheus alert rules watching them, and the PodMonitors that scrape them.
 */
export class CiRemediationChart extends Chart {
  /** Settings with defaults applied. */
  public readonly settings: ResolvedSettings;
  public readonly eventSource: GitHubEventSource;
  public readonly sensor: CiFailureSensor;
  public readonly rbac: RemediationRbac;
  public readonly templates: AgentTemplatesConfigMaps;
  /** The Grafana dashboard, when `monitoring.grafanaDashboard.enabled`. */
  public readonly dashboard?: GrafanaDashboard;
  /** The alert rules, when `monitoring.prometheusRules.enabled`. */
  public readonly alerts?: RemediationAlerts;
  /** The PodMonitors scraping the Sensor's and EventSource's metrics, when `monitoring.podMonitor.enabled`. */
  public readonly podMonitors?: ArgoEventsPodMonitors;

  constructor(scope: Construct, id: string, props: CiRemediationChartProps = {}) {
    const { baseDir, settings = settingsFrom({}), ...chartProps } = props;
    super(scope, id, chartProps);
    this.settings = settings;
    const labels = commonLabels(settings);

    // Each construct takes its own props; this is where the settings map to them.
    const { eventSource: es, sensor, codeRun } = settings;
    this.eventSource = new GitHubEventSource(this, 'EventSource', {
      name: es.name,
      namespace: es.namespace,
      eventName: es.eventName,
      organizations: es.organizations,
      repositories: es.repositories,
      endpoint: es.endpoint,
      port: es.port,
      webhookSecret: es.webhookSecret,
      events: es.events,
      hooks: es.hooks,
      labels,
    });
    this.rbac = new RemediationRbac(this, 'Rbac', {
      serviceAccountName: sensor.serviceAccountName,
      serviceAccountNamespace: sensor.namespace,
      codeRunNamespace: codeRun.namespace,
      codeRunGroup: codeRun.group,
      labels,
    });
    this.sensor = new CiFailureSensor(this, 'Sensor', {
      name: sensor.name,
      namespace: sensor.namespace,
      serviceAccountName: sensor.serviceAccountName,
      replicas: sensor.replicas,
      resources: sensor.resources,
      eventSourceName: this.eventSource.eventSourceName,
      eventName: this.eventSource.eventName,
      dataFilters: ciFailureDataFilters(settings),
      trigger: codeRunTrigger(settings, DEPENDENCY_NAME, TRIGGER_NAME),
      labels,
    });
    this.templates = new AgentTemplatesConfigMaps(this, 'AgentTemplates', {
      dir: path.resolve(baseDir ?? process.cwd(), settings.templates.dir),
      namespace: settings.templates.namespace,
      name: settings.templates.configMapName,
      labels,
    });
    const watched = {
      sensor: { name: settings.sensor.name, namespace: settings.sensor.namespace },
      eventSource: { name: settings.eventSource.name, namespace: settings.eventSource.namespace },
    };
    const { grafanaDashboard, prometheusRules, podMonitor } = settings.monitoring;
    if (grafanaDashboard?.enabled) {
      const { enabled: _enabled, ...options } = grafanaDashboard;
      this.dashboard = new GrafanaDashboard(this, 'GrafanaDashboard', { ...options, ...watched, labels });
    }
    if (prometheusRules?.enabled) {
      const { enabled: _enabled, ...options } = prometheusRules;
      this.alerts = new RemediationAlerts(this, 'PrometheusRules', { ...options, ...watched, labels: { ...options.labels, ...labels } });
    }
    if (podMonitor.enabled) {
      const { enabled: _enabled, ...options } = podMonitor;
      this.podMonitors = new ArgoEventsPodMonitors(this, 'PodMonitors', { ...options, ...watched, labels: { ...options.labels, ...labels } });
    }
  }
}
