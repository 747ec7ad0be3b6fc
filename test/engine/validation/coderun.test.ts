import { validateCodeRun } from '../../../src/engine/validation/coderun';
import type { ValidationIssue } from '../../../src/engine/validation/validation-issue';
import { baselineCodeRun, changed } from './fixtures';

function issue(path: (string | number)[], rule: string, message: string): ValidationIssue {
  return { path, rule, message };
}

describe('validateCodeRun', () => {
  it('accepts the baseline CodeRun', () => {
    expect(validateCodeRun(baselineCodeRun())).toEqual([]);
  });

  const cases: [string, (c: any) => void, ValidationIssue[]][] = [
    ['a missing required spec field', c => { delete c.spec.docsRepositoryUrl; },
      [issue(['spec', 'docsRepositoryUrl'], 'coderun/schema', 'spec.docsRepositoryUrl: required field is missing')]],
    ['no spec', c => { delete c.spec; },
      [issue(['spec'], 'coderun/schema', 'spec: required field is missing')]],
    ['env as a list of name/value pairs', c => { c.spec.env = [{ name: 'CI_RUN_ID', value: '1' }]; },
      [issue(['spec', 'env'], 'coderun/schema', 'spec.env: must be an object, got an array')]],
    ['a number as an env value', c => { c.spec.env.CI_RUN_ID = 19289199112; },
      [issue(['spec', 'env', 'CI_RUN_ID'], 'coderun/schema', 'spec.env.CI_RUN_ID: must be a string, got the integer 19289199112')]],
    ['maxTokens and temperature at spec level', c => { c.spec.maxTokens = 64000; c.spec.temperature = 0.2; },
      [
        issue(['spec', 'maxTokens'], 'coderun/unknown-field',
          'spec.maxTokens: unknown field; the API server prunes it silently (the schema has it at spec.cliConfig.maxTokens)'),
        issue(['spec', 'temperature'], 'coderun/unknown-field',
          'spec.temperature: unknown field; the API server prunes it silently (the schema has it at spec.cliConfig.temperature)'),
      ]],
    ['a top-level cli block', c => { c.spec.cli = { type: 'claude' }; },
      [issue(['spec', 'cli'], 'coderun/unknown-field', 'spec.cli: unknown field; the API server prunes it silently')]],
    ['an unknown field inside cliConfig', c => { c.spec.cliConfig.topP = 0.9; },
      [issue(['spec', 'cliConfig', 'topP'], 'coderun/unknown-field', 'spec.cliConfig.topP: unknown field; the API server prunes it silently')]],
    ['a runType outside the enum', c => { c.spec.runType = 'remediation'; },
      [issue(['spec', 'runType'], 'coderun/schema', 'spec.runType: must be one of "implementation", "documentation", "intake", got "remediation"')]],
    ['a taskId as a string', c => { c.spec.taskId = '7'; },
      [issue(['spec', 'taskId'], 'coderun/schema', 'spec.taskId: must be an integer, got the string "7"')]],
    ['maxTokens beyond int32', c => { c.spec.cliConfig.maxTokens = 2 ** 31; },
      [issue(['spec', 'cliConfig', 'maxTokens'], 'coderun/schema', 'spec.cliConfig.maxTokens: must be a valid int32 value, got 2147483648')]],
    ['cliConfig without cliType', c => { delete c.spec.cliConfig.cliType; },
      [issue(['spec', 'cliConfig', 'cliType'], 'coderun/schema', 'spec.cliConfig.cliType: required field is missing')]],
    ['envFromSecrets entry without secretKey', c => { delete c.spec.envFromSecrets[0].secretKey; },
      [issue(['spec', 'envFromSecrets', 0, 'secretKey'], 'coderun/schema', 'spec.envFromSecrets[0].secretKey: required field is missing')]],
    ['the documented but unserved group/version', c => { c.apiVersion = 'agents.platform.5dlabs.ai/v1alpha1'; },
      [issue(['apiVersion'], 'coderun/api-version',
        'apiVersion "agents.platform.5dlabs.ai/v1alpha1" is not served by the CodeRun CRD (served: agents.platform/v1)')]],
    ['an upper-case name', c => { c.metadata.name = 'CI-Fix'; },
      [issue(['metadata', 'name'], 'coderun/metadata-name',
        `metadata.name "CI-Fix" is invalid: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`)]],
    ['neither name nor generateName', c => { delete c.metadata.name; },
      [issue(['metadata'], 'coderun/metadata-name', 'metadata.name or metadata.generateName is required')]],
    ['a namespace with a dot', c => { c.metadata.namespace = 'agents.prod'; },
      [issue(['metadata', 'namespace'], 'coderun/metadata-namespace',
        `metadata.namespace "agents.prod" is invalid: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`)]],
    ['a run id rendered in exponent form as a label value', c => { c.metadata.labels['ci-remediation/run-id'] = '1.9289199112e+10'; },
      [issue(['metadata', 'labels', 'ci-remediation/run-id'], 'coderun/label-value',
        `label "ci-remediation/run-id" value "1.9289199112e+10" is invalid: a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`)]],
    ['a label key with two slashes', c => { c.metadata.labels['a/b/c'] = 'x'; },
      [issue(['metadata', 'labels', 'a/b/c'], 'coderun/label-key',
        `label key "a/b/c" is invalid: a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`)]],
    ['an annotation key with a space', c => { c.metadata.annotations['my note'] = 'x'; },
      [issue(['metadata', 'annotations', 'my note'], 'coderun/annotation-key',
        `annotation key "my note" is invalid: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`)]],
  ];

  it.each(cases)('reports %s', (_name, mutate, expected) => {
    expect(validateCodeRun(changed(baselineCodeRun(), mutate))).toEqual(expected);
  });

  it.each<[string, (c: any) => void]>([
    ['generateName instead of name', c => { delete c.metadata.name; c.metadata.generateName = 'ci-fix-'; }],
    ['free-form cliConfig.settings', c => { c.spec.cliConfig.settings = { nested: [1, { deep: true }] }; }],
    ['a status the controller wrote', c => { c.status = { phase: 'Running', anything: 1 }; }],
    ['annotation values with free text', c => { c.metadata.annotations['ci-remediation/title'] = 'Fix "build" & <test>'; }],
  ])('accepts %s', (_name, mutate) => {
    expect(validateCodeRun(changed(baselineCodeRun(), mutate))).toEqual([]);
  });

  it('reports a missing kind and apiVersion', () => {
    expect(validateCodeRun(changed(baselineCodeRun(), c => { delete c.kind; delete c.apiVersion; }))).toEqual([
      issue(['kind'], 'coderun/kind', 'kind must be "CodeRun", got undefined'),
      issue(['apiVersion'], 'coderun/api-version', 'apiVersion undefined is not served by the CodeRun CRD (served: agents.platform/v1)'),
    ]);
  });

  it('refuses non-objects and other kinds', () => {
    expect(() => validateCodeRun(42)).toThrow('validateCodeRun expects an object of kind CodeRun, got number');
    expect(() => validateCodeRun({ kind: 'Pod' })).toThrow('validateCodeRun expects kind CodeRun, got "Pod"');
  });
});
