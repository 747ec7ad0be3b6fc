import { get } from '../../src/engine/gjson';
import type { EventContext, SensorEvent } from '../../src/engine/event';
import {
  canonicalHeaderKey,
  DEFAULT_GITHUB_EVENT_TIME,
  GitHubDeliveryError,
  githubEvent,
  MASKED_AUTHORIZATION,
  parseGitHubDelivery,
} from '../../src/engine/github-event';

const options = { eventSourceName: 'github', eventName: 'ci' };

/** The context's fields as read (some are computed on first read). */
function contextFields(context: EventContext): EventContext {
  const { type, source, subject, id, time, datacontenttype, specversion } = context;
  return { type, source, subject, id, time, datacontenttype, specversion };
}

function eventFields(event: SensorEvent): unknown {
  return { context: event.context && contextFields(event.context), data: event.data, dataValue: event.dataValue };
}

describe('canonicalHeaderKey', () => {
  it.each([
    ['x-github-event', 'X-Github-Event'],
    ['X-GitHub-Event', 'X-Github-Event'],
    ['x-hub-signature-256', 'X-Hub-Signature-256'],
    ['CONTENT-TYPE', 'Content-Type'],
    ['user-agent', 'User-Agent'],
    ['a--b', 'A--B'],
    ['x_y', 'X_y'],
    ['has space', 'has space'],
    ['bad:key', 'bad:key'],
    ['', ''],
  ])('%s -> %s', (key, canonical) => {
    expect(canonicalHeaderKey(key)).toBe(canonical);
  });
});

describe('githubEvent', () => {
  it('serializes to plain JSON with every field, lazily computed ones included', () => {
    const event = githubEvent({ headers: { 'Content-Type': 'application/json' }, body: '{"a":1}', bodyValue: { a: 1 } }, options);
    const json = JSON.parse(JSON.stringify(event));
    expect(json.context).toEqual(contextFields(event.context!));
    expect(json.data).toBe(event.data);
    expect(JSON.parse(JSON.stringify(parseGitHubDelivery({ headers: {}, body: { a: 1 } })))).toEqual({ headers: {}, body: '{"a":1}', bodyValue: { a: 1 } });
  });

  const delivery = {
    headers: {
      'x-github-event': 'workflow_run',
      'X-GitHub-Delivery': 'guid-1',
      'content-type': 'application/json',
      'x-hub-signature-256': 'sha256=abc',
      accept: ['*/*', 'text/plain'],
    },
    body: '{"zeta":1,"action":"completed","workflow_run":{"id":19289199112,"conclusion":"failure","ratio":1.50,"big":1e21,"title":"a <b> & c"}}',
  };

  it('builds data {"headers","body"} in Go struct order with sorted, Go-marshalled contents', () => {
    const event = githubEvent(delivery, options);
    expect(event.data).toBe(
      '{"headers":{"Accept":["*/*","text/plain"],"Content-Type":["application/json"],"X-Github-Delivery":["guid-1"],"X-Github-Event":["workflow_run"],"X-Hub-Signature-256":["sha256=abc"]},' +
        '"body":{"X-GitHub-Delivery":"guid-1","X-GitHub-Event":"workflow_run","action":"completed","workflow_run":{"big":1e+21,"conclusion":"failure","id":19289199112,"ratio":1.5,"title":"a \\u003cb\\u003e \\u0026 c"},"zeta":1}}',
    );
  });

  it('makes the injected body keys and canonical header paths readable with gjson', () => {
    const data = githubEvent(delivery, options).data!;
    expect(get(data, 'body.X-GitHub-Event').string()).toBe('workflow_run');
    expect(get(data, 'headers.X-Github-Event').string()).toBe('["workflow_run"]');
    expect(get(data, 'headers.X-Github-Event.0').string()).toBe('workflow_run');
    expect(get(data, 'headers.X-GitHub-Event').exists).toBe(false);
    expect(get(data, 'body.workflow_run.title').string()).toBe('a <b> & c');
  });

  it('fills the context', () => {
    const event = githubEvent(delivery, options);
    expect(contextFields(event.context!)).toEqual({
      type: 'github',
      source: 'github',
      subject: 'ci',
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      time: DEFAULT_GITHUB_EVENT_TIME,
      datacontenttype: 'application/json',
      specversion: '1.0',
    });
  });

  it('derives a reproducible id from the delivery, and honours given id and time', () => {
    const a = githubEvent(delivery, options).context!.id;
    expect(githubEvent(delivery, options).context!.id).toBe(a);
    expect(githubEvent({ ...delivery, body: '{"x":2}' }, options).context!.id).not.toBe(a);
    const given = githubEvent(delivery, { ...options, id: 'f'.repeat(32), time: '2025-06-01T12:00:00Z' }).context!;
    expect([given.id, given.time]).toEqual(['f'.repeat(32), '2025-06-01T12:00:00Z']);
    expect(() => githubEvent(delivery, { ...options, id: 'xyz' })).toThrow('event id must be 32 lower-case hex characters, got "xyz"');
  });

  it('injects "" for absent event/delivery headers and masks Authorization', () => {
    const event = githubEvent({ headers: { authorization: 'Bearer secret' }, body: '{}' }, options);
    expect(event.data).toBe(`{"headers":{"Authorization":["${MASKED_AUTHORIZATION}"]},"body":{"X-GitHub-Delivery":"","X-GitHub-Event":""}}`);
  });

  // argo-events 6478ece pkg/eventsources/common/webhook/webhook.go: Header.Set("Authorization",
  // "*** Masked Auth Secret ***") when Header.Get("Authorization") != "".
  it('masks Authorization with upstream text, all values replaced by one, an empty first value left as is', () => {
    const masked = githubEvent({ headers: { Authorization: ['Bearer a', 'Bearer b'] }, body: '{}' }, options);
    expect((masked.data as string)).toContain('"Authorization":["*** Masked Auth Secret ***"]');
    const empty = githubEvent({ headers: { Authorization: ['', 'Bearer b'] }, body: '{}' }, options);
    expect((empty.data as string)).toContain('"Authorization":["","Bearer b"]');
  });

  it('merges header keys that canonicalize alike', () => {
    const event = githubEvent({ headers: { 'x-a': '1', 'X-A': ['2', '3'] }, body: '{}' }, options);
    expect(get(event.data!, 'headers.X-A').string()).toBe('["1","2","3"]');
  });

  it('adds metadata (sorted) only when not empty', () => {
    expect(githubEvent({ headers: {}, body: '{}' }, { ...options, metadata: {} }).data).not.toContain('metadata');
    expect(githubEvent({ headers: {}, body: '{}' }, { ...options, metadata: { z: '1', a: '<2>' } }).data).toBe(
      '{"headers":{},"body":{"X-GitHub-Delivery":"","X-GitHub-Event":""},"metadata":{"a":"\\u003c2\\u003e","z":"1"}}',
    );
  });

  it('reads the payload form field of a form-encoded delivery', () => {
    const body = 'payload=' + encodeURIComponent('{"a":"x y"}').replace(/%20/g, '+');
    const event = githubEvent({ headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body }, options);
    expect(get(event.data!, 'body.a').string()).toBe('x y');
  });

  it.each([
    [{ headers: {}, body: '[1]' }, 'delivery body must be a JSON object'],
    [{ headers: {}, body: 'null' }, 'delivery body must be a JSON object'],
    [{ headers: {}, body: '{' }, /^delivery body is not valid JSON: /],
    [{ headers: { 'content-type': 'text/plain' }, body: '{}' }, 'Webhook request has unsupported Content-Type "text/plain"'],
    [{ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'payload=%zz' }, 'form body: invalid URL escape "%zz"'],
  ])('rejects %j', (d, message) => {
    expect(() => githubEvent(d, options)).toThrow(GitHubDeliveryError);
    expect(() => githubEvent(d, options)).toThrow(message);
  });
});

describe('parseGitHubDelivery', () => {
  it('reads headers (strings or lists) and re-stringifies an object body', () => {
    const body = { b: 1, a: [true] };
    const delivery = parseGitHubDelivery({ headers: { 'X-GitHub-Event': 'push', Accept: ['a', 'b'] }, body });
    expect({ headers: delivery.headers, body: delivery.body, bodyValue: delivery.bodyValue }).toEqual({
      headers: { 'X-GitHub-Event': 'push', Accept: ['a', 'b'] },
      body: '{"b":1,"a":[true]}',
      bodyValue: body,
    });
  });

  // The decoded body is reused instead of re-parsing the text: the event must be the same.
  it.each([
    ['{"b":1,"a":[true,{"z":"<&>"}],"n":1.5e-7}'],
    ['{"neg":-0,"x":[0]}'],
    ['{"big":1e400}'],
    ['{"k":{"deep":[-0]}}'],
  ])('builds the same event from the decoded body as from the text: %s', text => {
    const delivery = parseGitHubDelivery({ headers: { 'X-GitHub-Event': 'push', 'Content-Type': 'application/json' }, body: JSON.parse(text) });
    const fromText = githubEvent({ headers: delivery.headers, body: delivery.body }, options);
    const input = JSON.stringify(delivery.bodyValue);
    expect(eventFields(githubEvent(delivery, options))).toEqual(eventFields(fromText));
    expect(JSON.stringify(delivery.bodyValue)).toBe(input);
  });

  it('ignores the decoded body when the payload is a form field', () => {
    const delivery = { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'payload=%7B%22x%22%3A1%7D', bodyValue: { y: 2 } };
    expect(githubEvent(delivery, options).data).toContain('"body":{"X-GitHub-Delivery":"","X-GitHub-Event":"","x":1}');
  });

  // Go's json.Unmarshal into the event source's map refuses a number beyond float64 that
  // JSON.parse reads as Infinity; the event source answers 400 with that error (argo-events
  // 6478ece pkg/eventsources/sources/github/start.go parseValidateRequest).
  it.each([
    [{ 'Content-Type': 'application/json' }, '{"a":{"b":[1e400]}}', '1e400'],
    [{ 'Content-Type': 'application/x-www-form-urlencoded' }, 'payload=%7B%22x%22%3A-2e308%7D', '-2e308'],
  ])('a body holding a number beyond float64 is a delivery error worded as Go words it (%j)', (headers, body, number) => {
    expect(() => githubEvent({ headers, body }, options)).toThrow(GitHubDeliveryError);
    expect(() => githubEvent({ headers, body }, options)).toThrow(`json: cannot unmarshal number ${number} into Go value of type float64`);
  });

  it('takes a string body as raw bytes and defaults headers to none', () => {
    expect(parseGitHubDelivery({ body: '{"x":1}' })).toEqual({ headers: {}, body: '{"x":1}' });
  });

  it.each([
    [[], 'delivery must be an object with "headers" and "body"'],
    [{ headers: {}, body: {}, extra: 1 }, 'delivery has unknown key "extra" (expected "headers" and "body")'],
    [{ headers: [], body: {} }, 'delivery "headers" must be an object'],
    [{ headers: { a: 1 }, body: {} }, 'delivery header "a" must be a string or a list of strings'],
    [{ headers: { a: ['x', 2] }, body: {} }, 'delivery header "a" must be a string or a list of strings'],
    [{ headers: {} }, 'delivery has no "body"'],
    [{ headers: {}, body: [1] }, 'delivery "body" must be a JSON object (or a string of raw bytes)'],
  ])('rejects %j', (input, message) => {
    expect(() => parseGitHubDelivery(input)).toThrow(new GitHubDeliveryError(message));
  });
});
