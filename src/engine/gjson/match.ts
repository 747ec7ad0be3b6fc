/**
 * Wildcard matching as gjson does it (tidwall/match): `*` matches any run of characters,
 * `?` exactly one code point, `\x` the character `x` literally. The whole string must match.
 */
import { GjsonPathError } from './errors';

/** True when `text` matches the wildcard `pattern` in full. */
export function wildcardMatch(text: string, pattern: string): boolean {
  if (pattern === '*') return true;
  const t = Array.from(text);
  const p = parsePattern(pattern);
  // Classic greedy matching with backtracking to the last star: linear in practice.
  let ti = 0;
  let pi = 0;
  let starP = -1;
  let starT = 0;
  while (ti < t.length) {
    const tok = p[pi];
    if (tok !== undefined && tok.kind === 'star') {
      starP = pi++;
      starT = ti;
    } else if (tok !== undefined && (tok.kind === 'any' || tok.char === t[ti])) {
      pi++;
      ti++;
    } else if (starP >= 0) {
      pi = starP + 1;
      ti = ++starT;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi].kind === 'star') pi++;
  return pi === p.length;
}

type Token = { kind: 'star' } | { kind: 'any' } | { kind: 'char'; char: string };

function parsePattern(pattern: string): Token[] {
  const chars = Array.from(pattern);
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === '*') tokens.push({ kind: 'star' });
    else if (ch === '?') tokens.push({ kind: 'any' });
    else if (ch === '\\') {
      i++;
      if (i >= chars.length) throw new GjsonPathError(`wildcard pattern '${pattern}' ends with a lone backslash`);
      tokens.push({ kind: 'char', char: chars[i] });
    } else tokens.push({ kind: 'char', char: ch });
  }
  return tokens;
}
