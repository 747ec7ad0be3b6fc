/**
 * Sensor and EventSource validation against the vendored upstream Argo Events JSON schema
 * (imports/schemas/argo-events.schema.json), with Ajv 8.
 *
 * The schema is adjusted where it disagrees with the controller (reference README caveats):
 * its `required` lists come from Go fields without `omitempty`, not from what the controller
 * needs. It is also closed (unknown fields are reported): the Argo CRDs preserve unknown fields
 * and the controller's JSON decoding ignores them, so a misspelt or misplaced field
 * (`secret:` for `webhookSecret:`, `retryStrategy` inside `template`) silently does nothing.
 */
import * as fs from 'fs';
import type Ajv from 'ajv';
import type { Options, ValidateFunction } from 'ajv';
import { closeObjectSchemas, createKubernetesAjv, issuesFromAjvErrors, type SchemaRules } from './ajv-support';
import { isJsonObject, type JsonObject } from '../plain-data';
import { findProjectFile } from './project-files';
import type { ValidationIssue } from './validation-issue';

/** The vendored upstream schema, relative to the project root. */
export const ARGO_SCHEMA_FILE = 'imports/schemas/argo-events.schema.json';
const SCHEMA_KEY = 'argo-events';
/** Prefix of the Argo Events definitions in the schema. */
export const DEFINITION_PREFIX = 'io.argoproj.events.v1alpha1.';

/** The kinds `validateAgainstSchema` knows, and their definitions in the schema. */
const KIND_DEFINITIONS: Readonly<Record<string, string>> = {
  Sensor: `${DEFINITION_PREFIX}Sensor`,
  EventSource: `${DEFINITION_PREFIX}EventSource`,
};

/**
 * `required` lists replaced because the controller does not require those fields.
 * A context filter sets only the fields it matches on; a GitHub webhook context needs `url`
 * only to create hooks and `method` never; a k8s policy defaults its backoff; `events` of a
 * GitHub source matters only when hooks are created (a controller rule checks that).
 */
const RELAXED_REQUIRED: Readonly<Record<string, readonly string[]>> = {
  EventContext: [],
  WebhookContext: ['endpoint', 'port'],
  WebhookEventSource: ['endpoint', 'port'],
  K8SResourcePolicy: [],
  GithubEventSource: [],
};

/** Kubernetes quantities are strings in the schema, but the API accepts plain numbers (`cpu: 1`). */
const QUANTITY_DEFINITION = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

const RULES: SchemaRules = {
  invalid: 'schema',
  wrongType: 'schema/type',
  missingField: 'schema/required',
  unknownField: 'schema/unknown-field',
  unknownFieldConsequence: 'the controller ignores it',
};

/** Schema references of the validated kinds (the keys of the pre-compiled module's exports). */
export const ARGO_SCHEMA_REFS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(KIND_DEFINITIONS).map(([kind, definition]) => [kind, `${SCHEMA_KEY}#/definitions/${definition}`]),
);

/** Module name of the validators pre-compiled by the build (scripts/build-validators.js), next to this one. */
export const ARGO_VALIDATORS_MODULE = 'argo-validators.generated';

const validators = new Map<string, ValidateFunction>();
let ajv: Ajv | undefined;

/**
 * Validates a Sensor or EventSource (chosen by its `kind`) against the upstream schema, with
 * the caveat relaxations. Issues have rule `schema/type` (a JSON type the field cannot take: the
 * controller cannot even decode the object), `schema/required` (a required field is missing),
 * `schema` (wrong `apiVersion`/`kind` constant, bad format) or `schema/unknown-field`. The build pre-compiles
 * the validators; without them (running from sources) the schema is compiled once per
 * process, on first use (about a second). Throws for any other kind.
 */
export function validateAgainstSchema(obj: unknown): ValidationIssue[] {
  const kind = isJsonObject(obj) ? obj.kind : undefined;
  if (typeof kind !== 'string' || !(kind in KIND_DEFINITIONS)) {
    throw new TypeError(`validateAgainstSchema validates kinds ${Object.keys(KIND_DEFINITIONS).join(' and ')}, got kind ${JSON.stringify(kind)}`);
  }
  const validate = validatorFor(kind);
  if (validate(obj)) return [];
  return issuesFromAjvErrors(validate.errors, obj, RULES);
}

function validatorFor(kind: string): ValidateFunction {
  let validate = validators.get(kind);
  if (!validate) {
    validate = precompiledValidator(kind) ?? compiledValidator(kind);
    validators.set(kind, validate);
  }
  return validate;
}

function precompiledValidator(kind: string): ValidateFunction | undefined {
  let generated: Record<string, ValidateFunction>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    generated = require(`./${ARGO_VALIDATORS_MODULE}.js`) as Record<string, ValidateFunction>;
  } catch {
    return undefined;
  }
  return generated[kind];
}

function compiledValidator(kind: string): ValidateFunction {
  ajv ??= createArgoSchemaAjv();
  const found = ajv.getSchema(ARGO_SCHEMA_REFS[kind]);
  if (!found) throw new Error(`${ARGO_SCHEMA_FILE} has no definition ${KIND_DEFINITIONS[kind]}`);
  return found;
}

/** The vendored upstream schema, parsed afresh: the caller owns (and may change) the copy. */
export function readArgoSchema(): JsonObject {
  return JSON.parse(fs.readFileSync(findProjectFile(ARGO_SCHEMA_FILE), 'utf8')) as JsonObject;
}

/**
 * An Ajv instance holding the vendored schema, adjusted as described above; `options` adds
 * to the Kubernetes defaults (the build passes standalone code options).
 */
export function createArgoSchemaAjv(options: Options = {}): Ajv {
  const schema = readArgoSchema();
  // Its `$schema` names no meta-schema Ajv knows, and its `$id` would be a second key for it.
  delete schema.$schema;
  delete schema.$id;
  const definitions = schema.definitions as Record<string, JsonObject>;
  for (const [name, required] of Object.entries(RELAXED_REQUIRED)) {
    const definition = definitions[`${DEFINITION_PREFIX}${name}`];
    if (!definition) throw new Error(`${ARGO_SCHEMA_FILE} has no definition ${DEFINITION_PREFIX}${name}`);
    definition.required = [...required];
  }
  definitions[QUANTITY_DEFINITION].type = ['string', 'number'];
  closeObjectSchemas(schema);
  const instance = createKubernetesAjv(options);
  instance.addSchema(schema, SCHEMA_KEY);
  return instance;
}
