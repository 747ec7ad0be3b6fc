import {
  configMapKeyProblem, dns1123LabelProblem, dns1123SubdomainProblem, generateNameProblem, isDns1123Label,
  isDns1123Subdomain, isValidConfigMapKey, isValidLabelKey, isValidLabelValue, labelKeyProblem, labelValueProblem,
} from '../../../src/engine/validation/kubernetes-names';

const SUBDOMAIN_REGEX_ERROR = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_REGEX_ERROR = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const LABEL_VALUE_REGEX_ERROR = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_PART_REGEX_ERROR = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const CONFIG_KEY_REGEX_ERROR = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

describe('DNS-1123 subdomains', () => {
  it.each(['a', 'ci-fix', 'ci-19289199112-1', 'example.com', '0abc', 'a'.repeat(253), 'a-b.c-d'])('accepts %s', s => {
    expect(isDns1123Subdomain(s)).toBe(true);
    expect(dns1123SubdomainProblem(s)).toBeUndefined();
  });
  it.each<[string, string]>([
    ['', SUBDOMAIN_REGEX_ERROR],
    ['CI-Fix', SUBDOMAIN_REGEX_ERROR],
    ['-ci', SUBDOMAIN_REGEX_ERROR],
    ['ci-', SUBDOMAIN_REGEX_ERROR],
    ['a..b', SUBDOMAIN_REGEX_ERROR],
    ['ci_fix', SUBDOMAIN_REGEX_ERROR],
    ['a'.repeat(254), 'must be no more than 253 characters'],
    [`${'a'.repeat(253)}-`, `must be no more than 253 characters; ${SUBDOMAIN_REGEX_ERROR}`],
  ])('rejects %j', (s, problem) => {
    expect(isDns1123Subdomain(s)).toBe(false);
    expect(dns1123SubdomainProblem(s)).toBe(problem);
  });
});

describe('DNS-1123 labels', () => {
  it.each(['agents', 'a', '123-abc', 'a'.repeat(63)])('accepts %s', s => {
    expect(isDns1123Label(s)).toBe(true);
  });
  it.each<[string, string]>([
    ['agents.prod', LABEL_REGEX_ERROR],
    ['Agents', LABEL_REGEX_ERROR],
    ['', LABEL_REGEX_ERROR],
    ['a'.repeat(64), 'must be no more than 63 characters'],
  ])('rejects %j', (s, problem) => {
    expect(isDns1123Label(s)).toBe(false);
    expect(dns1123LabelProblem(s)).toBe(problem);
  });
});

describe('label values', () => {
  it.each(['', 'MyValue', 'my_value', '12345', '19289199112', 'a.b-c_d', 'x'.repeat(63)])('accepts %j', s => {
    expect(isValidLabelValue(s)).toBe(true);
    expect(labelValueProblem(s)).toBeUndefined();
  });
  it.each<[string, string]>([
    ['1.9289199112e+10', LABEL_VALUE_REGEX_ERROR],
    ['build and test', LABEL_VALUE_REGEX_ERROR],
    ['-leading', LABEL_VALUE_REGEX_ERROR],
    ['trailing.', LABEL_VALUE_REGEX_ERROR],
    ['x'.repeat(64), 'must be no more than 63 characters'],
  ])('rejects %j', (s, problem) => {
    expect(isValidLabelValue(s)).toBe(false);
    expect(labelValueProblem(s)).toBe(problem);
  });
});

describe('label keys', () => {
  it.each(['app', 'App.Name_1', 'app.kubernetes.io/part-of', 'events.argoproj.io/sensor', `example.com/${'n'.repeat(63)}`])('accepts %s', s => {
    expect(isValidLabelKey(s)).toBe(true);
    expect(labelKeyProblem(s)).toBeUndefined();
  });
  it.each<[string, string]>([
    ['', 'name part must be non-empty'],
    ['example.com/', 'name part must be non-empty'],
    ['/name', 'prefix part must be non-empty'],
    ['Example.com/name', `prefix part ${SUBDOMAIN_REGEX_ERROR}`],
    ['my key', NAME_PART_REGEX_ERROR],
    ['n'.repeat(64), 'name part must be no more than 63 characters'],
    ['a/b/c', "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"],
  ])('rejects %j', (s, problem) => {
    expect(isValidLabelKey(s)).toBe(false);
    expect(labelKeyProblem(s)).toBe(problem);
  });
});

describe('ConfigMap keys', () => {
  it.each(['code_claude_container-rex.sh.hbs', 'KEY_NAME', '.hidden', 'a..b', 'k'.repeat(253)])('accepts %s', s => {
    expect(isValidConfigMapKey(s)).toBe(true);
    expect(configMapKeyProblem(s)).toBeUndefined();
  });
  it.each<[string, string]>([
    ['code/claude/container.sh.hbs', CONFIG_KEY_REGEX_ERROR],
    ['', CONFIG_KEY_REGEX_ERROR],
    ['.', "must not be '.'"],
    ['..', "must not be '..'"],
    ['..data', "must not start with '..'"],
    ['k'.repeat(254), 'must be no more than 253 characters'],
  ])('rejects %j', (s, problem) => {
    expect(isValidConfigMapKey(s)).toBe(false);
    expect(configMapKeyProblem(s)).toBe(problem);
  });
});

describe('generateName prefixes', () => {
  it.each(['ci-fix-', 'ci-fix', 'a-', 'ci--'])('accepts %s', s => {
    expect(generateNameProblem(s)).toBeUndefined();
  });
  it.each(['-', 'CI-', '-ci-'])('rejects %s', s => {
    expect(generateNameProblem(s)).toBe(SUBDOMAIN_REGEX_ERROR);
  });
});
