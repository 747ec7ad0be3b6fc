import type { SensorEvent } from '../../../src/engine/event';
import { compareFloat, filterData } from '../../../src/engine/filters/data';
import { FilterSpecError } from '../../../src/engine/filters/spec';

const ctx = { type: 'github', source: 'github', subject: 'ci', id: '0'.repeat(32), time: '2025-01-01T00:00:00Z', datacontenttype: 'application/json', specversion: '1.0' };
const ev = (data: unknown): SensorEvent => ({ context: ctx, data: JSON.stringify(data) });
const PASS = { passed: true, error: null };
const FAIL = { passed: false, error: null };
const err = (msg: string) => ({ passed: false, error: `data filter error (${msg})` });
const errs = (...msgs: string[]) => ({ passed: false, error: `data filter errors [${msgs.join(' / ')}]` });
const str = (path: string, ...value: string[]) => ({ path, type: 'string', value });

const payload = ev({
  body: {
    action: 'completed',
    status: 'uncompleted',
    conclusion: 'startup_failure',
    repo: '5dlabs/cto-docs',
    msg: 'fix [skip-ci-remediation]',
    multi: 'line1\nline2',
    count: 3,
    ratio: 0.25,
    flag: true,
    off: false,
    text_true: 'TRUE',
    text_num: '12',
    nothing: null,
    obj: { a: 1 },
  },
});

describe('filterData: preconditions', () => {
  it.each<[string, SensorEvent | null, unknown, string | undefined, object]>([
    ['nil list passes', payload, undefined, '', PASS],
    ['null list passes', payload, null, 'or', PASS],
    ['empty list passes (AND)', payload, [], '', PASS],
    ['empty list passes (OR)', payload, [], 'or', PASS],
    ['nil event', null, [str('a', 'x')], '', err('nil Event')],
    ['nil data passes', { context: ctx, data: null }, [str('a', 'x')], '', PASS],
    ['invalid JSON', { context: ctx, data: '{"a":' }, [str('a', 'x')], '', err('event data not valid JSON')],
    ['invalid JSON (OR)', { context: ctx, data: 'nope' }, [str('a', 'x')], 'or', err('event data not valid JSON')],
  ])('%s', (_name, event, list, op, expected) => {
    expect(filterData(event, list, op)).toEqual(expected);
  });
});

describe('filterData: items (AND)', () => {
  it.each<[string, unknown[], object]>([
    ['missing path', [str('body.nope', 'x')], err("path 'body.nope' does not exist")],
    ['empty path never exists', [str('', 'x')], err("path '' does not exist")],
    ['no values', [{ path: 'body.action', type: 'string' }], err('no values specified')],
    ['empty values, checked before the type', [{ path: 'body.action', type: 'strng', value: [] }], err('no values specified')],
    ['unsupported type', [{ path: 'body.action', type: 'strng', value: ['x'] }], err("unsupported JSON type 'strng'")],
    ['empty type is unsupported', [{ path: 'body.action', value: ['x'] }], err("unsupported JSON type ''")],
    ['all items match', [str('body.action', '^completed$'), str('body.repo', 'cto')], PASS],
    ['first no-match stops with (false, nil)', [str('body.action', '^nope$'), str('body.nope', 'x')], FAIL],
    ['error after a match', [str('body.action', 'completed'), str('body.nope', 'x')], err("path 'body.nope' does not exist")],
  ])('%s', (_name, list, expected) => {
    expect(filterData(payload, list)).toEqual(expected);
  });
});

describe('filterData: string values are unanchored RE2 searches', () => {
  it.each<[string, string, string[], string | undefined, boolean]>([
    ['completed matches uncompleted', 'body.status', ['completed'], '', true],
    ['anchored literal does not', 'body.status', ['^completed$'], '=', false],
    ['failure matches startup_failure', 'body.conclusion', ['failure'], '', true],
    ['anchored failure does not', 'body.conclusion', ['^failure$'], '', false],
    ['5dlabs/cto matches 5dlabs/cto-docs', 'body.repo', ['5dlabs/cto'], '', true],
    ['character class [skip ci] matches any of its characters', 'body.action', ['[skip ci]'], '', true],
    ['. does not match newline', 'body.multi', ['line1.line2'], '', false],
    ['(?s). matches newline', 'body.multi', ['(?s)line1.line2'], '', true],
    ['number stringified', 'body.count', ['^3$'], '', true],
    ['object as raw JSON text', 'body.obj', ['^\\{"a":1\\}$'], '', true],
    ['null stringifies as ""', 'body.nothing', ['^$'], '', true],
    ['!= passes when not found', 'body.action', ['^queued$'], '!=', true],
    ['!= fails when found', 'body.action', ['^completed$'], '!=', false],
    ['!= with several values is any-of: a differs from b', 'body.action', ['^completed$', '^queued$'], '!=', true],
    ['unknown comparator never matches', 'body.action', ['completed'], '=~', false],
    ['> never matches strings', 'body.action', ['completed'], '>', false],
    ['second value matches', 'body.action', ['^queued$', '^completed$'], '=', true],
  ])('%s', (_name, path, value, comparator, passed) => {
    expect(filterData(payload, [{ path, type: 'string', value, comparator }])).toEqual(passed ? PASS : FAIL);
  });
});

describe('filterData: per-value parse errors', () => {
  const bad = 'error parsing regexp: missing closing ]: `[bad`';
  it.each<[string, string[], string, object]>([
    ['not reached after a match (AND)', ['^completed$', '[bad'], '', PASS],
    ['reached after a no-match (AND)', ['^queued$', '[bad'], '', err(bad)],
    ['first value bad (AND)', ['[bad', '^completed$'], '', err(bad)],
    ['OR: recorded, rest of the item skipped', ['[bad', '^completed$'], 'or', errs(bad)],
    ['OR: not reached after a match', ['^completed$', '[bad'], 'or', PASS],
  ])('%s', (_name, value, op, expected) => {
    expect(filterData(payload, [str('body.action', ...value)], op)).toEqual(expected);
  });

  it('[skip-ci-remediation] is a class with the invalid range p-c', () => {
    expect(filterData(payload, [str('body.msg', '[skip-ci-remediation]')])).toEqual(err('error parsing regexp: invalid character class range: `p-c`'));
  });

  it('number values: 0x10 is rejected only when reached', () => {
    const item = (value: string[]) => [{ path: 'body.count', type: 'number', value }];
    expect(filterData(payload, item(['3', '0x10']))).toEqual(PASS);
    expect(filterData(payload, item(['4', '0x10']))).toEqual(err('strconv.ParseFloat: parsing "0x10": invalid syntax'));
  });

  it('bool values: yes is rejected only when reached', () => {
    const item = (value: string[]) => [{ path: 'body.flag', type: 'bool', value }];
    expect(filterData(payload, item(['true', 'yes']))).toEqual(PASS);
    expect(filterData(payload, item(['false', 'yes']))).toEqual(err('strconv.ParseBool: parsing "yes": invalid syntax'));
  });
});

describe('filterData: OR', () => {
  it.each<[string, unknown[], object]>([
    ['first match returns true, discarding earlier errors', [str('body.nope', 'x'), str('body.action', 'completed')], PASS],
    ['no match and no error: (false, nil)', [str('body.action', '^x$'), str('body.status', '^y$')], FAIL],
    ['errors are aggregated', [str('body.nope', 'x'), { path: 'body.action', type: 'strng', value: ['x'] }, { path: 'body.action', type: 'string' }], errs("path 'body.nope' does not exist", "unsupported JSON type 'strng'", 'no values specified')],
    ['one error uses the aggregate form', [str('body.nope', 'x'), str('body.action', '^x$')], errs("path 'body.nope' does not exist")],
  ])('%s', (_name, list, expected) => {
    expect(filterData(payload, list, 'or')).toEqual(expected);
  });

  it.each(['and', '', 'OR', 'Or', 'any'])('operator %j is AND', (op) => {
    expect(filterData(payload, [str('body.nope', 'x'), str('body.action', 'completed')], op)).toEqual(err("path 'body.nope' does not exist"));
  });
});

describe('filterData: bool', () => {
  it.each<[string, string, boolean]>([
    ['body.flag', 'true', true],
    ['body.flag', 'T', true],
    ['body.flag', '1', true],
    ['body.flag', 'TRUE', true],
    ['body.flag', 'True', true],
    ['body.off', 'false', true],
    ['body.off', 'F', true],
    ['body.off', '0', true],
    ['body.off', 'FALSE', true],
    ['body.count', 'true', true],
    ['body.text_true', 'true', true],
    ['body.action', 'false', true],
    ['body.nothing', 'false', true],
    ['body.obj', 'false', true],
    ['body.flag', 'false', false],
  ])('%s == %s -> %s', (path, value, passed) => {
    expect(filterData(payload, [{ path, type: 'bool', value: [value], comparator: '!=' }])).toEqual(passed ? PASS : FAIL);
  });

  it.each(['yes', 'tRUE', ' true', ''])('rejects %j', (value) => {
    expect(filterData(payload, [{ path: 'body.flag', type: 'bool', value: [value] }])).toEqual(err(`strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`));
  });
});

describe('filterData: number', () => {
  it.each<[string, string, string, boolean]>([
    ['body.count', '', '3', true],
    ['body.count', '=', '3.0', true],
    ['body.count', '!=', '3', false],
    ['body.count', '>', '2', true],
    ['body.count', '>', '3', false],
    ['body.count', '>=', '3', true],
    ['body.count', '<', '3', false],
    ['body.count', '<=', '3', true],
    ['body.count', '=>', '3', false],
    ['body.count', '==', '3', false],
    ['body.ratio', '=', '0x1p-2', true],
    ['body.ratio', '=', '2.5e-1', true],
    ['body.count', '<', 'Inf', true],
    ['body.count', '>', '-Infinity', true],
    ['body.count', '=', '3_0', false],
    ['body.text_num', '=', '12', true],
    ['body.action', '=', '0', true],
    ['body.flag', '=', '1', true],
    ['body.nothing', '=', '0', true],
    ['body.count', '!=', 'NaN', true],
    ['body.count', '=', 'NaN', false],
  ])('%s %s %s -> %s', (path, comparator, value, passed) => {
    expect(filterData(payload, [{ path, type: 'number', value: [value], comparator }])).toEqual(passed ? PASS : FAIL);
  });

  it.each([
    ['0x10', 'invalid syntax'],
    [' 1', 'invalid syntax'],
    ['1 ', 'invalid syntax'],
    ['abc', 'invalid syntax'],
    ['', 'invalid syntax'],
    ['1e999', 'value out of range'],
  ])('rejects %j (%s)', (value, reason) => {
    expect(filterData(payload, [{ path: 'body.count', type: 'number', value: [value] }])).toEqual(err(`strconv.ParseFloat: parsing ${JSON.stringify(value)}: ${reason}`));
  });

  it('compareFloat follows Argo', () => {
    expect(compareFloat('>=', 1, 1)).toBe(true);
    expect(compareFloat('in', 1, 1)).toBe(false);
  });
});

describe('filterData: template', () => {
  const tpl = (template: string, value: string[], path = 'body.action', type = 'string') => [{ path, type, value, template }];
  it.each<[string, unknown[], string | undefined, object]>([
    ['output replaces the value', tpl('{{ .Input | upper }}', ['^COMPLETED$']), '', PASS],
    ['Input is r.String() of a number', tpl('{{ printf "%s-x" .Input }}', ['^3-x$'], 'body.count'), '', PASS],
    ['Input is raw JSON text of an object', tpl('{{ .Input }}', ['^\\{"a":1\\}$'], 'body.obj'), '', PASS],
    ['output used as a number', tpl('{{ len .Input }}', ['9'], 'body.action', 'number'), '', PASS],
    ['output used as a bool', tpl('{{ eq .Input "completed" }}', ['true'], 'body.action', 'bool'), '', PASS],
    ['x-<no value> is fine', tpl('x-{{ .Missing }}', ['^x-<no value>$']), '', PASS],
    ['b64dec of bad input renders the error text', tpl('{{ b64dec .Input }}', ['illegal base64']), '', PASS],
  ])('%s', (_name, list, op, expected) => {
    expect(filterData(payload, list, op)).toEqual(expected);
  });

  it('a parse error is an error', () => {
    const result = filterData(payload, tpl('{{ .Input', ['x']));
    expect(result.passed).toBe(false);
    expect(result.error).toMatch(/^data filter error \(template: /);
  });

  it('an exec error is an error', () => {
    const result = filterData(payload, tpl('{{ fail "boom" }}', ['x']));
    expect(result.passed).toBe(false);
    expect(result.error).toMatch(/^data filter error \(template: .*boom\)$/);
  });
});

describe('filterData: malformed lists', () => {
  it.each([
    [{ path: 'a' }, 'filters.data must be a list, got an object'],
    [[{ path: 'a', type: 'number', value: [3] }], 'filters.data[0].value[0] must be a string, got number 3 (quote it in YAML)'],
    [[{ path: 'a', type: 'bool', value: true }], 'filters.data[0].value must be a list, got boolean true'],
    [[{ path: 'a', typ: 'bool' }], 'filters.data[0] has unknown field "typ" (known: path, type, value, comparator, template)'],
  ])('%j', (list, message) => {
    expect(() => filterData(payload, list)).toThrow(new FilterSpecError(message));
  });
});
