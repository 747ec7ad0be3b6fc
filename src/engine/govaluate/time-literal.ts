/**
 * govaluate's `tryParseTime`: every string literal is tried against a list of Go time
 * layouts with `time.ParseInLocation(layout, s, time.Local)`; the first that parses turns
 * the literal into a TIME token, later planned as the float64 `Unix()` seconds.
 *
 * `time.Local` is taken to be UTC (Argo's sensor image sets no TZ); with another local zone
 * Go would shift zone-less dates by that zone's offset.
 */
import { formatGoTime } from '../go/time';
import { GoTimeParseError, parseGoTime } from '../go/time-parse';
import type { GoTime } from '../go/values';
import { TimeLiteral } from './values';

/** The layouts govaluate tries, in its order (ANSIC, UnixDate, RubyDate, Kitchen, RFC3339, ...). */
const LAYOUTS: readonly string[] = [
  'Mon Jan _2 15:04:05 2006',
  'Mon Jan _2 15:04:05 MST 2006',
  'Mon Jan 02 15:04:05 -0700 2006',
  '3:04PM',
  '2006-01-02T15:04:05Z07:00',
  '2006-01-02T15:04:05.999999999Z07:00',
  '2006-01-02',
  '2006-01-02 15:04',
  '2006-01-02 15:04:05',
  '2006-01-02 15:04:05-07:00',
  '2006-01-02T15Z0700',
  '2006-01-02T15:04Z0700',
  '2006-01-02T15:04:05Z0700',
  '2006-01-02T15:04:05.999999999Z0700',
];

/** Returns the date a govaluate string literal denotes, or undefined when no layout parses it. */
export function tryParseTimeLiteral(candidate: string): TimeLiteral | undefined {
  for (const layout of LAYOUTS) {
    let time: GoTime;
    try {
      time = parseGoTime(layout, candidate);
    } catch (err) {
      if (err instanceof GoTimeParseError) continue;
      throw err;
    }
    return new TimeLiteral(Math.floor(time.epochMs / 1000), formatGoTime(time, 'String'));
  }
  return undefined;
}
