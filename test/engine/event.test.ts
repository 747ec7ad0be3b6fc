import { EventFileError, parseEventFile, parseEventTime, ZERO_TIME } from '../../src/engine/event';
import { civilToSeconds, secondsToCivil } from '../../src/engine/go/civil';

describe('parseEventFile', () => {
  const context = { type: 'github', source: 'github', subject: 'ci', id: 'a'.repeat(32), time: '2025-03-04T05:06:07Z', datacontenttype: 'application/json', specversion: '1.0' };

  it('reads a nil event', () => {
    expect(parseEventFile('null')).toBeNull();
  });

  it('re-serializes data as Go would (sorted keys, float64, <>& escaped)', () => {
    const event = parseEventFile(JSON.stringify({ context, data: { z: 1.0, a: '<b>&', n: 1e21, m: 100 } }));
    expect(event).toEqual({ context, data: '{"a":"\\u003cb\\u003e\\u0026","m":100,"n":1e+21,"z":1}' });
  });

  it('takes dataRaw verbatim, even when it is not JSON', () => {
    expect(parseEventFile(JSON.stringify({ context, dataRaw: '{not json' }))?.data).toBe('{not json');
  });

  it('gives nil data when neither data nor dataRaw is present, and accepts a null context', () => {
    expect(parseEventFile('{"context": null}')).toEqual({ context: null, data: null });
    expect(parseEventFile('{}')).toEqual({ context: null, data: null });
  });

  it('fills missing context fields with ""', () => {
    expect(parseEventFile('{"context": {"type": "github"}, "data": null}')).toEqual({
      context: { type: 'github', source: '', subject: '', id: '', time: '', datacontenttype: '', specversion: '' },
      data: 'null',
    });
  });

  it.each([
    ['not json', /^event file is not valid JSON: /],
    ['[]', 'event file must be null or an object with "context" and "data" or "dataRaw"'],
    ['{"contxt": {}}', 'event file has unknown key "contxt" (expected "context", "data" or "dataRaw")'],
    ['{"data": 1, "dataRaw": "1"}', 'event file may have "data" or "dataRaw", not both'],
    ['{"dataRaw": 1}', 'event file "dataRaw" must be a string holding the payload bytes'],
    ['{"context": []}', 'event "context" must be an object or null'],
    ['{"context": {"kind": "x"}}', /^event context has unknown key "kind"/],
    ['{"context": {"type": 1}}', 'event context "type" must be a string'],
    ['{"context": {"time": "yesterday"}}', 'event context "time" is not an RFC 3339 time: "yesterday"'],
  ])('rejects %s', (text, message) => {
    expect(() => parseEventFile(text)).toThrow(EventFileError);
    expect(() => parseEventFile(text)).toThrow(message);
  });
});

describe('parseEventTime', () => {
  it.each([
    ['1970-01-01T00:00:00Z', 0, 0],
    ['2025-03-04T05:06:07Z', Date.UTC(2025, 2, 4, 5, 6, 7) / 1000, 0],
    ['2025-03-04T05:06:07.123456789Z', Date.UTC(2025, 2, 4, 5, 6, 7) / 1000, 123456789],
    ['2025-03-04T05:06:07.5+02:00', Date.UTC(2025, 2, 4, 3, 6, 7) / 1000, 500000000],
    ['2025-03-04T05:06:07-05:30', Date.UTC(2025, 2, 4, 10, 36, 7) / 1000, 0],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29) / 1000, 0],
  ])('parses %s', (text, seconds, nanos) => {
    expect(parseEventTime(text)).toEqual({ seconds, nanos });
  });

  it('reads "" as Go zero time', () => {
    expect(parseEventTime('')).toBe(ZERO_TIME);
    expect(secondsToCivil(ZERO_TIME.seconds)).toEqual({ year: 1, month: 1, day: 1, secondOfDay: 0 });
  });

  it.each(['2025-02-29T00:00:00Z', '2025-13-01T00:00:00Z', '2025-01-01T24:00:00Z', '2025-01-01T00:00:60Z', '2025-01-01 00:00:00Z', '2025-01-01T00:00:00', '2025-01-01T00:00:00+24:00'])(
    'rejects %s',
    (text) => {
      expect(parseEventTime(text)).toBeUndefined();
    },
  );

  it('round-trips civil dates', () => {
    for (const [y, m, d] of [[1, 1, 1], [1969, 12, 31], [2000, 2, 29], [2100, 3, 1]]) {
      expect(secondsToCivil(civilToSeconds(y, m, d, 3661))).toEqual({ year: y, month: m, day: d, secondOfDay: 3661 });
    }
  });
});
