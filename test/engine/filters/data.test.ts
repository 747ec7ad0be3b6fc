import type { SensorEvent } from '../../../src/engine/event';
import { compareFloat, filterData } from '../../../src/engine/filters/data';
import { FilterSpecError } from '../../../src/engine/filters/spec';

const ctx = { type: 'github', source: 'github', subject: 'ci', id: '0'.repeat(32), time: '2025-01-01T00:00:00Z', datacontenttype: 'application/json', specversion: '1.0' };
const ev = (data: unknown): SensorEvent => ({ context: ctx, data: JSON.stringify(data) });
const PASS = { passed: true, error: null };
const err = (msg: string) => ({ passed: false, error: `data filter error (${msg})` });
const str = (path: string, ...value: string[]) => ({ path, type: 'string', value });

const payload = ev({
  body: {
    action: 'completed',
    status: 'uncompleted',
    conclusion: 'startup_failure',
    repo: '5dlabs/cto-docs',
    msg: 'fix [skip-ci-remediation]',
    multi: 'line1\nline2',
    count: 3,
    ratio: 0.25,
    flag: true,
    off: false,
    text_true: 'TRUE',
    text_num: '12',
    nothing: null,
    obj: { a: 1 },
  },
});

describe('filterData: preconditions', () => {
  it.each<[string, SensorEvent | null, unknown, string | undefined, object]>([
    ['nil list passes', payload, undefined, '', PASS],
    ['null list passes', payload, null, 'or', PASS],
    ['empty list passes (AND)', payload, [], '', PASS],
    ['empty list passes (OR)', payload, [], 'or', PASS],
    ['nil event', null, [str('a', 'x')], '', err('nil Event')],
    ['nil data passes', { context: ctx, data: null }, [str('a', 'x')], '', PASS],
    ['invalid JSON', { context: ctx, data: '{"a":' }, [str('a', 'x')], '', err('event data not valid JSON')],
    ['invalid JSON (OR)', { context: ctx, data: 'nope' }, [str('a', 'x')], 'or', err('event data not valid JSON')],
  ])('%s', (_name, event, list, op, expected) => {
    expect(filterData(event, list, op)).toEqual(expected);
  });
});

// Items under AND and OR, unanchored regexes, per-value parse errors, bool and number conversions,
// comparators and templates are recorded from the real filter.go in
// test/golden/filters/filter-data.ndjson (directed cases first, then generated ones).

describe('compareFloat', () => {
  it('follows filter.go: = or "" for equality, unknown comparators never match', () => {
    expect(compareFloat('>=', 1, 1)).toBe(true);
    expect(compareFloat('', 1, 1)).toBe(true);
    expect(compareFloat('in', 1, 1)).toBe(false);
  });
});

describe('filterData: malformed lists', () => {
  it.each([
    [{ path: 'a' }, 'filters.data must be a list, got an object'],
    [[{ path: 'a', type: 'number', value: [3] }], 'filters.data[0].value[0] must be a string, got number 3 (quote it in YAML)'],
    [[{ path: 'a', type: 'bool', value: true }], 'filters.data[0].value must be a list, got boolean true'],
    [[{ path: 'a', typ: 'bool' }], 'filters.data[0] has unknown field "typ" (known: path, type, value, comparator, template)'],
  ])('%j', (list, message) => {
    expect(() => filterData(payload, list)).toThrow(new FilterSpecError(message));
  });
});
