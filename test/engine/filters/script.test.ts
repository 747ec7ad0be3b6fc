import type { SensorEvent } from '../../../src/engine/event';
import { filterScript } from '../../../src/engine/filters/script';

const ctx = { type: 'github', source: 'github', subject: 'ci', id: '0'.repeat(32), time: '2025-01-01T00:00:00Z', datacontenttype: 'application/json', specversion: '1.0' };
const event: SensorEvent = { context: ctx, data: JSON.stringify({ body: { action: 'completed', attempt: 2, list: [1, null, 'a'], nothing: null } }) };
const PASS = { passed: true, error: null };
const FAIL = { passed: false, error: null };

describe('filterScript', () => {
  it.each<[string, string, object]>([
    ['empty script passes', '', PASS],
    ['true passes', 'return event.body.action == "completed"', PASS],
    ['false fails', 'return event.body.action == "queued"', FAIL],
    ['numbers', 'return event.body.attempt > 1', PASS],
    ['arrays are 1-based, null elements dropped', 'return event.body.list[2] == "a" and #event.body.list == 2', PASS],
    ['null keys are omitted', 'return event.body.nothing == nil', PASS],
    ['a truthy non-boolean does not pass', 'return 1', FAIL],
    ['the string "true" does not pass', 'return "true"', FAIL],
    ['no return value fails', 'local x = 1', FAIL],
    ['the last returned value decides (false)', 'return true, false', FAIL],
    ['the last returned value decides (true)', 'return false, true', PASS],
  ])('%s', (_name, script, expected) => {
    expect(filterScript(event, script)).toEqual(expected);
  });

  it('nil event is an error; nil data passes', () => {
    expect(filterScript(null, 'return true')).toEqual({ passed: false, error: 'nil event' });
    expect(filterScript({ context: ctx, data: null }, 'return false')).toEqual(PASS);
  });

  // Argo decodes the data with encoding/json (limit: 10,000 levels) and builds the table in Go.
  it('data nested 10,000 levels deep reaches the script', () => {
    const data = '{"a":' + '{"k":'.repeat(9_999) + '"leaf"' + '}'.repeat(10_000);
    const script = 'local t = event.a\nfor i = 1, 9999 do t = t.k end\nreturn t == "leaf"';
    expect(filterScript({ context: ctx, data }, script)).toEqual(PASS);
  });

  it("data nested deeper than Go's encoding/json allows is Go's error", () => {
    const data = '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    expect(filterScript({ context: ctx, data }, 'return true')).toEqual({ passed: false, error: "invalid character '[' exceeded max depth" });
  });

  it('data must be a JSON object', () => {
    expect(filterScript({ context: ctx, data: '[1]' }, 'return true')).toEqual({
      passed: false,
      error: 'json: cannot unmarshal array into Go value of type map[string]interface {}',
    });
  });

  it('invalid JSON data is a Go json error', () => {
    const result = filterScript({ context: ctx, data: '{x' }, 'return true');
    expect(result.passed).toBe(false);
    expect(result.error).toMatch(/^invalid character 'x' looking for beginning of object key string$/);
  });

  it('syntax and runtime errors are errors, not wrapped', () => {
    const syntax = filterScript(event, 'return (');
    expect(syntax.passed).toBe(false);
    expect(syntax.error).toBe('<string> at EOF:   syntax error\n');
    const runtime = filterScript(event, 'error("boom")');
    expect(runtime.error).toMatch(/boom/);
  });

  it('rejects a non-string script', () => {
    expect(() => filterScript(event, 5)).toThrow('filters.script must be a string, got number');
  });
});
