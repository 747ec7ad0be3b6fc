import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { formatFindings, formatGithub, formatSarif, type LintFinding } from '../../src/lint';

const FINDINGS: LintFinding[] = [
  { file: 'deploy/sensor.yaml', line: 12, column: 7, severity: 'error', rule: 'bad-regex', message: 'value "(a" is not a valid RE2 regex' },
  { file: 'deploy/sensor.yaml', line: 20, column: 3, severity: 'warning', rule: 'unanchored-literal', message: 'anchor it: ^a$' },
  { file: '/abs/dir with space/es.yaml', line: 1, column: 1, severity: 'warning', rule: 'missing-webhook-secret', message: 'no webhookSecret' },
];
const TOOL = { name: 'ci-remediation', version: '0.1.0' };

/** The vendored SARIF 2.1.0 schema (test/lint/fixtures/sarif/README.md) compiled with the project's Ajv. */
function sarifValidator() {
  // Draft-04 style: the schema names itself with `id`, which Ajv (draft-07) reads as `$id`.
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as { $schema: string; id: string } & Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  // Without the u flag: the schema's `language` pattern has a stray `]` that only non-unicode regexes accept.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', text => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(text) && URL.canParse(text));
  ajv.addFormat('uri-reference', text => URL.canParse(text, 'https://base.invalid/') && !/\s/.test(text));
  ajv.addFormat('date-time', text => !Number.isNaN(Date.parse(text)));
  return ajv.compile({ ...rest, $id: id });
}

describe('lint output formats', () => {
  test('SARIF 2.1.0: valid against the official schema, one result per finding, rules listed once', () => {
    const validate = sarifValidator();
    const log = JSON.parse(formatSarif(FINDINGS, TOOL));
    expect(validate(log)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].tool.driver).toEqual({
      name: 'ci-remediation', version: '0.1.0',
      rules: [{ id: 'bad-regex', name: 'bad-regex' }, { id: 'missing-webhook-secret', name: 'missing-webhook-secret' }, { id: 'unanchored-literal', name: 'unanchored-literal' }],
    });
    expect(log.runs[0].results[0]).toEqual({
      ruleId: 'bad-regex', ruleIndex: 0, level: 'error', message: { text: 'value "(a" is not a valid RE2 regex' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'deploy/sensor.yaml' }, region: { startLine: 12, startColumn: 7 } } }],
    });
    expect(log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri))
      .toEqual(['deploy/sensor.yaml', 'deploy/sensor.yaml', 'file:///abs/dir%20with%20space/es.yaml']);
  });

  test('SARIF of no findings is a valid log with an empty run', () => {
    const validate = sarifValidator();
    const log = JSON.parse(formatSarif([], TOOL));
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
  });

  test('the schema check can fail: a result without a message is refused', () => {
    const validate = sarifValidator();
    const log = JSON.parse(formatSarif(FINDINGS, TOOL));
    delete log.runs[0].results[0].message;
    expect(validate(log)).toBe(false);
  });

  test('GitHub workflow commands, one per finding, severity as the command', () => {
    expect(formatGithub(FINDINGS.slice(0, 2))).toBe(
      '::error file=deploy/sensor.yaml,line=12,col=7,title=bad-regex::value "(a" is not a valid RE2 regex\n'
      + '::warning file=deploy/sensor.yaml,line=20,col=3,title=unanchored-literal::anchor it: ^a$\n');
  });

  test('GitHub escaping as @actions/core: %, CR, LF in the message; also : and , in properties', () => {
    const finding: LintFinding = { file: 'a,b:c%.yaml', line: 1, column: 2, severity: 'error', rule: 'duplicate-key', message: '100% sure:\r\nno, really' };
    expect(formatGithub([finding])).toBe('::error file=a%2Cb%3Ac%25.yaml,line=1,col=2,title=duplicate-key::100%25 sure:%0D%0Ano, really\n');
  });

  test('formatFindings picks the format', () => {
    expect(formatFindings(FINDINGS.slice(0, 1), 'text', TOOL)).toBe('deploy/sensor.yaml:12:7 error bad-regex value "(a" is not a valid RE2 regex\n');
    expect(JSON.parse(formatFindings(FINDINGS.slice(0, 1), 'json', TOOL))).toEqual([FINDINGS[0]]);
    expect(formatFindings(FINDINGS.slice(0, 1), 'github', TOOL)).toBe(formatGithub(FINDINGS.slice(0, 1)));
    expect(formatFindings(FINDINGS.slice(0, 1), 'sarif', TOOL)).toBe(formatSarif(FINDINGS.slice(0, 1), TOOL));
  });
});
