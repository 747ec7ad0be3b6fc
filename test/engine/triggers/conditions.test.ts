import { conditionNames, conditionsHold, ConditionsSyntaxError } from '../../../src/engine/triggers/conditions';

const DEPENDENCIES = ['dep-a', 'dep-b', 'dep.c'];

describe('conditionsHold (reference §8)', () => {
  test.each<[string | undefined, string[], boolean]>([
    // Empty conditions: the AND of all dependencies.
    [undefined, ['dep-a', 'dep-b', 'dep.c'], true],
    ['', ['dep-a', 'dep-b'], false],
    ['   ', ['dep-a', 'dep-b', 'dep.c'], true],
    ['dep-a', ['dep-a'], true],
    ['dep-a', ['dep-b'], false],
    ['dep-a || dep-b', ['dep-b'], true],
    ['dep-a && dep-b', ['dep-b'], false],
    ['dep-a&&dep-b', ['dep-a', 'dep-b'], true],
    // && binds tighter than ||.
    ['dep-a || dep-b && dep.c', ['dep-a'], true],
    ['(dep-a || dep-b) && dep.c', ['dep-a'], false],
    ['(dep-a || dep-b) && dep.c', ['dep-b', 'dep.c'], true],
    ['((dep-a))', ['dep-a'], true],
    // An unknown name: the trigger never fires, whatever the rest of the expression says.
    ['unknown', ['dep-a', 'dep-b', 'dep.c'], false],
    ['unknown || dep-a', ['dep-a'], false],
    ['dep-a || (dep-b && unknown)', ['dep-a', 'dep-b', 'dep.c'], false],
  ])('%j with %j satisfied gives %s', (conditions, satisfied, expected) => {
    expect(conditionsHold(conditions, DEPENDENCIES, new Set(satisfied))).toBe(expected);
  });

  test('a Sensor without dependencies never satisfies empty conditions', () => {
    expect(conditionsHold('', [], new Set())).toBe(false);
  });

  test.each([
    ['dep-a &&', "invalid conditions 'dep-a &&': unexpected end of expression"],
    ['(dep-a', "invalid conditions '(dep-a': missing closing parenthesis"],
    ['dep-a dep-b', "invalid conditions 'dep-a dep-b': unexpected 'dep-b'"],
    ['|| dep-a', "invalid conditions '|| dep-a': unexpected '||'"],
    ['!dep-a', "unsupported character '!' at position 0 in conditions '!dep-a' (only dependency names, &&, || and parentheses are supported)"],
    ['dep-a & dep-b', "unsupported character '&' at position 6 in conditions 'dep-a & dep-b' (only dependency names, &&, || and parentheses are supported)"],
  ])('%j is rejected with a clear error', (conditions, message) => {
    expect(() => conditionsHold(conditions, DEPENDENCIES, new Set())).toThrow(new ConditionsSyntaxError(message));
  });

  test('conditionNames lists the names in order', () => {
    expect(conditionNames('(b || a) && b')).toEqual(['b', 'a']);
  });

  // govaluate evaluates these in Argo (Go's stacks grow); recursion here used to overflow V8's stack.
  test.each<[string, string, string[], boolean]>([
    ['10,000 nested parentheses', `${'('.repeat(10_000)}dep-a${')'.repeat(10_000)}`, ['dep-a'], true],
    ['100,000 nested parentheses around an unsatisfied name', `${'('.repeat(100_000)}dep-b${')'.repeat(100_000)}`, ['dep-a'], false],
    ['a 20,000-term ||', Array.from({ length: 20_000 }, (_, i) => (i === 19_999 ? 'dep-b' : 'dep-a')).join(' || '), ['dep-b'], true],
    ['a 20,000-term &&', Array.from({ length: 20_000 }, () => 'dep-a').join(' && '), ['dep-a'], true],
    ['a 20,000-term && with one unsatisfied name', [...Array.from({ length: 19_999 }, () => 'dep-a'), 'dep-b'].join(' && '), ['dep-a'], false],
  ])('%s', (_name, conditions, satisfied, expected) => {
    expect(conditionsHold(conditions, DEPENDENCIES, new Set(satisfied))).toBe(expected);
  });

  test('agrees with JavaScript boolean precedence on random expressions', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const expression = (depth: number): string => {
      if (depth === 0 || random(3) === 0) return DEPENDENCIES[random(3)];
      const left = expression(depth - 1);
      const right = expression(depth - 1);
      const joined = `${left} ${random(2) === 0 ? '&&' : '||'} ${right}`;
      return random(2) === 0 ? `(${joined})` : joined;
    };
    for (let i = 0; i < 300; i++) {
      const conditions = expression(5);
      const satisfied = DEPENDENCIES.filter(() => random(2) === 0);
      const asJs = conditions.replace(/[\w.-]+/g, (name) => String(satisfied.includes(name)));
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the oracle: JavaScript evaluates the same expression of true/false
      expect([conditions, conditionsHold(conditions, DEPENDENCIES, new Set(satisfied))]).toEqual([conditions, new Function(`return ${asJs};`)()]);
    }
  });
});
