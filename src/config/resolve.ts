/**
 * The one way settings come in: read (a file, or nothing for the defaults), validated once and
 * resolved (every default of settings.ts applied). Synth, `status`, `watch`, `report` and the
 * library all take the ResolvedSettings this gives; nothing downstream validates settings again.
 */
import { Value } from '@sinclair/typebox/value';
import { DEFAULT_ORGANIZATIONS, settingsSchema, type CiRemediationSettings, type ResolvedSettings } from './settings';
import { validateSettings } from './validate';

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };

/**
 * Settings from a YAML (or JSON) file, else (`file` undefined) the defaults.
 * @throws SettingsError naming the file, each field and the fix
 */
export function loadSettings(file: string | undefined): ResolvedSettings {
  if (file === undefined) return settingsFrom({});
  // The YAML reader is loaded only when there is a file: the default synth stays fast.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { readSettingsFile } = require('./load') as typeof import('./load');
  return settingsFrom(readSettingsFile(file), file);
}

/**
 * Settings given as data (the library's way in, e.g. `settingsFrom({ repositories: ['acme/api'] })`).
 * @param source names the input in the error (a file name)
 * @throws SettingsError listing every problem, each naming the field and what is expected
 */
export function settingsFrom(input: unknown, source?: string): ResolvedSettings {
  return applyDefaults(validateSettings(input, source));
}

/** Applies the defaults to validated settings (the input is not changed). */
function applyDefaults(settings: CiRemediationSettings): ResolvedSettings {
  const resolved = Value.Default(settingsSchema, structuredClone(settings)) as Mutable<ResolvedSettings>;
  // The defaults that depend on other settings (each documented by its `defaultText`).
  const { eventSource, codeRun } = resolved;
  if (!eventSource.repositories && !eventSource.organizations) eventSource.organizations = [...DEFAULT_ORGANIZATIONS];
  codeRun.cli.model ??= codeRun.model;
  return resolved;
}
