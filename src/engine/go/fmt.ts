/**
 * Go `fmt`: Sprint, Sprintln, Sprintf and `%v` for the values the engine models
 * (see values.ts). Mistakes print as Go prints them: `%!d(string=x)`, `%!d(MISSING)`,
 * `%!(EXTRA float64=1)`. Verbs that only make sense for Go types the engine never holds
 * (pointers, channels, `%#v` of times and versions) throw instead of printing something made up.
 */
import { canBackquote, formatFloat, quote, quoteRune } from './strconv';
import { formatGoTime } from './time';
import { GoInt, GoStringSlice, GoTime, goTypeName, isGoMap, sortedKeys } from './values';

/** An unsupported formatting request (never a silently different output). */
export class GoFmtUnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoFmtUnsupportedError';
  }
}

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

function clearFlags(): Flags {
  return {
    plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false,
    wid: 0, widPresent: false, prec: 0, precPresent: false,
  };
}

/** Go `fmt.Sprint(v)` / `%v` of one value (`undefined` counts as nil). */
export function sprintValue(v: unknown): string {
  return sprint([v]);
}

/** Go `fmt.Sprint(args...)`: a space goes between operands when neither is a string. */
export function sprint(args: readonly unknown[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !prevString) p.out += ' ';
    p.printArg(arg, 'v');
    prevString = isString;
  });
  return p.out;
}

/** Go `fmt.Sprintln(args...)`: operands separated by spaces, then a newline. */
export function sprintln(args: readonly unknown[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.out += ' ';
    p.printArg(arg, 'v');
  });
  return p.out + '\n';
}

/** Go `fmt.Sprintf(format, args...)`, including `[n]` argument indexes and `*` widths. */
export function sprintf(format: string, args: readonly unknown[]): string {
  const p = new Printer();
  p.doPrintf(format, args);
  return p.out;
}

class Printer {
  out = '';
  f: Flags = clearFlags();
  private reordered = false;
  private goodArgNum = true;

  doPrintf(format: string, a: readonly unknown[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    let i = 0;
    while (i < end) {
      this.goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.out += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.f = clearFlags();
      flagLoop: for (; i < end; i++) {
        switch (format[i]) {
          case '#': this.f.sharp = true; break;
          case '0': this.f.zero = !this.f.minus; break;
          case '+': this.f.plus = true; break;
          case '-': this.f.minus = true; this.f.zero = false; break;
          case ' ': this.f.space = true; break;
          default: break flagLoop;
        }
      }
      [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
      if (i < end && format[i] === '*') {
        i++;
        [this.f.wid, this.f.widPresent, argNum] = intFromArg(a, argNum);
        if (!this.f.widPresent) this.out += '%!(BADWIDTH)';
        if (this.f.wid < 0) {
          this.f.wid = -this.f.wid;
          this.f.minus = true;
          this.f.zero = false;
        }
        afterIndex = false;
      } else {
        [this.f.wid, this.f.widPresent, i] = parseNum(format, i, end);
        if (afterIndex && this.f.widPresent) this.goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) this.goodArgNum = false;
        [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
        if (i < end && format[i] === '*') {
          i++;
          [this.f.prec, this.f.precPresent, argNum] = intFromArg(a, argNum);
          if (this.f.prec < 0) {
            this.f.prec = 0;
            this.f.precPresent = false;
          }
          if (!this.f.precPresent) this.out += '%!(BADPREC)';
          afterIndex = false;
        } else {
          [this.f.prec, this.f.precPresent, i] = parseNum(format, i, end);
          if (!this.f.precPresent) {
            this.f.prec = 0;
            this.f.precPresent = true;
          }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
      if (i >= end) {
        this.out += '%!(NOVERB)';
        break;
      }
      const verb = String.fromCodePoint(format.codePointAt(i)!);
      i += verb.length;
      if (verb === '%') {
        this.out += '%';
      } else if (!this.goodArgNum) {
        this.out += `%!${verb}(BADINDEX)`;
      } else if (argNum >= a.length) {
        this.out += `%!${verb}(MISSING)`;
      } else {
        if (verb === 'v') {
          this.f.sharpV = this.f.sharp;
          this.f.sharp = false;
          this.f.plusV = this.f.plus;
          this.f.plus = false;
        }
        this.printArg(a[argNum], verb);
        argNum++;
      }
    }
    if (!this.reordered && argNum < a.length) {
      this.f = clearFlags();
      this.out += '%!(EXTRA ';
      a.slice(argNum).forEach((arg, k) => {
        if (k > 0) this.out += ', ';
        if (arg === null || arg === undefined) {
          this.out += '<nil>';
        } else {
          this.out += goTypeName(arg) + '=';
          this.printArg(arg, 'v');
        }
      });
      this.out += ')';
    }
  }

  private argNumber(argNum: number, format: string, i: number, numArgs: number): [number, number, boolean] {
    if (format.length <= i || format[i] !== '[') return [argNum, i, false];
    this.reordered = true;
    const [index, wid, ok] = parseArgNumber(format.slice(i));
    if (ok && index >= 0 && index < numArgs) return [index, i + wid, true];
    this.goodArgNum = false;
    return [argNum, i + wid, ok];
  }

  /** Prints one top-level operand (Go's printArg). */
  printArg(arg: unknown, verb: string): void {
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.fmtS(goTypeName(arg));
      return;
    }
    if (verb === 'p') throw new GoFmtUnsupportedError('fmt: %p (pointer) is not supported');
    this.printValue(arg, verb, 0);
  }

  private printValue(v: unknown, verb: string, depth: number): void {
    if (v === null || v === undefined) {
      // A nil element inside a map or slice (an interface holding nil): Go writes it unpadded.
      if (depth > 0) this.out += this.f.sharpV ? 'interface {}(nil)' : '<nil>';
      else this.badVerb(verb, v);
      return;
    }
    if (this.f.sharpV) return this.printGoSyntax(v, depth);
    if (typeof v === 'boolean') return this.fmtBool(v, verb);
    if (typeof v === 'number') return this.fmtFloat(v, verb);
    if (typeof v === 'string') return this.fmtString(v, verb);
    if (v instanceof GoInt) return this.fmtInteger(v, verb);
    if (v instanceof GoTime) {
      if ('vsqxX'.includes(verb)) return this.fmtString(formatGoTime(v, 'String'), verb);
      throw new GoFmtUnsupportedError(`fmt: %${verb} of time.Time is not supported`);
    }
    if (v instanceof GoStringSlice) return this.printList(v.items, verb, depth);
    if (Array.isArray(v)) return this.printList(v, verb, depth);
    if (isGoMap(v)) {
      this.out += 'map[';
      sortedKeys(v).forEach((key, k) => {
        if (k > 0) this.out += ' ';
        this.printValue(key, verb, depth + 1);
        this.out += ':';
        this.printValue(v[key], verb, depth + 1);
      });
      this.out += ']';
      return;
    }
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- names whatever value arrived in the error message
    throw new GoFmtUnsupportedError(`fmt: cannot print value ${String(v)}`);
  }

  /**
   * `%#v` (Go syntax) of the values templates hold: numbers and booleans as `%v`, strings
   * quoted, `map[string]interface {}{"k":1}`, `[]interface {}{1, "a"}`, `[]string{"a"}`
   * (`[]string(nil)` for a nil slice). Times, versions and unsigned integers (Go prints them
   * through methods or in hex) are refused.
   */
  private printGoSyntax(v: unknown, depth: number): void {
    if (typeof v === 'boolean') return this.fmtBool(v, 'v');
    if (typeof v === 'number') return this.fmtFloat(v, 'v');
    if (typeof v === 'string') return this.pad(quote(v));
    if (v instanceof GoInt && v.kind !== 'uint8') return this.fmtInteger(v, 'v');
    if (v instanceof GoStringSlice) {
      this.out += '[]string';
      if (v.isNil) {
        this.out += '(nil)';
        return;
      }
      this.out += '{' + v.items.map((item) => quote(item)).join(', ') + '}';
      return;
    }
    if (Array.isArray(v)) {
      this.out += `${goTypeName(v)}{`;
      v.forEach((item, k) => {
        if (k > 0) this.out += ', ';
        this.printValue(item, 'v', depth + 1);
      });
      this.out += '}';
      return;
    }
    if (isGoMap(v)) {
      this.out += 'map[string]interface {}{';
      sortedKeys(v).forEach((key, k) => {
        if (k > 0) this.out += ', ';
        this.out += quote(key) + ':';
        this.printValue(v[key], 'v', depth + 1);
      });
      this.out += '}';
      return;
    }
    throw new GoFmtUnsupportedError(`fmt: %#v (Go syntax) of ${goTypeName(v)} is not supported`);
  }

  private printList(items: readonly unknown[], verb: string, depth: number): void {
    this.out += '[';
    items.forEach((item, k) => {
      if (k > 0) this.out += ' ';
      this.printValue(item, verb, depth + 1);
    });
    this.out += ']';
  }

  private badVerb(verb: string, v: unknown): void {
    this.out += `%!${verb}(`;
    if (v === null || v === undefined) {
      this.out += '<nil>';
    } else {
      this.out += goTypeName(v) + '=';
      const saved = this.f;
      this.f = { ...saved, sharpV: false };
      this.printValue(v, 'v', 0);
      this.f = saved;
    }
    this.out += ')';
  }

  private fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
    else this.badVerb(verb, v);
  }

  private fmtFloat(v: number, verb: string): void {
    switch (verb) {
      case 'v': return this.fmtFloatWith(v, 'g', -1);
      case 'b': case 'g': case 'G': case 'x': case 'X': return this.fmtFloatWith(v, verb, -1);
      case 'e': case 'E': case 'f': return this.fmtFloatWith(v, verb, 6);
      case 'F': return this.fmtFloatWith(v, 'f', 6);
      default:
        return this.badVerb(verb, v);
    }
  }

  private fmtFloatWith(v: number, verb: 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X', defaultPrec: number): void {
    const prec = this.f.precPresent ? this.f.prec : defaultPrec;
    let num = formatFloat(v, verb, prec);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (this.f.space && num[0] === '+' && !this.f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      // Infinities and NaN are padded with spaces only; NaN drops its sign unless asked.
      if (num[1] === 'N' && !this.f.space && !this.f.plus) num = num.slice(1);
      const zero = this.f.zero;
      this.f.zero = false;
      this.pad(num);
      this.f.zero = zero;
      return;
    }
    if (this.f.sharp && verb !== 'b') num = sharpFloat(num, verb, prec);
    if (this.f.plus || num[0] !== '+') {
      if (this.f.zero && this.f.widPresent && this.f.wid > num.length) {
        this.out += num[0] + '0'.repeat(this.f.wid - num.length) + num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  private fmtInteger(v: GoInt, verb: string): void {
    switch (verb) {
      case 'v': case 'd': return this.fmtIntBase(v.value, 10, verb);
      case 'b': return this.fmtIntBase(v.value, 2, verb);
      case 'o': case 'O': return this.fmtIntBase(v.value, 8, verb);
      case 'x': case 'X': return this.fmtIntBase(v.value, 16, verb);
      case 'c': return this.pad(String.fromCodePoint(validRune(v.value)));
      case 'q': return this.pad(quoteRune(validRune(v.value), this.f.plus));
      case 'U': {
        let s = 'U+' + v.value.toString(16).toUpperCase().padStart(4, '0');
        if (this.f.sharp && v.value >= 0n && v.value <= 0x10ffffn) s += ` '${String.fromCodePoint(Number(v.value))}'`;
        return this.pad(s);
      }
      default: return this.badVerb(verb, v);
    }
  }

  private fmtIntBase(value: bigint, base: number, verb: string): void {
    const negative = value < 0n;
    const abs = negative ? -value : value;
    if (this.f.precPresent && this.f.prec === 0 && abs === 0n) {
      const zero = this.f.zero;
      this.f.zero = false;
      this.out += this.padding(this.f.wid);
      this.f.zero = zero;
      return;
    }
    let minDigits = 0;
    if (this.f.precPresent) {
      minDigits = this.f.prec;
    } else if (this.f.zero && !this.f.minus && this.f.widPresent) {
      minDigits = this.f.wid;
      if (negative || this.f.plus || this.f.space) minDigits--;
    }
    let digits = abs.toString(base);
    if (verb === 'X') digits = digits.toUpperCase();
    digits = digits.padStart(minDigits, '0');
    if (this.f.sharp) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
      else if (base === 16) digits = (verb === 'X' ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    if (negative) digits = '-' + digits;
    else if (this.f.plus) digits = '+' + digits;
    else if (this.f.space) digits = ' ' + digits;
    const zero = this.f.zero;
    this.f.zero = false;
    this.pad(digits);
    this.f.zero = zero;
  }

  private fmtString(v: string, verb: string): void {
    switch (verb) {
      case 'v': case 's': return this.fmtS(v);
      case 'q': return this.fmtQ(v);
      case 'x': case 'X': return this.fmtHex(v, verb);
      default: return this.badVerb(verb, v);
    }
  }

  private fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  private fmtQ(s: string): void {
    const t = this.truncate(s);
    if (this.f.sharp && canBackquote(t)) this.pad('`' + t + '`');
    else this.pad(quote(t, this.f.plus));
  }

  private fmtHex(s: string, verb: string): void {
    const bytes = Buffer.from(s, 'utf8');
    const length = this.f.precPresent && this.f.prec < bytes.length ? this.f.prec : bytes.length;
    let width = 2 * length;
    if (width === 0) {
      if (this.f.widPresent) this.out += this.padding(this.f.wid);
      return;
    }
    if (this.f.space) {
      if (this.f.sharp) width *= 2;
      width += length - 1;
    } else if (this.f.sharp) {
      width += 2;
    }
    const prefix = verb === 'X' ? '0X' : '0x';
    let body = this.f.sharp ? prefix : '';
    for (let i = 0; i < length; i++) {
      if (this.f.space && i > 0) body += this.f.sharp ? ' ' + prefix : ' ';
      const hex = bytes[i].toString(16).padStart(2, '0');
      body += verb === 'X' ? hex.toUpperCase() : hex;
    }
    const pad = this.f.widPresent && this.f.wid > width ? this.padding(this.f.wid - width) : '';
    this.out += this.f.minus ? body + pad : pad + body;
  }

  private truncate(s: string): string {
    if (!this.f.precPresent) return s;
    return Array.from(s).slice(0, this.f.prec).join('');
  }

  private padding(n: number): string {
    return n > 0 ? (this.f.zero ? '0' : ' ').repeat(n) : '';
  }

  private pad(s: string): void {
    if (!this.f.widPresent || this.f.wid === 0) {
      this.out += s;
      return;
    }
    const fill = this.padding(this.f.wid - Array.from(s).length);
    this.out += this.f.minus ? s + fill : fill + s;
  }
}

/**
 * Go's `#` flag on a formatted float (sign first): a decimal point is always printed and, for
 * `%#g`/`%#x`, trailing zeros are restored up to the precision (6 when none was given).
 */
function sharpFloat(signed: string, verb: string, prec: number): string {
  let digits = 'gGx'.includes(verb) ? (prec === -1 ? 6 : prec) : 0;
  let num = signed;
  let tail = '';
  let hasDecimalPoint = false;
  let sawNonzeroDigit = false;
  for (let i = 1; i < num.length; i++) {
    const c = num[i];
    if (c === '.') {
      hasDecimalPoint = true;
    } else if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
      tail = num.slice(i);
      num = num.slice(0, i);
      break;
    } else {
      if (c !== '0') sawNonzeroDigit = true;
      if (sawNonzeroDigit) digits--;
    }
  }
  if (!hasDecimalPoint) {
    if (num.length === 2 && num[1] === '0') digits--;
    num += '.';
  }
  if (digits > 0) num += '0'.repeat(digits);
  return num + tail;
}

function validRune(v: bigint): number {
  // Go prints invalid code points (negative, surrogates, too large) as U+FFFD.
  if (v < 0n || v > 0x10ffffn || (v >= 0xd800n && v <= 0xdfffn)) return 0xfffd;
  return Number(v);
}

function intFromArg(a: readonly unknown[], argNum: number): [number, boolean, number] {
  if (argNum >= a.length) return [0, false, argNum];
  const arg = a[argNum];
  if (arg instanceof GoInt) {
    const tooLarge = arg.value > 1000000n || arg.value < -1000000n;
    return tooLarge ? [0, false, argNum + 1] : [Number(arg.value), true, argNum + 1];
  }
  return [0, false, argNum + 1];
}

function parseNum(s: string, start: number, end: number): [number, boolean, number] {
  if (start >= end) return [0, false, end];
  let num = 0;
  let isNum = false;
  let i = start;
  for (; i < end && s[i] >= '0' && s[i] <= '9'; i++) {
    if (num > 1e6) return [0, false, end];
    num = num * 10 + (s.charCodeAt(i) - 48);
    isNum = true;
  }
  return [num, isNum, i];
}

function parseArgNumber(format: string): [number, number, boolean] {
  if (format.length < 3) return [0, 1, false];
  for (let i = 1; i < format.length; i++) {
    if (format[i] === ']') {
      const [width, ok, newi] = parseNum(format, 1, i);
      if (!ok || newi !== i) return [0, i + 1, false];
      return [width - 1, i + 1, true];
    }
  }
  return [0, 1, false];
}
