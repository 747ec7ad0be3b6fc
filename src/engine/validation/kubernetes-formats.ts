/**
 * The OpenAPI formats Kubernetes schemas use, as Ajv format definitions. A module of its own
 * so that validators pre-compiled at build time can `require` them (Ajv standalone code).
 */
import type { Format } from 'ajv';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Format name to definition. */
export const KUBERNETES_FORMATS: Readonly<Record<string, Format>> = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 63 },
  double: { type: 'number', validate: () => true },
  byte: { type: 'string', validate: (s: string) => BASE64.test(s) },
  'date-time': { type: 'string', validate: (s: string) => RFC3339.test(s) && !Number.isNaN(Date.parse(s.replace(' ', 'T'))) },
  // These only describe which JSON types a field takes; the `type` keyword beside them checks that.
  'int-or-string': true,
  'int64-or-string': true,
};
