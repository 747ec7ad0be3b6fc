/**
 * govaluate's grammar check (`lexerState.go`, `checkBalance`, `checkExpressionSyntax`):
 * which token kind may follow which, and which kinds may end an expression. The table is
 * govaluate's, including its oddities (a value may follow `)`; TIME may not follow a
 * modifier).
 */
import { GovaluateError } from './errors';
import { Token, TokenKind } from './tokens';
import { formatGoValue } from './values';

interface LexerState {
  readonly canEnd: boolean;
  readonly next: ReadonlySet<TokenKind>;
}

const state = (canEnd: boolean, next: TokenKind[]): LexerState => ({ canEnd, next: new Set(next) });

const STATES: Readonly<Partial<Record<TokenKind, LexerState>>> = {
  UNKNOWN: state(false, ['PREFIX', 'NUMERIC', 'BOOLEAN', 'VARIABLE', 'PATTERN', 'FUNCTION', 'ACCESSOR', 'STRING', 'TIME', 'CLAUSE']),
  CLAUSE: state(false, ['PREFIX', 'NUMERIC', 'BOOLEAN', 'VARIABLE', 'PATTERN', 'FUNCTION', 'ACCESSOR', 'STRING', 'TIME', 'CLAUSE', 'CLAUSE_CLOSE']),
  CLAUSE_CLOSE: state(true, [
    'COMPARATOR', 'MODIFIER', 'NUMERIC', 'BOOLEAN', 'VARIABLE', 'STRING', 'PATTERN', 'TIME', 'CLAUSE', 'CLAUSE_CLOSE', 'LOGICALOP', 'TERNARY', 'SEPARATOR',
  ]),
  NUMERIC: state(true, ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'TERNARY', 'SEPARATOR']),
  BOOLEAN: state(true, ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'TERNARY', 'SEPARATOR']),
  STRING: state(true, ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'TERNARY', 'SEPARATOR']),
  TIME: state(true, ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'SEPARATOR']),
  PATTERN: state(true, ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'SEPARATOR']),
  VARIABLE: state(true, ['MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'TERNARY', 'SEPARATOR']),
  MODIFIER: state(false, ['PREFIX', 'NUMERIC', 'VARIABLE', 'FUNCTION', 'ACCESSOR', 'STRING', 'BOOLEAN', 'CLAUSE', 'CLAUSE_CLOSE']),
  COMPARATOR: state(false, ['PREFIX', 'NUMERIC', 'BOOLEAN', 'VARIABLE', 'FUNCTION', 'ACCESSOR', 'STRING', 'TIME', 'CLAUSE', 'CLAUSE_CLOSE', 'PATTERN']),
  LOGICALOP: state(false, ['PREFIX', 'NUMERIC', 'BOOLEAN', 'VARIABLE', 'FUNCTION', 'ACCESSOR', 'STRING', 'TIME', 'CLAUSE', 'CLAUSE_CLOSE']),
  PREFIX: state(false, ['NUMERIC', 'BOOLEAN', 'VARIABLE', 'FUNCTION', 'ACCESSOR', 'CLAUSE', 'CLAUSE_CLOSE']),
  TERNARY: state(false, ['PREFIX', 'NUMERIC', 'BOOLEAN', 'STRING', 'TIME', 'VARIABLE', 'FUNCTION', 'ACCESSOR', 'CLAUSE', 'SEPARATOR']),
  FUNCTION: state(false, ['CLAUSE']),
  ACCESSOR: state(true, ['CLAUSE', 'MODIFIER', 'COMPARATOR', 'LOGICALOP', 'CLAUSE_CLOSE', 'TERNARY', 'SEPARATOR']),
  SEPARATOR: state(false, ['PREFIX', 'NUMERIC', 'BOOLEAN', 'STRING', 'TIME', 'VARIABLE', 'FUNCTION', 'ACCESSOR', 'CLAUSE']),
};

function stateOf(kind: TokenKind): LexerState {
  const found = STATES[kind];
  if (!found) throw new GovaluateError(`No lexer state found for token kind '${kind}'`);
  return found;
}

/** Whether a token of kind `next` may follow one of kind `previous` (`UNKNOWN` = start). */
export function canTransition(previous: TokenKind, next: TokenKind): boolean {
  return stateOf(previous).next.has(next);
}

/** `checkBalance`: parentheses must balance overall (order is not checked here). */
export function checkBalance(tokens: readonly Token[]): void {
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'CLAUSE') depth++;
    else if (token.kind === 'CLAUSE_CLOSE') depth--;
  }
  if (depth !== 0) throw new GovaluateError('Unbalanced parenthesis');
}

/** `checkExpressionSyntax`: every transition must be allowed and the last token must end. */
export function checkSyntax(tokens: readonly Token[]): void {
  let previous: Token = { kind: 'UNKNOWN', value: null };
  for (const token of tokens) {
    if (!canTransition(previous.kind, token.kind)) {
      // A name followed by `(` looks like a call of an unregistered function.
      if (previous.kind === 'VARIABLE' && token.kind === 'CLAUSE') {
        throw new GovaluateError(`Undefined function ${formatGoValue(previous.value)}`);
      }
      throw new GovaluateError(
        `Cannot transition token types from ${previous.kind} [${formatTokenValue(previous)}] to ${token.kind} [${formatTokenValue(token)}]`,
      );
    }
    previous = token;
  }
  if (!stateOf(previous.kind).canEnd) throw new GovaluateError('Unexpected end of expression');
}

/** `%v` of a token value (accessor parts print as a Go string slice). */
function formatTokenValue(token: Token): string {
  return Array.isArray(token.value) ? `[${token.value.join(' ')}]` : formatGoValue(token.value);
}
