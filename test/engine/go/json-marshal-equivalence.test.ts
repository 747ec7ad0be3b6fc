/**
 * marshalGo takes fast paths (JSON.stringify for plain strings, default key sort, String() for
 * safe integers); this checks them, on random values, against the straightforward encoder
 * they replaced (per-character escaping, Go byte-order key sort, Go float format).
 */
import { marshalGo, marshalGoNoHtmlEscape } from '../../../src/engine/go/json';
import { formatFloat } from '../../../src/engine/go/strconv';
import { compareGoStrings } from '../../../src/engine/go/values';

const HEX = '0123456789abcdef';

function referenceString(s: string, escapeHtml: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20) {
      out += c === 0x08 ? '\\b' : c === 0x0c ? '\\f' : c === 0x0a ? '\\n' : c === 0x0d ? '\\r' : c === 0x09 ? '\\t' : '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
    } else if (escapeHtml && (c === 0x3c || c === 0x3e || c === 0x26)) out += '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
    else if (c === 0x2028 || c === 0x2029) out += c === 0x2028 ? '\\u2028' : '\\u2029';
    else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += s[i] + s[i + 1];
        i++;
      } else out += '\\ufffd';
    } else out += s[i];
  }
  return out + '"';
}

function referenceNumber(n: number): string {
  const abs = Math.abs(n);
  const useExp = abs !== 0 && (abs < 1e-6 || abs >= 1e21);
  const text = formatFloat(n, useExp ? 'e' : 'f', -1);
  return useExp ? text.replace(/e-0(\d)$/, 'e-$1') : text;
}

function reference(value: unknown, escapeHtml: boolean): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return referenceNumber(value);
  if (typeof value === 'string') return referenceString(value, escapeHtml);
  if (Array.isArray(value)) return '[' + value.map(v => reference(v, escapeHtml)).join(',') + ']';
  const obj = value as Record<string, unknown>;
  return '{' + Object.keys(obj).sort(compareGoStrings).map(k => referenceString(k, escapeHtml) + ':' + reference(obj[k], escapeHtml)).join(',') + '}';
}

/** A small deterministic PRNG, so failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const CHARS = ['a', 'Z', '0', ' ', '"', '\\', '<', '>', '&', '\n', '\t', '\b', '\f', '\r', '\u0001', '\u001f', '\u007f', 'é', '\u2028', '\u2029', '\ud83d\ude00', '\ud800', '\udfff', '\ue000', '\uffff', '/'];
const NUMBERS = [0, -0, 1, -1, 42, 2 ** 53 - 1, -(2 ** 53), 2 ** 53 + 2, 2 ** 60, 1e20, 1e21, 1e-6, 1e-7, 1.5e-7, 0.1, 3.14, -2.5e300, 123456.789];

function randomValue(next: () => number, depth: number): unknown {
  const kind = Math.floor(next() * (depth > 3 ? 4 : 6));
  const str = (): string => Array.from({ length: Math.floor(next() * 6) }, () => CHARS[Math.floor(next() * CHARS.length)]).join('');
  switch (kind) {
    case 0: return next() < 0.5 ? null : next() < 0.5;
    case 1: return NUMBERS[Math.floor(next() * NUMBERS.length)];
    case 2: return str();
    case 3: return Math.floor(next() * 1e9) - 5e8;
    case 4: return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    default: {
      const obj: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 5); i > 0; i--) obj[str()] = randomValue(next, depth + 1);
      return obj;
    }
  }
}

describe('marshalGo fast paths', () => {
  it('match the straightforward encoder on random values', () => {
    const next = random(20250101);
    for (let i = 0; i < 3000; i++) {
      const value = randomValue(next, 0);
      expect(marshalGo(value)).toBe(reference(value, true));
      expect(marshalGoNoHtmlEscape(value)).toBe(reference(value, false));
    }
  });

  it.each([
    [{ '\ue000': 1, '\ud83d\ude00': 2, a: 3 }, '{"a":3,"\ue000":1,"\ud83d\ude00":2}'],
    [[-0, 2 ** 60, 1e21, 1.5e-7], '[-0,1152921504606847000,1e+21,1.5e-7]'],
    ['a<b>&\u2028\ud800', '"a\\u003cb\\u003e\\u0026\\u2028\\ufffd"'],
  ])('marshals %j as Go does', (value, expected) => {
    expect(marshalGo(value)).toBe(expected);
  });
});
