import { RE2JS } from 're2js';
import {
  equals, inSet, isPatternEntry, notContains, notInSet, notStartsWith, oneOf, parseValueSet, patternEntryError, valueSetRegex,
} from '../../src/filters/data-filter';

/** What Argo does with one string data filter item and a value (reference §3). */
function passes(filter: { value: string[]; comparator?: string }, text: string): boolean {
  const hit = RE2JS.compile(filter.value[0]).matcher(text).find();
  return filter.comparator === '!=' ? !hit : hit;
}

test('every filter has exactly one value and type string', () => {
  for (const f of [equals('a', 'x'), oneOf('a', ['x', 'y']), notContains('a', 'x'), notStartsWith('a', 'x'),
    inSet('a', parseValueSet(['x', '/y.*/'])), notInSet('a', parseValueSet(['x', 'y']))]) {
    expect(f.value).toHaveLength(1);
    expect(f.type).toBe('string');
  }
});

test('equals is exact', () => {
  const f = equals('body.action', 'completed');
  expect(passes(f, 'completed')).toBe(true);
  expect(passes(f, 'uncompleted')).toBe(false);
  expect(f.comparator).toBeUndefined();
});

test('notContains is literal, not a character class', () => {
  const f = notContains('m', '[skip-ci-remediation]');
  expect(passes(f, 'fix build [skip-ci-remediation]')).toBe(false);
  expect(passes(f, 'fix build')).toBe(true);
  // Only the literal token counts: text made of the same letters passes.
  expect(passes(f, 'skip ci')).toBe(true);
  expect(passes(f, 'line one\nline two [skip-ci-remediation]\n')).toBe(false);
});

test('notStartsWith blocks the loop-guard prefix only at the start', () => {
  const f = notStartsWith('b', 'ci-fix/');
  expect(passes(f, 'ci-fix/19289199112-1')).toBe(false);
  expect(passes(f, 'main')).toBe(true);
  expect(passes(f, 'feature/ci-fix/x')).toBe(true);
});

test('notInSet is one alternation, so NOT-IN really excludes every member', () => {
  const f = notInSet('n', parseValueSet(['Deploy', 'Release']));
  expect(f.value).toEqual(['^(?:Deploy|Release)$']);
  expect(passes(f, 'Deploy')).toBe(false);
  expect(passes(f, 'Release')).toBe(false);
  expect(passes(f, 'CI')).toBe(true);
  expect(passes(f, 'Deploy staging')).toBe(true);
});

test('value sets mix literals and anchored patterns', () => {
  const set = parseValueSet(['CI', '/release-[0-9]+|hotfix/']);
  expect(set).toEqual({ literals: ['CI'], patterns: ['release-[0-9]+|hotfix'] });
  const regex = valueSetRegex(set);
  expect(regex).toBe('^(?:CI|(?:release-[0-9]+|hotfix))$');
  const f = inSet('n', set);
  expect(passes(f, 'release-12')).toBe(true);
  expect(passes(f, 'hotfix')).toBe(true);
  expect(passes(f, 'my hotfix')).toBe(false);
  expect(passes(f, 'CI')).toBe(true);
  expect(passes(f, 'CI (nightly)')).toBe(false);
});

test('pattern entries', () => {
  expect(isPatternEntry('/a/')).toBe(true);
  expect(isPatternEntry('/')).toBe(false);
  expect(isPatternEntry('a/b')).toBe(false);
  expect(patternEntryError('/(/')).toMatch(/missing closing/);
  expect(patternEntryError('(')).toBeUndefined(); // a literal, escaped when used
});
