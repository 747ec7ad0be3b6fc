import type { EventContext } from '../../../src/engine/event';
import { filterContext } from '../../../src/engine/filters/context';
import { FilterSpecError } from '../../../src/engine/filters/spec';

const actual: EventContext = { type: 'github', source: 'github-es', subject: 'ci', id: '0'.repeat(32), time: '2025-01-01T00:00:00Z', datacontenttype: 'application/json', specversion: '1.0' };

describe('filterContext', () => {
  it.each<[string, unknown, EventContext | null, boolean]>([
    ['nil filter passes', undefined, actual, true],
    ['nil filter passes a nil context', null, null, true],
    ['nil actual context fails', { type: 'github' }, null, false],
    ['empty filter passes', {}, actual, true],
    ['all four equal', { type: 'github', source: 'github-es', subject: 'ci', datacontenttype: 'application/json' }, actual, true],
    ['type differs', { type: 'gitlab' }, actual, false],
    ['subject differs', { subject: 'other' }, actual, false],
    ['source differs', { source: 'github' }, actual, false],
    ['datacontenttype differs', { datacontenttype: 'text/plain' }, actual, false],
    ['exact, case-sensitive', { type: 'GitHub' }, actual, false],
    ['not a regex', { type: 'git.*' }, actual, false],
    ['empty strings are not compared', { type: '', subject: 'ci' }, actual, true],
    ['id, specversion and time are not compared', { id: 'x', specversion: '0.3', time: '1999-01-01T00:00:00Z' }, actual, true],
  ])('%s', (_name, expected, ctx, passed) => {
    expect(filterContext(expected, ctx)).toBe(passed);
  });

  it('rejects undecodable filters', () => {
    expect(() => filterContext({ dataContentType: 'x' }, actual)).toThrow(FilterSpecError);
    expect(() => filterContext({ type: 1 }, actual)).toThrow('filters.context.type must be a string, got number 1 (quote it in YAML)');
  });
});
