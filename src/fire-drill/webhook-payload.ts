/**
 * The body of a `workflow_run` `completed` webhook, built from what the REST API returns for the
 * same run, so that a fire drill sends the Sensor exactly what GitHub would have sent.
 *
 * The webhook is not the REST objects: GitHub's webhook schema (`@octokit/webhooks-schemas` 7.6.1,
 * definition `workflow_run$completed`, every object `additionalProperties: false`) has
 * - `action`, `workflow_run`, `workflow`, `repository`, `sender` (required), `organization` and
 *   `installation` (optional: the organization of an organization's repository, the App
 *   installation of an App's hook);
 * - `workflow_run` as `workflow-run`: the REST run (`GET /repos/{o}/{r}/actions/runs/{id}`, REST
 *   `workflow-run`) less what the webhook does not carry, such as `head_repository_id`, with
 *   `repository`/`head_repository` as `repository-lite` (the REST run's `minimal-repository` less
 *   its counts, flags and permissions);
 * - `workflow` as `workflow` (`GET .../actions/workflows/{id}` less `deleted_at`);
 * - `repository` as `repository` (`GET /repos/{o}/{r}`, the REST `full-repository` less
 *   `network_count`, `subscribers_count`, `temp_clone_token`, `security_and_analysis`, ...);
 * - `sender`, the user who caused the event: the run's `triggering_actor` (REST `simple-user` less
 *   `starred_at`).
 * (REST shapes: `@octokit/openapi-types` 22.2.0, `components.schemas`.)
 * Which fields go is not listed by hand: each REST object is projected on the webhook schema's
 * definition, keeping exactly the properties the webhook defines. `organization` and
 * `installation` are left out: the REST reads here do not return their webhook shapes, they are
 * optional, and no filter or trigger parameter of the stack reads them.
 */
import { isJsonObject } from '../engine/plain-data';
import { COMPLETED_ACTION } from '../github/webhook';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const webhookSchema = require('@octokit/webhooks-schemas') as { definitions: Record<string, Schema> };

/** The part of JSON Schema the webhook schema uses for objects. */
interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  required?: string[];
}

function resolve(schema: Schema): Schema {
  let current = schema;
  for (let depth = 0; current.$ref !== undefined && depth < 32; depth++) {
    const name = current.$ref.replace(/^#\/definitions\//, '');
    const target = webhookSchema.definitions[name];
    if (target === undefined) throw new Error(`the webhook schema has no definition ${name}`);
    current = target;
  }
  return current;
}

/** The object shape `schema` gives `value`: its properties (merged over `allOf`, the fitting `oneOf`/`anyOf` branch) and whether others are allowed. */
function objectShape(schema: Schema, value: Record<string, unknown>): { properties: Record<string, Schema>; closed: boolean } | undefined {
  const resolved = resolve(schema);
  let properties: Record<string, Schema> | undefined = resolved.properties ? { ...resolved.properties } : undefined;
  let closed = resolved.additionalProperties === false;
  for (const part of resolved.allOf ?? []) {
    const shape = objectShape(part, value);
    if (!shape) continue;
    properties = { ...(properties ?? {}), ...shape.properties };
    closed = closed || shape.closed;
  }
  const branches = (resolved.oneOf ?? resolved.anyOf ?? []).map(b => ({ branch: b, shape: objectShape(b, value) })).filter(b => b.shape !== undefined);
  if (branches.length > 0) {
    // The branch whose required keys the value has (a nullable object is `oneOf [object, null]`).
    const fitting = branches.find(b => (resolve(b.branch).required ?? []).every(key => key in value)) ?? branches[0];
    properties = { ...(properties ?? {}), ...fitting.shape!.properties };
    closed = closed || fitting.shape!.closed;
  }
  return properties === undefined ? undefined : { properties, closed };
}

/** `value` with only what `schema` defines, recursively (the values themselves are kept as they are). */
function project(value: unknown, schema: Schema): unknown {
  if (Array.isArray(value)) {
    const items = resolve(schema).items;
    return items ? value.map(item => project(item, items)) : value;
  }
  if (!isJsonObject(value)) return value;
  const shape = objectShape(schema, value);
  if (!shape) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const property = shape.properties[key];
    if (property !== undefined) out[key] = project(item, property);
    else if (!shape.closed) out[key] = item;
  }
  return out;
}

/** What the REST API returned for the run (the objects as JSON). */
export interface RestRunData {
  /** `GET /repos/{owner}/{repo}/actions/runs/{run_id}` */
  readonly run: Record<string, unknown>;
  /** `GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}` */
  readonly workflow: Record<string, unknown>;
  /** `GET /repos/{owner}/{repo}` */
  readonly repository: Record<string, unknown>;
}

/** The `workflow_run` `completed` webhook body GitHub sends for this run (see the module comment). */
export function workflowRunCompletedPayload(data: RestRunData): Record<string, unknown> {
  const sender = data.run.triggering_actor ?? data.run.actor;
  return project({
    action: COMPLETED_ACTION,
    workflow_run: data.run,
    workflow: data.workflow,
    repository: data.repository,
    sender,
  }, { $ref: '#/definitions/workflow_run$completed' }) as Record<string, unknown>;
}
