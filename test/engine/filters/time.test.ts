import { filterTime, parseClockOnDate } from '../../../src/engine/filters/time';

// Windows, time zones, DST days, zero and early event times, and the parse errors are recorded from
// the real filter.go in test/golden/filters/filter-time.ndjson.

describe('filterTime: engine API', () => {
  it('passes without a filter', () => {
    expect(filterTime(undefined, '2025-01-01T12:00:00Z')).toEqual({ passed: true, error: null });
  });

  it('accepts leading spaces and a comma fraction, like Go', () => {
    expect(parseClockOnDate({ year: 2025, month: 1, day: 2 }, '  7:05:09,25')).toEqual({ secondOfDay: 7 * 3600 + 5 * 60 + 9, nanos: 250000000 });
  });

  it('rejects an event time that is not RFC 3339', () => {
    expect(() => filterTime({ start: '10:00:00', stop: '11:00:00' }, 'noon')).toThrow('event time is not an RFC 3339 time: "noon"');
  });
});
