/**
 * Trigger `conditions` (reference §8): a boolean expression over dependency names with `&&`, `||`
 * and parentheses. Empty conditions mean the AND of all dependencies. A name that is not a
 * dependency makes the trigger never fire, whatever the rest says (the controller does not catch it).
 */

/** A conditions expression that cannot be parsed. */
export class ConditionsSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConditionsSyntaxError';
  }
}

type Token = { kind: 'name'; text: string } | { kind: '&&' | '||' | '(' | ')' };

/** Parsed expression tree. */
type Condition =
  | { kind: 'name'; name: string }
  | { kind: 'and' | 'or'; left: Condition; right: Condition };

/** Characters that end a dependency name; dependency names may contain `-`, `.`, `_` and digits. */
const NAME_STOP = /[\s()&|!]/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch });
      i++;
    } else if (text.startsWith('&&', i) || text.startsWith('||', i)) {
      tokens.push({ kind: text.slice(i, i + 2) as '&&' | '||' });
      i += 2;
    } else if (NAME_STOP.test(ch)) {
      throw new ConditionsSyntaxError(`unsupported character '${ch}' at position ${i} in conditions '${text}' (only dependency names, &&, || and parentheses are supported)`);
    } else {
      let end = i;
      while (end < text.length && !NAME_STOP.test(text[end])) end++;
      tokens.push({ kind: 'name', text: text.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}

/** Recursive descent: `or := and ('||' and)*`, `and := atom ('&&' atom)*`, `atom := name | '(' or ')'`. */
function parse(text: string): Condition {
  const tokens = tokenize(text);
  let pos = 0;
  const fail = (what: string): never => {
    throw new ConditionsSyntaxError(`invalid conditions '${text}': ${what}`);
  };
  const parseOr = (): Condition => {
    let left = parseAnd();
    while (tokens[pos]?.kind === '||') {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): Condition => {
    let left = parseAtom();
    while (tokens[pos]?.kind === '&&') {
      pos++;
      left = { kind: 'and', left, right: parseAtom() };
    }
    return left;
  };
  const parseAtom = (): Condition => {
    const token = tokens[pos++];
    if (token === undefined) return fail('unexpected end of expression');
    if (token.kind === 'name') return { kind: 'name', name: token.text };
    if (token.kind === '(') {
      const inner = parseOr();
      if (tokens[pos]?.kind !== ')') fail('missing closing parenthesis');
      pos++;
      return inner;
    }
    return fail(`unexpected '${token.kind}'`);
  };
  const result = parseOr();
  if (pos < tokens.length) {
    const token = tokens[pos];
    fail(`unexpected '${token.kind === 'name' ? token.text : token.kind}'`);
  }
  return result;
}

function evaluate(condition: Condition, satisfied: ReadonlySet<string>): boolean {
  switch (condition.kind) {
    case 'name':
      return satisfied.has(condition.name);
    case 'and':
      return evaluate(condition.left, satisfied) && evaluate(condition.right, satisfied);
    case 'or':
      return evaluate(condition.left, satisfied) || evaluate(condition.right, satisfied);
  }
}

/** The dependency names a conditions expression mentions, in order of appearance (duplicates removed). */
export function conditionNames(conditions: string): string[] {
  const names = tokenize(conditions).flatMap(t => (t.kind === 'name' ? [t.text] : []));
  return [...new Set(names)];
}

/**
 * Whether a trigger's conditions hold.
 * @param conditions the trigger's `conditions` (empty or blank: all of `dependencyNames` must be satisfied)
 * @param dependencyNames every dependency of the Sensor
 * @param satisfied the dependencies whose event passed
 * @throws ConditionsSyntaxError when the expression cannot be parsed
 */
export function conditionsHold(conditions: string | undefined, dependencyNames: readonly string[], satisfied: ReadonlySet<string>): boolean {
  if (conditions === undefined || conditions.trim() === '') {
    return dependencyNames.length > 0 && dependencyNames.every(name => satisfied.has(name));
  }
  const condition = parse(conditions);
  if (conditionNames(conditions).some(name => !dependencyNames.includes(name))) return false;
  return evaluate(condition, satisfied);
}
