import Ajv, { type Options } from 'ajv';

/**
 * The Ajv instance the settings schema is compiled with, shared by the runtime and by
 * the build step that pre-compiles it (scripts/build-validators.js).
 */
export function createSettingsAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, ...options });
  // `expected` documents each constraint for error messages; Ajv ignores it.
  ajv.addKeyword({ keyword: 'expected', schemaType: 'string' });
  return ajv;
}
