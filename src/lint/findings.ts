/**
 * The result types of `ci-remediation lint`.
 */
import type { IssuePath } from '../engine/validation';

/** `error`: the object is rejected or silently does the wrong thing; `warning`: probably wrong. */
export type Severity = 'error' | 'warning';

/** A finding inside one object, located by a JSON path (keys and array indices). */
export interface ObjectFinding {
  readonly path: IssuePath;
  /** Stable kebab-case rule id, e.g. `unanchored-literal`. */
  readonly rule: string;
  readonly severity: Severity;
  /** What breaks and how to fix it. */
  readonly message: string;
  /** Locate the key of the last path segment, not its value: the finding is about the field itself (unknown, misplaced). */
  readonly atKey?: boolean;
  /** The rewrite `lint --fix` applies, when the finding has one right answer. */
  readonly fix?: Fix;
}

/**
 * A rewrite of the object for `lint --fix`:
 * - `rewrite-string`: the string at the finding's path becomes `rewrite(current)`; undefined
 *   when the rewrite is not certain for that text (the fix is then refused);
 * - `move-to-trigger`: the field at the finding's path (`…template.retryStrategy`) moves up
 *   beside `template`.
 */
export type Fix =
  | { readonly kind: 'rewrite-string'; readonly rewrite: (current: string) => string | undefined }
  | { readonly kind: 'move-to-trigger' };

/** The same finding with a fix. */
export function withFix(finding: ObjectFinding, fix: Fix): ObjectFinding {
  return { ...finding, fix };
}

/** A finding located in a file (1-based line and column). */
export interface LintFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  readonly rule: string;
  readonly message: string;
}

/** Shorthand for building an error finding. */
export function error(path: IssuePath, rule: string, message: string): ObjectFinding {
  return { path, rule, severity: 'error', message };
}

/** The same finding, located at the key of its field rather than at the value. */
export function atKey(finding: ObjectFinding): ObjectFinding {
  return { ...finding, atKey: true };
}

/** Shorthand for building a warning finding. */
export function warning(path: IssuePath, rule: string, message: string): ObjectFinding {
  return { path, rule, severity: 'warning', message };
}
