/**
 * The one way settings come in: read (a file, or nothing for the defaults), validated once and
 * resolved (every default of settings.ts applied). Synth, `status`, `watch`, `report` and the
 * library all take the ResolvedSettings this gives; nothing downstream validates settings again.
 */
import type { CiRemediationSettings, ResolvedSettings } from './settings';
import { DEFAULT_ORGANIZATIONS } from './default-organizations';
import { validateSettings } from './validate';

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };

/** The part of a JSON Schema defaults are read from. */
interface SchemaNode {
  readonly default?: unknown;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
}


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

let schema: SchemaNode | undefined;

/**
 * The settings schema as plain JSON, written by the build (scripts/build-validators.js): loading
 * TypeBox to build it costs a command more than the rest of the settings handling together.
 */
function settingsSchemaJson(): SchemaNode {
  if (!schema) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      schema = require('./settings-schema.generated.json') as SchemaNode;
    } catch {
      // Running from sources (tests): build it from the definition.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      schema = (require('./settings') as typeof import('./settings')).settingsSchema;
    }
  }
  return schema;
}

/** Fills in, in place, each property `value` lacks that has a `default` in `node`, then the fields of each property. */
function fillDefaults(node: SchemaNode, value: Record<string, unknown>): void {
  for (const [key, property] of Object.entries(node.properties ?? {})) {
    if (value[key] === undefined && property.default !== undefined) value[key] = structuredClone(property.default);
    const child = value[key];
    if (property.properties && child !== null && typeof child === 'object' && !Array.isArray(child)) {
      fillDefaults(property, child as Record<string, unknown>);
    }
  }
}

/** A setting's default with the defaults of its fields (`undefined` when it has none): the README shows it. */
export function settingDefault(node: SchemaNode): unknown {
  if (node.default === undefined) return undefined;
  const value: unknown = structuredClone(node.default);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) fillDefaults(node, value as Record<string, unknown>);
  return value;
}

/** Applies the defaults to validated settings (the input is not changed). */
function applyDefaults(settings: CiRemediationSettings): ResolvedSettings {
  const resolved = structuredClone(settings) as Mutable<ResolvedSettings>;
  fillDefaults(settingsSchemaJson(), resolved);
  // The defaults that depend on other settings (each documented by its `defaultText`).
  const { eventSource, codeRun, monitoring } = resolved;
  if (!eventSource.repositories && !eventSource.organizations) eventSource.organizations = [...DEFAULT_ORGANIZATIONS];
  codeRun.cli.model ??= codeRun.model;
  monitoring.podMonitor.enabled ??= Boolean(monitoring.grafanaDashboard?.enabled || monitoring.prometheusRules?.enabled);
  return resolved;
}
