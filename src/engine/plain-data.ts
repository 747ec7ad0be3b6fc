/**
 * The one guard for plain data (what `JSON.parse` and the YAML loader produce): every module
 * that walks parsed input tells objects from lists, `null` and scalars with it.
 */

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object: not an array, not null, not a scalar. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
