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
});
