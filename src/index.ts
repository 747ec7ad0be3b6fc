/**
 * Library entry point: the chart and its constructs, settings, and synthesis.
 */
export * from './config/settings';
export { loadSettings, settingsFrom } from './config/resolve';
export { SettingsError } from './config/validate';
export { CONFIG_ENV, settingsFileName } from './config/environment';
export * from './constructs/ci-remediation-chart';
export * from './constructs/github-event-source';
export * from './constructs/ci-failure-sensor';
export * from './constructs/remediation-rbac';
export * from './constructs/agent-templates-config-maps';
export * from './constructs/argo-cd-application';
export * from './constructs/grafana-dashboard';
export * from './constructs/remediation-alerts';
export * from './constructs/argo-events-pod-monitors';
export type { ArgoEventsPodMonitorsOptions, GrafanaDashboardOptions, RemediationAlertsOptions } from './monitoring/options';
export * as dataFilters from './filters/data-filter';
export { ciFailureDataFilters } from './filters/ci-failure-filters';
export { EventPaths } from './github/webhook';
export { codeRunTrigger } from './triggers/coderun-trigger';
export { synthesize } from './synth/synthesize';
