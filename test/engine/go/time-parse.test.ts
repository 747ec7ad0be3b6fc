import { formatGoTime, ZonedGoTime } from '../../../src/engine/go/time';
import { GoTimeParseError, parseGoTime } from '../../../src/engine/go/time-parse';

describe('parseGoTime (Go time.Parse, Local = UTC)', () => {
  it.each([
    ['2006-01-02T15:04:05Z07:00', '2025-06-01T12:30:45Z', '2025-06-01 12:30:45 +0000 UTC'],
    ['2006-01-02T15:04:05Z07:00', '2025-06-01T12:30:45+02:00', '2025-06-01 12:30:45 +0200 +0200'],
    ['2006-01-02 15:04:05', '2025-06-01   7:30:00', '2025-06-01 07:30:00 +0000 UTC'],
    ['15:04:05', '9:00:00,25', '0000-01-01 09:00:00.25 +0000 UTC'],
    ['Mon Jan _2 15:04:05 MST 2006', 'Sun Jun  1 12:00:00 CEST 2025', '2025-06-01 12:00:00 +0000 CEST'],
    ['Jan 2, 2006 at 3:04pm', 'Feb 29, 2024 at 11:59pm', '2024-02-29 23:59:00 +0000 UTC'],
  ])('%j parses %j', (layout, value, text) => {
    expect(formatGoTime(parseGoTime(layout, value), 'String')).toBe(text);
  });

  it('keeps an offset other than UTC as a zoned time', () => {
    const time = parseGoTime('2006-01-02T15:04:05Z07:00', '2025-06-01T12:00:00-07:00');
    expect(time).toBeInstanceOf(ZonedGoTime);
    expect(time.epochMs).toBe(Date.UTC(2025, 5, 1, 19));
  });

  it.each([
    ['15:04:05', '24:00:00', 'parsing time "24:00:00": hour out of range'],
    ['2006-01-02', '2025-02-30', 'parsing time "2025-02-30": day out of range'],
    ['15:04:05', '  7:30:00', 'parsing time "  7:30:00" as "15:04:05": cannot parse "  7:30:00" as "15"'],
    ['15:04:05', '09:00:00Z', 'parsing time "09:00:00Z": extra text: "Z"'],
    // The lower-case layout element takes only lower-case am/pm.
    ['3:04pm', '11:59PM', 'parsing time "11:59PM" as "3:04pm": cannot parse "PM" as "pm"'],
    ['2006-01-02', '2025-01-0é', 'parsing time "2025-01-0\\xc3\\xa9" as "2006-01-02": cannot parse "0\\xc3\\xa9" as "02"'],
  ])('%j rejects %j with Go\'s text', (layout, value, message) => {
    expect(() => parseGoTime(layout, value)).toThrow(message);
  });
});

describe('GoTimeParseError', () => {
  it('builds a message given as a function once, when it is first read', () => {
    // govaluate discards the failures of fourteen layouts per string literal: quoting a long
    // literal into each message would cost its length every time.
    const build = jest.fn(() => 'parsing time "x"');
    const error = new GoTimeParseError(build);
    expect(build).not.toHaveBeenCalled();
    expect(error.message).toBe('parsing time "x"');
    expect(String(error)).toBe('GoTimeParseError: parsing time "x"');
    expect(build).toHaveBeenCalledTimes(1);
  });
});
