/**
 * What survives Go's `json.Unmarshal` into Argo's typed structs (reference §7: unknown fields
 * vanish when the result is unmarshalled back): fields the struct does not declare are dropped,
 * keys matching a field only case-insensitively take the field's name (Go's rule), and
 * free-form parts (a k8s resource, maps) are kept as they are. The struct shapes come from the
 * vendored upstream schema.
 */
import { ARGO_SCHEMA_FILE, DEFINITION_PREFIX, readArgoSchema } from '../validation/argo-schema';
import { isJsonObject, type JsonObject } from '../plain-data';

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: Schema | boolean };

let definitions: Record<string, Schema> | undefined;

function definition(name: string): Schema {
  definitions ??= readArgoSchema().definitions as Record<string, Schema>;
  const found = definitions[name];
  if (!found) throw new Error(`${ARGO_SCHEMA_FILE} has no definition ${name}`);
  return found;
}


function resolve(schema: Schema): Schema {
  let current = schema;
  while (current.$ref !== undefined) current = definition(current.$ref.replace('#/definitions/', ''));
  return current;
}

function decode(value: unknown, schema: Schema): unknown {
  const resolved = resolve(schema);
  if (Array.isArray(value)) return resolved.items ? value.map(item => decode(item, resolved.items!)) : value;
  if (!isJsonObject(value)) return value;
  const properties = resolved.properties;
  if (properties !== undefined) {
    const out: JsonObject = {};
    const names = Object.keys(properties);
    for (const [key, item] of Object.entries(value)) {
      // Go takes an exact match first, else a case-insensitive one; the last key written wins.
      const field = key in properties ? key : names.find(name => name.toLowerCase() === key.toLowerCase());
      if (field !== undefined) out[field] = decode(item, properties[field]);
    }
    return out;
  }
  if (isJsonObject(resolved.additionalProperties)) {
    const items = resolved.additionalProperties;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decode(item, items)]));
  }
  return value;
}

/** A trigger template as the sensor holds it after decoding it into `v1alpha1.TriggerTemplate`. */
export function decodedTriggerTemplate(template: JsonObject): JsonObject {
  return decode(template, definition(`${DEFINITION_PREFIX}TriggerTemplate`)) as JsonObject;
}
