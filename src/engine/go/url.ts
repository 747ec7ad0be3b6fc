/**
 * The parts of Go's `net/url` the engine needs: `url.QueryUnescape` (form-encoded webhook
 * bodies), and `url.Parse` (scheme, opaque, userinfo, host and port checks, percent-decoding
 * of path and fragment), `Hostname()`, `Userinfo.String()` and `URL.String()` (sprig's
 * `urlParse`/`urlJoin`). Errors are worded as Go words them.
 */
import { quote } from './strconv';

type Mode = 'path' | 'host' | 'zone' | 'userPassword' | 'queryComponent' | 'fragment';

/** A URL Go's `net/url` rejects; the message is Go's. */
export class UrlError extends Error {}

const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const unhex = (c: number): number => parseInt(String.fromCharCode(c), 16);

/** Go's `shouldEscape`. */
function shouldEscape(c: number, mode: Mode): boolean {
  const ch = String.fromCharCode(c);
  if (/[a-zA-Z0-9]/.test(ch)) return false;
  if ((mode === 'host' || mode === 'zone') && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case 'path': return ch === '?';
      case 'userPassword': return '@/?:'.includes(ch);
      case 'queryComponent': return true;
      case 'fragment': return false;
      default: break;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(ch)) return false;
  return true;
}

/** Go's `url.unescape` (bytes in, bytes out; errors as Go words them). */
function unescape(s: string, mode: Mode): string {
  const b = Buffer.from(s, 'utf8');
  for (let i = 0; i < b.length;) {
    if (b[i] === 0x25) {
      if (i + 2 >= b.length || !isHex(b[i + 1]) || !isHex(b[i + 2])) {
        throw new UrlError(`invalid URL escape ${quote(b.subarray(i, i + 3).toString('latin1'))}`);
      }
      if (mode === 'host' && unhex(b[i + 1]) < 8 && b.subarray(i, i + 3).toString('latin1') !== '%25') {
        throw new UrlError(`invalid URL escape ${quote(b.subarray(i, i + 3).toString('latin1'))}`);
      }
      i += 3;
    } else {
      if ((mode === 'host' || mode === 'zone') && b[i] < 0x80 && shouldEscape(b[i], mode)) {
        throw new UrlError(`invalid character ${quote(String.fromCharCode(b[i]))} in host name`);
      }
      i++;
    }
  }
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x25) {
      out.push(unhex(b[i + 1]) * 16 + unhex(b[i + 2]));
      i += 2;
    } else if (b[i] === 0x2b && mode === 'queryComponent') {
      out.push(0x20);
    } else {
      out.push(b[i]);
    }
  }
  return Buffer.from(out).toString('utf8');
}

/** Go's `url.escape`. */
function escape(s: string, mode: Mode): string {
  let out = '';
  for (const c of Buffer.from(s, 'utf8')) {
    if (shouldEscape(c, mode)) {
      out += c === 0x20 && mode === 'queryComponent' ? '+' : '%' + c.toString(16).toUpperCase().padStart(2, '0');
    } else {
      out += String.fromCharCode(c);
    }
  }
  return out;
}

/** `url.Userinfo`. */
export interface Userinfo {
  readonly username: string;
  readonly password?: string;
}

/** The fields of `url.URL` this port keeps. */
export interface GoUrl {
  scheme: string;
  opaque: string;
  user?: Userinfo;
  host: string;
  path: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
}

/** `url.URL{}`. */
export const emptyUrl = (): GoUrl => ({ scheme: '', opaque: '', host: '', path: '', omitHost: false, forceQuery: false, rawQuery: '', fragment: '' });

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new UrlError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

const validOptionalPort = (port: string): boolean => port === '' || /^:[0-9]*$/.test(port);

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${quote(colonPort)} after host`);
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) {
      return unescape(host.slice(0, zone), 'host') + unescape(host.slice(zone, i), 'zone') + unescape(host.slice(i), 'host');
    }
  } else {
    const i = host.lastIndexOf(':');
    if (i !== -1) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${quote(colonPort)} after host`);
    }
  }
  return unescape(host, 'host');
}

const validUserinfo = (s: string): boolean => /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);

function parseAuthority(authority: string): { user?: Userinfo; host: string } {
  const i = authority.lastIndexOf('@');
  const host = parseHost(i < 0 ? authority : authority.slice(i + 1));
  if (i < 0) return { host };
  const userinfo = authority.slice(0, i);
  if (!validUserinfo(userinfo)) throw new UrlError('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  if (colon < 0) return { user: { username: unescape(userinfo, 'userPassword') }, host };
  return {
    user: { username: unescape(userinfo.slice(0, colon), 'userPassword'), password: unescape(userinfo.slice(colon + 1), 'userPassword') },
    host,
  };
}

function parse(raw: string): GoUrl {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new UrlError('net/url: invalid control character in URL');
  const url = emptyUrl();
  if (raw === '*') {
    url.path = '*';
    return url;
  }
  let rest: string;
  [url.scheme, rest] = getScheme(raw);
  url.scheme = url.scheme.toLowerCase();
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      url.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest;
      return url;
    }
    if (rest.split('/')[0].includes(':')) throw new UrlError('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const parsed = parseAuthority(authority);
    url.user = parsed.user;
    url.host = parsed.host;
  } else if (url.scheme !== '' && rest.startsWith('/')) {
    url.omitHost = true;
  }
  url.path = unescape(rest, 'path');
  return url;
}

/** Go's `url.Parse`; throws {@link UrlError} with `parse "<url>": <reason>`. */
export function parseUrl(raw: string): GoUrl {
  const hash = raw.indexOf('#');
  const u = hash < 0 ? raw : raw.slice(0, hash);
  let url: GoUrl;
  try {
    url = parse(u);
  } catch (err) {
    if (err instanceof UrlError) throw new UrlError(`parse ${quote(u)}: ${err.message}`);
    throw err;
  }
  if (hash < 0) return url;
  try {
    url.fragment = unescape(raw.slice(hash + 1), 'fragment');
  } catch (err) {
    if (err instanceof UrlError) throw new UrlError(`parse ${quote(raw)}: ${err.message}`);
    throw err;
  }
  return url;
}

export function userinfoString(u: Userinfo): string {
  return escape(u.username, 'userPassword') + (u.password !== undefined ? ':' + escape(u.password, 'userPassword') : '');
}

/** Go's `URL.Hostname()`. */
export function hostname(host: string): string {
  let h = host;
  const colon = h.lastIndexOf(':');
  if (colon !== -1 && validOptionalPort(h.slice(colon))) h = h.slice(0, colon);
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  return h;
}

/** Go's `URL.String()` (no RawPath/RawFragment: they are never set here). */
export function urlString(u: GoUrl): string {
  let out = '';
  if (u.scheme !== '') out += u.scheme + ':';
  if (u.opaque !== '') {
    out += u.opaque;
  } else {
    if (u.scheme !== '' || u.host !== '' || u.user !== undefined) {
      if (!(u.omitHost && u.host === '' && u.user === undefined)) {
        if (u.host !== '' || u.path !== '' || u.user !== undefined) out += '//';
        if (u.user !== undefined) out += userinfoString(u.user) + '@';
        if (u.host !== '') out += escape(u.host, 'host');
      }
    }
    const path = u.path === '*' ? '*' : escape(u.path, 'path');
    if (path !== '' && path[0] !== '/' && u.host !== '') out += '/';
    if (out === '' && path.split('/')[0].includes(':')) out += './';
    out += path;
  }
  if (u.forceQuery || u.rawQuery !== '') out += '?' + u.rawQuery;
  if (u.fragment !== '') out += '#' + escape(u.fragment, 'fragment');
  return out;
}

/** Go `url.QueryUnescape`: `%XX` escapes and `+` as a space. Throws {@link UrlError}. */
export function queryUnescape(s: string): string {
  return unescape(s, 'queryComponent');
}
