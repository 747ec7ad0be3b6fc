import { Construct } from 'constructs';
import { PrometheusRule, PrometheusRuleSpecGroupsRulesExpr } from '../../imports/monitoring.coreos.com';
import { remediationAlertGroups, type RuleGroup } from '../monitoring/alert-rules';
import { ALERTS_DEFAULTS, alertDurations, remediationAlertsProblems, type RemediationAlertsOptions } from '../monitoring/options';

/** Props of {@link RemediationAlerts}: what the alerts watch, and the options (each with its default). */
export interface RemediationAlertsProps extends RemediationAlertsOptions {
  /** Name and namespace of the Sensor the alerts watch. */
  readonly sensor: { readonly name: string; readonly namespace: string };
  /** Name and namespace of the EventSource the alerts watch. */
  readonly eventSource: { readonly name: string; readonly namespace: string };
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
