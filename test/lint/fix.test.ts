import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import { registerLintCommand } from '../../src/cli/lint-command';
import { fixTexts, lintTexts } from '../../src/lint';
import { tempDir } from '../helpers/chart';

const FIXED_RULES = ['unanchored-literal', 'anchored-alternation', 'regex-metachar-in-literal', 'retry-in-template', 'template-number-printing'];

const SENSOR = `# A Sensor written by hand.
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: ci   # the name
spec:
  dependencies:
    - name: dep
      eventSourceName: github
      eventName: org
      filters:
        data:
          # only completed failures
          - path: body.workflow_run.conclusion
            type: string
            value:
              - failure        # unanchored
              - 'timed_out'
          - path: body.repository.full_name
            type: string
            value: ["5dlabs/cto.docs", "^a|b$"]
          - path: body.sender.login
            type: string
            value:
              - 5DLabs-Rex[bot]
          - path: body.workflow_run.head_commit.message
            type: string
            comparator: "!="
            value:
              - "[skip ci]"
  triggers:
    - template:
        name: t
        # retry, in the wrong place
        retryStrategy:
          steps: 3   # three attempts
          duration: 10s
        k8s:
          operation: create
          source:
            resource:
              apiVersion: v1
              kind: ConfigMap
              metadata:
                name: x
          parameters:
            - src:
                dependencyName: dep
                dataTemplate: "run-{{ .Input.body.workflow_run.id }}"   # the run
              dest: metadata.name
      atLeastOnce: true
`;

function rulesOf(text: string): string[] {
  return lintTexts([{ file: 's.yaml', text }]).map(f => f.rule).filter(rule => FIXED_RULES.includes(rule));
}

describe('lint --fix', () => {
  test('the fixed text re-lints clean for the fixed rules, with the intended values', () => {
    expect(rulesOf(SENSOR)).toHaveLength(9);
    const [result] = fixTexts([{ file: 's.yaml', text: SENSOR }]);
    expect(result.refused).toEqual([]);
    expect(rulesOf(result.text)).toEqual([]);
    const lines = result.text.split('\n');
    expect(lines).toContain('              - ^failure$        # unanchored');
    expect(lines).toContain("              - '^timed_out$'");
    expect(lines).toContain('            value: ["^5dlabs/cto\\\\.docs$", "^(?:a|b)$"]');
    expect(lines).toContain('              - "^5DLabs-Rex\\\\[bot\\\\]$"');
    expect(lines).toContain('              - "\\\\[skip ci\\\\]"');
    expect(lines).toContain('                dataTemplate: "run-{{ int64 .Input.body.workflow_run.id }}"   # the run');
    // retryStrategy now beside template, with its comment, re-indented to the trigger's keys.
    expect(result.text).toContain('              dest: metadata.name\n      retryStrategy:\n        steps: 3   # three attempts\n        duration: 10s\n      atLeastOnce: true\n');
    expect(result.text).not.toMatch(/^ {8}retryStrategy:/m);
  });

  test('keeps every comment and every line it does not fix', () => {
    const [result] = fixTexts([{ file: 's.yaml', text: SENSOR }]);
    const comments = (text: string) => text.split('\n').map(line => line.match(/#.*$/)?.[0]).filter(Boolean);
    expect(comments(result.text).sort()).toEqual(comments(SENSOR).sort());
    const untouched = SENSOR.split('\n').filter(line => !/failure|timed_out|cto\.docs|Rex|skip ci|retryStrategy|steps: 3|duration|dataTemplate/.test(line));
    const after = result.text.split('\n');
    for (const line of untouched) expect(after).toContain(line);
    expect(result.fixed).toBeGreaterThanOrEqual(9);
  });

  test('nothing to fix: the text is returned as it is', () => {
    const [first] = fixTexts([{ file: 's.yaml', text: SENSOR }]);
    const [again] = fixTexts([{ file: 's.yaml', text: first.text }]);
    expect(again).toEqual({ file: 's.yaml', text: first.text, fixed: 0, refused: [] });
  });

  test.each([
    ['a retryStrategy in the template and one on the trigger', SENSOR.replace('      atLeastOnce: true\n', '      atLeastOnce: true\n      retryStrategy: {steps: 1}\n'),
      'retry-in-template', 'the trigger has a retryStrategy of its own: which one to keep is ambiguous'],
    ['a value shared through an anchor', SENSOR.replace('              - failure        # unanchored', '              - &outcome failure').replace("              - 'timed_out'", '              - *outcome'),
      'unanchored-literal', 'the value is shared through a YAML anchor: fixing it here would change every use'],
    ['a number printed through a pipeline', SENSOR.replace('{{ .Input.body.workflow_run.id }}', '{{ .Input.body.workflow_run.id | toString }}'),
      'template-number-printing', 'the right rewrite is not certain for this text (template-number-printing)'],
  ])('refused, text unchanged: %s', (_name, text, rule, reason) => {
    const [result] = fixTexts([{ file: 's.yaml', text }]);
    expect(result.text).toBe(text);
    expect(result.fixed).toBe(0);
    expect(result.refused).toContainEqual(expect.objectContaining({ file: 's.yaml', rule, reason }));
  });
});

describe('ci-remediation lint --fix', () => {
  const dir = tempDir('lint-fix-');

  function run(args: string[]): { out: string; err: string; status: number } {
    let out = '';
    let err = '';
    const program = new Command('ci-remediation').exitOverride()
      .configureOutput({ writeOut: s => { out += s; }, writeErr: s => { err += s; } });
    registerLintCommand(program);
    const previous = process.exitCode;
    process.exitCode = undefined;
    try {
      program.parse(['node', 'ci-remediation', 'lint', ...args]);
      return { out, err, status: Number(process.exitCode ?? 0) };
    } finally {
      process.exitCode = previous;
    }
  }

  test('rewrites the file in place, keeping its mode, then lints it', () => {
    const file = path.join(dir, 'sensor.yaml');
    fs.writeFileSync(file, SENSOR, { mode: 0o640 });
    fs.chmodSync(file, 0o640);
    const { out, err, status } = run(['--fix', file]);
    expect(err).toMatch(/^fixed \d+ findings in .*sensor\.yaml\n$/);
    expect(fs.readFileSync(file, 'utf8')).toBe(fixTexts([{ file, text: SENSOR }])[0].text);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(out).not.toMatch(/unanchored-literal|retry-in-template|template-number-printing|regex-metachar/);
    expect(status).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['sensor.yaml']);
  });

  test('an ambiguous fix: nothing written, every refusal named, exit 1', () => {
    const ambiguous = SENSOR.replace('      atLeastOnce: true\n', '      atLeastOnce: true\n      retryStrategy: {steps: 1}\n');
    const file = path.join(dir, 'ambiguous.yaml');
    const other = path.join(dir, 'other.yaml');
    fs.writeFileSync(file, ambiguous);
    fs.writeFileSync(other, SENSOR.replace('name: ci ', 'name: ci2'));
    const { out, err, status } = run(['--fix', file, other]);
    expect(status).toBe(1);
    expect(out).toBe('');
    expect(err).toContain(`error: ${file}:35:9: cannot fix retry-in-template: the trigger has a retryStrategy of its own: which one to keep is ambiguous\n`);
    expect(err).toMatch(/error: --fix wrote nothing\n$/);
    expect(fs.readFileSync(file, 'utf8')).toBe(ambiguous);
    expect(fs.readFileSync(other, 'utf8')).toBe(SENSOR.replace('name: ci ', 'name: ci2'));
  });
});
