import { dataFilterRules } from '../../src/lint/data-filter-rules';
import { dataFilter, sensorWith } from './sensor-builders';

function rulesFor(filter: Record<string, unknown>): string[] {
  return dataFilterRules(sensorWith({ data: [filter] })).map(f => `${f.severity} ${f.rule}`);
}

describe('dataFilterRules', () => {
  test.each([
    ['anchored literal', dataFilter('body.action', ['^completed$']), []],
    ['flag group before anchors', dataFilter('body.repository.full_name', ['(?i)^5dlabs/cto$']), []],
    ['prefix match is deliberate', dataFilter('body.workflow_run.head_branch', ['^ci-fix/'], { comparator: '!=' }), []],
    ['escaped marker searched in a commit message', dataFilter('body.workflow_run.head_commit.message', ['\\[skip-ci-remediation\\]'], { comparator: '!=' }), []],
    ['unanchored literal with =', dataFilter('body.workflow_run.conclusion', ['failure']), ['warning unanchored-literal']],
    ['unanchored literal with !=', dataFilter('body.workflow_run.conclusion', ['cancelled'], { comparator: '!=' }), ['warning unanchored-literal']],
    ['word-like class', dataFilter('body.sender.login', ['^5DLabs-Rex[bot]$']), ['error regex-metachar-in-literal']],
    ['real character class', dataFilter('body.workflow_run.head_sha', ['^[0-9a-f]{40}$']), []],
    ['dot in a repository name', dataFilter('body.repository.full_name', ['^5dlabs/cto.docs$']), ['warning regex-metachar-in-literal']],
    ['escaped dot', dataFilter('body.repository.full_name', ['^5dlabs/cto\\.docs$']), []],
    ['bad regex', dataFilter('body.action', ['(completed']), ['error bad-regex']],
    ['negative multi-value', dataFilter('body.action', ['^a$', '^b$'], { comparator: '!=' }), ['error negative-multi-value']],
    ['comparator !~', dataFilter('body.action', ['^a$'], { comparator: '!~' }), ['error unsupported-comparator']],
    ['ordering comparator on a string', dataFilter('body.action', ['^a$'], { comparator: '>' }), ['error unsupported-comparator']],
    ['comparator on a bool is ignored', { path: 'body.repository.fork', type: 'bool', value: ['true'], comparator: '!=' }, ['error unsupported-comparator']],
    ['number that Go cannot parse', { path: 'body.workflow_run.run_attempt', type: 'number', value: ['0x10'] }, ['error data-filter-value']],
    ['number Go parses', { path: 'body.workflow_run.run_attempt', type: 'number', value: ['3'], comparator: '<' }, []],
    ['bool Go cannot parse', { path: 'body.repository.fork', type: 'bool', value: ['yes'] }, ['error data-filter-value']],
    ['unknown type', { path: 'body.action', type: 'regex', value: ['^a$'] }, ['error data-filter-type']],
    ['unanchored alternation', dataFilter('body.action', ['completed|requested']), ['warning unanchored-literal']],
    ['anchors on the outer alternatives only', dataFilter('body.action', ['^completed|requested$']), ['warning anchored-alternation']],
    ['grouped anchored alternation', dataFilter('body.action', ['^(?:completed|requested)$']), []],
    ['parentheses meant literally', dataFilter('body.workflow_run.display_title', ['^feat(scope): x']), ['error regex-metachar-in-literal']],
    ['a real group', dataFilter('body.workflow_run.head_branch', ['^(main|develop)$']), []],
  ])('%s', (_name, filter, expected) => {
    expect(rulesFor(filter)).toEqual(expected);
  });

  test('fixes keep the flag group and group the alternatives', () => {
    const messages = (value: string) => dataFilterRules(sensorWith({ data: [dataFilter('body.workflow_run.conclusion', [value])] })).map(f => f.message);
    expect(messages('(?i)failure')).toEqual([expect.stringMatching(/; anchor it: \(\?i\)\^failure\$$/)]);
    expect(messages('(?i)^failure|timed_out$')).toEqual([expect.stringMatching(/; group them: \(\?i\)\^\(\?:failure\|timed_out\)\$$/)]);
    expect(messages('^feat(scope): x')).toEqual([expect.stringContaining('escape them: \\(scope\\)')]);
  });

  test('messages say what breaks and how to fix it', () => {
    const [finding] = dataFilterRules(sensorWith({ data: [dataFilter('body.workflow_run.conclusion', ['failure'])] }));
    expect(finding).toEqual({
      path: ['spec', 'dependencies', 0, 'filters', 'data', 0, 'value', 0],
      rule: 'unanchored-literal',
      severity: 'warning',
      fix: { kind: 'rewrite-string', rewrite: expect.any(Function) },
      message: 'value "failure" is searched unanchored, so it also matches any value containing it (e.g. "x_failure"); anchor it: ^failure$',
    });
  });
});
