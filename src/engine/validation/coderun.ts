/**
 * CodeRun validation against the agent controller's CRD (imports/crds/coderuns.agents.platform.yaml)
 * plus the object-metadata rules the API server applies to every object.
 */
import * as fs from 'fs';
import type { ValidateFunction } from 'ajv';
import * as YAML from 'yaml';
import { closeObjectSchemas, createKubernetesAjv, issuesFromAjvErrors, type SchemaRules } from './ajv-support';
import { requireResource } from './go-values';
import { isJsonObject, type JsonObject } from '../plain-data';
import { dns1123LabelProblem, dns1123SubdomainProblem, generateNameProblem, labelKeyProblem, labelValueProblem } from './kubernetes-names';
import { findProjectFile } from './project-files';
import type { IssuePath, ValidationIssue } from './validation-issue';

const CRD_FILE = 'imports/crds/coderuns.agents.platform.yaml';

const RULES: SchemaRules = {
  invalid: 'coderun/schema',
  unknownField: 'coderun/unknown-field',
  unknownFieldConsequence: 'the API server prunes it silently',
};

interface CodeRunSchema {
  readonly validate: ValidateFunction;
  /** `group/version` of every served version. */
  readonly servedApiVersions: readonly string[];
  readonly kind: string;
  /** For hints: where else in the schema a property name exists (`maxTokens` -> `spec.cliConfig.maxTokens`). */
  readonly propertyLocations: ReadonlyMap<string, readonly string[]>;
}

let loaded: CodeRunSchema | undefined;

/**
 * Validates a CodeRun: the CRD's openAPIV3Schema (rule `coderun/schema`), fields the API server
 * would prune (`coderun/unknown-field`, anywhere the schema does not preserve unknown fields),
 * the served apiVersion and kind, and metadata: name a DNS-1123 subdomain (or a valid
 * generateName), namespace a DNS-1123 label, valid label keys/values and annotation keys.
 * Throws a TypeError when `obj` is not an object or its kind is not CodeRun.
 */
export function validateCodeRun(obj: unknown): ValidationIssue[] {
  const resource = requireResource(obj, 'CodeRun', 'validateCodeRun');
  const schema = (loaded ??= loadCodeRunSchema());
  const issues: ValidationIssue[] = [];
  checkTypeMeta(resource, schema, issues);
  if (!schema.validate(resource)) {
    for (const issue of issuesFromAjvErrors(schema.validate.errors, resource, RULES)) {
      issues.push(issue.rule === RULES.unknownField ? withLocationHint(issue, schema) : issue);
    }
  }
  checkMetadata(resource.metadata, issues);
  return issues;
}

function checkTypeMeta(resource: JsonObject, schema: CodeRunSchema, issues: ValidationIssue[]): void {
  if (resource.kind !== schema.kind) {
    issues.push({ path: ['kind'], rule: 'coderun/kind', message: `kind must be ${JSON.stringify(schema.kind)}, got ${JSON.stringify(resource.kind)}` });
  }
  if (typeof resource.apiVersion !== 'string' || !schema.servedApiVersions.includes(resource.apiVersion)) {
    issues.push({
      path: ['apiVersion'],
      rule: 'coderun/api-version',
      message: `apiVersion ${JSON.stringify(resource.apiVersion)} is not served by the CodeRun CRD (served: ${schema.servedApiVersions.join(', ')})`,
    });
  }
}

function withLocationHint(issue: ValidationIssue, schema: CodeRunSchema): ValidationIssue {
  const field = issue.path[issue.path.length - 1];
  const elsewhere = typeof field === 'string' ? schema.propertyLocations.get(field) : undefined;
  if (!elsewhere || elsewhere.length === 0) return issue;
  return { ...issue, message: `${issue.message} (the schema has it at ${elsewhere.join(', ')})` };
}

function checkMetadata(value: unknown, issues: ValidationIssue[]): void {
  if (!isJsonObject(value)) {
    if (value === undefined) issues.push({ path: ['metadata'], rule: 'coderun/metadata-name', message: 'metadata.name or metadata.generateName is required' });
    return; // a non-object metadata is a schema issue
  }
  const { name, generateName, namespace } = value;
  if (typeof name === 'string' && name !== '') {
    const problem = dns1123SubdomainProblem(name);
    if (problem) issues.push({ path: ['metadata', 'name'], rule: 'coderun/metadata-name', message: `metadata.name ${JSON.stringify(name)} is invalid: ${problem}` });
  } else if (typeof generateName === 'string' && generateName !== '') {
    const problem = generateNameProblem(generateName);
    if (problem) {
      issues.push({ path: ['metadata', 'generateName'], rule: 'coderun/metadata-name', message: `metadata.generateName ${JSON.stringify(generateName)} is invalid: ${problem}` });
    }
  } else {
    issues.push({ path: ['metadata'], rule: 'coderun/metadata-name', message: 'metadata.name or metadata.generateName is required' });
  }
  if (typeof namespace === 'string' && namespace !== '') {
    const problem = dns1123LabelProblem(namespace);
    if (problem) issues.push({ path: ['metadata', 'namespace'], rule: 'coderun/metadata-namespace', message: `metadata.namespace ${JSON.stringify(namespace)} is invalid: ${problem}` });
  }
  checkStringMap(value.labels, ['metadata', 'labels'], 'label', issues);
  checkStringMap(value.annotations, ['metadata', 'annotations'], 'annotation', issues);
}

function checkStringMap(value: unknown, path: IssuePath, what: 'label' | 'annotation', issues: ValidationIssue[]): void {
  if (value === undefined || value === null) return;
  if (!isJsonObject(value)) {
    issues.push({ path, rule: `coderun/${what}-value`, message: `${path.join('.')} must be a map of strings` });
    return;
  }
  for (const [key, entry] of Object.entries(value)) {
    const keyProblem = labelKeyProblem(key);
    if (keyProblem) issues.push({ path: [...path, key], rule: `coderun/${what}-key`, message: `${what} key ${JSON.stringify(key)} is invalid: ${keyProblem}` });
    if (typeof entry !== 'string') {
      issues.push({ path: [...path, key], rule: `coderun/${what}-value`, message: `${what} ${JSON.stringify(key)} must have a string value, got ${JSON.stringify(entry)}` });
    } else if (what === 'label') {
      // Annotation values are free text; label values are not.
      const valueProblem = labelValueProblem(entry);
      if (valueProblem) issues.push({ path: [...path, key], rule: 'coderun/label-value', message: `label ${JSON.stringify(key)} value ${JSON.stringify(entry)} is invalid: ${valueProblem}` });
    }
  }
}

function loadCodeRunSchema(): CodeRunSchema {
  const crd = YAML.parse(fs.readFileSync(findProjectFile(CRD_FILE), 'utf8')) as JsonObject;
  const spec = crd.spec as JsonObject;
  const group = spec.group as string;
  const kind = (spec.names as JsonObject).kind as string;
  const versions = (spec.versions as JsonObject[]).filter(v => v.served === true);
  const storage = versions.find(v => v.storage === true) ?? versions[0];
  if (!storage) throw new Error(`${CRD_FILE} serves no version`);
  const openApiSchema = (storage.schema as JsonObject).openAPIV3Schema as JsonObject;
  const propertyLocations = collectPropertyLocations(openApiSchema);
  closeObjectSchemas(openApiSchema);
  // Ajv checks the metadata object's type only; its fields follow the API server's rules below.
  const validate = createKubernetesAjv().compile(openApiSchema);
  return { validate, servedApiVersions: versions.map(v => `${group}/${String(v.name)}`), kind, propertyLocations };
}

function collectPropertyLocations(schema: JsonObject, prefix = '', into = new Map<string, string[]>()): Map<string, string[]> {
  const properties = schema.properties;
  if (isJsonObject(properties)) {
    for (const [name, child] of Object.entries(properties)) {
      const location = prefix === '' ? name : `${prefix}.${name}`;
      into.set(name, [...(into.get(name) ?? []), location]);
      if (isJsonObject(child)) collectPropertyLocations(child, location, into);
    }
  }
  if (isJsonObject(schema.items)) collectPropertyLocations(schema.items, `${prefix}[]`, into);
  return into;
}
