import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { EventSource, type IoArgoprojEventsV1Alpha1GithubEventSource, type IoArgoprojEventsV1Alpha1WebhookContext } from '../../imports/argoproj.io';
/** A key of a Kubernetes Secret. */
export interface SecretKeySelector {
  /** Secret name. */
  readonly name: string;
  /** Key inside the Secret. */
  readonly key: string;
}

/** Credentials and URL with which the EventSource manages the GitHub webhooks itself. */
export interface GitHubHookManagement {
  /** Public URL GitHub delivers to (scheme and host; Argo appends the endpoint path). */
  readonly url: string;
  /** A token allowed to manage hooks. Exactly one of `apiToken` and `githubApp`. @default none */
  readonly apiToken?: SecretKeySelector;
  /** A GitHub App allowed to manage hooks. Exactly one of `apiToken` and `githubApp`. @default none */
  readonly githubApp?: { readonly appId: number; readonly installationId: number; readonly privateKey: SecretKeySelector };
  /** Whether the hooks are active. @default true (Argo's own default, false, creates hooks that never deliver) */
  readonly active?: boolean;
}

/** Props of {@link GitHubEventSource}. */
export interface GitHubEventSourceProps {
  /** EventSource name; the Service is named `<name>-eventsource-svc`. */
  readonly name: string;
  /** Namespace of the EventSource and its Service. */
  readonly namespace: string;
  /** Event name (the key under `spec.github`), as Sensors reference it. */
  readonly eventName: string;
  /** Organizations whose hooks are managed. Exactly one of `organizations` and `repositories`. @default none */
  readonly organizations?: readonly string[];
  /** Repositories (`owner/name`) whose hooks are managed. Exactly one of `organizations` and `repositories`. @default none */
  readonly repositories?: readonly string[];
  /** Webhook path. */
  readonly endpoint: string;
  /** Webhook port, also the Service port. */
  readonly port: number;
  /** Secret verifying `X-Hub-Signature-256`. Required: without it Argo Events accepts unsigned webhooks. */
  readonly webhookSecret: SecretKeySelector;
  /** GitHub events the managed hooks subscribe to. @default ['*'] */
  readonly events?: readonly string[];
  /** Hook management. @default none (hooks configured in GitHub by hand) */
  readonly hooks?: GitHubHookManagement;
  /** Labels for every object. @default none */
  readonly labels?: Record<string, string>;
}

/**
 * Label the Argo Events controller puts on EventSource pods (`LabelEventSourceName = "eventsource-name"`,
 * argo-events 6478ece pkg/apis/events/v1alpha1/const.go line 197, set by
 * pkg/reconciler/eventsource/controller.go lines 89-93 beside `controller: eventsource-controller` and `owner-name`).
 */
export const EVENT_SOURCE_POD_LABEL = 'eventsource-name';

/**
 * The GitHub EventSource receiving webhooks, and a Service exposing its port.
 *
 * The webhook secret is mandatory: without it Argo Events verifies no signature and
 * anyone who reaches the endpoint can inject events (reference §10).
 */
export class GitHubEventSource extends Construct {
  /** The EventSource object. */
  public readonly eventSource: EventSource;
  /** The Service in front of the EventSource pods. */
  public readonly service: kplus.Service;
  /** EventSource name, as Sensors reference it. */
  public readonly eventSourceName: string;
  /** Event name, as Sensors reference it. */
  public readonly eventName: string;

  constructor(scope: Construct, id: string, props: GitHubEventSourceProps) {
    super(scope, id);
    const problems = propsProblems(props);
    if (problems.length > 0) {
      throw new Error(`GitHubEventSource ${this.node.path}: ${problems.join('; ')}`);
    }
    const s = props;
    this.eventSourceName = s.name;
    this.eventName = s.eventName;
    const labels = props.labels ?? {};

    const webhook = {
      endpoint: s.endpoint,
      port: String(s.port),
      method: 'POST',
      // The schema marks url as required, the controller does not: it is only set when
      // the EventSource manages the hooks.
      ...(s.hooks ? { url: s.hooks.url } : {}),
    } as IoArgoprojEventsV1Alpha1WebhookContext;

    const github: IoArgoprojEventsV1Alpha1GithubEventSource = {
      ...(s.organizations ? { organizations: [...s.organizations] } : {}),
      ...(s.repositories ? { repositories: groupRepositories(s.repositories) } : {}),
      webhook,
      events: [...(s.events ?? ['*'])],
      webhookSecret: { name: s.webhookSecret.name, key: s.webhookSecret.key },
      contentType: 'json',
      ...(s.hooks?.apiToken ? { apiToken: { name: s.hooks.apiToken.name, key: s.hooks.apiToken.key } } : {}),
      ...(s.hooks?.githubApp
        ? {
          githubApp: {
            appId: s.hooks.githubApp.appId,
            installationId: s.hooks.githubApp.installationId,
            privateKey: { name: s.hooks.githubApp.privateKey.name, key: s.hooks.githubApp.privateKey.key },
          },
        }
        : {}),
      ...(s.hooks ? { active: s.hooks.active ?? true } : {}),
    };

    this.eventSource = new EventSource(this, 'Resource', {
      metadata: { name: s.name, namespace: s.namespace, labels },
      spec: { github: { [s.eventName]: github } },
    });

    this.service = new kplus.Service(this, 'Service', {
      metadata: { name: `${s.name}-eventsource-svc`, namespace: s.namespace, labels },
      type: kplus.ServiceType.CLUSTER_IP,
      ports: [{ name: 'webhook', port: s.port, targetPort: s.port, protocol: kplus.Protocol.TCP }],
    });
    this.service.selectLabel(EVENT_SOURCE_POD_LABEL, s.name);
  }
}

/** What is wrong with the props, each with the fix. */
function propsProblems(props: GitHubEventSourceProps): string[] {
  const problems: string[] = [];
  if (!props.webhookSecret?.name || !props.webhookSecret.key) {
    problems.push('webhookSecret: a Secret reference { name, key } is required; without it Argo Events accepts unsigned webhooks from anyone');
  }
  if (Boolean(props.organizations) === Boolean(props.repositories)) {
    problems.push('set exactly one of organizations or repositories (the Argo Events controller rejects an EventSource with both or neither)');
  }
  if (props.hooks && Boolean(props.hooks.apiToken) === Boolean(props.hooks.githubApp)) {
    problems.push('hooks: set exactly one of apiToken or githubApp (the credentials Argo Events manages the hooks with)');
  }
  if (!Number.isInteger(props.port) || props.port < 1 || props.port > 65535) {
    problems.push(`port: ${props.port} is not a port number; use one from 1 to 65535`);
  }
  return problems;
}

/** `owner/name` list to Argo's `[{owner, names}]`, owners and names sorted. */
export function groupRepositories(repositories: readonly string[]): { owner: string; names: string[] }[] {
  const byOwner = new Map<string, string[]>();
  for (const repository of repositories) {
    const [owner, name] = repository.split('/');
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), name]);
  }
  return [...byOwner.keys()].sort().map(owner => ({ owner, names: [...new Set(byOwner.get(owner))].sort() }));
}
