/**
 * sprig's `urlParse` and `urlJoin`, over the Go `net/url` port.
 */
import { emptyUrl, hostname, parseUrl, UrlError, urlString, userinfoString, type GoUrl } from '../url';
import { GoMap, goTypeName } from '../values';
import { GoCallError, GoFunc, fn } from './funcs';
import { hasOwn, setKey } from './sprig-values';

function urlParse(v: string): GoMap {
  let u: GoUrl;
  try {
    u = parseUrl(v);
  } catch (err) {
    if (err instanceof UrlError) throw new GoCallError(`unable to parse url: ${err.message}`);
    throw err;
  }
  const out: GoMap = {};
  setKey(out, 'scheme', u.scheme);
  setKey(out, 'host', u.host);
  setKey(out, 'hostname', hostname(u.host));
  setKey(out, 'path', u.path);
  setKey(out, 'query', u.rawQuery);
  setKey(out, 'opaque', u.opaque);
  setKey(out, 'fragment', u.fragment);
  setKey(out, 'userinfo', u.user !== undefined ? userinfoString(u.user) : '');
  return out;
}

/** sprig's `dget`: a string entry, "" when missing; other types panic like Go's assertion. */
function dget(d: GoMap | null, key: string): string {
  if (d === null || !hasOwn(d, key)) return '';
  const v = d[key];
  if (typeof v === 'string') return v;
  throw new GoCallError(`interface conversion: interface {} is ${v === null ? 'nil' : goTypeName(v)}, not string`);
}

function urlJoin(d: GoMap | null): string {
  const u = emptyUrl();
  u.scheme = dget(d, 'scheme');
  u.host = dget(d, 'host');
  u.path = dget(d, 'path');
  u.rawQuery = dget(d, 'query');
  u.opaque = dget(d, 'opaque');
  u.fragment = dget(d, 'fragment');
  const userinfo = dget(d, 'userinfo');
  if (userinfo !== '') {
    try {
      u.user = parseUrl(`proto://${userinfo}@host`).user;
    } catch (err) {
      if (err instanceof UrlError) throw new GoCallError(`unable to parse userinfo in dict: ${err.message}`);
      throw err;
    }
  }
  return urlString(u);
}

/** The URL functions, by sprig name. */
export function urlFuncs(): Array<[string, GoFunc]> {
  return [
    ['urlParse', fn(['string'], ([v]) => urlParse(v as string))],
    ['urlJoin', fn(['map'], ([d]) => urlJoin(d as GoMap | null))],
  ];
}
