import { RE2JS } from 're2js';
import { containsLiteral, exactlyOneOf, re2CompileError, startsWith } from '../../src/filters/regex';

/** Argo's string match: an unanchored RE2 search. */
const found = (regex: string, text: string) => RE2JS.compile(regex).matcher(text).find();

describe('containsLiteral', () => {
  test.each([
    ['[skip-ci-remediation]', '\\[skip-ci-remediation\\]'],
    ['5DLabs-Rex[bot]', '5DLabs-Rex\\[bot\\]'],
    ['a.b*c+d?e(f)g|h{1}^$\\', 'a\\.b\\*c\\+d\\?e\\(f\\)g\\|h\\{1\\}\\^\\$\\\\'],
    ['plain-text_123', 'plain-text_123'],
  ])('%s -> %s', (input, expected) => {
    expect(containsLiteral(input)).toBe(expected);
    expect(found(`^${containsLiteral(input)}$`, input)).toBe(true);
  });
});

describe('exactlyOneOf', () => {
  test('matches only the exact literals', () => {
    const regex = exactlyOneOf(['failure', 'timed_out']);
    expect(regex).toBe('^(?:failure|timed_out)$');
    expect(found(regex, 'failure')).toBe(true);
    expect(found(regex, 'timed_out')).toBe(true);
    expect(found(regex, 'startup_failure')).toBe(false);
    expect(found(regex, 'failure\n')).toBe(false);
    expect(found(regex, 'failures')).toBe(false);
  });
  test('a single literal has no group', () => {
    expect(exactlyOneOf(['completed'])).toBe('^completed$');
  });
  test('duplicates collapse', () => {
    expect(exactlyOneOf(['a', 'a'])).toBe('^a$');
  });
  test('ignoreCase for GitHub names', () => {
    const regex = exactlyOneOf(['5dlabs/cto'], { ignoreCase: true });
    expect(found(regex, '5DLabs/CTO')).toBe(true);
    expect(found(regex, '5dlabs/cto-docs')).toBe(false);
    expect(found(regex, 'evil/5dlabs/cto')).toBe(false);
  });
  test('empty list is a programming error', () => {
    expect(() => exactlyOneOf([])).toThrow(/at least one/);
  });
});

test('startsWith anchors at the start only', () => {
  const regex = startsWith('ci-fix/');
  expect(found(regex, 'ci-fix/123-1')).toBe(true);
  expect(found(regex, 'feature/ci-fix/1')).toBe(false);
});

test('re2CompileError reports RE2 syntax errors, including what JavaScript accepts', () => {
  expect(re2CompileError('^a(b$')).toMatch(/missing closing \)/);
  expect(re2CompileError('(?<=a)b')).toBeDefined(); // lookbehind: JS yes, RE2 no
  expect(re2CompileError('^release-[0-9]+$')).toBeUndefined();
});
