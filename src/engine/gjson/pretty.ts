/**
 * JSON reformatting as gjson's `@pretty` and `@ugly` do it (tidwall/pretty): raw tokens
 * are copied as they are; only whitespace changes. Pretty output keeps arrays on one line
 * when they fit within `width` columns and hold no objects, and ends with a newline.
 */
import { GjsonPathError } from './errors';

/** Options of `@pretty`; defaults: width 80, no prefix, two-space indent. */
export interface PrettyOptions {
  readonly width: number;
  readonly prefix: string;
  readonly indent: string;
  readonly sortKeys: boolean;
}

export const DEFAULT_PRETTY_OPTIONS: PrettyOptions = { width: 80, prefix: '', indent: '  ', sortKeys: false };

/** tidwall/pretty `PrettyOptions`. */
export function pretty(json: string, options: PrettyOptions = DEFAULT_PRETTY_OPTIONS): string {
  if (options.sortKeys) throw new GjsonPathError('@pretty with sortKeys is not supported');
  const f = new Formatter(json, options);
  f.buf = options.prefix;
  f.any(0, true, 0, 0, -1);
  return f.buf.length > 0 ? f.buf + '\n' : f.buf;
}

/** tidwall/pretty `Ugly`: removes every whitespace character outside strings. */
export function ugly(json: string): string {
  let out = '';
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c <= 0x20) continue;
    if (c !== 0x22) {
      out += json[i];
      continue;
    }
    const start = i;
    for (i = i + 1; i < json.length; i++) {
      if (json.charCodeAt(i) !== 0x22) continue;
      let j = i - 1;
      while (json.charCodeAt(j) === 0x5c) j--;
      if ((j - i) % 2 !== 0) break;
    }
    out += json.slice(start, i + 1);
  }
  return out;
}

/** Result of formatting one value: where the input scan stopped, the line start, and success. */
interface Outcome {
  i: number;
  nl: number;
  ok: boolean;
}

class Formatter {
  buf = '';

  constructor(
    private readonly json: string,
    private readonly opts: PrettyOptions,
  ) {}

  any(start: number, isPretty: boolean, tabs: number, nl: number, max: number): Outcome {
    const json = this.json;
    for (let i = start; i < json.length; i++) {
      const c = json[i];
      if (json.charCodeAt(i) <= 0x20) continue;
      if (c === '"') return this.string(i, nl);
      if ((c >= '0' && c <= '9') || c === '-' || isNaNOrInf(json, i)) return this.number(i, nl);
      if (c === '{') return this.container(i, '{', '}', isPretty, tabs, nl, max);
      if (c === '[') return this.container(i, '[', ']', isPretty, tabs, nl, max);
      if (c === 't') {
        this.buf += 'true';
        return { i: i + 4, nl, ok: true };
      }
      if (c === 'f') {
        this.buf += 'false';
        return { i: i + 5, nl, ok: true };
      }
      if (c === 'n') {
        this.buf += 'null';
        return { i: i + 4, nl, ok: true };
      }
    }
    return { i: json.length, nl, ok: true };
  }

  private string(start: number, nl: number): Outcome {
    const json = this.json;
    let i = start + 1;
    for (; i < json.length; i++) {
      if (json[i] !== '"') continue;
      let backslashes = 0;
      for (let j = i - 1; j > start && json[j] === '\\'; j--) backslashes++;
      if (backslashes % 2 === 1) continue;
      i++;
      break;
    }
    this.buf += json.slice(start, i);
    return { i, nl, ok: true };
  }

  private number(start: number, nl: number): Outcome {
    const json = this.json;
    let i = start + 1;
    for (; i < json.length; i++) {
      const c = json[i];
      if (json.charCodeAt(i) <= 0x20 || c === ',' || c === ':' || c === ']' || c === '}') break;
    }
    this.buf += json.slice(start, i);
    return { i, nl, ok: true };
  }

  private container(
    start: number,
    open: string,
    close: string,
    isPretty: boolean,
    tabs: number,
    lineStart: number,
    max: number,
  ): Outcome {
    const json = this.json;
    const { width } = this.opts;
    let nl = lineStart;
    if (width > 0) {
      if (isPretty && open === '[' && max === -1) {
        // Try the array on a single line first.
        const room = width - (this.buf.length - nl);
        if (room > 3) {
          const saved = this.buf;
          const single = this.container(start, '[', ']', false, 0, 0, room);
          if (single.ok && this.buf.length - saved.length <= room) return { i: single.i, nl, ok: true };
          this.buf = saved;
        }
      } else if (max !== -1 && open === '{') {
        return { i: start, nl, ok: false };
      }
    }
    this.buf += open;
    let n = 0;
    for (let i = start + 1; i < json.length; i++) {
      if (json.charCodeAt(i) <= 0x20) continue;
      if (json[i] === close) {
        if (isPretty) {
          if (n > 0) nl = this.newline();
          if (!this.buf.endsWith(open)) this.tabs(tabs);
        }
        this.buf += close;
        return { i: i + 1, nl, ok: open !== '{' };
      }
      if (open === '[' || json[i] === '"') {
        if (n > 0) {
          this.buf += ',';
          if (width !== -1 && open === '[') this.buf += ' ';
        }
        if (isPretty) {
          nl = this.newline();
          this.tabs(tabs + 1);
        }
        let at = i;
        if (open === '{') {
          const key = this.string(i, nl);
          at = key.i;
          this.buf += isPretty ? ': ' : ':';
        }
        const value = this.any(at, isPretty, tabs + 1, nl, max);
        nl = value.nl;
        if (max !== -1 && !value.ok) return { i: value.i, nl, ok: false };
        i = value.i - 1;
        n++;
      }
    }
    return { i: json.length, nl, ok: open !== '{' };
  }

  /** Ends the line, turning a trailing separator space into the newline; returns the new line start. */
  private newline(): number {
    const nl = this.buf.length;
    if (this.buf.endsWith(' ')) {
      this.buf = this.buf.slice(0, -1) + '\n';
    } else {
      this.buf += '\n';
    }
    return nl;
  }

  private tabs(count: number): void {
    this.buf += this.opts.prefix + this.opts.indent.repeat(count);
  }
}

function isNaNOrInf(json: string, i: number): boolean {
  const c = json[i];
  return c === 'i' || c === 'I' || c === '+' || c === 'N' || (c === 'n' && i + 1 < json.length && json[i + 1] !== 'u');
}
