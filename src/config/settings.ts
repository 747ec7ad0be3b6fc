/**
 * Settings of the CI-failure remediation stack.
 *
 * The same shape is used by the library (`CiRemediationChartProps`) and by the YAML
 * settings file (`--config` / `CI_REMEDIATION_CONFIG`). Every field is optional; the
 * defaults reproduce the documented deployment.
 */

/** A key of a Kubernetes Secret. */
export interface SecretKeyRef {
  /** Secret name. */
  readonly name: string;
  /** Key inside the Secret. */
  readonly key: string;
}

/** Hook management: the EventSource creates (and keeps) the GitHub webhooks itself. */
export interface HookSettings {
  /** Public URL GitHub delivers to (scheme and host; the endpoint path is appended by Argo). */
  readonly url: string;
  /** A personal or fine-grained token allowed to manage hooks. Either this or `githubApp`. */
  readonly apiToken?: SecretKeyRef;
  /** A GitHub App allowed to manage hooks. Either this or `apiToken`. */
  readonly githubApp?: {
    readonly appId: number;
    readonly installationId: number;
    readonly privateKey: SecretKeyRef;
  };
  /** Whether created hooks are active. @default true (Argo's own default, false, creates dead hooks) */
  readonly active?: boolean;
}

/** The GitHub EventSource and its Service. */
export interface EventSourceSettings {
  /** EventSource name. @default 'github' */
  readonly name?: string;
  /** Namespace of the EventSource and its Service. @default 'argo' */
  readonly namespace?: string;
  /** Event name (the key under `spec.github`). @default 'org' */
  readonly eventName?: string;
  /**
   * Organizations whose hooks the EventSource manages. Exclusive with `repositories`.
   * @default ['5dlabs'] unless `repositories` is set
   */
  readonly organizations?: string[];
  /** Repositories (`owner/name`) whose hooks the EventSource manages. Exclusive with `organizations`. */
  readonly repositories?: string[];
  /** Webhook path. @default '/github/webhook' */
  readonly endpoint?: string;
  /** Webhook port, also the Service port. @default 12000 */
  readonly port?: number;
  /** Secret holding the webhook secret used to verify `X-Hub-Signature-256`. Required by design. @default { name: 'github-webhook-secret', key: 'secret' } */
  readonly webhookSecret?: SecretKeyRef;
  /** GitHub events the managed hooks subscribe to. @default ['*'] */
  readonly events?: string[];
  /** Optional hook management. @default none (hooks configured in GitHub by hand) */
  readonly hooks?: HookSettings;
}

/** Requests/limits of a container. */
export interface ResourceSettings {
  readonly requests?: { readonly cpu?: string; readonly memory?: string };
  readonly limits?: { readonly cpu?: string; readonly memory?: string };
}

/** The Sensor and its trigger. */
export interface SensorSettings {
  /** Sensor name. @default 'ci-failure-remediation' */
  readonly name?: string;
  /** Namespace of the Sensor and its ServiceAccount. @default 'argo' */
  readonly namespace?: string;
  /** ServiceAccount the Sensor pod runs as (created by the stack). @default 'argo-events-sa' */
  readonly serviceAccountName?: string;
  /** Sensor replicas. @default 1 */
  readonly replicas?: number;
  /** Sensor container resources. @default requests 100m/128Mi, limits 300m/256Mi */
  readonly resources?: ResourceSettings;
  /** Trigger rate limit. @default { unit: 'Minute', requestsPerUnit: 20 } */
  readonly rateLimit?: { readonly unit: 'Second' | 'Minute' | 'Hour'; readonly requestsPerUnit: number };
  /** Trigger retries (at trigger level, with `atLeastOnce`). @default { steps: 3, duration: '10s', factor: 2, jitter: 0.1 } */
  readonly retryStrategy?: { readonly steps: number; readonly duration: string; readonly factor?: number; readonly jitter?: number };
}

/** Which workflow runs start a remediation. */
export interface FilterSettings {
  /** `workflow_run.conclusion` values that count as failures. @default ['failure'] */
  readonly conclusions?: string[];
  /** Drop runs whose head repository is not an allowed repository (fork PRs). @default true */
  readonly blockForks?: boolean;
  /** A head commit message containing this text (literally) is skipped. @default '[skip-ci-remediation]' */
  readonly skipToken?: string;
  /** Branches starting with this prefix are the agent's own fix branches: never remediated. @default 'ci-fix/' */
  readonly remediationBranchPrefix?: string;
  /**
   * Workflow names to remediate (exact names, or `/RE2/` patterns matching the whole name).
   * @default all workflows
   */
  readonly includeWorkflows?: string[];
  /** Workflow names never to remediate (exact names or `/RE2/` patterns). @default none */
  readonly excludeWorkflows?: string[];
}

/** The agent CLI configuration of the CodeRun. */
export interface CliSettings {
  /** @default 'claude' */
  readonly cliType?: string;
  /** @default the CodeRun model */
  readonly model?: string;
  /** @default 16384 */
  readonly maxTokens?: number;
  /** @default 0.2 */
  readonly temperature?: number;
}

/** Limits of one agent run (one remediation attempt); the script passes them to the agent CLI. */
export interface AgentSettings {
  /** Agentic turns per attempt (`AGENT_MAX_TURNS`, claude `--max-turns`). @default 40 */
  readonly maxTurns?: number;
  /** US dollars the agent may spend per attempt (`AGENT_MAX_BUDGET_USD`, claude `--max-budget-usd`). @default 5 */
  readonly maxBudgetUsd?: number;
}

/** The CodeRun the trigger creates. */
export interface CodeRunSettings {
  /** API group of the CodeRun CRD. @default 'agents.platform' */
  readonly group?: string;
  /** API version of the CodeRun CRD. @default 'v1' */
  readonly version?: string;
  /** Namespace the CodeRuns are created in. @default 'cto' */
  readonly namespace?: string;
  /** Prefix of CodeRun names; the run id and attempt follow. @default 'ci-remediation' */
  readonly namePrefix?: string;
  /** GitHub App the agent acts as. @default '5DLabs-Rex' */
  readonly githubApp?: string;
  /** Model. @default 'claude-sonnet-4-5-20250929' */
  readonly model?: string;
  /** Agent CLI. */
  readonly cli?: CliSettings;
  /** `spec.service`. @default the failing repository's name, from the event */
  readonly service?: string;
  /** `spec.docsRepositoryUrl`. @default the failing repository's URL, from the event */
  readonly docsRepositoryUrl?: string;
  /** `spec.workingDirectory`. @default '.' */
  readonly workingDirectory?: string;
  /** Attempts the agent may make per failed run (`MAX_REMEDIATION_ATTEMPTS`). @default 3 */
  readonly maxRemediationAttempts?: number;
  /** Cost cap of each agent run. */
  readonly agent?: AgentSettings;
  /**
   * More environment variables of the agent (`spec.env`), e.g. `IS_SANDBOX: "1"` when the agent
   * image runs as root: the agent CLI refuses to skip permission prompts as root otherwise.
   * Names the trigger sets itself (`REMEDIATION_MODE`, `WORKFLOW_*`, ...) are refused. @default none
   */
  readonly env?: Record<string, string>;
}

/** The agent templates ConfigMap(s). */
export interface TemplateSettings {
  /** Folder of the templates tree, relative to the working directory. @default 'templates' */
  readonly dir?: string;
  /** Namespace of the ConfigMap(s). @default 'cto' */
  readonly namespace?: string;
  /** ConfigMap name; split ConfigMaps get `-<folder>` appended. @default 'controller-agent-templates' */
  readonly configMapName?: string;
}

/** An Argo CD Application that syncs the synthesized folder. */
export interface ArgoCdSettings {
  /** Git repository holding the synthesized output. Setting it enables the Application. */
  readonly repoUrl: string;
  /** Path of the synthesized folder in that repository. @default 'dist' */
  readonly path?: string;
  /** @default 'HEAD' */
  readonly targetRevision?: string;
  /** Application name. @default 'ci-remediation' */
  readonly name?: string;
  /** Namespace Argo CD runs in. @default 'argocd' */
  readonly namespace?: string;
  /** Argo CD project. @default 'default' */
  readonly project?: string;
}

/** All settings. */
export interface CiRemediationSettings {
  /** Repositories (`owner/name`) whose failed runs are remediated, matched exactly. @default ['5dlabs/cto'] */
  readonly repositories?: string[];
  /** Labels added to every object. @default none */
  readonly labels?: Record<string, string>;
  readonly eventSource?: EventSourceSettings;
  readonly sensor?: SensorSettings;
  readonly filters?: FilterSettings;
  readonly codeRun?: CodeRunSettings;
  readonly templates?: TemplateSettings;
  /** Optional Argo CD Application. @default none */
  readonly argoCd?: ArgoCdSettings;
}

type DeepRequired<T> = { readonly [K in keyof T]-?: NonNullable<T[K]> extends object ? NonNullable<T[K]> extends unknown[] ? NonNullable<T[K]> : DeepRequired<NonNullable<T[K]>> : NonNullable<T[K]> };

/** Settings with every default applied; optional features stay optional. */
export interface ResolvedSettings {
  readonly repositories: string[];
  readonly labels: Record<string, string>;
  readonly eventSource: Omit<DeepRequired<EventSourceSettings>, 'organizations' | 'repositories' | 'hooks'> & {
    readonly organizations?: string[];
    readonly repositories?: string[];
    readonly hooks?: HookSettings & { readonly active: boolean };
  };
  readonly sensor: DeepRequired<SensorSettings>;
  readonly filters: Omit<DeepRequired<FilterSettings>, 'includeWorkflows'> & { readonly includeWorkflows?: string[] };
  readonly codeRun: Omit<DeepRequired<CodeRunSettings>, 'service' | 'docsRepositoryUrl'> & {
    readonly service?: string;
    readonly docsRepositoryUrl?: string;
  };
  readonly templates: DeepRequired<TemplateSettings>;
  readonly argoCd?: DeepRequired<ArgoCdSettings>;
}
