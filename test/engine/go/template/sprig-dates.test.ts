import { GoTemplateError } from '../../../../src/engine/go/template';
import { callError, renderFixed as render } from './helpers';

// The fixed clock is 2024-06-15T12:00:00Z.
describe('sprig date functions', () => {
  it.each([
    ['{{ toDate "2006-01-02" "2024-03-05" }}', '2024-03-05 00:00:00 +0000 UTC'],
    ['{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-05T10:00:00+02:00" }}', '2024-03-05 10:00:00 +0200 +0200'],
    ['{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-05T10:00:00Z" | unixEpoch }} {{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-05T12:00:00+02:00" | unixEpoch }}', '1709632800 1709632800'],
    ['{{ toDate "02 Jan 06 15:04 MST" "05 Mar 24 10:30 PST" }}', '2024-03-05 10:30:00 +0000 PST'],
    ['{{ toDate "Jan _2 2006 3:04:05.000 PM" "Mar  5 2024 1:02:03.456 PM" }} {{ toDate "3PM" "3pm" }}', '2024-03-05 13:02:03.456 +0000 UTC 0001-01-01 00:00:00 +0000 UTC'],
    ['{{ toDate "2006-01-02 15:04:05" "2024-03-05 10:00:00.123456789" }}', '2024-03-05 10:00:00.123456789 +0000 UTC'],
    ['{{ toDate "2006-01-02" "bad" }} {{ typeOf (toDate "x" "y") }}', '0001-01-01 00:00:00 +0000 UTC time.Time'],
    ['{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-05T10:00:00-05:30" | toJson }}', '"2024-03-05T10:00:00-05:30"'],
    ['{{ toDate "2006-01-02T15:04:05Z07:00" "2024-03-05T10:00:00+02:00" | date "15:04 MST" }}', '08:00 UTC'],
    ['{{ mustToDate "2006-002" "2024-060" }}', '2024-02-29 00:00:00 +0000 UTC'],
  ])('%s -> %j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });

  it.each([
    ['{{ dateInZone "2006-01-02 15:04 MST -07:00" (toDate "2006-01-02" "2024-01-05") "America/New_York" }}', '2024-01-04 19:00 EST -05:00'],
    ['{{ date_in_zone "2006-01-02 15:04 MST" (toDate "2006-01-02" "2024-07-05") "America/Los_Angeles" }}', '2024-07-04 17:00 PDT'],
    ['{{ dateInZone "2006-01-02 15:04 Z07:00" (toDate "2006-01-02" "2024-07-05") "Asia/Kolkata" }}', '2024-07-05 05:30 +05:30'],
    ['{{ dateInZone "15:04 Z0700" (toDate "2006-01-02" "2024-07-05") "Europe/Berlin" }}', '02:00 +0200'],
    // a zone Go cannot load (unknown, or wrongly cased on Linux) falls back to UTC
    ['{{ dateInZone "15:04 MST" (toDate "2006-01-02" "2024-07-05") "Nope/Zone" }} {{ dateInZone "15:04 MST" (toDate "2006-01-02" "2024-07-05") "europe/berlin" }}', '00:00 UTC 00:00 UTC'],
    ['{{ dateInZone "2006-01-02" (int64 86400) "UTC" }} {{ date "15:04:05" 3600 }} {{ htmlDate now }} {{ htmlDateInZone now "Asia/Tokyo" }}', '1970-01-02 01:00:00 2024-06-15 2024-06-15'],
  ])('%s -> %j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });

  it.each([
    // sprig's duration reads strings and int64 only: an int literal or a JSON number is 0
    ['{{ duration "95" }} {{ duration 95 }} {{ duration (int64 3700) }} {{ duration "-61" }} {{ duration "x" }}', '1m35s 0s 1h1m40s -1m1s 0s'],
    ['{{ duration "99999999999999999999" }}', '-1s'],
    ['{{ durationRound "2h10m" }} {{ durationRound "400h" }} {{ durationRound "-3h" }} {{ durationRound "1s" }} {{ durationRound "bad" }}', '2h 16d 3h 0s 0s'],
    ['{{ durationRound "9000h" }} {{ durationRound "1000h" }} {{ durationRound (int64 61000000000) }}', '1y 1mo 1m'],
    ['{{ durationRound (toDate "2006-01-02" "2024-06-14") }} {{ ago (toDate "2006-01-02" "2024-06-14") }} {{ ago now }} {{ ago 1718452799 }}', '1d 36h0m0s 0s 1s'],
    ['{{ dateModify "1h30m" (toDate "2006-01-02" "2024-03-05") }} {{ date_modify "-1.5h" (toDate "2006-01-02" "2024-03-05") }}', '2024-03-05 01:30:00 +0000 UTC 2024-03-04 22:30:00 +0000 UTC'],
    ['{{ dateModify "bad" (toDate "2006-01-02" "2024-03-05") }} {{ mustDateModify "1µs" (toDate "2006-01-02" "2024-03-05") }}', '2024-03-05 00:00:00 +0000 UTC 2024-03-05 00:00:00.000001 +0000 UTC'],
    ['{{ dateModify "2h" (toDate "2006-01-02T15:04Z07:00" "2024-03-05T10:00+02:00") }}', '2024-03-05 12:00:00 +0200 +0200'],
  ])('%s -> %j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });

  it.each([
    ['{{ mustToDate "2006-01-02" "2024-13-05" }}', callError('mustToDate "2006-01-02" "2024-13-05"', 'mustToDate', 'parsing time "2024-13-05": month out of range')],
    ['{{ mustToDate "2006-01-02" "2024-02-30" }}', callError('mustToDate "2006-01-02" "2024-02-30"', 'mustToDate', 'parsing time "2024-02-30": day out of range')],
    ['{{ mustToDate "2006-01-02" "2024/01/02" }}', callError('mustToDate "2006-01-02" "2024/01/02"', 'mustToDate', 'parsing time "2024/01/02" as "2006-01-02": cannot parse "/01/02" as "-"')],
    ['{{ mustToDate "2006-01-02" "2024-01-02x" }}', callError('mustToDate "2006-01-02" "2024-01-02x"', 'mustToDate', 'parsing time "2024-01-02x": extra text: "x"')],
    ['{{ mustToDate "Jan 2006" "Foo 2024" }}', callError('mustToDate "Jan 2006" "Foo 2024"', 'mustToDate', 'parsing time "Foo 2024" as "Jan 2006": cannot parse "Foo 2024" as "Jan"')],
    ['{{ mustDateModify "1y" now }}', callError('mustDateModify "1y" now', 'mustDateModify', 'time: unknown unit "y" in duration "1y"')],
    ['{{ mustDateModify "1" now }}', callError('mustDateModify "1" now', 'mustDateModify', 'time: missing unit in duration "1"')],
    ['{{ mustDateModify "x" now }}', callError('mustDateModify "x" now', 'mustDateModify', 'time: invalid duration "x"')],
    ['{{ dateInZone "MST" now "Europe/Berlin" }}', 'template: param: function "dateInZone" exists in sprig but is not supported by this engine: the tz database abbreviation of this zone (layout element MST) is not known offline; use an offset element such as -0700'],
  ])('%j fails with %j', (text, message) => {
    expect(() => render(text)).toThrow(new GoTemplateError(message));
  });
});
