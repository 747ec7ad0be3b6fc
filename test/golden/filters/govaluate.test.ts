/** govaluate (9aa4983) NewEvaluableExpression + Evaluate recorded on generated expressions and parameters. */
import { formatFloat } from '../../../src/engine/go/strconv';
import { evaluate, parseExpression } from '../../../src/engine/govaluate';
import { replay } from './fixtures';

interface ExprInput {
  readonly expr: string;
  readonly params: Record<string, unknown>;
}

type ExprOutput =
  | { readonly parseError: string; readonly panicked?: true }
  | { readonly error: string; readonly panicked?: true }
  | { readonly result: { readonly type: string; readonly value?: unknown } };

/** The result as the Go side records it: its Go type, floats as strconv 'g' text. */
function goValue(v: unknown): { type: string; value?: unknown } {
  if (v === null || v === undefined) return { type: 'nil' };
  if (typeof v === 'number') return { type: 'float64', value: formatFloat(v, 'g', -1) };
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  if (typeof v === 'string') return { type: 'string', value: v };
  if (Array.isArray(v)) return { type: '[]interface {}', value: v };
  return { type: 'map[string]interface {}', value: v };
}

/** Go panics (recorded with `panicked`) are the engine's errors with Go's runtime error text. */
function failure(key: 'parseError' | 'error', err: unknown): ExprOutput {
  const message = (err as Error).message;
  const panicked = message.startsWith('runtime error: ') ? { panicked: true as const } : {};
  return key === 'parseError' ? { parseError: message, ...panicked } : { error: message, ...panicked };
}

function run(input: ExprInput): ExprOutput {
  let parsed;
  try {
    parsed = parseExpression(input.expr);
  } catch (err) {
    return failure('parseError', err);
  }
  try {
    return { result: goValue(evaluate(parsed, input.params)) };
  } catch (err) {
    return failure('error', err);
  }
}

it('govaluate answers as the pinned govaluate', () => {
  const { cases, mismatches } = replay<ExprInput, ExprOutput>('govaluate.ndjson', run);
  expect(cases).toBeGreaterThan(500);
  expect({ mismatches: mismatches.length, first: mismatches.slice(0, 5) }).toEqual({ mismatches: 0, first: [] });
});
