/**
 * sprig's path functions: `base`, `dir`, `clean`, `ext`, `isAbs` are Go's `path` package;
 * the `os*` variants are `path/filepath`, which on Linux (Argo's sensor pods) is the same.
 */
import { GoFunc, fn } from './funcs';

/** Go's `path.Clean`: lexical shortening of `.`/`..`/repeated slashes. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p[0] === '/';
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  if (rooted) return '/' + joined;
  return joined === '' ? '.' : joined;
}

/** Go's `path.Base`. */
export function basePath(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Go's `path.Dir`. */
export function dirPath(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
}

/** Go's `path.Ext`. */
export function extPath(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) {
    if (p[i] === '.') return p.slice(i);
  }
  return '';
}

/** The path functions, by sprig name. */
export function pathFuncs(): Array<[string, GoFunc]> {
  const table: Array<[string, (p: string) => unknown]> = [
    ['base', basePath], ['dir', dirPath], ['clean', cleanPath], ['ext', extPath], ['isAbs', (p) => p.startsWith('/')],
  ];
  return table.flatMap(([name, f]): Array<[string, GoFunc]> => {
    const goFunc = fn(['string'], ([p]) => f(p as string));
    return [[name, goFunc], [`os${name[0].toUpperCase()}${name.slice(1)}`, goFunc]];
  });
}
