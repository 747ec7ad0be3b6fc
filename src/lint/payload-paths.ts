/**
 * What the GitHub event source's event data looks like, for checking gjson paths statically:
 * `headers` (canonical MIME keys, array values), `body` (the webhook payload, described by
 * `@octokit/webhooks-schemas`, plus the injected `X-GitHub-Event`/`X-GitHub-Delivery`),
 * `metadata` (the EventSource's own map).
 */
import { parseObjectPath } from '../engine/gjson/path';
import { INJECTED_BODY_KEYS } from '../github/webhook';

/** A JSON schema node of `@octokit/webhooks-schemas` (only the keywords used here). */
interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | string[];
  readonly enum?: unknown[];
  readonly properties?: Record<string, SchemaNode>;
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly oneOf?: SchemaNode[];
  readonly anyOf?: SchemaNode[];
  readonly allOf?: SchemaNode[];
}

interface WebhookSchemas {
  readonly definitions: Record<string, SchemaNode>;
  readonly oneOf: SchemaNode[];
}

let schemas: WebhookSchemas | undefined;
let eventSchemas: Map<string, SchemaNode> | undefined;

function loadSchemas(): WebhookSchemas {
  // Required lazily: the file is several MB and most lint runs need it once.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  schemas ??= require('@octokit/webhooks-schemas/schema.json') as WebhookSchemas;
  return schemas;
}

/**
 * Every webhook event name (`workflow_run`, `push`, ...) with its payload schema. The package
 * names them `<event>_event` (events with actions: a oneOf of the actions) or `<event>$event`.
 */
export function webhookEventSchemas(): ReadonlyMap<string, SchemaNode> {
  if (!eventSchemas) {
    const { definitions, oneOf } = loadSchemas();
    eventSchemas = new Map();
    for (const entry of oneOf) {
      const name = entry.$ref?.replace('#/definitions/', '');
      if (!name) continue;
      const event = name.replace(/[_$]event$/, '');
      eventSchemas.set(event, definitions[name]);
    }
  }
  return eventSchemas;
}

/**
 * The keys of a gjson path, escapes removed, or undefined when the path is dynamic
 * (wildcards, `#`, queries, modifiers, pipes, multipaths): such paths are not checked.
 */
export function staticPathKeys(path: string): string[] | undefined {
  const keys: string[] = [];
  let rest = path;
  for (;;) {
    if (rest === '' || /^[@[{#!]/.test(rest)) return undefined;
    let parsed;
    try {
      parsed = parseObjectPath(rest);
    } catch {
      return undefined;
    }
    if (parsed.wild || parsed.piped) return undefined;
    keys.push(parsed.part);
    if (!parsed.more) return keys;
    rest = parsed.path;
  }
}

/** What a path resolves to in a payload schema. */
export type SchemaLookup =
  /** The path exists; `leaves` are the schema nodes it can point to. */
  | { readonly status: 'found'; readonly leaves: readonly SchemaNode[] }
  /** The schema does not have it. */
  | { readonly status: 'missing' }
  /** The schema cannot tell (free-form object, dynamic path). */
  | { readonly status: 'unknown' };

/**
 * Looks a body path (the keys after `body.`) up in the payload schemas of `events` (all event
 * types when empty). Found when any of them has it.
 */
export function lookUpBodyPath(keys: readonly string[], events: readonly string[]): SchemaLookup {
  if (keys.length === 1 && INJECTED_BODY_KEYS.includes(keys[0])) return { status: 'found', leaves: [{ type: 'string' }] };
  const all = webhookEventSchemas();
  const names = events.length > 0 ? events : [...all.keys()];
  const leaves: SchemaNode[] = [];
  let unknown = false;
  for (const name of names) {
    const schema = all.get(name);
    if (!schema) continue;
    const result = lookUp(schema, keys, 0, new Set());
    if (result === 'unknown') unknown = true;
    else leaves.push(...result);
  }
  if (leaves.length > 0) return { status: 'found', leaves };
  return unknown ? { status: 'unknown' } : { status: 'missing' };
}

/** The leaf nodes `keys[at..]` reaches from `node`, or 'unknown' when a free-form node is crossed. */
function lookUp(node: SchemaNode, keys: readonly string[], at: number, seen: Set<SchemaNode>): SchemaNode[] | 'unknown' {
  const resolved = resolve(node);
  const branches = [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.allOf ?? [])];
  if (branches.length > 0) {
    if (seen.has(resolved)) return [];
    const inner = new Set(seen).add(resolved);
    const found: SchemaNode[] = [];
    let unknown = false;
    for (const branch of branches) {
      const result = lookUp(branch, keys, at, inner);
      if (result === 'unknown') unknown = true;
      else found.push(...result);
    }
    if (resolved.properties || resolved.items) {
      const own = lookUp({ ...resolved, oneOf: undefined, anyOf: undefined, allOf: undefined }, keys, at, inner);
      if (own === 'unknown') unknown = true;
      else found.push(...own);
    }
    return found.length > 0 ? found : unknown ? 'unknown' : [];
  }
  if (at === keys.length) return [resolved];
  const key = keys[at];
  const types = typesOf(resolved);
  const found: SchemaNode[] = [];
  if (types.has('array') && /^\d+$/.test(key)) {
    if (!resolved.items) return 'unknown';
    const result = lookUp(resolved.items, keys, at + 1, seen);
    if (result === 'unknown') return result;
    found.push(...result);
  }
  if (types.has('object') || resolved.properties) {
    const property = resolved.properties?.[key];
    if (property) {
      const result = lookUp(property, keys, at + 1, seen);
      if (result === 'unknown') return result;
      found.push(...result);
    } else if (isSchema(resolved.additionalProperties)) {
      const result = lookUp(resolved.additionalProperties, keys, at + 1, seen);
      if (result === 'unknown') return result;
      found.push(...result);
    } else if (resolved.additionalProperties === true || (!resolved.properties && resolved.additionalProperties === undefined)) {
      return 'unknown';
    }
  }
  return found;
}

function isSchema(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null;
}

function resolve(node: SchemaNode): SchemaNode {
  let current = node;
  for (let depth = 0; current.$ref && depth < 32; depth++) {
    const target = loadSchemas().definitions[current.$ref.replace('#/definitions/', '')];
    if (!target) throw new Error(`@octokit/webhooks-schemas: unresolvable $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/** The JSON types a node allows (its branches included). */
export function typesOf(node: SchemaNode): Set<string> {
  const resolved = resolve(node);
  const types = new Set<string>();
  const own = resolved.type;
  if (typeof own === 'string') types.add(own);
  else if (Array.isArray(own)) own.forEach(t => types.add(t));
  for (const branch of [...(resolved.oneOf ?? []), ...(resolved.anyOf ?? []), ...(resolved.allOf ?? [])]) {
    typesOf(branch).forEach(t => types.add(t));
  }
  return types;
}

/** The enum values a leaf allows, or undefined when it is not an enum. */
export function enumOf(node: SchemaNode): unknown[] | undefined {
  const resolved = resolve(node);
  return resolved.enum;
}

export type { SchemaNode };
