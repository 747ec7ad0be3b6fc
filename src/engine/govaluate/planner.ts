/**
 * govaluate's stage planner (`stagePlanner.go`): a recursive descent over precedence
 * levels that builds right-leaning trees, followed by `reorderStages`, which mirrors every
 * run of equal-precedence operators on a right spine so they associate to the left
 * (`2 ** 3 ** 2` is `(2 ** 3) ** 2`; `a ? b : c ? d : e` is `((a ? b) : c) ? d) : e`).
 *
 * Levels, loosest first: `,`  then `? : ??`  `||`  `&&`  comparators (`== != < <= > >= =~ !~ in`)
 * `& | ^`  `<< >>`  `+ -`  `* / %`  `**`  then prefixes `- ! ~`, accessors and values.
 * Parentheses become NOOP stages, which break precedence runs.
 */
import { GovaluateError } from './errors';
import {
  ADDITIVE_SYMBOLS,
  BITWISE_SHIFT_SYMBOLS,
  BITWISE_SYMBOLS,
  COMPARATOR_SYMBOLS,
  EXPONENTIAL_SYMBOLS,
  MULTIPLICATIVE_SYMBOLS,
  OperatorSymbol,
  PREFIX_SYMBOLS,
  SEPARATOR_SYMBOLS,
  TERNARY_SYMBOLS,
  Token,
  TokenKind,
  precedenceOf,
} from './tokens';
import {
  COMPARATOR_ERROR_FORMAT,
  LOGICAL_ERROR_FORMAT,
  MODIFIER_ERROR_FORMAT,
  OPERATORS,
  PREFIX_ERROR_FORMAT,
  TERNARY_ERROR_FORMAT,
  TypeChecks,
  typeChecksFor,
} from './operators';
import { CompiledPattern, TimeLiteral, formatGoValue } from './values';

/** Bound parameters, looked up by name. */
export type Parameters = Readonly<Record<string, unknown>>;

/** A node of the evaluation tree. Mutable only while the planner reorders it. */
export interface Stage {
  symbol: OperatorSymbol;
  left?: Stage;
  right?: Stage;
  operator: (left: unknown, right: unknown, parameters: Parameters) => unknown;
  checks: TypeChecks;
  typeErrorFormat: string;
}

class TokenStream {
  private index = 0;
  constructor(private readonly tokens: readonly Token[]) {}
  hasNext(): boolean {
    return this.index < this.tokens.length;
  }
  next(): Token {
    return this.tokens[this.index++];
  }
  rewind(): void {
    this.index--;
  }
}

type Plan = (stream: TokenStream) => Stage | undefined;

/** `MapParameters.Get`. */
export function getParameter(parameters: Parameters, name: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(parameters, name)) {
    throw new GovaluateError(`No parameter '${name}' found.`);
  }
  const value = parameters[name];
  return value === undefined ? null : value;
}

function valueStage(symbol: OperatorSymbol, operator: Stage['operator']): Stage {
  return { symbol, operator, checks: {}, typeErrorFormat: '' };
}

function literalStage(value: unknown): Stage {
  return valueStage('LITERAL', () => value);
}

/**
 * One precedence level (`planPrecedenceLevel`): `left` parses the operand, and at most one
 * operator of this level is taken; its right operand is parsed by `right` (this level
 * again, hence right-leaning trees).
 */
function precedenceLevel(options: {
  symbols: ReadonlyMap<string, OperatorSymbol>;
  kinds: readonly TokenKind[];
  typeErrorFormat: string;
  left?: Plan;
  right?: Plan;
}): Plan {
  const level: Plan = (stream) => {
    const leftStage = options.left ? options.left(stream) : undefined;
    if (stream.hasNext()) {
      const token = stream.next();
      const symbol = typeof token.value === 'string' ? options.symbols.get(token.value) : undefined;
      if (options.kinds.includes(token.kind) && symbol !== undefined) {
        const rightStage = (options.right ?? level)(stream);
        const operator = OPERATORS[symbol];
        if (!operator) throw new GovaluateError(`No operator for symbol '${symbol}'`);
        return {
          symbol,
          left: leftStage,
          right: rightStage,
          operator: (l, r) => operator(l, r),
          checks: typeChecksFor(symbol),
          typeErrorFormat: options.typeErrorFormat,
        };
      }
      stream.rewind();
    }
    return leftStage;
  };
  return level;
}

/** A parenthesised clause, a name, a literal, or a prefix operator (`planValue`). */
const planValue: Plan = (stream) => {
  if (!stream.hasNext()) return undefined;
  const token = stream.next();
  switch (token.kind) {
    case 'CLAUSE': {
      const inner = planTokens(stream);
      stream.next(); // the matching ')' (balance was checked before planning)
      // The NOOP wrapper keeps the clause out of the caller's precedence runs.
      return { symbol: 'NOOP', right: inner, operator: (_l, r) => r, checks: {}, typeErrorFormat: '' };
    }
    case 'CLAUSE_CLOSE':
      // `()`: nothing inside.
      stream.rewind();
      return undefined;
    case 'VARIABLE': {
      const name = token.value as string;
      return valueStage('VALUE', (_l, _r, parameters) => getParameter(parameters, name));
    }
    case 'NUMERIC':
    case 'STRING':
    case 'PATTERN':
    case 'BOOLEAN':
      return literalStage(token.value);
    case 'TIME':
      return literalStage((token.value as TimeLiteral).unixSeconds);
    case 'PREFIX':
      stream.rewind();
      return planPrefix(stream);
    default:
      throw new GovaluateError(`Unable to plan token kind: '${token.kind}', value: '${formatGoValue(token.value)}'`);
  }
};

/**
 * `a.B` (`planAccessor`). Without structs bound (Argo binds gjson values only), access
 * fails at evaluation time; a following clause is planned as govaluate plans a method call.
 */
const planAccessor: Plan = (stream) => {
  if (!stream.hasNext()) return undefined;
  const token = stream.next();
  if (token.kind !== 'ACCESSOR') {
    stream.rewind();
    return planValue(stream);
  }
  let rightStage: Stage | undefined;
  if (stream.hasNext()) {
    const next = stream.next();
    stream.rewind();
    if (next.kind === 'CLAUSE') rightStage = planTokens(stream);
  }
  const parts = token.value as string[];
  return {
    symbol: 'ACCESS',
    right: rightStage,
    operator: (_l, _r, parameters) => {
      getParameter(parameters, parts[0]);
      // Maps, lists and scalars are not Go structs, so the first step always fails.
      throw new GovaluateError(`Unable to access '${parts[1]}', '${parts[0]}' is not a struct`);
    },
    checks: {},
    typeErrorFormat: 'Unable to check left type of accessor',
  };
};

const planPrefix: Plan = precedenceLevel({
  symbols: PREFIX_SYMBOLS,
  kinds: ['PREFIX'],
  typeErrorFormat: PREFIX_ERROR_FORMAT,
  right: planAccessor,
});
const planExponential = precedenceLevel({ symbols: EXPONENTIAL_SYMBOLS, kinds: ['MODIFIER'], typeErrorFormat: MODIFIER_ERROR_FORMAT, left: planAccessor });
const planMultiplicative = precedenceLevel({ symbols: MULTIPLICATIVE_SYMBOLS, kinds: ['MODIFIER'], typeErrorFormat: MODIFIER_ERROR_FORMAT, left: planExponential });
const planAdditive = precedenceLevel({ symbols: ADDITIVE_SYMBOLS, kinds: ['MODIFIER'], typeErrorFormat: MODIFIER_ERROR_FORMAT, left: planMultiplicative });
const planShift = precedenceLevel({ symbols: BITWISE_SHIFT_SYMBOLS, kinds: ['MODIFIER'], typeErrorFormat: MODIFIER_ERROR_FORMAT, left: planAdditive });
const planBitwise = precedenceLevel({ symbols: BITWISE_SYMBOLS, kinds: ['MODIFIER'], typeErrorFormat: MODIFIER_ERROR_FORMAT, left: planShift });
const planComparator = precedenceLevel({ symbols: COMPARATOR_SYMBOLS, kinds: ['COMPARATOR'], typeErrorFormat: COMPARATOR_ERROR_FORMAT, left: planBitwise });
const planLogicalAnd = precedenceLevel({ symbols: new Map([['&&', 'AND']]), kinds: ['LOGICALOP'], typeErrorFormat: LOGICAL_ERROR_FORMAT, left: planComparator });
const planLogicalOr = precedenceLevel({ symbols: new Map([['||', 'OR']]), kinds: ['LOGICALOP'], typeErrorFormat: LOGICAL_ERROR_FORMAT, left: planLogicalAnd });
const planTernary = precedenceLevel({ symbols: TERNARY_SYMBOLS, kinds: ['TERNARY'], typeErrorFormat: TERNARY_ERROR_FORMAT, left: planLogicalOr });
const planSeparator = precedenceLevel({ symbols: SEPARATOR_SYMBOLS, kinds: ['SEPARATOR'], typeErrorFormat: '', left: planTernary });

function planTokens(stream: TokenStream): Stage | undefined {
  return stream.hasNext() ? planSeparator(stream) : undefined;
}

/**
 * Swaps the operators of a run of equal-precedence stages on a right spine so the run
 * associates to the left (`mirrorStageSubtree`, same pointer moves as govaluate).
 */
function mirrorStageSubtree(stages: Stage[]): void {
  const length = stages.length;
  for (const stage of stages) {
    [stage.left, stage.right] = [stage.right, stage.left];
  }
  const root = stages[0];
  const end = stages[length - 1];
  [end.left, root.right] = [root.right, end.left];
  for (let i = 0; i < Math.floor((length - 2) / 2) + 1; i++) {
    const front = stages[i + 1];
    const inverse = stages[length - i - 1];
    [front.right, inverse.right] = [inverse.right, front.right];
  }
  for (let i = 0; i < Math.floor(length / 2); i++) {
    swapOperators(stages[i], stages[length - i - 1]);
  }
}

function swapOperators(a: Stage, b: Stage): void {
  [a.symbol, b.symbol] = [b.symbol, a.symbol];
  [a.operator, b.operator] = [b.operator, a.operator];
  [a.checks, b.checks] = [b.checks, a.checks];
  [a.typeErrorFormat, b.typeErrorFormat] = [b.typeErrorFormat, a.typeErrorFormat];
}

/** `reorderStages`: walks the right spine (left subtrees recursively). */
function reorderStages(root: Stage): void {
  let run: Stage[] = [];
  let precedence = precedenceOf(root.symbol);
  let next: Stage | undefined = root;
  while (next) {
    const current: Stage = next;
    next = current.right;
    if (current.left) reorderStages(current.left);
    const currentPrecedence = precedenceOf(current.symbol);
    if (currentPrecedence === precedence) {
      run.push(current);
      continue;
    }
    if (run.length > 1) mirrorStageSubtree(run);
    run = [current];
    precedence = currentPrecedence;
  }
  if (run.length > 1) mirrorStageSubtree(run);
}

/** `planStages`: tokens (already grammar-checked) to an evaluation tree. */
export function planStages(tokens: readonly Token[]): Stage | undefined {
  const stage = planTokens(new TokenStream(tokens));
  if (stage) reorderStages(stage);
  return stage;
}

/** govaluate's `optimizeTokens`: a constant string right of `=~`/`!~` is compiled now. */
export function compileConstantPatterns(tokens: Token[], compile: (source: string) => CompiledPattern): void {
  tokens.forEach((token, index) => {
    if (token.kind !== 'COMPARATOR' || (token.value !== '=~' && token.value !== '!~')) return;
    const operand = tokens[index + 1];
    if (operand && operand.kind === 'STRING') {
      tokens[index + 1] = { kind: 'PATTERN', value: compile(operand.value as string) };
    }
  });
}
