/**
 * Masterminds/semver v3.5 (as sprig v3.3.0 uses it; Argo Events 6478ece pins v3.5.0): `NewVersion` (lenient: optional `v`,
 * missing minor/patch), `Compare` with semver's prerelease precedence, and
 * `NewConstraint`/`Check` with comparison operators, `~`/`~>`, `^`, x-ranges (`1.2.x`,
 * `*`), hyphen ranges (`1.2 - 1.4`), `,`/space for AND and `||` for OR. Error texts are
 * the library's (lower case since v3.4.0; `%q`-quoted constraints).
 */
import { quote } from '../strconv';
import { GoCallError } from './funcs';

const MAX_UINT64 = (1n << 64n) - 1n;
const SEMVER = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** A `*semver.Version`. Prints as its normalised `String()`. */
export class GoSemver {
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: string,
    readonly metadata: string,
    readonly original: string,
  ) {}

  /** `Version.String()`: `MAJOR.MINOR.PATCH[-pre][+metadata]`. */
  toString(): string {
    return `${this.major}.${this.minor}.${this.patch}${this.pre ? '-' + this.pre : ''}${this.metadata ? '+' + this.metadata : ''}`;
  }
}

function parseSegment(text: string): bigint {
  const n = BigInt(text);
  if (n > MAX_UINT64) {
    throw new GoCallError(`error parsing version segment: strconv.ParseUint: parsing "${text}": value out of range`);
  }
  return n;
}

/** semver's `NewVersion`; throws {@link GoCallError} with the library's error text. */
export function newVersion(v: string): GoSemver {
  const m = SEMVER.exec(v);
  if (!m) throw new GoCallError('invalid semantic version');
  const pre = m[5] ?? '';
  const metadata = m[8] ?? '';
  const version = new GoSemver(
    parseSegment(m[1]),
    m[2] ? parseSegment(m[2].slice(1)) : 0n,
    m[3] ? parseSegment(m[3].slice(1)) : 0n,
    pre,
    metadata,
    v,
  );
  if (pre !== '') {
    for (const part of pre.split('.')) {
      if (/^[0-9]+$/.test(part) && part.length > 1 && part[0] === '0') throw new GoCallError('version segment starts with 0');
    }
  }
  return version;
}

const cmp = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNum = /^[0-9]+$/.test(s) && BigInt(s) <= MAX_UINT64;
  const oNum = /^[0-9]+$/.test(o) && BigInt(o) <= MAX_UINT64;
  if (!sNum && !oNum) return s > o ? 1 : -1;
  if (!sNum) return 1;
  if (!oNum) return -1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

function comparePrerelease(v: string, o: string): number {
  const sparts = v.split('.');
  const oparts = o.split('.');
  for (let i = 0; i < Math.max(sparts.length, oparts.length); i++) {
    const d = comparePrePart(sparts[i] ?? '', oparts[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** `Version.Compare`: -1, 0 or 1; build metadata is ignored. */
export function compareVersions(v: GoSemver, o: GoSemver): number {
  const d = cmp(v.major, o.major) || cmp(v.minor, o.minor) || cmp(v.patch, o.patch);
  if (d !== 0) return d;
  if (v.pre === '' && o.pre === '') return 0;
  if (v.pre === '') return 1;
  if (o.pre === '') return -1;
  return comparePrerelease(v.pre, o.pre);
}

// ---- constraints

const WS = '[\\t\\n\\f\\r ]';
const OPS = '=||!=|>|<|>=|=>|<=|=<|~|~>|\\^';
const CV = 'v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?';
const CONSTRAINT = new RegExp(`^${WS}*(${OPS})${WS}*(${CV})${WS}*$`);
const CONSTRAINT_RANGE = new RegExp(`${WS}*(${CV})${WS}+-${WS}+(${CV})${WS}*`, 'g');
const FIND_CONSTRAINT = new RegExp(`(${OPS})${WS}*(${CV})`, 'g');
const VALID_CONSTRAINT = new RegExp(`^(${WS}*(${OPS})${WS}*(${CV})${WS}*)((?:${WS}+|,${WS}*)(${OPS})${WS}*(${CV})${WS}*)*$`);

interface Constraint {
  readonly op: string;
  readonly con: GoSemver;
  readonly dirty: boolean;
  readonly minorDirty: boolean;
  readonly patchDirty: boolean;
}

const isX = (s: string): boolean => s === 'x' || s === 'X' || s === '*';

function parseConstraint(c: string): Constraint {
  const m = CONSTRAINT.exec(c);
  if (!m) throw new GoCallError(`improper constraint: ${quote(c)}`);
  const major = m[3];
  const minor = m[4] ?? '';
  const patch = m[5] ?? '';
  const pre = m[6] ?? '';
  let ver = m[2];
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major)) {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.slice(1)) || minor === '') {
    minorDirty = true;
    dirty = true;
    ver = `${major}.0.0${pre}`;
  } else if (isX(patch.slice(1)) || patch === '') {
    patchDirty = true;
    dirty = true;
    ver = `${major}${minor}.0${pre}`;
  }
  let con: GoSemver;
  try {
    con = newVersion(ver);
  } catch {
    throw new GoCallError('constraint parser error');
  }
  return { op: m[1], con, dirty, minorDirty, patchDirty };
}

/** Hyphen ranges become `>= a, <= b` first, as semver's `rewriteRange` does. */
function rewriteRange(c: string): string {
  let out = c;
  for (const m of c.matchAll(CONSTRAINT_RANGE)) out = out.replace(m[0], `>= ${m[1]}, <= ${m[11]}`);
  return out;
}

/** semver's `NewConstraint`: OR groups of AND-ed constraints. */
export function newConstraint(text: string): Constraint[][] {
  return rewriteRange(text).split('||').map((group) => {
    if (!VALID_CONSTRAINT.test(group)) throw new GoCallError(`improper constraint: ${quote(group)}`);
    const found = [...group.matchAll(FIND_CONSTRAINT)].map((m) => m[0]);
    return (found.length > 0 ? found : [group]).map(parseConstraint);
  });
}

const lessThan = (v: GoSemver, o: GoSemver): boolean => compareVersions(v, o) < 0;

function tilde(v: GoSemver, c: Constraint): boolean {
  if (lessThan(v, c.con)) return false;
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty) return true;
  if (v.major !== c.con.major) return false;
  return !(v.minor !== c.con.minor && !c.minorDirty);
}

function notEqual(v: GoSemver, c: Constraint): boolean {
  if (c.dirty) {
    if (v.pre !== '' && c.con.pre === '') return false;
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.pre !== '' || c.con.pre !== '') return comparePrerelease(v.pre, c.con.pre) !== 0;
      return false;
    }
  }
  return compareVersions(v, c.con) !== 0;
}

function greaterThan(v: GoSemver, c: Constraint): boolean {
  if (!c.dirty) return compareVersions(v, c.con) === 1;
  if (v.major > c.con.major) return true;
  if (v.major < c.con.major) return false;
  if (c.minorDirty) return false;
  if (c.patchDirty) return v.minor > c.con.minor;
  return compareVersions(v, c.con) === 1;
}

function lessThanEqual(v: GoSemver, c: Constraint): boolean {
  if (!c.dirty) return compareVersions(v, c.con) <= 0;
  if (v.major > c.con.major) return false;
  return !(v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty);
}

function caret(v: GoSemver, c: Constraint): boolean {
  if (lessThan(v, c.con)) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (c.con.major === 0n && v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  if (c.con.minor === 0n && v.minor > 0n) return false;
  return c.con.patch === v.patch;
}

function checkOne(v: GoSemver, c: Constraint): boolean {
  // A prerelease version only satisfies constraints that name a prerelease themselves
  // (semver checks `!=` for this only when the constraint has wildcards).
  if (c.op === '!=') return notEqual(v, c);
  if (v.pre !== '' && c.con.pre === '') return false;
  switch (c.op) {
    case '': case '=': return c.dirty ? tilde(v, c) : compareVersions(v, c.con) === 0;
    case '>': return greaterThan(v, c);
    case '<': return compareVersions(v, c.con) < 0;
    case '>=': case '=>': return compareVersions(v, c.con) >= 0;
    case '<=': case '=<': return lessThanEqual(v, c);
    case '~': case '~>': return tilde(v, c);
    default: return caret(v, c);
  }
}

/** `Constraints.Check`: true when every constraint of some OR group holds. */
export function checkConstraint(constraint: Constraint[][], v: GoSemver): boolean {
  return constraint.some((group) => group.every((c) => checkOne(v, c)));
}
