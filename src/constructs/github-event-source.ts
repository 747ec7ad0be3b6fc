import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { EventSource, type IoArgoprojEventsV1Alpha1GithubEventSource, type IoArgoprojEventsV1Alpha1WebhookContext } from '../../imports/argoproj.io';
import type { ResolvedSettings } from '../config/settings';

/** Props of {@link GitHubEventSource}. */
export interface GitHubEventSourceProps {
  /** EventSource settings with defaults applied. */
  readonly settings: ResolvedSettings['eventSource'];
  /** Labels for every object. @default none */
  readonly labels?: Record<string, string>;
}

/** Label the Argo Events controller puts on EventSource pods. */
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
    const s = props.settings;
    if (!s.webhookSecret?.name || !s.webhookSecret.key) {
      throw new Error('eventSource.webhookSecret: a Secret reference { name, key } is required; without it Argo Events accepts unsigned webhooks from anyone');
    }
    if (Boolean(s.organizations) === Boolean(s.repositories)) {
      throw new Error('eventSource: set exactly one of organizations or repositories');
    }
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
      ...(s.organizations ? { organizations: s.organizations } : {}),
      ...(s.repositories ? { repositories: groupRepositories(s.repositories) } : {}),
      webhook,
      events: s.events,
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
      ...(s.hooks ? { active: s.hooks.active } : {}),
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

/** `owner/name` list to Argo's `[{owner, names}]`, owners and names sorted. */
export function groupRepositories(repositories: readonly string[]): { owner: string; names: string[] }[] {
  const byOwner = new Map<string, string[]>();
  for (const repository of repositories) {
    const [owner, name] = repository.split('/');
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), name]);
  }
  return [...byOwner.keys()].sort().map(owner => ({ owner, names: [...new Set(byOwner.get(owner))].sort() }));
}
