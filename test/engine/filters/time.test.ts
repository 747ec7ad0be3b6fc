import { filterTime, parseClockOnDate } from '../../../src/engine/filters/time';

const PASS = { passed: true, error: null };
const FAIL = { passed: false, error: null };
const err = (msg: string) => ({ passed: false, error: `time filter error (${msg})` });

describe('filterTime: windows', () => {
  it.each<[string, unknown, string, boolean]>([
    ['nil filter passes', undefined, '2025-01-01T12:00:00Z', true],
    ['inside', { start: '09:00:00', stop: '17:00:00' }, '2025-01-01T12:00:00Z', true],
    ['start is inclusive', { start: '09:00:00', stop: '17:00:00' }, '2025-01-01T09:00:00Z', true],
    ['stop is exclusive', { start: '09:00:00', stop: '17:00:00' }, '2025-01-01T17:00:00Z', false],
    ['just before stop (nanoseconds)', { start: '09:00:00', stop: '17:00:00' }, '2025-01-01T16:59:59.999999999Z', true],
    ['before start', { start: '09:00:00', stop: '17:00:00' }, '2025-01-01T08:59:59Z', false],
    ['fractional start', { start: '09:00:00.5', stop: '17:00:00' }, '2025-01-01T09:00:00.4Z', false],
    ['one-digit hour', { start: '9:00:00', stop: '17:00:00' }, '2025-01-01T09:30:00Z', true],
    ['across midnight: late evening', { start: '22:00:00', stop: '06:00:00' }, '2025-01-01T23:00:00Z', true],
    ['across midnight: early morning', { start: '22:00:00', stop: '06:00:00' }, '2025-01-01T05:59:59Z', true],
    ['across midnight: at stop', { start: '22:00:00', stop: '06:00:00' }, '2025-01-01T06:00:00Z', false],
    ['across midnight: midday', { start: '22:00:00', stop: '06:00:00' }, '2025-01-01T12:00:00Z', false],
    ['start == stop passes always', { start: '10:00:00', stop: '10:00:00' }, '2025-01-01T03:00:00Z', true],
    ['event offset is converted to UTC', { start: '09:00:00', stop: '10:00:00' }, '2025-01-01T11:30:00+02:00', true],
    ['timezone: 09:00 in New York (UTC-5 in winter)', { start: '09:00:00', stop: '17:00:00', timezone: 'America/New_York' }, '2025-01-06T14:30:00Z', true],
    ['timezone: 08:59 in New York', { start: '09:00:00', stop: '17:00:00', timezone: 'America/New_York' }, '2025-01-06T13:59:00Z', false],
    ['timezone: summer offset (UTC-4)', { start: '09:00:00', stop: '17:00:00', timezone: 'America/New_York' }, '2025-07-07T13:00:00Z', true],
    ['timezone: the date is the local date', { start: '22:00:00', stop: '23:00:00', timezone: 'Asia/Tokyo' }, '2025-01-01T13:30:00Z', true],
    ['timezone: across local midnight', { start: '23:00:00', stop: '01:00:00', timezone: 'Asia/Tokyo' }, '2025-01-01T15:30:00Z', true],
    ['timezone: UTC event outside Tokyo window', { start: '09:00:00', stop: '17:00:00', timezone: 'Asia/Tokyo' }, '2025-01-01T09:00:00Z', false],
    // Go's time.Date reads the missing 02:30 with the summer offset: 03:30 CEST = 01:30Z.
    ['timezone: spring-forward gap, before the normalized start', { start: '02:30:00', stop: '04:00:00', timezone: 'Europe/Berlin' }, '2025-03-30T01:15:00Z', false],
    ['timezone: spring-forward gap, after the normalized start', { start: '02:30:00', stop: '04:00:00', timezone: 'Europe/Berlin' }, '2025-03-30T01:35:00Z', true],
  ])('%s', (_name, filter, time, passed) => {
    expect(filterTime(filter, time)).toEqual(passed ? PASS : FAIL);
  });
});

describe('filterTime: errors', () => {
  it.each<[string, unknown, object]>([
    ['hour 24', { start: '24:00:00', stop: '06:00:00' }, err('parsing time "2025-01-01 24:00:00": hour out of range')],
    ['minute 60', { start: '10:60:00', stop: '06:00:00' }, err('parsing time "2025-01-01 10:60:00": minute out of range')],
    ['bad stop', { start: '10:00:00', stop: '6pm' }, err('parsing time "2025-01-01 6pm" as "2006-01-02 15:04:05": cannot parse "pm" as ":"')],
    ['one-digit minute', { start: '10:0:00', stop: '11:00:00' }, err('parsing time "2025-01-01 10:0:00" as "2006-01-02 15:04:05": cannot parse "0:00" as "04"')],
    ['missing seconds', { start: '10:00', stop: '11:00:00' }, err('parsing time "2025-01-01 10:00" as "2006-01-02 15:04:05": cannot parse "" as ":"')],
    ['empty start', { stop: '11:00:00' }, err('parsing time "2025-01-01 " as "2006-01-02 15:04:05": cannot parse "" as "15"')],
    ['extra text', { start: '10:00:00Z', stop: '11:00:00' }, err('parsing time "2025-01-01 10:00:00Z": extra text: "Z"')],
    ['unknown zone', { start: '10:00:00', stop: '11:00:00', timezone: 'Mars/Olympus' }, err("invalid timezone 'Mars/Olympus': unknown time zone Mars/Olympus")],
    ['zone names are case-sensitive', { start: '10:00:00', stop: '11:00:00', timezone: 'europe/berlin' }, err("invalid timezone 'europe/berlin': unknown time zone europe/berlin")],
    ['offsets are not zones', { start: '10:00:00', stop: '11:00:00', timezone: '+01:00' }, err("invalid timezone '+01:00': unknown time zone +01:00")],
  ])('%s', (_name, filter, expected) => {
    expect(filterTime(filter, '2025-01-01T10:30:00Z')).toEqual(expected);
  });

  it('accepts leading spaces and a comma fraction, like Go', () => {
    expect(parseClockOnDate({ year: 2025, month: 1, day: 2 }, '  7:05:09,25')).toEqual({ secondOfDay: 7 * 3600 + 5 * 60 + 9, nanos: 250000000 });
  });

  it('rejects an event time that is not RFC 3339', () => {
    expect(() => filterTime({ start: '10:00:00', stop: '11:00:00' }, 'noon')).toThrow('event time is not an RFC 3339 time: "noon"');
  });
});
