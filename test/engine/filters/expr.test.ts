import type { SensorEvent } from '../../../src/engine/event';
import { filterExprs } from '../../../src/engine/filters/expr';

const ctx = { type: 'github', source: 'github', subject: 'ci', id: '0'.repeat(32), time: '2025-01-01T00:00:00Z', datacontenttype: 'application/json', specversion: '1.0' };
const payload: SensorEvent = {
  context: ctx,
  data: JSON.stringify({ body: { action: 'completed', id: 19289199112, attempt: 1, flag: true, nothing: null, list: [1, 'a'], obj: { k: 'v' }, 'X-GitHub-Event': 'workflow_run' } }),
};
const PASS = { passed: true, error: null };
const FAIL = { passed: false, error: null };
const err = (msg: string) => ({ passed: false, error: `expr filter error (${msg})` });
const errs = (...msgs: string[]) => ({ passed: false, error: `expr filter errors [${msgs.join(' / ')}]` });
const expr = (text: string, fields: Record<string, string>) => ({ expr: text, fields: Object.entries(fields).map(([name, path]) => ({ name, path })) });
const action = { a: 'body.action' };

describe('filterExprs: preconditions', () => {
  it.each<[string, SensorEvent | null, unknown, string, object]>([
    ['nil list passes', payload, undefined, '', PASS],
    ['nil list passes (OR)', payload, null, 'or', PASS],
    ['empty list: AND true', payload, [], '', PASS],
    ['empty list: OR false', payload, [], 'or', FAIL],
    ['nil event', null, [expr('a == "x"', action)], '', err('nil event')],
    ['nil data passes', { context: ctx, data: null }, [expr('a == "x"', action)], '', PASS],
    ['invalid JSON', { context: ctx, data: '{' }, [expr('a == "x"', action)], '', err('event data not valid JSON')],
  ])('%s', (_name, event, list, op, expected) => {
    expect(filterExprs(event, list, op)).toEqual(expected);
  });
});

describe('filterExprs: evaluation', () => {
  it.each<[string, unknown[], string, object]>([
    ['true passes', [expr('a == "completed"', action)], '', PASS],
    ['false: AND (false, nil)', [expr('a == "queued"', action)], '', FAIL],
    ['numbers are float64', [expr('id > 19289199111 && attempt == 1', { id: 'body.id', attempt: 'body.attempt' })], '', PASS],
    ['== is deep equality: "1" != 1', [expr('attempt == "1"', { attempt: 'body.attempt' })], '', FAIL],
    ['bool field', [expr('f', { f: 'body.flag' })], '', PASS],
    ['non-bool result does not pass', [expr('attempt + 1', { attempt: 'body.attempt' })], '', FAIL],
    ['string result "true" does not pass', [expr('a', { a: 'body.X-GitHub-Event' })], '', FAIL],
    ['null binds nil', [expr('n == nil', { n: 'body.nothing', nil: 'body.nothing' })], '', PASS],
    ['=~ is unanchored RE2', [expr("a =~ 'plete'", action)], '', PASS],
    ['!~', [expr("a !~ '^queued$'", action)], '', PASS],
    ['bracketed names with -', [expr('[x-event] == "workflow_run"', { 'x-event': 'body.X-GitHub-Event' })], '', PASS],
    ['no fields: skipped', [expr('nonsense ((', {})], '', PASS],
    ['no fields: skipped (OR is then false)', [expr('nonsense ((', {})], 'or', FAIL],
    ['missing path fails before evaluation, even if unused', [expr('true || b == 1', { a: 'body.action', b: 'body.nope' })], '', err("path 'body.nope' does not exist")],
    ['unbound variable reached', [expr('a == "completed" && x', action)], '', err("No parameter 'x' found.")],
    ['unbound variable not reached (short-circuit)', [expr('a == "queued" && x', action)], '', FAIL],
    ['string with >', [expr('a > 1', action)], '', err("Value 'completed' cannot be used with the comparator '>', it is not a number")],
    ['!== is a parse error', [expr('a !== "x"', action)], '', err("Invalid token: '!=='")],
    ['len is not a function', [expr('len(a) > 0', action)], '', err('Undefined function len')],
    ['AND stops at the first false', [expr('a == "queued"', action), expr('a !== 1', action)], '', FAIL],
    ['AND stops at the first error', [expr('a !== 1', action), expr('a == "queued"', action)], '', err("Invalid token: '!=='")],
  ])('%s', (_name, list, op, expected) => {
    expect(filterExprs(payload, list, op)).toEqual(expected);
  });
});

describe('filterExprs: OR', () => {
  it.each<[string, unknown[], object]>([
    ['first true returns (true, nil), dropping errors', [expr('a !== 1', action), expr('a == "completed"', action)], PASS],
    ['all false: (false, nil)', [expr('a == "x"', action), expr('a == "y"', action)], FAIL],
    [
      'errors aggregated; a missing path skips only that expr',
      [expr('a == b', { a: 'body.action', b: 'body.nope' }), expr('a !== 1', action), expr('a == "x"', action)],
      errs("path 'body.nope' does not exist", "Invalid token: '!=='"),
    ],
  ])('%s', (_name, list, expected) => {
    expect(filterExprs(payload, list, 'or')).toEqual(expected);
  });
});

describe('filterExprs: dotted names are parse errors', () => {
  it('a.b', () => {
    const result = filterExprs(payload, [expr('body.action == "completed"', { body: 'body' })]);
    expect(result.passed).toBe(false);
    expect(result.error).toMatch(/^expr filter error \(Unable to access unexported field/);
  });
});
