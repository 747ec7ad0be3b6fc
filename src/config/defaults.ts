/**
 * Default settings: they reproduce the documented deployment.
 */
import type { CiRemediationSettings, ResolvedSettings } from './settings';

export const DEFAULT_REPOSITORIES = ['5dlabs/cto'];
export const DEFAULT_ORGANIZATIONS = ['5dlabs'];

/** Applies the defaults to validated settings. */
export function resolveSettings(settings: CiRemediationSettings): ResolvedSettings {
  const es = settings.eventSource ?? {};
  const sensor = settings.sensor ?? {};
  const filters = settings.filters ?? {};
  const codeRun = settings.codeRun ?? {};
  const templates = settings.templates ?? {};
  const model = codeRun.model ?? 'claude-sonnet-4-5-20250929';
  return {
    repositories: settings.repositories ?? DEFAULT_REPOSITORIES,
    labels: settings.labels ?? {},
    eventSource: {
      name: es.name ?? 'github',
      namespace: es.namespace ?? 'argo',
      eventName: es.eventName ?? 'org',
      ...(es.repositories ? { repositories: es.repositories } : { organizations: es.organizations ?? DEFAULT_ORGANIZATIONS }),
      endpoint: es.endpoint ?? '/github/webhook',
      port: es.port ?? 12000,
      webhookSecret: es.webhookSecret ?? { name: 'github-webhook-secret', key: 'secret' },
      events: es.events ?? ['*'],
      ...(es.hooks ? { hooks: { ...es.hooks, active: es.hooks.active ?? true } } : {}),
    },
    sensor: {
      name: sensor.name ?? 'ci-failure-remediation',
      namespace: sensor.namespace ?? 'argo',
      serviceAccountName: sensor.serviceAccountName ?? 'argo-events-sa',
      replicas: sensor.replicas ?? 1,
      resources: {
        requests: { cpu: sensor.resources?.requests?.cpu ?? '100m', memory: sensor.resources?.requests?.memory ?? '128Mi' },
        limits: { cpu: sensor.resources?.limits?.cpu ?? '300m', memory: sensor.resources?.limits?.memory ?? '256Mi' },
      },
      rateLimit: sensor.rateLimit ?? { unit: 'Minute', requestsPerUnit: 20 },
      retryStrategy: {
        steps: sensor.retryStrategy?.steps ?? 3,
        duration: sensor.retryStrategy?.duration ?? '10s',
        factor: sensor.retryStrategy?.factor ?? 2,
        jitter: sensor.retryStrategy?.jitter ?? 0.1,
      },
    },
    filters: {
      conclusions: filters.conclusions ?? ['failure'],
      blockForks: filters.blockForks ?? true,
      skipToken: filters.skipToken ?? '[skip-ci-remediation]',
      remediationBranchPrefix: filters.remediationBranchPrefix ?? 'ci-fix/',
      ...(filters.includeWorkflows ? { includeWorkflows: filters.includeWorkflows } : {}),
      excludeWorkflows: filters.excludeWorkflows ?? [],
    },
    codeRun: {
      group: codeRun.group ?? 'agents.platform',
      version: codeRun.version ?? 'v1',
      namespace: codeRun.namespace ?? 'cto',
      namePrefix: codeRun.namePrefix ?? 'ci-remediation',
      githubApp: codeRun.githubApp ?? '5DLabs-Rex',
      model,
      cli: {
        cliType: codeRun.cli?.cliType ?? 'claude',
        model: codeRun.cli?.model ?? model,
        maxTokens: codeRun.cli?.maxTokens ?? 16384,
        temperature: codeRun.cli?.temperature ?? 0.2,
      },
      ...(codeRun.service ? { service: codeRun.service } : {}),
      ...(codeRun.docsRepositoryUrl ? { docsRepositoryUrl: codeRun.docsRepositoryUrl } : {}),
      workingDirectory: codeRun.workingDirectory ?? '.',
      maxRemediationAttempts: codeRun.maxRemediationAttempts ?? 3,
      agent: {
        maxTurns: codeRun.agent?.maxTurns ?? 40,
        maxBudgetUsd: codeRun.agent?.maxBudgetUsd ?? 5,
      },
      env: { ...codeRun.env },
    },
    templates: {
      dir: templates.dir ?? 'templates',
      namespace: templates.namespace ?? 'cto',
      configMapName: templates.configMapName ?? 'controller-agent-templates',
    },
    ...(settings.argoCd
      ? {
        argoCd: {
          repoUrl: settings.argoCd.repoUrl,
          path: settings.argoCd.path ?? 'dist',
          targetRevision: settings.argoCd.targetRevision ?? 'HEAD',
          name: settings.argoCd.name ?? 'ci-remediation',
          namespace: settings.argoCd.namespace ?? 'argocd',
          project: settings.argoCd.project ?? 'default',
        },
      }
      : {}),
  };
}
