import { Construct } from 'constructs';
import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/monitoring.coreos.com';
import { remediationAlertGroups, type RuleGroup } from '../monitoring/alert-rules';
import { ALERTS_DEFAULTS, alertDurations, remediationAlertsProblems } from '../monitoring/options';

/** The props with defaults (all but what the alerts watch). */
export type RemediationAlertsOptionalProps = Omit<RemediationAlertsProps, 'sensor' | 'eventSource'>;

/** Props of {@link RemediationAlerts}. */
export interface RemediationAlertsProps {
  /** Name and namespace of the Sensor the alerts watch. */
  readonly sensor: { readonly name: string; readonly namespace: string };
  /** Name and namespace of the EventSource the alerts watch. */
  readonly eventSource: { readonly name: string; readonly namespace: string };
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


/**
 * A prometheus-operator `PrometheusRule` with the alerts that catch the stack's silent failures:
 * a trigger failing after its retries, the Sensor or EventSource not running, no webhook for hours,
 * webhooks lost before the EventBus, failures the report finds unremediated, KPIs below target, and
 * a stale report. Each alert's annotations say what it means, the fix, and link the README.
 */
export class RemediationAlerts extends Construct {
  public readonly rule: PrometheusRule;
  /** The rule groups, as a Prometheus rules file holds them. */
  public readonly groups: RuleGroup[];

  constructor(scope: Construct, id: string, props: RemediationAlertsProps) {
    super(scope, id);
    const problems = remediationAlertsProblems(props);
    if (problems.length > 0) throw new Error(`RemediationAlerts: ${problems.join('; ')}`);
    const name = props.name ?? ALERTS_DEFAULTS.name;
    const namespace = props.namespace ?? props.sensor.namespace;
    const durations = alertDurations(props);
    const alertLabels = props.alertLabels ?? {};
    const runbookUrl = props.runbookUrl ?? ALERTS_DEFAULTS.runbookUrl;

    this.groups = remediationAlertGroups({ sensor: props.sensor, eventSource: props.eventSource, ...durations, alertLabels, runbookUrl });
    this.rule = new PrometheusRule(this, 'Resource', {
      metadata: { name, namespace, labels: props.labels ?? {} },
      spec: {
        groups: this.groups.map(group => ({
          name: group.name,
          rules: group.rules.map(rule => ({ ...rule, expr: PrometheusRuleSpecGroupsRulesExpr.fromString(rule.expr) })),
        })),
      },
    });
  }
}
