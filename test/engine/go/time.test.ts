import { formatGoTime, UnknownZoneAbbreviationError, ZonedGoTime } from '../../../src/engine/go/time';
import { GoTime } from '../../../src/engine/go/values';

const t = new GoTime(Date.UTC(2026, 0, 5, 14, 7, 9, 50), 123);

describe('formatGoTime (Go time.Format in UTC)', () => {
  it.each([
    ['2006-01-02T15:04:05Z07:00', '2026-01-05T14:07:09Z'],
    ['2006-01-02T15:04:05.999999999Z07:00', '2026-01-05T14:07:09.050000123Z'],
    ['Mon Jan _2 15:04:05 MST 2006', 'Mon Jan  5 14:07:09 UTC 2026'],
    ['Monday, January 2, 2006 3:04:05 PM -0700', 'Monday, January 5, 2026 2:07:09 PM +0000'],
    ['06/1/2 03:4:5 pm -07:00 .000 ,00 .9', '26/1/5 02:7:9 pm +00:00 .050 ,05 '],
    ['002 __2 _2006', '005   5 _2026'],
    ['String', '2026-01-05 14:07:09.050000123 +0000 UTC'],
    ['Janet Month 1', 'Janet Month 1'],
  ])('formats %j', (layout, expected) => {
    expect(formatGoTime(t, layout)).toBe(expected);
  });
});

describe('formatGoTime in other zones', () => {
  it.each<[GoTime, string, string]>([
    [new ZonedGoTime(t.epochMs, 0, 3600, ''), 'String', '2026-01-05 15:07:09.05 +0100 +0100'],
    [new ZonedGoTime(t.epochMs, 0, -5 * 3600, 'EST'), '2006-01-02T15:04:05Z07:00 MST', '2026-01-05T09:07:09-05:00 EST'],
    [new ZonedGoTime(t.epochMs, 0, 5 * 3600 + 30 * 60 + 15, ''), 'Z070000 -07:00:00', '+053015 +05:30:15'],
  ])('%#: %j', (time, layout, expected) => {
    expect(formatGoTime(time, layout)).toBe(expected);
  });

  it('refuses MST for a zone whose abbreviation is unknown offline', () => {
    expect(() => formatGoTime(t, 'MST', { offsetSeconds: 7200, name: undefined })).toThrow(UnknownZoneAbbreviationError);
    expect(formatGoTime(t, '15:04 -0700', { offsetSeconds: 7200, name: undefined })).toBe('16:07 +0200');
  });
});
