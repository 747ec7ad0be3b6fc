/**
 * govaluate's token kinds, operator symbols and the symbol tables the lexer and the
 * planner share. Names and display strings are govaluate's, because they appear in its
 * error texts (`Cannot transition token types from NUMERIC [1] to ...`).
 */
import { CompiledPattern, TimeLiteral } from './values';

export type TokenKind =
  | 'UNKNOWN'
  | 'PREFIX'
  | 'NUMERIC'
  | 'BOOLEAN'
  | 'STRING'
  | 'PATTERN'
  | 'TIME'
  | 'VARIABLE'
  | 'FUNCTION'
  | 'SEPARATOR'
  | 'ACCESSOR'
  | 'COMPARATOR'
  | 'LOGICALOP'
  | 'MODIFIER'
  | 'CLAUSE'
  | 'CLAUSE_CLOSE'
  | 'TERNARY';

/**
 * A token value as govaluate stores it. Parentheses hold their rune (printed by `%v` as
 * 40 and 41); accessors hold the dotted name split on `.`.
 */
export type TokenValue = number | string | boolean | string[] | TimeLiteral | CompiledPattern | null;

export interface Token {
  kind: TokenKind;
  value: TokenValue;
}

export type OperatorSymbol =
  | 'VALUE'
  | 'LITERAL'
  | 'NOOP'
  | 'EQ'
  | 'NEQ'
  | 'GT'
  | 'LT'
  | 'GTE'
  | 'LTE'
  | 'REQ'
  | 'NREQ'
  | 'IN'
  | 'AND'
  | 'OR'
  | 'PLUS'
  | 'MINUS'
  | 'BITWISE_AND'
  | 'BITWISE_OR'
  | 'BITWISE_XOR'
  | 'BITWISE_LSHIFT'
  | 'BITWISE_RSHIFT'
  | 'MULTIPLY'
  | 'DIVIDE'
  | 'MODULUS'
  | 'EXPONENT'
  | 'NEGATE'
  | 'INVERT'
  | 'BITWISE_NOT'
  | 'TERNARY_TRUE'
  | 'TERNARY_FALSE'
  | 'COALESCE'
  | 'FUNCTIONAL'
  | 'ACCESS'
  | 'SEPARATE';

/** `OperatorSymbol.String()`; note govaluate prints EQ as `=`. */
export const SYMBOL_TEXT: Readonly<Record<OperatorSymbol, string>> = {
  VALUE: 'VALUE',
  LITERAL: '',
  NOOP: 'NOOP',
  EQ: '=',
  NEQ: '!=',
  GT: '>',
  LT: '<',
  GTE: '>=',
  LTE: '<=',
  REQ: '=~',
  NREQ: '!~',
  IN: 'in',
  AND: '&&',
  OR: '||',
  PLUS: '+',
  MINUS: '-',
  BITWISE_AND: '&',
  BITWISE_OR: '|',
  BITWISE_XOR: '^',
  BITWISE_LSHIFT: '<<',
  BITWISE_RSHIFT: '>>',
  MULTIPLY: '*',
  DIVIDE: '/',
  MODULUS: '%',
  EXPONENT: '**',
  NEGATE: '-',
  INVERT: '!',
  BITWISE_NOT: '~',
  TERNARY_TRUE: '?',
  TERNARY_FALSE: ':',
  COALESCE: '??',
  FUNCTIONAL: '',
  ACCESS: '',
  SEPARATE: '',
};

type SymbolTable = ReadonlyMap<string, OperatorSymbol>;
const table = (entries: Record<string, OperatorSymbol>): SymbolTable => new Map(Object.entries(entries));

export const COMPARATOR_SYMBOLS = table({
  '==': 'EQ',
  '!=': 'NEQ',
  '>': 'GT',
  '>=': 'GTE',
  '<': 'LT',
  '<=': 'LTE',
  '=~': 'REQ',
  '!~': 'NREQ',
  in: 'IN',
});
export const LOGICAL_SYMBOLS = table({ '&&': 'AND', '||': 'OR' });
export const BITWISE_SYMBOLS = table({ '^': 'BITWISE_XOR', '&': 'BITWISE_AND', '|': 'BITWISE_OR' });
export const BITWISE_SHIFT_SYMBOLS = table({ '>>': 'BITWISE_RSHIFT', '<<': 'BITWISE_LSHIFT' });
export const ADDITIVE_SYMBOLS = table({ '+': 'PLUS', '-': 'MINUS' });
export const MULTIPLICATIVE_SYMBOLS = table({ '*': 'MULTIPLY', '/': 'DIVIDE', '%': 'MODULUS' });
export const EXPONENTIAL_SYMBOLS = table({ '**': 'EXPONENT' });
export const PREFIX_SYMBOLS = table({ '-': 'NEGATE', '!': 'INVERT', '~': 'BITWISE_NOT' });
export const TERNARY_SYMBOLS = table({ '?': 'TERNARY_TRUE', ':': 'TERNARY_FALSE', '??': 'COALESCE' });
export const SEPARATOR_SYMBOLS = table({ ',': 'SEPARATE' });
/** All binary arithmetic/bitwise symbols; the lexer uses it to classify MODIFIER tokens. */
export const MODIFIER_SYMBOLS = new Map<string, OperatorSymbol>([
  ...ADDITIVE_SYMBOLS,
  ...MULTIPLICATIVE_SYMBOLS,
  ...EXPONENTIAL_SYMBOLS,
  ...BITWISE_SYMBOLS,
  ...BITWISE_SHIFT_SYMBOLS,
]);

/** Precedence classes; only equality matters (the planner reorders runs of equal class). */
export type PrecedenceClass =
  | 'noop'
  | 'value'
  | 'functional'
  | 'prefix'
  | 'exponential'
  | 'additive'
  | 'bitwise'
  | 'bitwiseShift'
  | 'multiplicative'
  | 'comparator'
  | 'ternary'
  | 'logicalAnd'
  | 'logicalOr'
  | 'separate';

/** `findOperatorPrecedenceForSymbol`. */
export function precedenceOf(symbol: OperatorSymbol): PrecedenceClass {
  switch (symbol) {
    case 'NOOP':
      return 'noop';
    case 'EQ':
    case 'NEQ':
    case 'GT':
    case 'LT':
    case 'GTE':
    case 'LTE':
    case 'REQ':
    case 'NREQ':
    case 'IN':
      return 'comparator';
    case 'AND':
      return 'logicalAnd';
    case 'OR':
      return 'logicalOr';
    case 'BITWISE_AND':
    case 'BITWISE_OR':
    case 'BITWISE_XOR':
      return 'bitwise';
    case 'BITWISE_LSHIFT':
    case 'BITWISE_RSHIFT':
      return 'bitwiseShift';
    case 'PLUS':
    case 'MINUS':
      return 'additive';
    case 'MULTIPLY':
    case 'DIVIDE':
    case 'MODULUS':
      return 'multiplicative';
    case 'EXPONENT':
      return 'exponential';
    case 'BITWISE_NOT':
    case 'NEGATE':
    case 'INVERT':
      return 'prefix';
    case 'COALESCE':
    case 'TERNARY_TRUE':
    case 'TERNARY_FALSE':
      return 'ternary';
    case 'ACCESS':
    case 'FUNCTIONAL':
      return 'functional';
    case 'SEPARATE':
      return 'separate';
    default:
      return 'value';
  }
}
