/**
 * Settings validation: every problem names the field and what is expected.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { patternEntryError } from '../filters/data-filter';
import { labelKeyProblem, labelValueProblem } from '../engine/validation/kubernetes-names';
import { EVENT_ENV, SETTINGS_ENV, SETTINGS_ENV_SOURCE } from '../github/remediation';
import { argoEventsPodMonitorsProblems, grafanaDashboardProblems, remediationAlertsProblems } from '../monitoring/options';
import type { CiRemediationSettings } from './settings';

/** What a shell and Kubernetes accept as an environment variable name. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED_ENV: ReadonlySet<string> = new Set([...SETTINGS_ENV, ...Object.keys(EVENT_ENV)]);

/** Thrown for invalid settings; `problems` holds one line per problem. */
export class SettingsError extends Error {
  constructor(public readonly problems: readonly string[], source?: string) {
    super(`invalid settings${source ? ` in ${source}` : ''}:\n${problems.map(p => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

let compiled: ValidateFunction | undefined;

/** The build pre-compiles the schema (scripts/build-validators.js); else compile it now. */
function schemaValidator(): ValidateFunction {
  if (!compiled) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      compiled = require('./settings-validator.generated.js') as ValidateFunction;
    } catch {
      // Running from sources (tests): compile it here. Loaded lazily, Ajv costs ~70 ms.
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { createSettingsAjv } = require('./settings-ajv') as typeof import('./settings-ajv');
      const { settingsSchema } = require('./settings') as typeof import('./settings');
      /* eslint-enable @typescript-eslint/no-require-imports */
      compiled = createSettingsAjv().compile(settingsSchema);
    }
  }
  return compiled;
}

/** Validates settings; throws SettingsError listing every problem. */
export function validateSettings(input: unknown, source?: string): CiRemediationSettings {
  const problems = [...schemaProblems(input)];
  if (problems.length === 0) {
    problems.push(...semanticProblems(input as CiRemediationSettings));
  }
  if (problems.length > 0) {
    throw new SettingsError(problems, source);
  }
  return input as CiRemediationSettings;
}

function schemaProblems(input: unknown): string[] {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return ['the settings must be a mapping (YAML object) at the top level'];
  }
  const validate = schemaValidator();
  if (validate(input)) {
    return [];
  }
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const error of validate.errors ?? []) {
    const text = describe(error);
    if (!seen.has(text)) {
      seen.add(text);
      problems.push(text);
    }
  }
  return problems;
}

/** Turns `/eventSource/organizations/0` into `eventSource.organizations[0]`. */
function fieldName(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1).map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  let name = '';
  for (const part of parts) {
    name += /^\d+$/.test(part) ? `[${part}]` : name ? `.${part}` : part;
  }
  return name || '(top level)';
}

function describe(error: ErrorObject): string {
  const field = fieldName(error.instancePath);
  const expected = (error.parentSchema as { expected?: string } | undefined)?.expected;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return `${fieldName(error.instancePath, key)}: unknown setting; expected one of: ${known.join(', ')}`;
    }
    case 'required': {
      const key = (error.params as { missingProperty: string }).missingProperty;
      return `${fieldName(error.instancePath, key)}: required when ${field} is set`;
    }
    case 'type':
      return `${field}: must be ${expected ?? `of type ${(error.params as { type: string }).type}`}`;
    default:
      return `${field}: must be ${expected ?? error.message}`;
  }
}

function semanticProblems(settings: CiRemediationSettings): string[] {
  const problems: string[] = [];
  const es = settings.eventSource;
  if (es?.organizations && es.repositories) {
    problems.push('eventSource: set either organizations or repositories, not both (Argo Events rejects an EventSource with both)');
  }
  const hooks = es?.hooks;
  if (hooks && Boolean(hooks.apiToken) === Boolean(hooks.githubApp)) {
    problems.push('eventSource.hooks: set exactly one of apiToken or githubApp (the credentials Argo Events uses to manage the hooks)');
  }
  for (const list of ['includeWorkflows', 'excludeWorkflows'] as const) {
    (settings.filters?.[list] ?? []).forEach((entry, i) => {
      const error = patternEntryError(entry);
      if (error) {
        problems.push(`filters.${list}[${i}]: ${JSON.stringify(entry)} is not a valid RE2 pattern (${error}); write a name without slashes for an exact match`);
      }
    });
  }
  for (const [key, value] of Object.entries(settings.labels ?? {})) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) problems.push(`labels: key ${JSON.stringify(key)} is not a valid label key: ${keyProblem}`);
    const valueProblem = labelValueProblem(value);
    if (valueProblem) problems.push(`labels.${key}: ${JSON.stringify(value)} is not a valid label value: ${valueProblem}`);
  }
  for (const name of Object.keys(settings.codeRun?.env ?? {})) {
    if (!ENV_NAME.test(name)) {
      problems.push(`codeRun.env: ${JSON.stringify(name)} is not an environment variable name; use letters, digits and "_", not starting with a digit`);
    } else if (RESERVED_ENV.has(name)) {
      const setting = SETTINGS_ENV_SOURCE[name];
      const instead = setting ? ` (set ${setting} instead)` : '';
      problems.push(`codeRun.env.${name}: the trigger sets this variable itself; remove it${instead}`);
    }
  }
  // The monitoring constructs check their own options; named here under their settings.
  const { grafanaDashboard, prometheusRules, podMonitor } = settings.monitoring ?? {};
  if (grafanaDashboard) problems.push(...grafanaDashboardProblems(grafanaDashboard).map(p => `monitoring.grafanaDashboard.${p}`));
  if (prometheusRules) problems.push(...remediationAlertsProblems(prometheusRules).map(p => `monitoring.prometheusRules.${p}`));
  if (podMonitor) problems.push(...argoEventsPodMonitorsProblems(podMonitor).map(p => `monitoring.podMonitor.${p}`));
  // One pass with a map from the lower-cased name to its first index (linear in the list).
  const firstIndex = new Map<string, number>();
  (settings.repositories ?? []).forEach((repository, i) => {
    const key = repository.toLowerCase();
    const first = firstIndex.get(key);
    if (first === undefined) {
      firstIndex.set(key, i);
    } else {
      problems.push(`repositories[${i}]: ${JSON.stringify(repository)} repeats repositories[${first}] (names are case-insensitive); remove it`);
    }
  });
  return problems;
}
