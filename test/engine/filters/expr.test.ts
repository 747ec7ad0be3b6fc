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

// Evaluation (float64 numbers, deep equality, non-boolean results, regexes, bracketed names,
// missing paths, short-circuits, parse errors), AND/OR order and error aggregation are recorded
// from the real filter.go and govaluate in test/golden/filters/filter-expr.ndjson and
// govaluate.ndjson.
