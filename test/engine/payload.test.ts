import { get, valid } from '../../src/engine/gjson';
import { validate } from '../../src/engine/gjson/valid';
import examples from '@octokit/webhooks-examples';
import { eventPayload, PayloadView } from '../../src/engine/payload';
import { githubEvent, parseGitHubDelivery } from '../../src/engine/github-event';

describe('payload validation matches gjson Valid', () => {
  it.each([
    '', ' ', 'a', '{}', ' {} ', '1', '"x"', '{} x', '[1,]', '{"a":1,}', '{"a" 1}', '[01]', '[-0]', '[1.]', '[.5]', '[1e]', '[1e+5]', '[1E-5]', '[-]',
    '["\\u12G4"]', '["\\x"]', '["\\/"]', '["a\tb"]', '[tru]', '[true false]', '{"a":{"b":[null,{"c":"d"}]}}', '[[[[]]]]', '[[[]]', ']', '{"a":1}}',
    '\t[\n1\r]\n', '"\\ud800"', '{"a":1 "b":2}', '[1 2]', '{1:2}', 'nul', 'null', '-', '--1', '1 1',
  ])('%j', (text) => {
    expect(validate(text)).toBe(valid(text));
  });
});

describe('payload paths match gjson Get', () => {
  const texts = [
    '{"a":{"b":"c","n":1.0,"big":12345678901234567890,"t":true,"f":false,"z":null,"arr":[1,{"x":"y"},[2]],"o":{ "k" : [ 1 , 2 ] }}}',
    '{"dup":1,"dup":2,"esc\\u002dkey":"v","s":"a\\"b\\\\","0":"zero","X-GitHub-Event":"push"}',
    '[{"a":1},{"a":2}]',
    ' { "sp" : "x" , "n" : -1e3 } ',
    '"scalar"',
    // Duplicate keys: the first one through which the rest of the path exists.
    '{"a":1,"a":{"c":2},"b":{"x":1},"b":{"y":2},"b":[5],"a":{"c":3,"d":{"e":4}}}',
  ];
  const paths = ['a', 'a.b', 'a.n', 'a.big', 'a.t', 'a.f', 'a.z', 'a.arr', 'a.arr.0', 'a.arr.1.x', 'a.arr.2.0', 'a.arr.3', 'a.arr.x', 'a.o', 'a.o.k.1',
    'dup', 'esc-key', 's', '0', 'X-GitHub-Event', '1.a', '0.a', '2', 'sp', 'n', 'nope', 'a.b.c', 'a.#', 'a.arr.#', 'a*', '', 'a..b', 'a.', 'a|b',
    'a.c', 'a.d.e', 'b', 'b.x', 'b.y', 'b.0', 'b.z'];
  for (const text of texts) {
    it.each(paths)(`${text.slice(0, 20)}... %j`, (path) => {
      const expected = get(text, path);
      const actual = new PayloadView(text).get(path);
      expect([actual.exists, actual.type, actual.raw, actual.string(), actual.float(), actual.bool()]).toEqual([
        expected.exists, expected.type, expected.raw, expected.string(), expected.float(), expected.bool(),
      ]);
      expect(actual.value()).toEqual(expected.value());
    });
  }
});

describe('events with decoded data answer paths exactly as gjson on their data text', () => {

  /** Every path to every value (objects, arrays, scalars) of `value`, plus missing neighbours. */
  function paths(value: unknown, prefix: string, out: string[]): string[] {
    if (prefix) out.push(prefix, `${prefix}.missing-key`, `${prefix}.0`);
    if (Array.isArray(value)) value.forEach((v, i) => paths(v, `${prefix}.${i}`, out));
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) if (/^[A-Za-z0-9_-]+$/.test(k)) paths(v, prefix ? `${prefix}.${k}` : k, out);
    }
    return out;
  }

  /** At most `n` paths, spread evenly over the document. */
  const sample = (all: string[], n: number) => all.filter((_, i) => i % Math.ceil(all.length / n) === 0);
  const cases = examples.map(group => [group.name, group.examples[0] as object] as const);
  test.each(cases)('%s', (eventName, body) => {
    const delivery = parseGitHubDelivery({ headers: { 'X-GitHub-Event': eventName, 'X-GitHub-Delivery': 'd-1', Authorization: 'token x' }, body });
    const event = githubEvent(delivery, { eventSourceName: 'github', eventName: 'org' });
    expect(event.dataValue).toBeDefined();
    const payload = eventPayload(event);
    const text = event.data as string;
    for (const path of [...sample(paths(JSON.parse(text), '', []), 300), 'body', 'headers.X-Github-Event.0', 'body.X-GitHub-Event', 'nope', 'body.a\\.b', 'body.#']) {
      const expected = get(text, path);
      const actual = payload.get(path);
      expect([path, actual.exists, actual.type, actual.raw, actual.string()]).toEqual([path, expected.exists, expected.type, expected.raw, expected.string()]);
    }
  });
});
