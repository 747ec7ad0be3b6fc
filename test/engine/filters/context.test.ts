import type { EventContext } from '../../../src/engine/event';
import { filterContext } from '../../../src/engine/filters/context';
import { FilterSpecError } from '../../../src/engine/filters/spec';

const actual: EventContext = { type: 'github', source: 'github-es', subject: 'ci', id: '0'.repeat(32), time: '2025-01-01T00:00:00Z', datacontenttype: 'application/json', specversion: '1.0' };

describe('filterContext', () => {
  it.each<[string, unknown, EventContext | null, boolean]>([
    ['nil filter passes', undefined, actual, true],
    ['nil filter passes a nil context', null, null, true],
    ['nil actual context fails', { type: 'github' }, null, false],
    // Comparisons of the four fields are recorded from the real filter.go in
    // test/golden/filters/filter-context.ndjson and filter-time.ndjson.
  ])('%s', (_name, expected, ctx, passed) => {
    expect(filterContext(expected, ctx)).toBe(passed);
  });

  it('rejects undecodable filters', () => {
    expect(() => filterContext({ dataContentType: 'x' }, actual)).toThrow(FilterSpecError);
    expect(() => filterContext({ type: 1 }, actual)).toThrow('filters.context.type must be a string, got number 1 (quote it in YAML)');
  });
});
