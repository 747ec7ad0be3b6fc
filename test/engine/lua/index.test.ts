import { LuaScriptError, runScriptFilter } from '../../../src/engine/lua';
import { SimulatorLimitError } from '../../../src/engine/limits';

const workflowRun = {
  headers: { 'X-Github-Event': ['workflow_run'] },
  body: {
    action: 'completed',
    'X-GitHub-Event': 'workflow_run',
    workflow_run: { conclusion: 'failure', run_attempt: 1, head_branch: 'main', pull_requests: [] },
    repository: { full_name: '5dlabs/cto' },
  },
};

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (err) {
    expect(err).toBeInstanceOf(LuaScriptError);
    return (err as Error).message;
  }
  throw new Error('expected a LuaScriptError');
}

describe('runScriptFilter result', () => {
  it.each<[string, string, unknown, boolean]>([
    ['a matching condition', 'return event.body.action == "completed"', workflowRun, true],
    ['a failing condition', 'return event.body.action == "requested"', workflowRun, false],
    ['a hyphenated key', 'return event.body["X-GitHub-Event"] == "workflow_run"', workflowRun, true],
    ['a header array element', 'return event.headers["X-Github-Event"][1] == "workflow_run"', workflowRun, true],
    ['a nested condition', 'local r = event.body.workflow_run\nreturn r.conclusion == "failure" and r.run_attempt == 1', workflowRun, true],
    ['several statements', 'local ok = false\nif event.body.repository.full_name == "5dlabs/cto" then ok = true end\nreturn ok', workflowRun, true],
    ['the last of several values (true)', 'return false, true', {}, true],
    ['the last of several values (false)', 'return true, false', {}, false],
    ['a truthy non-boolean', 'return 1', {}, false],
    ['the string "true"', 'return "true"', {}, false],
    ['nil', 'return nil', {}, false],
    ['no return', 'local x = 1', {}, false],
  ])('%s', (_name, script, data, expected) => {
    expect(runScriptFilter(script, data)).toBe(expected);
  });
});

describe('the event table', () => {
  it.each<[string, string, unknown]>([
    ['omits null keys', 'return event.a == nil and event.b == 1', { a: null, b: 1 }],
    ['drops null and nested-array elements, renumbering', 'local xs = event.xs\nreturn #xs == 3 and xs[1] == 1 and xs[2] == "a" and xs[3].k == true', { xs: [1, null, [2], 'a', { k: true }] }],
    ['keeps empty arrays as empty tables', 'return type(event.xs) == "table" and #event.xs == 0', { xs: [] }],
    ['keeps empty objects as tables', 'return type(event.o) == "table" and next(event.o) == nil', { o: {} }],
    ['uses string keys for numeric-looking object keys', 'return event["1"] == "a" and event[1] == nil', { '1': 'a' }],
    ['keeps strings as UTF-8 bytes', 'return #event.s == 2', { s: 'é' }],
    ['is empty for JSON null data', 'return next(event) == nil', null],
    ['has float numbers printed as Lua 5.1 prints them', 'return tostring(event.n) == "5" and tostring(event.f) == "1.5"', { n: 5, f: 1.5 }],
  ])('%s', (_name, script, data) => {
    expect(runScriptFilter(script, data)).toBe(true);
  });
});

describe('Lua 5.1 number semantics', () => {
  it.each([
    ['division prints without ".0"', 'return tostring(10 / 2) == "5"'],
    ['concatenation of numbers', 'return 1 .. "" == "1" and 2.5 .. "" == "2.5"'],
    ['no 32-bit integer wrap-around', 'return 100000 * 100000 == 1e10 and 2147483647 + 1 == 2147483648'],
    ['hex numerals are numbers', 'return 0xff == 255 and tostring(0x10) == "16"'],
    ['numeric for loops index tables', 'local t = {"a", "b"}\nlocal s = ""\nfor i = 1, #t do s = s .. t[i] .. i end\nreturn s == "a1b2"'],
    ['string.format %d of an integral number', 'return string.format("%d", 42) == "42"'],
    ['integral values print as int64 digits (gopher-lua)', 'return tostring(2^53) == "9007199254740992" and tostring(-0) == "0"'],
    ['other values print as Go %v', 'return tostring(1e20) == "1e+20" and tostring(1/3) == "0.3333333333333333" and tostring(1234567.5) == "1.2345675e+06"'],
    ['non-finite values print as Go prints them', 'return tostring(0/0) == "NaN" and tostring(1/0) == "+Inf" and tostring(-1/0) == "-Inf"'],
    ['string.format %s uses the same printing', 'return string.format("%s|%s", 3, 0.5) == "3|0.5"'],
    ['modulo by zero is nan, not an error', 'local x = 5 % 0\nreturn x ~= x'],
    ['numbers inside strings and comments are untouched', '-- 1 // 2\nreturn "1 // 2 | 3" == [[1 // 2 | 3]] --[==[ 4 & 5 ]==]'],
  ])('%s', (_name, script) => {
    expect(runScriptFilter(script, {})).toBe(true);
  });

  it.each(['//', '&', '|', '<<', '>>', '~'])('rejects the Lua 5.3 operator %s', (operator) => {
    // The exact texts (gopher-lua's lexer and parser errors) are in test/golden/filters.
    const script = operator === '~' ? 'return ~1 == 0' : `return (6 ${operator} 1) == 0`;
    expect(errorOf(() => runScriptFilter(script, {}))).toMatch(/^<string> line:1\(column:\d+\) near /);
  });
});

describe('sandbox', () => {
  it('exposes no io, os, require, package, debug or file loaders', () => {
    const script =
      'return io == nil and os == nil and require == nil and package == nil and debug == nil' +
      ' and dofile == nil and loadfile == nil and coroutine == nil';
    expect(runScriptFilter(script, {})).toBe(true);
  });

  it('provides Lua 5.1 globals', () => {
    const script =
      'return unpack({7, 8}) == 7 and math.pow(2, 3) == 8 and table.getn({1, 2, 3}) == 3' +
      ' and loadstring("return 4")() == 4 and math.mod(7, 3) == 1 and math.log10(100) == 2 and table.maxn({1, 2}) == 2';
    expect(runScriptFilter(script, {})).toBe(true);
  });

  it('hides Lua 5.3-only library functions', () => {
    expect(runScriptFilter('return math.type == nil and table.move == nil and string.pack == nil and utf8 == nil', {})).toBe(true);
  });

  it('isolates calls from each other', () => {
    expect(runScriptFilter('leaked = 1\nevent.body = nil\nreturn true', workflowRun)).toBe(true);
    expect(runScriptFilter('return leaked == nil and event.body ~= nil', workflowRun)).toBe(true);
  });

  it('stops a script that never ends: the simulator cannot evaluate it (Argo would hang)', () => {
    expect(() => runScriptFilter('while true do end', {}, { instructionBudget: 100_000 })).toThrow(
      new SimulatorLimitError("the script runs over 100000 Lua instructions (the simulator's cap, not Argo's: no limit; a script that never ends hangs the sensor)"),
    );
  });

  it('cannot catch its way past the instruction budget', () => {
    const script = 'while true do pcall(function() while true do end end) end';
    expect(() => runScriptFilter(script, {}, { instructionBudget: 100_000 })).toThrow(/cannot evaluate this input: the script runs over 100000 Lua instructions/);
  });
});

describe("the simulator's memory caps", () => {
  const tooLong = /^the simulator cannot evaluate this input: the script builds a string over 1000 bytes \(the simulator's cap, not Argo's: no limit; the sensor would run out of memory\)$/;
  const caps = { maxStringBytes: 1000, stringBytesBudget: 5000 };

  it.each([
    ['doubling a string by concatenation', "local s = 'x' for i = 1, 40 do s = s .. s end return true"],
    ['string.rep', "return #string.rep('x', 2^31 - 2) > 0"],
    ['table.concat', "local s = string.rep('x', 600) return #table.concat({ s, s }) > 0"],
    ['string.format', "local s = string.rep('x', 600) return #string.format('%s%s', s, s) > 0"],
    ['a caught error, then a true result', "pcall(function() local s = string.rep('x', 2000) end) return true"],
  ])('stop %s over the string cap', (_name, script) => {
    expect(() => runScriptFilter(script, {}, caps)).toThrow(tooLong);
  });

  it('caps the bytes of all strings a run creates', () => {
    const script = 'local n = 0 for i = 1, 100 do local s = string.rep(tostring(i), 200) n = n + #s end return true';
    expect(() => runScriptFilter(script, {}, caps)).toThrow(/creates over 5000 bytes of strings \(the simulator's cap, not Argo's/);
  });

  it('leaves realistic scripts alone with the default caps', () => {
    const script = "local parts = {} for i = 1, 10000 do parts[i] = event.body.action .. i end return #table.concat(parts, ',') > 0";
    expect(runScriptFilter(script, workflowRun)).toBe(true);
  });

  it('stops the 40-instruction doubling bomb with the default caps, quickly and without the memory', () => {
    expect(() => runScriptFilter("local s='x' for i=1,40 do s=s..s end return true", {})).toThrow(/string over 67108864 bytes/);
  });
});

describe('errors', () => {
  it.each<[string, unknown, string]>([
    ['an array', [1], 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['a string', 'x', 'json: cannot unmarshal string into Go value of type map[string]interface {}'],
    ['a number', 1, 'json: cannot unmarshal number into Go value of type map[string]interface {}'],
    ['a boolean', true, 'json: cannot unmarshal bool into Go value of type map[string]interface {}'],
  ])('rejects data that is %s', (_name, data, message) => {
    expect(errorOf(() => runScriptFilter('return true', data))).toBe(message);
  });

  // Syntax and runtime error texts (gopher-lua's, with its stack traceback) are recorded from
  // the real VM in test/golden/filters/filter-script.ndjson.
});

describe('what Argo does not filter', () => {
  it('passes an empty script', () => {
    expect(runScriptFilter('', { a: 1 })).toBe(true);
  });

  it('passes absent data', () => {
    expect(runScriptFilter('return false', undefined)).toBe(true);
  });
});

describe('deeply nested event data', () => {
  /** `{"a": {"a": ... {"leaf": true}}, "xs": [{"xs": [... {"leaf": true}]}]}`: two chains `depth` tables deep. */
  function nested(depth: number): Record<string, unknown> {
    const leaf = () => ({ leaf: true, list: [{ k: 1 }, null, [2]] });
    let objects: Record<string, unknown> = leaf();
    let arrays: Record<string, unknown> = leaf();
    for (let i = 0; i < depth; i++) {
      objects = { a: objects };
      arrays = { xs: [arrays] };
    }
    return { ...objects, xs: arrays.xs };
  }

  // gopher-lua builds the event table in Go with no VM stack, so Argo passes these; the
  // table builder used to overflow fengari's fixed Lua stack from 9 levels on.
  it.each([9, 50, 1000])('builds a table %i objects deep', (depth) => {
    const script = `local t = event
for i = 1, ${depth} do t = t.a end
local u = event
for i = 1, ${depth} do u = u.xs[1] end
return t.leaf == true and u.leaf == true and #t.list == 1 and t.list[1].k == 1`;
    expect(runScriptFilter(script, nested(depth))).toBe(true);
  });
});
