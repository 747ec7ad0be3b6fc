/**
 * Applying the defaults of the settings definition (settings.ts) to validated settings.
 */
import { Value } from '@sinclair/typebox/value';
import { DEFAULT_ORGANIZATIONS, settingsSchema, type CiRemediationSettings, type ResolvedSettings } from './settings';

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };

/** Applies the defaults to validated settings (the input is not changed). */
export function resolveSettings(settings: CiRemediationSettings): ResolvedSettings {
  const resolved = Value.Default(settingsSchema, structuredClone(settings)) as Mutable<ResolvedSettings>;
  // The defaults that depend on other settings (each documented by its `defaultText`).
  const { eventSource, codeRun } = resolved;
  if (!eventSource.repositories && !eventSource.organizations) eventSource.organizations = [...DEFAULT_ORGANIZATIONS];
  codeRun.cli.model ??= codeRun.model;
  return resolved;
}
