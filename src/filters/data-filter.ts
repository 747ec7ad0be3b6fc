/**
 * A small typed builder for Argo Events data filters.
 *
 * Every value it emits is one anchored, escaped RE2 regex (or a deliberate, anchored
 * pattern), and a negative match is always a single regex with alternation: Argo treats
 * several values as "any of", so `!=` with several values passes for everything
 * (reference §3, point 5).
 */
import { RE2JS } from 're2js';
import { anchoredAlternation, containsLiteral, exactlyOneOf, re2CompileError, startsWith } from './regex';

/** The shape of `spec.dependencies[].filters.data[]` this builder produces. */
export interface DataFilter {
  /** gjson path into the event data. */
  readonly path: string;
  /** Always `string`: the builder only emits regex matches. */
  readonly type: 'string';
  /** Exactly one RE2 regex. */
  readonly value: [string];
  /** `!=` for negative matches; omitted for positive ones. */
  readonly comparator?: '!=';
}

/**
 * A set of values to match: exact literals and deliberate RE2 patterns. In settings a
 * pattern is written between slashes (`/release-.*\/`); anything else is a literal.
 */
export interface ValueSet {
  readonly literals: readonly string[];
  readonly patterns: readonly string[];
}

/** Splits settings entries into literals and `/pattern/` entries. */
export function parseValueSet(entries: readonly string[]): ValueSet {
  const literals: string[] = [];
  const patterns: string[] = [];
  for (const entry of entries) {
    if (isPatternEntry(entry)) {
      patterns.push(entry.slice(1, -1));
    } else {
      literals.push(entry);
    }
  }
  return { literals, patterns };
}

/** True when a settings entry is a `/pattern/` rather than a literal. */
export function isPatternEntry(entry: string): boolean {
  return entry.length >= 2 && entry.startsWith('/') && entry.endsWith('/');
}

/** The RE2 compile error of a `/pattern/` entry, or undefined when it is fine or a literal. */
export function patternEntryError(entry: string): string | undefined {
  return isPatternEntry(entry) ? re2CompileError(entry.slice(1, -1)) : undefined;
}

/** One anchored regex matching any member of the set in full. */
export function valueSetRegex(set: ValueSet): string {
  // Patterns are grouped so an alternation inside one stays anchored.
  return anchoredAlternation([
    ...[...new Set(set.literals)].map(literal => RE2JS.quote(literal)),
    ...set.patterns.map(pattern => `(?:${pattern})`),
  ]);
}

/** The value at `path` is exactly `literal`. */
export function equals(path: string, literal: string): DataFilter {
  return { path, type: 'string', value: [exactlyOneOf([literal])] };
}

/** The value at `path` is exactly one of `literals` (optionally ignoring case). */
export function oneOf(path: string, literals: readonly string[], options: { ignoreCase?: boolean } = {}): DataFilter {
  return { path, type: 'string', value: [exactlyOneOf(literals, options)] };
}

/** The value at `path` is, in full, one of the set's literals or patterns. */
export function inSet(path: string, set: ValueSet): DataFilter {
  return { path, type: 'string', value: [valueSetRegex(set)] };
}

/** The value at `path` is, in full, none of the set's literals or patterns. */
export function notInSet(path: string, set: ValueSet): DataFilter {
  return { path, type: 'string', value: [valueSetRegex(set)], comparator: '!=' };
}

/** The value at `path` does not contain `literal` anywhere (literally, not as a regex). */
export function notContains(path: string, literal: string): DataFilter {
  return { path, type: 'string', value: [containsLiteral(literal)], comparator: '!=' };
}

/** The value at `path` does not start with `prefix`. */
export function notStartsWith(path: string, prefix: string): DataFilter {
  return { path, type: 'string', value: [startsWith(prefix)], comparator: '!=' };
}
