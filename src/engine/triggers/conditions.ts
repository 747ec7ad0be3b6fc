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

/** One open parenthesis (or the whole expression): the `||` of the finished `&&` terms, and the current term. */
interface Group {
  anyTerm: boolean;
  term: boolean;
}

/**
 * Parses and evaluates `or := and ('||' and)*`, `and := atom ('&&' atom)*`,
 * `atom := name | '(' or ')'` in one pass with an explicit stack of open parentheses, so that
 * conditions of any length and nesting evaluate as govaluate does in Argo (Go's stacks grow;
 * recursion here would overflow V8's stack from a few thousand levels).
 * @throws ConditionsSyntaxError at the first token the grammar does not allow
 */
function evaluate(text: string, satisfied: ReadonlySet<string>): boolean {
  const tokens = tokenize(text);
  const fail = (what: string): never => {
    throw new ConditionsSyntaxError(`invalid conditions '${text}': ${what}`);
  };
  const groups: Group[] = [{ anyTerm: false, term: true }];
  const top = (): Group => groups[groups.length - 1];
  let pos = 0;
  for (;;) {
    // Expecting an atom: open parentheses until a name.
    let token = tokens[pos++];
    while (token?.kind === '(') {
      groups.push({ anyTerm: false, term: true });
      token = tokens[pos++];
    }
    if (token === undefined) return fail('unexpected end of expression');
    if (token.kind !== 'name') return fail(`unexpected '${token.kind}'`);
    let value = satisfied.has(token.text);
    // After an atom: close parentheses, then an operator or the end.
    for (;;) {
      top().term = top().term && value;
      const next = tokens[pos];
      if (next?.kind !== ')' || groups.length === 1) break;
      pos++;
      const closed = groups.pop() as Group;
      value = closed.anyTerm || closed.term;
    }
    const next = tokens[pos];
    if (next?.kind === '&&' || next?.kind === '||') {
      pos++;
      if (next.kind === '||') {
        top().anyTerm = top().anyTerm || top().term;
        top().term = true;
      }
      continue;
    }
    if (groups.length > 1) return fail('missing closing parenthesis');
    if (next !== undefined) return fail(`unexpected '${next.kind === 'name' ? next.text : next.kind}'`);
    return top().anyTerm || top().term;
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
  const holds = evaluate(conditions, satisfied);
  if (conditionNames(conditions).some(name => !dependencyNames.includes(name))) return false;
  return holds;
}
