import * as path from 'path';
import { lintFiles } from '../../src/lint';

const FIXTURE = path.join(__dirname, 'fixtures', 'hand-written.yaml');

/** Every defect of the hand-written deployment (github-and-coderun.md §4) visible in its YAML: line, column, rule, text. */
const EXPECTED: [number, number, string, string][] = [
  [22, 7, 'missing-webhook-secret', 'secret is not a field of the GitHub event source'],
  [45, 19, 'expr-unsupported-function', 'Undefined function contains'],
  [49, 19, 'expr-dotted-name', 'body.workflow_run.id is a govaluate parse error'],
  [53, 19, 'expr-unbound-variable', "No parameter 'max' found."],
  [58, 19, 'header-path', 'Go stores headers under canonical keys (X-Github-Event)'],
  [61, 17, 'unanchored-literal', 'anchor it: ^workflow_run$'],
  [65, 17, 'unanchored-literal', 'anchor it: ^completed$'],
  [69, 17, 'unanchored-literal', 'anchor it: ^failure$'],
  [73, 17, 'unanchored-literal', 'anchor it: ^5dlabs/cto$'],
  [76, 25, 'unsupported-comparator', 'comparator "!~" is not supported'],
  [81, 25, 'unsupported-comparator', 'comparator "in" is not supported'],
  [83, 17, 'regex-metachar-in-literal', '[bot] in "5DLabs-Rex[bot]" is a character class'],
  [88, 15, 'negative-multi-value', 'comparator != with 2 values passes every event'],
  [88, 17, 'regex-metachar-in-literal', '[skip ci] in "[skip ci]" is a character class'],
  [89, 17, 'regex-metachar-in-literal', '[ci skip] in "[ci skip]" is a character class'],
  [90, 19, 'unknown-payload-path', 'body.workflow_run.head_sha_typo'],
  [97, 21, 'conditions-unknown-dependency', 'conditions name "ci-failed"'],
  [98, 9, 'retry-in-template', 'retryStrategy inside template is ignored'],
  [105, 27, 'coderun-contract', 'apiVersion "agents.platform.5dlabs.ai/v1alpha1" is not served'],
  [108, 31, 'generate-name', 'redelivered or re-sent event starts a duplicate'],
  [114, 17, 'coderun-contract', 'spec.repositoryUrl: required field is missing'],
  [114, 17, 'coderun-contract', 'spec.docsRepositoryUrl: required field is missing'],
  [114, 17, 'coderun-contract', 'spec.workingDirectory: required field is missing'],
  [114, 17, 'coderun-contract', 'spec.githubApp: required field is missing'],
  [116, 17, 'coderun-contract', 'spec.maxTokens: unknown field; the API server prunes it silently (the schema has it at spec.cliConfig.maxTokens)'],
  [117, 17, 'coderun-contract', 'spec.temperature: unknown field'],
  [119, 19, 'coderun-contract', 'spec.env: must be an object, got an array'],
  [124, 31, 'template-number-printing', 'write {{ int64 .Input.body.workflow_run.id }}'],
  [128, 31, 'free-text-label', '.Input.body.workflow_run.name feeds label workflow-name with free text'],
  [132, 31, 'template-parse', 'hyphenated keys need index'],
];

describe('the hand-written deployment fixture', () => {
  const findings = lintFiles([FIXTURE]);

  test('reports exactly the expected findings, in file order', () => {
    expect(findings.map(f => [f.line, f.column, f.rule])).toEqual(EXPECTED.map(([line, column, rule]) => [line, column, rule]));
  });

  test.each(EXPECTED.map((e, i) => [i, ...e] as const))('#%i %i:%i %s', (i, line, column, rule, text) => {
    const finding = findings[i];
    expect({ line: finding.line, column: finding.column, rule: finding.rule }).toEqual({ line, column, rule });
    expect(finding.message).toContain(text);
    expect(finding.file).toBe(FIXTURE);
  });

  test('risks are warnings (a missing secret, unanchored literals, an unknown payload path), the rest errors', () => {
    expect(findings.filter(f => f.severity === 'warning').map(f => `${f.line} ${f.rule}`)).toEqual([
      '22 missing-webhook-secret', '61 unanchored-literal', '65 unanchored-literal', '69 unanchored-literal', '73 unanchored-literal',
      '90 unknown-payload-path',
    ]);
  });
});
