import { parseTimeOfDay, timeZoneProblem } from '../../../src/engine/validation/time-of-day';

const NS = 1_000_000_000;

describe('parseTimeOfDay (Go time.Parse with layout 15:04:05)', () => {
  it.each<[string, number]>([
    ['00:00:00', 0],
    ['9:00:00', 9 * 3600 * NS],
    ['09:00:00', 9 * 3600 * NS],
    ['23:59:59', (23 * 3600 + 59 * 60 + 59) * NS],
    ['12:00:00.5', 12 * 3600 * NS + NS / 2],
    ['12:00:00,25', 12 * 3600 * NS + NS / 4],
    ['00:00:00.1234567891', 123456789],
  ])('parses %j', (text, nanoseconds) => {
    expect(parseTimeOfDay(text)).toEqual({ ok: true, nanosecondsOfDay: nanoseconds });
  });

  it.each<[string, string]>([
    ['24:00:00', 'parsing time "24:00:00": hour out of range'],
    ['12:60:00', 'parsing time "12:60:00": minute out of range'],
    ['12:00:60', 'parsing time "12:00:60": second out of range'],
    ['', 'parsing time "" as "15:04:05": cannot parse "" as "15"'],
    ['9am', 'parsing time "9am" as "15:04:05": cannot parse "am" as ":"'],
    ['9:5:00', 'parsing time "9:5:00" as "15:04:05": cannot parse "5:00" as "04"'],
    ['09:00', 'parsing time "09:00" as "15:04:05": cannot parse "" as ":"'],
    ['09:00:0', 'parsing time "09:00:0" as "15:04:05": cannot parse "0" as "05"'],
    ['123:00:00', 'parsing time "123:00:00" as "15:04:05": cannot parse "3:00:00" as ":"'],
    ['09:00:00Z', 'parsing time "09:00:00Z": extra text: "Z"'],
    ['09:00:00.', 'parsing time "09:00:00.": extra text: "."'],
    // The layout starts with the hour: no space to match leading spaces (the sensor's layout has one).
    ['  7:30:00', 'parsing time "  7:30:00" as "15:04:05": cannot parse "  7:30:00" as "15"'],
    // Go's time errors quote non-ASCII bytes as \x escapes.
    ['9:00:00é', 'parsing time "9:00:00\\xc3\\xa9": extra text: "\\xc3\\xa9"'],
  ])('rejects %j', (text, error) => {
    expect(parseTimeOfDay(text)).toEqual({ ok: false, error });
  });
});

describe('timeZoneProblem (Go time.LoadLocation)', () => {
  it.each(['', 'UTC', 'Local', 'America/New_York', 'Europe/Berlin', 'Etc/GMT+5', 'US/Eastern'])('accepts %j', name => {
    expect(timeZoneProblem(name)).toBeUndefined();
  });
  it.each<[string, string]>([
    ['Mars/Olympus', 'unknown time zone Mars/Olympus'],
    ['utc', 'unknown time zone utc'],
    ['europe/berlin', 'unknown time zone europe/berlin'],
    ['+05:00', 'unknown time zone +05:00'],
    ['../etc/passwd', 'time: invalid location name'],
    ['/etc/localtime', 'time: invalid location name'],
  ])('rejects %j', (name, problem) => {
    expect(timeZoneProblem(name)).toBe(problem);
  });
});
