import { Testing } from 'cdk8s';
import { GitHubEventSource, type GitHubEventSourceProps } from '../../src/constructs/github-event-source';
import { synthChart } from '../helpers/chart';

describe('the default EventSource and its Service, as a focused snapshot', () => {
  test('the webhook, its secret and the events; the Service selecting the EventSource pods', () => {
    expect(synthChart().filter(m => m.kind === 'EventSource' || m.kind === 'Service')).toMatchSnapshot();
  });
});

describe('GitHubEventSource, on its own props', () => {
  const props: GitHubEventSourceProps = {
    name: 'github', namespace: 'argo', eventName: 'org', organizations: ['acme'], endpoint: '/hook', port: 12000,
    webhookSecret: { name: 'hook', key: 'secret' },
  };
  const build = (overrides: Partial<GitHubEventSourceProps>): Record<string, any>[] => {
    const chart = Testing.chart();
    new GitHubEventSource(chart, 'EventSource', { ...props, ...overrides });
    return Testing.synth(chart);
  };

  test('optional props take their documented defaults: all events, no hook management', () => {
    const github = build({})[0].spec.github.org;
    expect(github.events).toEqual(['*']);
    expect(github.active).toBeUndefined();
    expect(github.webhook.url).toBeUndefined();
  });

  test('managed hooks are active unless told otherwise (Argo\'s own default creates inactive hooks)', () => {
    const hooks = { url: 'https://hooks.example.com', apiToken: { name: 'gh', key: 'token' } };
    expect(build({ hooks })[0].spec.github.org.active).toBe(true);
    expect(build({ hooks: { ...hooks, active: false } })[0].spec.github.org.active).toBe(false);
  });

  test.each<[string, Partial<GitHubEventSourceProps>, RegExp]>([
    ['no webhook secret', { webhookSecret: { name: '', key: 'secret' } }, /webhookSecret: a Secret reference \{ name, key \} is required; without it Argo Events accepts unsigned webhooks from anyone/],
    ['both organizations and repositories', { repositories: ['acme/api'] }, /set exactly one of organizations or repositories \(the Argo Events controller rejects an EventSource with both or neither\)/],
    ['neither organizations nor repositories', { organizations: undefined }, /set exactly one of organizations or repositories/],
    ['hooks without credentials', { hooks: { url: 'https://hooks.example.com' } }, /hooks: set exactly one of apiToken or githubApp/],
    ['a port out of range', { port: 70000 }, /port: 70000 is not a port number; use one from 1 to 65535/],
  ])('%s is refused, naming the prop and the fix', (_name, overrides, message) => {
    expect(() => build(overrides)).toThrow(/^GitHubEventSource test\/EventSource: /);
    expect(() => build(overrides)).toThrow(message);
  });
});
