/**
 * Reading untyped objects the way the Go controller sees them after JSON decoding:
 * an absent or `null` field is the Go zero value. A value of the wrong JSON type would fail
 * decoding; these readers return `undefined` for it so that rule checks skip it (the schema
 * validator reports wrong types).
 */

import { isJsonObject, type JsonObject } from '../plain-data';

/** A Go `string` field: absent/null is `''`, a non-string is `undefined`. */
export function goString(value: unknown): string | undefined {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : undefined;
}

/** A Go slice field: absent/null is `[]` (nil), a non-array is `undefined`. */
export function goList(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : undefined;
}

/** A Go pointer-to-struct (or map) field: absent/null is `null` (nil), a non-object is `undefined`. */
export function goObject(value: unknown): JsonObject | null | undefined {
  if (value === undefined || value === null) return null;
  return isJsonObject(value) ? value : undefined;
}

/** True when a Go pointer/slice/map field is non-nil: present and not JSON `null`. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** Throws unless `value` is an object whose `kind`, when present, is `kind`. */
export function requireResource(value: unknown, kind: string, caller: string): JsonObject {
  if (!isJsonObject(value)) {
    throw new TypeError(`${caller} expects an object of kind ${kind}, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  if (value.kind !== undefined && value.kind !== kind) {
    throw new TypeError(`${caller} expects kind ${kind}, got ${JSON.stringify(value.kind)}`);
  }
  return value;
}
