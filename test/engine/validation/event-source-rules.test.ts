import { validateEventSourceRules } from '../../../src/engine/validation/event-source-rules';
import type { ValidationIssue } from '../../../src/engine/validation/validation-issue';
import { baselineEventSource, changed } from './fixtures';

const github = ['spec', 'github', 'org'];

function issue(path: (string | number)[], rule: string, message: string): ValidationIssue {
  return { path, rule, message };
}

describe('validateEventSourceRules', () => {
  it('accepts the baseline GitHub EventSource', () => {
    expect(validateEventSourceRules(baselineEventSource())).toEqual([]);
  });

  const cases: [string, (e: any) => void, ValidationIssue[]][] = [
    ['neither repositories nor organizations', e => { delete e.spec.github.org.organizations; },
      [issue(github, 'controller/github-repositories-xor-organizations', 'either repositories or organizations is required')]],
    ['an empty repositories list only', e => { delete e.spec.github.org.organizations; e.spec.github.org.repositories = []; },
      [issue(github, 'controller/github-repositories-xor-organizations', 'either repositories or organizations is required')]],
    ['repositories and organizations', e => { e.spec.github.org.repositories = [{ owner: '5dlabs', names: ['cto'] }]; },
      [issue(github, 'controller/github-repositories-xor-organizations', 'only one of repositories and organizations is allowed')]],
    ['deprecated owner+repository and organizations', e => { Object.assign(e.spec.github.org, { owner: '5dlabs', repository: 'cto' }); },
      [issue(github, 'controller/github-repositories-xor-organizations', 'only one of repositories and organizations is allowed')]],
    ['hooks created with an API token but no events', e => { e.spec.github.org.events = []; },
      [issue([...github, 'events'], 'controller/github-hook-events', 'events must be defined to create a github webhook')]],
    ['hooks created with a GitHub App but no events', e => {
      delete e.spec.github.org.apiToken;
      delete e.spec.github.org.events;
      e.spec.github.org.githubApp = { privateKey: { name: 'app', key: 'pem' }, appID: 1, installationID: 2 };
    }, [issue([...github, 'events'], 'controller/github-hook-events', 'events must be defined to create a github webhook')]],
    ['content type xml', e => { e.spec.github.org.contentType = 'xml'; },
      [issue([...github, 'contentType'], 'controller/github-content-type', 'content type must be "json" or "form"')]],
    ['no webhook', e => { delete e.spec.github.org.webhook; },
      [issue([...github, 'webhook'], 'controller/webhook-required', "webhook context can't be nil")]],
    ['an empty endpoint', e => { e.spec.github.org.webhook.endpoint = ''; },
      [issue([...github, 'webhook', 'endpoint'], 'controller/webhook-endpoint', "endpoint can't be empty")]],
    ['no port', e => { delete e.spec.github.org.webhook.port; },
      [issue([...github, 'webhook', 'port'], 'controller/webhook-port', "port can't be empty")]],
    ['a port that is not an integer', e => { e.spec.github.org.webhook.port = '12000/tcp'; },
      [issue([...github, 'webhook', 'port'], 'controller/webhook-port', 'failed to parse server port 12000/tcp. err: strconv.Atoi: parsing "12000/tcp": invalid syntax')]],
    ['a port out of int64 range', e => { e.spec.github.org.webhook.port = '99999999999999999999'; },
      [issue([...github, 'webhook', 'port'], 'controller/webhook-port',
        'failed to parse server port 99999999999999999999. err: strconv.Atoi: parsing "99999999999999999999": value out of range')]],
    ['an event name used by two event-source types', e => { e.spec.webhook = { org: { endpoint: '/x', port: '13000', method: 'POST' } }; },
      [issue(['spec', 'webhook', 'org'], 'controller/event-name-duplicate', 'more than one "org" found in the spec')]],
    ['a generic webhook event source without endpoint', e => { e.spec.webhook = { ping: { port: '13000', method: 'POST' } }; },
      [issue(['spec', 'webhook', 'ping', 'endpoint'], 'controller/webhook-endpoint', "endpoint can't be empty")]],
    ['a gitlab webhook context with a bad port', e => { e.spec.gitlab = { push: { webhook: { endpoint: '/gl', port: 'http' } } }; },
      [issue(['spec', 'gitlab', 'push', 'webhook', 'port'], 'controller/webhook-port', 'failed to parse server port http. err: strconv.Atoi: parsing "http": invalid syntax')]],
  ];

  it.each(cases)('reports %s', (_name, mutate, expected) => {
    expect(validateEventSourceRules(changed(baselineEventSource(), mutate))).toEqual(expected);
  });

  const accepted: [string, (e: any) => void][] = [
    ['repositories instead of organizations', e => { delete e.spec.github.org.organizations; e.spec.github.org.repositories = [{ owner: '5dlabs', names: ['cto'] }]; }],
    ['deprecated owner+repository instead of organizations', e => { delete e.spec.github.org.organizations; Object.assign(e.spec.github.org, { owner: '5dlabs', repository: 'cto' }); }],
    ['no events when no hook is created (no credentials)', e => { delete e.spec.github.org.apiToken; e.spec.github.org.events = []; }],
    ['no events when no hook is created (no webhook url)', e => { delete e.spec.github.org.webhook.url; e.spec.github.org.events = []; }],
    ['content type form and empty', e => { e.spec.github.org.contentType = 'form'; e.spec.github.second = { ...structuredClone(e.spec.github.org), contentType: '' }; }],
    ['a signed port string, as strconv.Atoi allows', e => { e.spec.github.org.webhook.port = '+12000'; }],
    ['a bitbucket source without webhook (not checked for other types)', e => { e.spec.bitbucket = { push: { events: ['repo:push'] } }; }],
  ];

  it.each(accepted)('accepts %s', (_name, mutate) => {
    expect(validateEventSourceRules(changed(baselineEventSource(), mutate))).toEqual([]);
  });

  it('rejects what is not an EventSource', () => {
    expect(() => validateEventSourceRules(null)).toThrow('validateEventSourceRules expects an object of kind EventSource, got null');
    expect(() => validateEventSourceRules({ kind: 'Sensor' })).toThrow('validateEventSourceRules expects kind EventSource, got "Sensor"');
  });
});
