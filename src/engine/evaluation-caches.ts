/**
 * The memos of Sensor evaluation, in one object the caller creates and passes in: filters and
 * trigger parameters run once per event with the same few patterns, expressions and templates,
 * so compiling each once pays (`npm run bench`, replay). Evaluation itself keeps no state: a
 * caller evaluating many events (replay, serve) keeps one `EvaluationCaches` for all of them;
 * `simulate` makes one per run.
 */
import type { RE2JS } from 're2js';
import { BoundedCache } from './filters/bounded-cache';
import type { ParsedTemplate } from './go/template';
import type { ParsedExpression } from './govaluate';

/** A compiled RE2 regex, or Go's compile error text (`error parsing regexp: ...`). */
export type CompiledRegex = RE2JS | { readonly error: string };

/** A parsed govaluate expression, or its parse error text. */
export type CompiledExpression = { readonly parsed: ParsedExpression } | { readonly error: string };

/** Memos of compiled regexes, parsed expressions and parsed templates, each bounded. */
export interface EvaluationCaches {
  /** Data filter values (`regexp.Compile`), by pattern. */
  readonly regexes: BoundedCache<CompiledRegex>;
  /** Expr filters (`govaluate.NewEvaluableExpression`), by expression. */
  readonly expressions: BoundedCache<CompiledExpression>;
  /** Data filter and trigger parameter templates, by name and text. */
  readonly templates: BoundedCache<ParsedTemplate>;
}

/** Entries each memo keeps: far more distinct patterns than any Sensor holds. */
const CAPACITY = 1024;

/** Empty caches. */
export function newEvaluationCaches(): EvaluationCaches {
  return {
    regexes: new BoundedCache<CompiledRegex>(CAPACITY),
    expressions: new BoundedCache<CompiledExpression>(CAPACITY),
    templates: new BoundedCache<ParsedTemplate>(CAPACITY / 4),
  };
}
