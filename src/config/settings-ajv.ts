import Ajv, { type Options } from 'ajv';
import { ANNOTATION_KEYWORDS } from './settings';

/**
 * The Ajv instance the settings schema is compiled with, shared by the runtime and by
 * the build step that pre-compiles it (scripts/build-validators.js).
 */
export function createSettingsAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true, ...options });
  // The settings' own annotations (error texts, README defaults); Ajv ignores them.
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, schemaType: 'string' });
  return ajv;
}
