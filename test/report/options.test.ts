/** The report's window and repository options, and the percentile it reports. */
import { percentile } from '../../src/report/compute';
import { parseMarkers } from '../../src/report/markers';
import { parseSince, parseUntil, repositoryError } from '../../src/report/options';

const UNTIL = new Date('2026-12-01T00:00:00Z');

describe('report options', () => {
  it('reads --since as a duration before --until or as a date', () => {
    expect(parseSince('30d', UNTIL)).toEqual(new Date('2026-11-01T00:00:00Z'));
    expect(parseSince('12h', UNTIL)).toEqual(new Date('2026-11-30T12:00:00Z'));
    expect(parseSince('2w', UNTIL)).toEqual(new Date('2026-11-17T00:00:00Z'));
    expect(parseSince('2026-11-15', UNTIL)).toEqual(new Date('2026-11-15T00:00:00Z'));
    expect(parseSince('2026-11-15T08:00:00+02:00', UNTIL)).toEqual(new Date('2026-11-15T06:00:00Z'));
    expect(parseSince('30 days', UNTIL)).toMatch(/^--since: "30 days" is neither a duration/);
    // Date.parse would read these in the local time zone, or roll 31 November over to December.
    expect(parseUntil('Dec 1 2026')).toMatch(/^--until: "Dec 1 2026" is not a date/);
    expect(parseUntil('2026-13-01')).toMatch(/is not a date/);
    expect(parseUntil('2026-11-31')).toMatch(/is not a date/);
    expect(parseUntil('2026-11-30T23:00:00-02:00')).toEqual(new Date('2026-12-01T01:00:00Z'));
  });

  it('accepts OWNER/NAME only', () => {
    expect(repositoryError('5dlabs/cto')).toBeUndefined();
    expect(repositoryError('acme/web.site_2')).toBeUndefined();
    for (const bad of ['acme', 'acme/', '/web', 'a/b/c', 'acme/..', '-acme/web']) expect(repositoryError(bad)).toMatch(/^--repo: /);
  });

  it('takes the nearest-rank percentile (an observed value)', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([25, 65, 100, 1530], 50)).toBe(65);
    expect(percentile([25, 65, 100, 1530], 90)).toBe(1530);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });

  it('reads only well-formed marker lines', () => {
    const body = [
      '<!-- ci-remediation {"run":5,"attempt":1,"turns":9,"costUsd":0.5,"outcome":"fixed"} -->',
      '<!-- ci-remediation {"run":5,"attempt":2,"turns":-1,"costUsd":0.5,"outcome":"fixed"} -->',
      '<!-- ci-remediation {"run":5,"attempt":3,"turns":1,"costUsd":"1","outcome":"fixed"} -->',
      '<!-- ci-remediation {"run":5,"attempt":4,"turns":1,"costUsd":1,"outcome":"<b>"} -->',
      '<!-- ci-remediation {not json} -->',
    ].join('\n');
    expect(parseMarkers(body)).toEqual([{ run: 5, attempt: 1, turns: 9, costUsd: 0.5, outcome: 'fixed' }]);
  });
});
