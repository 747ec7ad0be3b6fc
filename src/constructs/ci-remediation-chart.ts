import * as path from 'path';
import { Chart, type ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { settingsFrom } from '../config/resolve';
import type { ResolvedSettings } from '../config/settings';
import { AgentTemplatesConfigMaps } from './agent-templates-config-maps';
import { CiFailureSensor } from './ci-failure-sensor';
import { GitHubEventSource } from './github-event-source';
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
 * with its filters and CodeRun trigger, least-privilege RBAC, and the agent templates.
 */
export class CiRemediationChart extends Chart {
  /** Settings with defaults applied. */
  public readonly settings: ResolvedSettings;
  public readonly eventSource: GitHubEventSource;
  public readonly sensor: CiFailureSensor;
  public readonly rbac: RemediationRbac;
  public readonly templates: AgentTemplatesConfigMaps;

  constructor(scope: Construct, id: string, props: CiRemediationChartProps = {}) {
    const { baseDir, settings = settingsFrom({}), ...chartProps } = props;
    super(scope, id, chartProps);
    this.settings = settings;
    const labels = commonLabels(settings);

    this.eventSource = new GitHubEventSource(this, 'EventSource', { settings: settings.eventSource, labels });
    this.rbac = new RemediationRbac(this, 'Rbac', {
      serviceAccountName: settings.sensor.serviceAccountName,
      serviceAccountNamespace: settings.sensor.namespace,
      codeRunNamespace: settings.codeRun.namespace,
      codeRunGroup: settings.codeRun.group,
      labels,
    });
    this.sensor = new CiFailureSensor(this, 'Sensor', {
      settings,
      eventSourceName: this.eventSource.eventSourceName,
      eventName: this.eventSource.eventName,
      labels,
    });
    this.templates = new AgentTemplatesConfigMaps(this, 'AgentTemplates', {
      dir: path.resolve(baseDir ?? process.cwd(), settings.templates.dir),
      namespace: settings.templates.namespace,
      name: settings.templates.configMapName,
      labels,
    });
  }
}
