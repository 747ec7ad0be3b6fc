/**
 * The Sensor trigger that creates one CodeRun per failed workflow run attempt.
 *
 * The CodeRun template holds placeholders that trigger parameters overwrite from the
 * event. Parameters use `dataKey` (gjson `String()`: strings unescaped, integer ids as
 * plain digits) wherever a value is copied, and a `dataTemplate` with `int64` only
 * where text is composed, because Go prints float64 numbers in exponent form
 * (`1.9289199112e+10`, reference §7).
 */
import type { IoArgoprojEventsV1Alpha1Trigger, IoArgoprojEventsV1Alpha1TriggerParameter } from '../../imports/argoproj.io';
import type { ResolvedSettings } from '../config/settings';
import { EventPaths } from '../github/webhook';
import { CodeRunLabels, EVENT_ANNOTATIONS, EVENT_ENV, REMEDIATION_MODE } from '../github/remediation';

type TriggerParameter = IoArgoprojEventsV1Alpha1TriggerParameter;

/** Escapes one key for an sjson path (`.`, `*`, `?` and `\` are special there). */
export function sjsonKey(key: string): string {
  return key.replace(/[\\.*?]/g, '\\$&');
}

/** Builds an sjson destination from literal keys. */
export function sjsonPath(...keys: string[]): string {
  return keys.map(sjsonKey).join('.');
}

/** Digits-only values (run id and attempt): safe as label values and in names. */
function integerTemplate(path: string): string {
  return `{{ int64 ${goTemplateField(path)} }}`;
}

/** `body.workflow_run.id` as a template field chain on `.Input`. */
function goTemplateField(path: string): string {
  return `.Input.${path}`;
}

/** The CodeRun name: deterministic per run id and attempt, so a redelivery cannot create a second one. */
export function codeRunNameTemplate(namePrefix: string): string {
  return `${namePrefix}-${integerTemplate(EventPaths.runId)}-${integerTemplate(EventPaths.runAttempt)}`;
}

/** Builds the trigger for the given settings and dependency name. */
export function codeRunTrigger(settings: ResolvedSettings, dependencyName: string, triggerName = 'create-coderun'): IoArgoprojEventsV1Alpha1Trigger {
  const { codeRun, sensor, filters } = settings;
  const fromKey = (dataKey: string, ...dest: string[]): TriggerParameter => ({ src: { dependencyName, dataKey }, dest: sjsonPath(...dest) });
  const fromTemplate = (dataTemplate: string, ...dest: string[]): TriggerParameter => ({ src: { dependencyName, dataTemplate }, dest: sjsonPath(...dest) });

  const parameters: TriggerParameter[] = [
    fromTemplate(codeRunNameTemplate(codeRun.namePrefix), 'metadata', 'name'),
    fromTemplate(integerTemplate(EventPaths.runId), 'metadata', 'labels', CodeRunLabels.runId),
    fromTemplate(integerTemplate(EventPaths.runAttempt), 'metadata', 'labels', CodeRunLabels.runAttempt),
    ...Object.entries(EVENT_ANNOTATIONS).map(([key, path]) => fromKey(path, 'metadata', 'annotations', key)),
    fromKey(EventPaths.repositoryUrl, 'spec', 'repositoryUrl'),
    ...(codeRun.docsRepositoryUrl ? [] : [fromKey(EventPaths.repositoryUrl, 'spec', 'docsRepositoryUrl')]),
    ...(codeRun.service ? [] : [fromKey(EventPaths.repositoryName, 'spec', 'service')]),
    ...Object.entries(EVENT_ENV).map(([name, path]) => fromKey(path, 'spec', 'env', name)),
  ];

  const resource = {
    apiVersion: `${codeRun.group}/${codeRun.version}`,
    kind: 'CodeRun',
    metadata: {
      // Placeholders below are overwritten by the parameters; a parameter that cannot be
      // resolved fails the trigger, so a placeholder is never created.
      name: `${codeRun.namePrefix}-pending`,
      namespace: codeRun.namespace,
      labels: {
        ...settings.labels,
        'app.kubernetes.io/name': 'ci-remediation',
        'app.kubernetes.io/component': 'ci-failure-remediation',
        [CodeRunLabels.mode]: REMEDIATION_MODE,
        [CodeRunLabels.runId]: '0',
        [CodeRunLabels.runAttempt]: '0',
      },
      annotations: Object.fromEntries(Object.keys(EVENT_ANNOTATIONS).map(key => [key, ''])),
    },
    spec: {
      service: codeRun.service ?? 'pending',
      repositoryUrl: 'pending',
      docsRepositoryUrl: codeRun.docsRepositoryUrl ?? 'pending',
      workingDirectory: codeRun.workingDirectory,
      model: codeRun.model,
      githubApp: codeRun.githubApp,
      continueSession: false,
      overwriteMemory: false,
      cliConfig: {
        cliType: codeRun.cli.cliType,
        model: codeRun.cli.model,
        maxTokens: codeRun.cli.maxTokens,
        temperature: codeRun.cli.temperature,
      },
      env: {
        ...codeRun.env,
        REMEDIATION_MODE,
        MAX_REMEDIATION_ATTEMPTS: String(codeRun.maxRemediationAttempts),
        // The agent names its fix branches with the prefix the Sensor ignores, so they never loop.
        REMEDIATION_BRANCH_PREFIX: filters.remediationBranchPrefix,
        AGENT_MAX_TURNS: String(codeRun.agent.maxTurns),
        AGENT_MAX_BUDGET_USD: String(codeRun.agent.maxBudgetUsd),
        ...Object.fromEntries(Object.keys(EVENT_ENV).map(name => [name, ''])),
      },
    },
  };

  return {
    template: {
      name: triggerName,
      k8S: { operation: 'create', source: { resource }, parameters },
    },
    rateLimit: { unit: sensor.rateLimit.unit, requestsPerUnit: sensor.rateLimit.requestsPerUnit },
    retryStrategy: { ...sensor.retryStrategy },
    // Retries only take effect with at-least-once semantics (reference §8).
    atLeastOnce: true,
  };
}
