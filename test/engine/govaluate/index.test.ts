import { GovaluateError, evaluate, parseExpression } from '../../../src/engine/govaluate';

function run(expr: string, params: Record<string, unknown> = {}): unknown {
  return evaluate(parseExpression(expr), params);
}

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (err) {
    expect(err).toBeInstanceOf(GovaluateError);
    return (err as Error).message;
  }
  throw new Error('expected a GovaluateError');
}

describe('precedence and associativity', () => {
  it.each<[string, unknown]>([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['100 / 10 / 5', 2],
    ['2 ** 3 ** 2', 64], // left-associative, as govaluate reorders same-precedence runs
    ['2 * 3 ** 2', 18],
    ['1 - 2 * 3 - 4 * 5 - 6', -31],
    ['1 - 2 - 3 - 4 - 5 - 6', -19],
    ['10 - (4 - 3)', 9],
    ['-2 ** 2', 4], // prefixes bind tightest
    ['!true == false', true], // (!true) == false
    ['!(1 == 2)', true],
    ['1 + 2 == 3', true],
    ['1 | 2 + 1', 3], // bitwise below additive
    ['1 << 2 + 1', 8], // shift below additive
    ['5 & 3 == 1', true], // bitwise above comparators
    ['1 == 1 == true', true],
    ['true || false && false', true],
    ['false && true || true', true],
    ['1 < 2 && 2 < 3', true],
    ['true ? 1 : 2', 1],
    ['false ? 1 : 2', 2],
    ['false ? 1 : true ? 2 : 3', 2],
    ['1 + 1 > 1 ? "big" : "small"', 'big'],
    ['(1) 2', 1], // govaluate's planner ignores trailing tokens after a clause
  ])('%s', (expr, expected) => {
    expect(run(expr)).toEqual(expected);
  });
});

describe('operators', () => {
  it.each<[string, Record<string, unknown>, unknown]>([
    ['7 % 4', {}, 3],
    ['-7 % 4', {}, -3],
    ['1 / 0', {}, Infinity],
    ['.5 + .5', {}, 1],
    ['0x1F', {}, 31],
    ['0xff + 1', {}, 256],
    ['6 ^ 3', {}, 5],
    ['6 & 3', {}, 2],
    ['6 | 3', {}, 7],
    ['~0', {}, -1],
    ['1 << 3', {}, 8],
    ['16 >> 2', {}, 4],
    ['1 << 64', {}, 0],
    ['-1 >> 1', {}, 9223372036854775807], // via uint64, as Go converts
    ['"a" + "b"', {}, 'ab'],
    ['"a" + 1', {}, 'a1'],
    ['1.5 + "a"', {}, '1.5a'],
    ['"n" + 1000000', {}, 'n1e+06'],
    // Go `%v` of a float64: shortest digits, exponent form when exp < -4 or >= 6.
    ['"n" + 123456', {}, 'n123456'],
    ['"n" + 1234567', {}, 'n1.234567e+06'],
    ['"n" + 0.0001', {}, 'n0.0001'],
    ['"n" + 0.00001', {}, 'n1e-05'],
    ['"n" + v', { v: 1e21 }, 'n1e+21'],
    ['"x" + true', {}, 'xtrue'],
    ['"x" + v', { v: null }, 'x<nil>'],
    ['"x" + 1 / 0', {}, 'x+Inf'],
    ['v + "!"', { v: [1, 'b', true] }, '[1 b true]!'],
    ['v + "!"', { v: { k: 2, j: null, a: { z: 'q' } } }, 'map[a:map[z:q] j:<nil> k:2]!'],
    ['"1" == 1', {}, false],
    ['1 == 1.0', {}, true],
    ['"a" != "a"', {}, false],
    ['a == b', { a: { x: [1, { y: null }] }, b: { x: [1, { y: null }] } }, true],
    ['a == b', { a: { x: 1 }, b: { x: '1' } }, false],
    ['a == b', { a: [1, 2], b: [1, 2, 3] }, false],
    ['(1, 2) == arr', { arr: [1, 2] }, true],
    ['"b" > "a"', {}, true],
    ['"abc" >= "abd"', {}, false],
    ['"a" < "b"', {}, true],
    ['"\u{1F600}" > "\uFFFD"', {}, true], // byte order, not UTF-16 order
    ['2 <= 2', {}, true],
    ['a in (1, 2, 3)', { a: 2 }, true],
    ['a IN (1, 2, 3)', { a: 4 }, false],
    ['"a" in ("a", "b")', {}, true],
    ['"1" in (1, 2)', {}, false],
    ['x in arr', { x: 2, arr: [1, 2] }, true],
    ['(arr, 3)', { arr: [1, 2] }, [1, 2, 3]],
    ['"foobar" =~ "oba"', {}, true],
    ['"foobar" =~ "^oba"', {}, false],
    ['"x" !~ "y"', {}, true],
    ['s =~ p', { s: 'abc', p: 'b.' }, true],
    ['"a5" =~ "\\d"', {}, false], // govaluate has no escape sequences: the pattern is "d"
    ['"a5" =~ "\\\\d"', {}, true],
    ["'a\\'b' == x", { x: "a'b" }, true],
    ['x ?? 5', { x: null }, 5],
    ['x ?? 5', { x: 3 }, 3],
    ['() ?? 3', {}, 3],
    ['true ? 1', {}, 1],
    ['false ? 1', {}, null],
    ['false ? x : 1', {}, 1],
    ['false && x', {}, false],
    ['true || x', {}, true],
    ['[my-var] == 1', { 'my-var': 1 }, true],
    ['[with space] == "ok"', { 'with space': 'ok' }, true],
    ['nil == x', { nil: null, x: null }, true],
    ['a > -1', { a: 0 }, true],
    ['a == "x" && b > 2', { a: 'x', b: 3 }, true],
    ['!v', { v: false }, true],
    ['-v', { v: 2 }, -2],
  ])('%s with %j', (expr, params, expected) => {
    expect(run(expr, params)).toEqual(expected);
  });
});

describe('date literals become Unix seconds', () => {
  it.each<[string, number]>([
    ['2014-01-02', 1388620800],
    ['2014-01-02 14:12', 1388671920],
    ['2014-01-02 14:12:13', 1388671933],
    ['2014-01-02 14:12:13.5', 1388671933],
    ['2014-01-02T14:12:13Z', 1388671933],
    ['2014-01-02T14:12:13.123456789Z', 1388671933],
    ['2014-01-02T14:12:13+01:00', 1388668333],
    ['2006-01-02 15:04:05-07:00', 1136239445],
    ['2014-01-02T14Z', 1388671200],
    ['2014-01-02T14:12-0100', 1388675520],
    ['Mon Jan  2 15:04:05 2006', 1136214245],
    ['Mon Jan 2 15:04:05 UTC 2006', 1136214245],
    ['Mon Jan 02 15:04:05 -0700 2006', 1136239445],
    ['3:04PM', -62167164960],
  ])('"%s"', (literal, unix) => {
    expect(run(`"${literal}"`)).toBe(unix);
  });

  it.each(['2014-02-30', '2014-1-02', '14:12', 'Foo Jan 02 15:04:05 2006', '2014-01-02x'])('"%s" stays a string', (literal) => {
    expect(run(`"${literal}"`)).toBe(literal);
  });

  it('compares dates numerically', () => {
    expect(run('"2014-01-02" > "2014-01-01"')).toBe(true);
    expect(run('t > "2014-01-01"', { t: 1388620800 })).toBe(true);
  });
});

describe('errors', () => {
  it.each<[string, Record<string, unknown>, string]>([
    // the reference's probed cases (§4)
    ['x > 1', {}, "No parameter 'x' found."],
    ['true && x', {}, "No parameter 'x' found."],
    ['x ?? 1', {}, "No parameter 'x' found."],
    ['nil == 1', {}, "No parameter 'nil' found."],
    ['x > 1', { x: 'x' }, "Value 'x' cannot be used with the comparator '>', it is not a number"],
    ['1 > x', { x: 'x' }, "Value '1' cannot be used with the comparator '>', it is not a number"],
    ['x >= 1', { x: null }, "Value '<nil>' cannot be used with the comparator '>=', it is not a number"],
    ['1 =~ "a"', {}, "Value '1' cannot be used with the comparator '=~', it is not a number"],
    ['"a" =~ x', { x: 2 }, "Value '2' cannot be used with the comparator '=~', it is not a number"],
    ['1 in (1)', {}, "Value '1' cannot be used with the comparator 'in', it is not a number"],
    ['"a" - 1', {}, "Value 'a' cannot be used with the modifier '-', it is not a number"],
    ['1 - "a"', {}, "Value 'a' cannot be used with the modifier '-', it is not a number"],
    ['true + 1', {}, "Value 'true' cannot be used with the modifier '+', it is not a number"],
    ['x ** 2', { x: [1] }, "Value '[1]' cannot be used with the modifier '**', it is not a number"],
    ['1 && true', {}, "Value '1' cannot be used with the logical operator '&&', it is not a bool"],
    ['true && 1', {}, "Value '1' cannot be used with the logical operator '&&', it is not a bool"],
    ['false || "x"', {}, "Value 'x' cannot be used with the logical operator '||', it is not a bool"],
    ['!1', {}, "Value '1' cannot be used with the prefix '!'"],
    ['-s', { s: 'a' }, "Value 'a' cannot be used with the prefix '-'"],
    ['~b', { b: true }, "Value 'true' cannot be used with the prefix '~'"],
    ['1 ? 2 : 3', {}, "Value '1' cannot be used with the ternary operator '?', it is not a bool"],
    ['true ? "x" : false ? "y" : "z"', {}, "Value 'x' cannot be used with the ternary operator '?', it is not a bool"],
    ['s =~ p', { s: 'a', p: '(' }, "Unable to compile regexp pattern '(': error parsing regexp: missing closing ): `(`"],
    ['body.X == 1', { body: { X: 1 } }, "Unable to access 'X', 'body' is not a struct"],
    ['body.X == 1', {}, "No parameter 'body' found."],
    ['o in (o, 1)', { o: { a: 1 } }, 'runtime error: comparing uncomparable type map[string]interface {}'],
  ])('%s with %j', (expr, params, message) => {
    const parsed = parseExpression(expr);
    expect(errorOf(() => evaluate(parsed, params))).toBe(message);
  });

  it.each<[string, string]>([
    ['a !== b', "Invalid token: '!=='"],
    ['a>-1', "Invalid token: '>-'"],
    ['--1', "Invalid token: '--'"],
    ['_a == 1', "Invalid token: '_'"],
    ['a ~ b', "Invalid token: '~'"],
    ['len(x) > 1', 'Undefined function len'],
    ['contains(a, "x")', 'Undefined function contains'],
    ['a contains "x"', 'Cannot transition token types from VARIABLE [a] to VARIABLE [contains]'],
    ['a.b == 1', "Unable to access unexported field 'b' in token 'a.b'"],
    ['body.workflow_run.conclusion', "Unable to access unexported field 'workflow_run' in token 'body.workflow_run.conclusion'"],
    ['a. == 1', "Hanging accessor on token 'a.'"],
    ['a =~ "("', 'error parsing regexp: missing closing ): `(`'],
    ['a !~ "[z"', 'error parsing regexp: missing closing ]: `[z`'],
    ['', 'Unexpected end of expression'],
    ['1 +', 'Unexpected end of expression'],
    ['(1 + 2', 'Unbalanced parenthesis'],
    ['1 + 2)', 'Unbalanced parenthesis'],
    ['"abc', 'Unclosed string literal'],
    ['"it\'s"', 'Unclosed string literal'], // either quote ends a string
    ['[abc', 'Unclosed parameter bracket'],
    ['"abc\\', 'runtime error: index out of range [5] with length 5'],
    ['1 2', 'Cannot transition token types from NUMERIC [1] to NUMERIC [2]'],
    ['"1" "2"', 'Cannot transition token types from STRING [1] to STRING [2]'],
    ['> 1', 'Cannot transition token types from UNKNOWN [<nil>] to COMPARATOR [>]'],
    ['(> 1)', 'Cannot transition token types from CLAUSE [40] to COMPARATOR [>]'],
    ['- -1', 'Cannot transition token types from PREFIX [-] to MODIFIER [-]'],
    ['-"a"', 'Cannot transition token types from PREFIX [-] to STRING [a]'],
    ['1e3', 'Cannot transition token types from NUMERIC [1] to VARIABLE [e3]'],
    ['1000000 a', 'Cannot transition token types from NUMERIC [1e+06] to VARIABLE [a]'],
    ['true AND false', 'Cannot transition token types from BOOLEAN [true] to VARIABLE [AND]'],
    ['1 + "2014-01-02"', 'Cannot transition token types from MODIFIER [+] to TIME [2014-01-02 00:00:00 +0000 UTC]'],
    ['1 + "2014-01-02T14:12:13+01:00"', 'Cannot transition token types from MODIFIER [+] to TIME [2014-01-02 14:12:13 +0100 +0100]'],
    ['1 + "Mon Jan 2 15:04:05 PST 2006"', 'Cannot transition token types from MODIFIER [+] to TIME [2006-01-02 15:04:05 +0000 PST]'],
    ['"2014-01-02T14:12:13.5-07:00" "x"', 'Cannot transition token types from TIME [2014-01-02 14:12:13.5 -0700 -0700] to STRING [x]'],
    ['a.B c', 'Cannot transition token types from ACCESSOR [[a B]] to VARIABLE [c]'],
    ['1.2.3', "Unable to parse numeric value '1.2.3' to float64\n"],
    ['0xg', "Unable to parse hex value '' to uint64\n"],
  ])('parse of %j fails', (expr, message) => {
    expect(errorOf(() => parseExpression(expr))).toBe(message);
  });

  it('reaches an unbound variable only when evaluation gets there', () => {
    const parsed = parseExpression('a == 1 || b == 2');
    expect(evaluate(parsed, { a: 1 })).toBe(true);
    expect(errorOf(() => evaluate(parsed, { a: 2 }))).toBe("No parameter 'b' found.");
  });
});

describe('parsed expression', () => {
  it('lists distinct variables in order of appearance', () => {
    expect(parseExpression('a > 1 && [b-c] == a || nil == d.E').variables).toEqual(['a', 'b-c', 'nil']);
  });

  it('is reusable across evaluations', () => {
    const parsed = parseExpression('x * 2');
    expect(evaluate(parsed, { x: 2 })).toBe(4);
    expect(evaluate(parsed, { x: 5 })).toBe(10);
  });

  it('does not look up inherited object properties as parameters', () => {
    expect(errorOf(() => run('constructor == 1'))).toBe("No parameter 'constructor' found.");
  });
});
