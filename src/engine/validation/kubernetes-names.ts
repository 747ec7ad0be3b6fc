/**
 * Kubernetes name rules (k8s.io/apimachinery `validation` package), as plain predicates.
 *
 * Each `is…` predicate has a companion `…Problem` that returns why a string is invalid
 * (the API server's own wording, several problems joined with `; `), or `undefined` when it is valid.
 */

const DNS1123_LABEL_FORMAT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FORMAT = `${DNS1123_LABEL_FORMAT}(\\.${DNS1123_LABEL_FORMAT})*`;
const LABEL_VALUE_FORMAT = '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?';
const QUALIFIED_NAME_PART_FORMAT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const CONFIG_MAP_KEY_FORMAT = '[-._a-zA-Z0-9]+';

const DNS1123_LABEL_MAX_LENGTH = 63;
const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
const LABEL_VALUE_MAX_LENGTH = 63;
const QUALIFIED_NAME_MAX_LENGTH = 63;

const dns1123Label = whole(DNS1123_LABEL_FORMAT);
const dns1123Subdomain = whole(DNS1123_SUBDOMAIN_FORMAT);
const labelValue = whole(LABEL_VALUE_FORMAT);
const qualifiedNamePart = whole(QUALIFIED_NAME_PART_FORMAT);
const configMapKey = whole(CONFIG_MAP_KEY_FORMAT);

function whole(format: string): RegExp {
  return new RegExp(`^(?:${format})$`);
}

function maxLengthError(max: number): string {
  return `must be no more than ${max} characters`;
}

/** The API server's regex error text: message, examples, and the regex itself. */
function regexError(message: string, format: string, ...examples: string[]): string {
  const shown = examples.map(e => `'${e}'`).join(',  or ');
  return `${message} (e.g. ${shown}, regex used for validation is '${format}')`;
}

function joined(problems: string[]): string | undefined {
  return problems.length > 0 ? problems.join('; ') : undefined;
}

/** Why `s` is not a DNS-1123 label (lower case, at most 63 characters), or undefined. */
export function dns1123LabelProblem(s: string): string | undefined {
  const problems: string[] = [];
  if (s.length > DNS1123_LABEL_MAX_LENGTH) problems.push(maxLengthError(DNS1123_LABEL_MAX_LENGTH));
  if (!dns1123Label.test(s)) {
    problems.push(regexError(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
      DNS1123_LABEL_FORMAT, 'my-name', '123-abc'));
  }
  return joined(problems);
}

/** True when `s` is a DNS-1123 label, as namespaces must be. */
export function isDns1123Label(s: string): boolean {
  return dns1123LabelProblem(s) === undefined;
}

/** Why `s` is not a DNS-1123 subdomain (lower case, at most 253 characters), or undefined. */
export function dns1123SubdomainProblem(s: string): string | undefined {
  const problems: string[] = [];
  if (s.length > DNS1123_SUBDOMAIN_MAX_LENGTH) problems.push(maxLengthError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!dns1123Subdomain.test(s)) {
    problems.push(regexError(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      DNS1123_SUBDOMAIN_FORMAT, 'example.com'));
  }
  return joined(problems);
}

/** True when `s` is a DNS-1123 subdomain, as most object names must be. */
export function isDns1123Subdomain(s: string): boolean {
  return dns1123SubdomainProblem(s) === undefined;
}

/** Why `s` is not a valid label value (empty, or at most 63 alphanumerics, `-`, `_`, `.`), or undefined. */
export function labelValueProblem(s: string): string | undefined {
  const problems: string[] = [];
  if (s.length > LABEL_VALUE_MAX_LENGTH) problems.push(maxLengthError(LABEL_VALUE_MAX_LENGTH));
  if (!labelValue.test(s)) {
    problems.push(regexError(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
      LABEL_VALUE_FORMAT, 'MyValue', 'my_value', '12345'));
  }
  return joined(problems);
}

/** True when `s` may be a label value. */
export function isValidLabelValue(s: string): boolean {
  return labelValueProblem(s) === undefined;
}

/**
 * Why `s` is not a valid label key, or undefined. A key is a qualified name: an optional
 * DNS-1123 subdomain prefix and `/`, then a name part of at most 63 alphanumerics, `-`, `_`, `.`
 * that starts and ends with an alphanumeric. Annotation keys follow the same rule.
 */
export function labelKeyProblem(s: string): string | undefined {
  const parts = s.split('/');
  let name: string;
  const problems: string[] = [];
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const [prefix, rest] = parts;
    name = rest;
    if (prefix.length === 0) {
      problems.push('prefix part must be non-empty');
    } else {
      const prefixProblem = dns1123SubdomainProblem(prefix);
      if (prefixProblem) problems.push(...prefixProblem.split('; ').map(p => `prefix part ${p}`));
    }
  } else {
    return regexError(
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
      QUALIFIED_NAME_PART_FORMAT, 'MyName', 'my.name', '123-abc')
      + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
  }
  if (name.length === 0) {
    problems.push('name part must be non-empty');
  } else {
    if (name.length > QUALIFIED_NAME_MAX_LENGTH) problems.push(`name part ${maxLengthError(QUALIFIED_NAME_MAX_LENGTH)}`);
    if (!qualifiedNamePart.test(name)) {
      problems.push(regexError(
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        QUALIFIED_NAME_PART_FORMAT, 'MyName', 'my.name', '123-abc'));
    }
  }
  return joined(problems);
}

/** True when `s` may be a label (or annotation) key. */
export function isValidLabelKey(s: string): boolean {
  return labelKeyProblem(s) === undefined;
}

/** Why `s` is not a valid ConfigMap (or Secret) data key, or undefined. */
export function configMapKeyProblem(s: string): string | undefined {
  const problems: string[] = [];
  if (s.length > DNS1123_SUBDOMAIN_MAX_LENGTH) problems.push(maxLengthError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!configMapKey.test(s)) {
    problems.push(regexError(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
      CONFIG_MAP_KEY_FORMAT, 'key.name', 'KEY_NAME', 'key-name'));
  }
  // The kubelet projects keys as file names: `.`/`..` would escape the volume directory.
  if (s === '.') problems.push("must not be '.'");
  else if (s === '..') problems.push("must not be '..'");
  else if (s.startsWith('..')) problems.push("must not start with '..'");
  return joined(problems);
}

/** True when `s` may be a ConfigMap data key. */
export function isValidConfigMapKey(s: string): boolean {
  return configMapKeyProblem(s) === undefined;
}

/**
 * Why `s` is not a valid `metadata.generateName` for an object whose name must be a DNS-1123
 * subdomain, or undefined. The API server appends random characters, so trailing dashes are allowed.
 */
export function generateNameProblem(s: string): string | undefined {
  // Same masking as the API server's maskTrailingDash (it drops two characters, not one).
  const masked = s.length > 1 && s.endsWith('-') ? `${s.slice(0, -2)}a` : s;
  return dns1123SubdomainProblem(masked);
}

/** Problems of a labels map, one `<field>: ...` or `<field>.<key>: ...` line each. */
export function labelsProblems(labels: Readonly<Record<string, string>> | undefined, field = 'labels'): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) problems.push(`${field}: key ${JSON.stringify(key)} is not a valid label key: ${keyProblem}`);
    const valueProblem = labelValueProblem(value);
    if (valueProblem) problems.push(`${field}.${key}: ${JSON.stringify(value)} is not a valid label value: ${valueProblem}`);
  }
  return problems;
}
