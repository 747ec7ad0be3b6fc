/**
 * govaluate's `evaluateStage`: left operand, short-circuit, right operand, type checks
 * (left check before right check; a combined check reports the left value), operator.
 */
import { GovaluateError } from './errors';
import { formatTypeError } from './operators';
import { Parameters, Stage } from './planner';
import { SYMBOL_TEXT } from './tokens';

/** Marks a right operand skipped by short-circuit (govaluate's `shortCircuitHolder`). */
const SKIPPED = Symbol('short-circuited');

export function evaluateStage(stage: Stage, parameters: Parameters): unknown {
  const left = stage.left ? evaluateStage(stage.left, parameters) : null;

  let right: unknown = null;
  switch (stage.symbol) {
    case 'AND':
      if (left === false) return false;
      break;
    case 'OR':
      if (left === true) return true;
      break;
    case 'COALESCE':
      if (left !== null) return left;
      break;
    case 'TERNARY_TRUE':
      if (left === false) right = SKIPPED;
      break;
    case 'TERNARY_FALSE':
      if (left !== null) right = SKIPPED;
      break;
    default:
      break;
  }
  if (right !== SKIPPED && stage.right) right = evaluateStage(stage.right, parameters);

  const symbolText = SYMBOL_TEXT[stage.symbol];
  const { left: leftCheck, right: rightCheck, combined } = stage.checks;
  if (combined) {
    if (!combined(left, right)) throw new GovaluateError(formatTypeError(stage.typeErrorFormat, left, symbolText));
  } else {
    if (leftCheck && !leftCheck(left)) throw new GovaluateError(formatTypeError(stage.typeErrorFormat, left, symbolText));
    if (rightCheck && !rightCheck(right)) throw new GovaluateError(formatTypeError(stage.typeErrorFormat, right, symbolText));
  }
  return stage.operator(left, right === SKIPPED ? null : right, parameters);
}
