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

// Precedence, operators on every type, Go %v printing, date literals, regexes, accessors and the
// parse and evaluation errors (Go panics included) are recorded from the real govaluate in
// test/golden/filters/govaluate.ndjson.

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
