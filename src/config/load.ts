/**
 * Reading settings from a YAML (or JSON) file.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import type { CiRemediationSettings } from './settings';
import { SettingsError, validateSettings } from './validate';

/** Reads and validates a settings file; throws SettingsError naming the file. */
export function loadSettingsFile(file: string): CiRemediationSettings {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new SettingsError([`cannot read the settings file: ${(err as Error).message}`], file);
  }
  const doc = YAML.parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new SettingsError(doc.errors.map(e => `not valid YAML: ${e.message.split('\n')[0]}`), file);
  }
  // An empty file means "all defaults".
  const value = doc.toJS() ?? {};
  return validateSettings(value, file);
}
