/**
 * RE2 (Go `regexp`) helpers for building filter values.
 *
 * Argo Events searches every string filter value unanchored, so a literal must be
 * escaped and anchored to mean "exactly this" (reference §3). Literals are escaped with
 * `RE2JS.quote`, which escapes what Go's `regexp.QuoteMeta` escapes (test/engine/go/regexp.test.ts).
 */
import { RE2JS } from 're2js';

/**
 * A regex matching exactly one of the literals (and nothing longer or shorter).
 * `ignoreCase` is for names GitHub itself treats case-insensitively (owners, repositories).
 */
export function exactlyOneOf(literals: readonly string[], options: { ignoreCase?: boolean } = {}): string {
  const regex = anchoredAlternation([...new Set(literals)].map(literal => RE2JS.quote(literal)));
  return options.ignoreCase ? `(?i)${regex}` : regex;
}

/**
 * Anchors alternatives (each already a valid regex) so the whole value must match one
 * of them. Callers wrap patterns that contain a top-level `|` in a group.
 */
export function anchoredAlternation(alternatives: readonly string[]): string {
  if (alternatives.length === 0) {
    throw new Error('an anchored alternation needs at least one alternative');
  }
  return alternatives.length === 1 ? `^${alternatives[0]}$` : `^(?:${alternatives.join('|')})$`;
}

/** A regex matching any text that starts with `prefix`. */
export function startsWith(prefix: string): string {
  return `^${RE2JS.quote(prefix)}`;
}

/** A regex matching any text that contains `literal` anywhere (also across newlines). */
export function containsLiteral(literal: string): string {
  return RE2JS.quote(literal);
}

/** Returns the RE2 compile error for `pattern`, or undefined when it compiles. */
export function re2CompileError(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
