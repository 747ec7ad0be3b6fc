/**
 * The settings of the CI-failure remediation stack, defined once.
 *
 * Each setting is stated here and nowhere else: its type (for TypeScript, through
 * `Static`), its JSON Schema (checked by Ajv, pre-compiled by scripts/build-validators.js),
 * its default (applied by `settingsFrom` (resolve.ts)), the text error messages use (`expected`) and
 * the row of the README's settings table (`description`, and `defaultText` when the default is
 * not a plain value; scripts/settings-table.js renders the table). Adding a setting is adding
 * one property below.
 *
 * The same shape is used by the library and by the YAML settings file (`--config` /
 * `CI_REMEDIATION_CONFIG`). Every setting is optional; the defaults reproduce the documented
 * deployment.
 */
import {
  CloneType, Type, type Evaluate, type OptionalKind, type SchemaOptions, type Static, type TObject, type TOptional, type TProperties, type TSchema,
} from '@sinclair/typebox';
import { DEFAULT_FIX_BRANCH_PREFIX } from '../github/remediation';
import { ALERTS_DEFAULTS, DASHBOARD_DEFAULTS, GRAFANA_UID } from '../monitoring/options';
import { DURATION_EXPECTED } from '../monitoring/promql';
import { DEFAULT_ORGANIZATIONS } from './default-organizations';

/** What a setting's schema may carry beside JSON Schema's own keywords (Ajv is told of them, see settings-ajv.ts). */
export interface SettingAnnotations {
  /** What a valid value looks like, for error messages ("must be <expected>"). */
  readonly expected?: string;
  /** The Default column of the README table when the default is not a plain value (Markdown). */
  readonly defaultText?: string;
}

/** The keywords of {@link SettingAnnotations}. */
export const ANNOTATION_KEYWORDS = ['expected', 'defaultText'] as const;

declare const DERIVED: unique symbol;
/** Type-only mark of a setting whose default is computed from other settings by `settingsFrom` (resolve.ts). */
type TDerived<T extends TSchema> = T & { readonly [DERIVED]: true };
/** A setting with a `default`. */
type TDefaulted<T extends TSchema> = TOptional<T & { default: Static<T> }>;

/** A required field of an optional object (e.g. `argoCd.repoUrl`). */
function required<T extends TSchema>(schema: T, description: string): T {
  return CloneType(schema, { description });
}

/** An optional setting without a default: unset means "not used" (`defaultText` says what that does). */
function optional<T extends TSchema>(schema: T, description: string, defaultText?: string): TOptional<T> {
  return Type.Optional(CloneType(schema, { description, ...(defaultText ? { defaultText } : {}) })) as TOptional<T>;
}

/** An optional setting with a default value. */
function defaulted<T extends TSchema>(schema: T, value: Static<T>, description: string, defaultText?: string): TDefaulted<T> {
  return Type.Optional(CloneType(schema, { description, default: value, ...(defaultText ? { defaultText } : {}) })) as TDefaulted<T>;
}

/** An optional setting whose default `settingsFrom` (resolve.ts) computes from other settings (`defaultText` says how). */
function derived<T extends TSchema>(schema: T, description: string, defaultText: string): TOptional<TDerived<T>> {
  return Type.Optional(CloneType(schema, { description, defaultText })) as TOptional<TDerived<T>>;
}

/** A group of settings (a README table section, expanded field by field); present after resolution. */
function group<P extends TProperties>(properties: P): TDefaulted<TObject<P>> {
  return Type.Optional(Type.Object(properties, { additionalProperties: false, default: {} })) as TDefaulted<TObject<P>>;
}

/** An object setting shown as one row of the README table. */
function object<P extends TProperties>(properties: P, options: SchemaOptions = {}): TObject<P> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/** A string map (`labels`, `codeRun.env`). */
function stringMap(options: SettingAnnotations & { valueExpected?: string }): TSchema & { static: Record<string, string> } {
  const { valueExpected, ...rest } = options;
  return Type.Unsafe<Record<string, string>>({
    type: 'object',
    additionalProperties: { type: 'string', ...(valueExpected ? { expected: valueExpected } : {}) },
    ...rest,
  });
}

/** One of fixed strings, as a JSON Schema `enum` (errors name the list). */
function oneOf<const V extends string>(values: readonly V[], expected: string): TSchema & { static: V } {
  return Type.Unsafe<V>({ enum: [...values], expected });
}

// --- Value kinds ------------------------------------------------------------------------------

const dnsLabel = Type.String({
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
  maxLength: 63,
  expected: 'a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
});

const dnsSubdomain = Type.String({
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
  maxLength: 253,
  expected: 'a DNS-1123 subdomain: lower-case letters, digits, "-" and ".", at most 253 characters',
});

const repository = Type.String({
  // GitHub owners: alphanumerics and single hyphens; repository names: [A-Za-z0-9._-], not "." or "..".
  pattern: '^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$',
  expected: 'a GitHub repository as "owner/name", e.g. "5dlabs/cto"',
});

const repositories = Type.Array(repository, { minItems: 1, expected: 'a non-empty list of "owner/name" repositories' });

const organization = Type.String({
  pattern: '^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$',
  expected: 'a GitHub organization or user name, e.g. "5dlabs"',
});

const nonEmptyString = Type.String({ minLength: 1, expected: 'a non-empty string' });

const secretKeyRef = object({
  name: required(dnsSubdomain, 'Secret name'),
  key: required(Type.String({ pattern: '^[-._a-zA-Z0-9]+$', maxLength: 253, expected: 'a Secret key: letters, digits, "-", "_" and "."' }), 'key inside the Secret'),
});

const quantity = Type.String({
  pattern: '^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$',
  expected: 'a Kubernetes quantity such as "100m" or "128Mi"',
});

const workflowNames = Type.Array(
  Type.String({ minLength: 1, expected: 'a workflow name, or an RE2 pattern between slashes' }),
  { minItems: 1, expected: 'a non-empty list of workflow names or /RE2/ patterns' },
);

const CONCLUSIONS = ['success', 'failure', 'neutral', 'cancelled', 'timed_out', 'action_required', 'stale', 'skipped', 'startup_failure'] as const;

const promDuration = Type.String({ pattern: '^([0-9]+(y|w|d|h|m|s|ms))+$', expected: DURATION_EXPECTED });

// --- The settings ----------------------------------------------------------------------------

/** JSON Schema of the settings, with descriptions and defaults. */
export const settingsSchema = Type.Object({
  repositories: defaulted(repositories, ['5dlabs/cto'], 'repositories (`owner/name`) whose failures are remediated, matched exactly (case-insensitive)'),
  labels: defaulted(stringMap({ expected: 'a map of label keys to label values' }), {}, 'labels added to every object (valid Kubernetes keys and values)'),
  eventSource: group({
    name: defaulted(dnsSubdomain, 'github', 'EventSource name'),
    namespace: defaulted(dnsLabel, 'argo', 'namespace of the EventSource and its Service'),
    eventName: defaulted(
      Type.String({ minLength: 1, pattern: '^[A-Za-z0-9][-A-Za-z0-9_.]*$', expected: 'an event name: letters, digits, "-", "_" and "."' }),
      'org', 'key under `spec.github`',
    ),
    organizations: optional(
      Type.Array(organization, { minItems: 1, expected: 'a non-empty list of organizations' }),
      'organizations whose hooks are managed; exclusive with `eventSource.repositories`',
      `\`[${DEFAULT_ORGANIZATIONS.join(', ')}]\` (when \`eventSource.repositories\` is unset)`,
    ),
    repositories: optional(repositories, '`owner/name` list instead of organizations'),
    endpoint: defaulted(Type.String({ pattern: '^/[-A-Za-z0-9._~/]*$', expected: 'a URL path starting with "/", e.g. "/github/webhook"' }), '/github/webhook', 'webhook path'),
    port: defaulted(Type.Integer({ minimum: 1, maximum: 65535, expected: 'a port number from 1 to 65535' }), 12000, 'webhook port and Service port'),
    webhookSecret: defaulted(secretKeyRef, { name: 'github-webhook-secret', key: 'secret' }, 'Secret verifying `X-Hub-Signature-256`; always emitted'),
    events: defaulted(
      Type.Array(Type.String({ pattern: '^(\\*|[a-z_]+)$', expected: 'a GitHub event name such as "workflow_run", or "*"' }), { minItems: 1 }),
      ['*'], 'events the managed hooks subscribe to',
    ),
    hooks: optional(
      object({
        url: required(Type.String({ pattern: '^https?://[^\\s/]+', expected: 'a public URL such as "https://hooks.example.com"' }), 'public URL GitHub delivers to'),
        apiToken: optional(secretKeyRef, 'token allowed to manage hooks'),
        githubApp: optional(object({
          appId: required(Type.Integer({ minimum: 1, expected: 'the numeric GitHub App id' }), 'GitHub App id'),
          installationId: required(Type.Integer({ minimum: 1, expected: 'the numeric installation id' }), 'installation id'),
          privateKey: required(secretKeyRef, 'Secret holding the App\'s private key'),
        }), 'GitHub App allowed to manage hooks'),
        active: defaulted(Type.Boolean(), true, 'whether created hooks are active (Argo\'s own default creates inactive hooks)'),
      }),
      'hook management: `url` (public), one of `apiToken {name,key}` or `githubApp {appId, installationId, privateKey {name,key}}`, '
      + '`active` (default `true`; Argo\'s own default creates inactive hooks)',
      'none (hooks configured in GitHub by hand)',
    ),
  }),
  sensor: group({
    name: defaulted(dnsSubdomain, 'ci-failure-remediation', 'Sensor name'),
    namespace: defaulted(dnsLabel, 'argo', 'namespace of the Sensor and its ServiceAccount'),
    serviceAccountName: defaulted(dnsSubdomain, 'argo-events-sa', 'ServiceAccount the Sensor runs as (created)'),
    replicas: defaulted(Type.Integer({ minimum: 1, maximum: 10, expected: 'an integer from 1 to 10' }), 1, 'Sensor replicas, 1–10'),
    resources: defaulted(
      object({
        requests: defaulted(object({ cpu: defaulted(quantity, '100m', 'CPU request'), memory: defaulted(quantity, '128Mi', 'memory request') }), {}, 'requests'),
        limits: defaulted(object({ cpu: defaulted(quantity, '300m', 'CPU limit'), memory: defaulted(quantity, '256Mi', 'memory limit') }), {}, 'limits'),
      }),
      {}, 'Sensor container resources; each value unset keeps its default',
    ),
    rateLimit: defaulted(
      object({
        unit: required(oneOf(['Second', 'Minute', 'Hour'], 'one of Second, Minute, Hour'), 'time unit'),
        requestsPerUnit: required(Type.Integer({ minimum: 1, expected: 'a positive integer' }), 'triggers per unit'),
      }),
      { unit: 'Minute', requestsPerUnit: 20 }, 'trigger rate limit',
    ),
    retryStrategy: defaulted(
      object({
        steps: required(Type.Integer({ minimum: 1, maximum: 20, expected: 'an integer from 1 to 20' }), 'attempts'),
        duration: required(Type.String({ pattern: '^([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+$', expected: 'a Go duration such as "10s" or "1m30s"' }), 'first back-off'),
        factor: defaulted(Type.Number({ minimum: 1, expected: 'a number >= 1' }), 2, 'back-off factor'),
        jitter: defaulted(Type.Number({ minimum: 0, maximum: 1, expected: 'a number from 0 to 1' }), 0.1, 'back-off jitter'),
      }),
      { steps: 3, duration: '10s' }, 'trigger retries (at trigger level, with `atLeastOnce`); `factor` and `jitter` unset keep their defaults',
    ),
  }),
  filters: group({
    conclusions: defaulted(
      Type.Array(oneOf(CONCLUSIONS, `a workflow_run conclusion: ${CONCLUSIONS.slice(0, -1).join(', ')} or ${CONCLUSIONS[CONCLUSIONS.length - 1]}`), { minItems: 1 }),
      ['failure'], 'conclusions that count as failures',
    ),
    blockForks: defaulted(Type.Boolean(), true, 'require the head repository to be an allowed repository'),
    skipToken: defaulted(
      nonEmptyString, '[skip-ci-remediation]',
      'commit-message text that opts out (literal); quote it in YAML, where an unquoted `[skip-ci-remediation]` is a list',
    ),
    remediationBranchPrefix: defaulted(
      nonEmptyString, DEFAULT_FIX_BRANCH_PREFIX,
      'branches never remediated: the agent\'s own, which it names `<prefix><run id>-<attempt>` (`REMEDIATION_BRANCH_PREFIX`)',
    ),
    includeWorkflows: optional(workflowNames, 'workflow names to remediate: exact names, or `/RE2/` patterns matching the whole name', 'all'),
    excludeWorkflows: defaulted(workflowNames, [], 'workflow names never remediated (same syntax)', 'none'),
  }),
  codeRun: group({
    group: defaulted(dnsSubdomain, 'agents.platform', 'API group of the served CodeRun CRD'),
    version: defaulted(Type.String({ pattern: '^v[0-9]+((alpha|beta)[0-9]+)?$', expected: 'an API version such as "v1" or "v1alpha1"' }), 'v1', 'served CodeRun API version'),
    namespace: defaulted(dnsLabel, 'cto', 'where CodeRuns are created (and the Role lives)'),
    namePrefix: defaulted(
      Type.String({ pattern: dnsLabel.pattern, maxLength: 40, expected: 'a DNS-1123 label of at most 40 characters (the run id and attempt are appended)' }),
      'ci-remediation', 'CodeRun name prefix; the run id and attempt follow',
    ),
    githubApp: defaulted(nonEmptyString, '5DLabs-Rex', 'GitHub App the agent acts as'),
    model: defaulted(nonEmptyString, 'claude-sonnet-4-5-20250929', 'model (`spec.model`)'),
    cli: group({
      cliType: defaulted(nonEmptyString, 'claude', '`spec.cliConfig.cliType`'),
      model: derived(nonEmptyString, '`spec.cliConfig.model`', '`codeRun.model`'),
      maxTokens: defaulted(Type.Integer({ minimum: 1, maximum: 2147483647, expected: 'a positive 32-bit integer' }), 16384, '`spec.cliConfig.maxTokens`'),
      temperature: defaulted(Type.Number({ minimum: 0, maximum: 2, expected: 'a number from 0 to 2' }), 0.2, '`spec.cliConfig.temperature`'),
    }),
    service: optional(nonEmptyString, '`spec.service`', 'the repository name (from the event)'),
    docsRepositoryUrl: optional(
      Type.String({ pattern: '^(https://|ssh://|git@|file://)\\S+$', expected: 'a repository URL such as "https://github.com/5dlabs/docs"' }),
      '`spec.docsRepositoryUrl`', 'the repository URL (from the event)',
    ),
    workingDirectory: defaulted(nonEmptyString, '.', '`spec.workingDirectory`'),
    maxRemediationAttempts: defaulted(
      Type.Integer({ minimum: 1, maximum: 10, expected: 'an integer from 1 to 10' }), 3,
      'attempts the agent may make per failed run, 1–10 (`MAX_REMEDIATION_ATTEMPTS`)',
    ),
    agent: group({
      maxTurns: defaulted(
        Type.Integer({ minimum: 1, maximum: 1000, expected: 'an integer from 1 to 1000' }), 40,
        'agentic turns per attempt (1–1000; `AGENT_MAX_TURNS`, passed as claude `--max-turns`)',
      ),
      maxBudgetUsd: defaulted(
        Type.Number({ exclusiveMinimum: 0, maximum: 1000, expected: 'a number of US dollars above 0 and at most 1000' }), 5,
        'US dollars the agent may spend per attempt (above 0, at most 1000; `AGENT_MAX_BUDGET_USD`, passed as claude `--max-budget-usd`)',
      ),
    }),
    env: defaulted(
      stringMap({ valueExpected: 'a string (quote numbers and booleans in YAML: "1")' }), {},
      'more agent environment variables (`spec.env`), e.g. `IS_SANDBOX: "1"` when the agent image runs as root (`claude` refuses to skip '
      + 'permission prompts as root otherwise, and the script stops with that fix); names the trigger sets are refused',
      'none',
    ),
  }),
  templates: group({
    dir: defaulted(nonEmptyString, 'templates', 'templates tree (relative to the working directory)'),
    namespace: defaulted(dnsLabel, 'cto', 'ConfigMap namespace'),
    configMapName: defaulted(
      Type.String({ pattern: dnsSubdomain.pattern, maxLength: 200, expected: 'a DNS-1123 subdomain of at most 200 characters (a folder suffix may be appended)' }),
      'controller-agent-templates', 'ConfigMap name (`-<folder>` appended when split)',
    ),
  }),
  argoCd: Type.Optional(Type.Object({
    repoUrl: required(
      Type.String({ pattern: '^(https://|ssh://|git@)\\S+$', expected: 'a Git repository URL such as "https://github.com/acme/platform.git"' }),
      'Git repository holding the synthesized folder; setting it enables the Argo CD Application',
    ),
    path: defaulted(Type.String({ pattern: '^[^/\\s][^\\s]*$', expected: 'a relative path such as "dist"' }), 'dist', 'path of the synthesized folder in that repository'),
    targetRevision: defaulted(nonEmptyString, 'HEAD', 'Git revision synced'),
    name: defaulted(dnsSubdomain, 'ci-remediation', 'Application name'),
    namespace: defaulted(dnsLabel, 'argocd', 'namespace Argo CD runs in'),
    project: defaulted(nonEmptyString, 'default', 'Argo CD project'),
  }, { additionalProperties: false })),
  // The monitoring objects: their options are the constructs' props (GrafanaDashboard,
  // RemediationAlerts, ArgoEventsPodMonitors), with the constructs' defaults; see the README's Monitoring section.
  monitoring: group({
    grafanaDashboard: Type.Optional(object({
      enabled: required(Type.Boolean(), '`true` adds the ConfigMap holding the Grafana dashboard (see [Monitoring](#monitoring)); required when `grafanaDashboard` is set'),
      name: defaulted(dnsSubdomain, DASHBOARD_DEFAULTS.name, 'the dashboard ConfigMap'),
      namespace: optional(dnsLabel, 'namespace of the dashboard ConfigMap', 'the Sensor\'s'),
      title: defaulted(nonEmptyString, DASHBOARD_DEFAULTS.title, 'dashboard title'),
      uid: defaulted(
        Type.String({ pattern: GRAFANA_UID.source, expected: 'a Grafana dashboard uid: at most 40 letters, digits, "-" and "_"' }),
        DASHBOARD_DEFAULTS.uid, 'dashboard uid (its address in Grafana, `/d/<uid>`)',
      ),
      sidecarLabel: defaulted(
        object({ key: required(nonEmptyString, 'label key'), value: required(nonEmptyString, 'label value') }),
        { ...DASHBOARD_DEFAULTS.sidecarLabel }, 'the label the Grafana sidecar picks dashboards by (kube-prometheus-stack\'s default)',
      ),
      folder: optional(nonEmptyString, 'Grafana folder, written to the `folderAnnotation` annotation (the sidecar needs `folderAnnotation` and `provider.foldersFromFilesStructure: true`)', 'none (the sidecar\'s folder)'),
      folderAnnotation: defaulted(nonEmptyString, DASHBOARD_DEFAULTS.folderAnnotation, 'annotation carrying `folder`'),
    })),
    prometheusRules: Type.Optional(object({
      enabled: required(Type.Boolean(), '`true` adds the `PrometheusRule` with the alerts (see [Monitoring](#monitoring)); required when `prometheusRules` is set'),
      name: defaulted(dnsSubdomain, ALERTS_DEFAULTS.name, 'the PrometheusRule'),
      namespace: optional(dnsLabel, 'namespace of the PrometheusRule', 'the Sensor\'s'),
      labels: defaulted(
        stringMap({ expected: 'a map of label keys to label values' }), {},
        'labels of the PrometheusRule: kube-prometheus-stack\'s Prometheus loads only rules labelled `release: <its Helm release>` unless its `ruleSelector` says otherwise',
      ),
      alertLabels: defaulted(
        stringMap({ expected: 'a map of Prometheus label names to values' }), {},
        'labels added to every alert, e.g. `team` (`severity` and `alertname` are the alerts\' own)',
      ),
      triggerFailureWindow: defaulted(promDuration, ALERTS_DEFAULTS.triggerFailureWindow, 'a trigger, or an EventBus publish, failing within this window alerts'),
      downFor: defaulted(promDuration, ALERTS_DEFAULTS.downFor, 'the Sensor or EventSource counts as down when its metrics are missing this long'),
      noEventsFor: defaulted(promDuration, ALERTS_DEFAULTS.noEventsFor, 'no webhook for this long alerts; longer for quiet organizations'),
      reportFor: defaulted(promDuration, ALERTS_DEFAULTS.reportFor, 'unremediated failures, a KPI not met or a stale report must last this long (a report or two)'),
      reportMaxAge: defaulted(promDuration, ALERTS_DEFAULTS.reportMaxAge, 'a report older than this (or none) alerts; above the interval the report runs at'),
      runbookUrl: defaulted(nonEmptyString, ALERTS_DEFAULTS.runbookUrl, 'this README\'s address; each alert links `<runbookUrl>#<alert name in lower case>`'),
    })),
    // On with either of the others: both read the metrics only a scrape brings in.
    podMonitor: group({
      enabled: derived(
        Type.Boolean(),
        '`true` adds the `PodMonitor`s that make Prometheus scrape the Sensor\'s and the EventSource\'s metrics (see [Monitoring](#monitoring))',
        '`true` when `grafanaDashboard` or `prometheusRules` is enabled',
      ),
      labels: defaulted(
        stringMap({ expected: 'a map of label keys to label values' }), {},
        'labels of the PodMonitors: kube-prometheus-stack\'s Prometheus loads only PodMonitors labelled `release: <its Helm release>` unless its `podMonitorSelector` says otherwise',
      ),
      interval: optional(promDuration, 'how often Prometheus scrapes the pods', 'Prometheus\' `scrape_interval`'),
    }),
  }),
}, { additionalProperties: false });

// --- Types -----------------------------------------------------------------------------------

/** Settings as written (library or YAML file): every field optional. */
export type CiRemediationSettings = Static<typeof settingsSchema>;

/** Whether a property is always present once defaults are applied. */
type Present<S> = S extends { default: unknown } ? true : S extends { readonly [DERIVED]: true } ? true : S extends { [OptionalKind]: 'Optional' } ? false : true;

/** The type of a schema's value once `settingsFrom` (resolve.ts) applied every default. */
export type Resolved<S> = S extends TObject<infer P>
  ? Evaluate<
    { readonly [K in keyof P as Present<P[K]> extends true ? K : never]: Resolved<P[K]> }
    & { readonly [K in keyof P as Present<P[K]> extends true ? never : K]?: Resolved<P[K]> }
  >
  : S extends TSchema ? Static<S> : never;

/** Settings with every default applied; optional features stay optional. */
export type ResolvedSettings = Resolved<typeof settingsSchema>;

/** A key of a Kubernetes Secret. */
export type SecretKeyRef = Static<typeof secretKeyRef>;
