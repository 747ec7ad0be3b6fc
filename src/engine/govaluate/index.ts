/**
 * A port of github.com/Knetic/govaluate v3 as Argo Events uses it for expr filters:
 * `govaluate.NewEvaluableExpression(expr)` (no functions registered) then
 * `Evaluate(params)` with params from gjson `Value()`.
 *
 * Parsing runs govaluate's phases in its order, so the first error is the one govaluate
 * reports: lexing, parenthesis balance, grammar, constant-regex compilation, planning.
 * Error messages are govaluate's texts (reference §4).
 */
import { RE2JS } from 're2js';
import { GovaluateError } from './errors';
import { evaluateStage } from './evaluate';
import { lex } from './lexer';
import { checkBalance, checkSyntax } from './lexer-states';
import { Stage, compileConstantPatterns, planStages } from './planner';
import { CompiledPattern } from './values';

export { GovaluateError } from './errors';

/** A parsed govaluate expression, reusable across evaluations. */
export interface ParsedExpression {
  /** The expression text as given. */
  readonly expression: string;
  /**
   * Distinct parameter names the expression refers to, in order of first appearance
   * (govaluate's `Vars()`, without duplicates). Dotted accessors are not included.
   */
  readonly variables: string[];
  /** The evaluation tree; undefined only for an expression that plans to nothing. */
  readonly root: Stage | undefined;
}

/** `regexp.Compile` at parse time; its error is govaluate's parse error. */
function compilePattern(source: string): CompiledPattern {
  try {
    return new CompiledPattern(source, RE2JS.compile(source));
  } catch (err) {
    throw new GovaluateError((err as Error).message);
  }
}

/**
 * Parses an expression as `govaluate.NewEvaluableExpression` does.
 * @throws GovaluateError with govaluate's message (e.g. `Invalid token: '!=='`,
 *   `Undefined function len`, `Unexpected end of expression`).
 */
export function parseExpression(expr: string): ParsedExpression {
  const tokens = lex(expr);
  checkBalance(tokens);
  checkSyntax(tokens);
  compileConstantPatterns(tokens, compilePattern);
  const root = planStages(tokens);
  const variables = [...new Set(tokens.filter((t) => t.kind === 'VARIABLE').map((t) => t.value as string))];
  return { expression: expr, variables, root };
}

/**
 * Evaluates a parsed expression against bound parameters (`EvaluableExpression.Evaluate`).
 * Returns govaluate's result: a number, string, boolean, null, array or object.
 * @throws GovaluateError e.g. `No parameter 'x' found.` or a type error such as
 *   `Value 'x' cannot be used with the comparator '>', it is not a number`.
 */
export function evaluate(parsed: ParsedExpression, params: Record<string, unknown>): unknown {
  if (!parsed.root) return null;
  const result = evaluateStage(parsed.root, params);
  // A compiled regex literal surfaces as Go's *regexp.Regexp; callers only see its text.
  return result instanceof CompiledPattern ? result.source : result;
}
