/**
 * sjson path components: keys separated by `.`, `\` escaping the next character, and a
 * leading `:` forcing an object key even when the key is numeric.
 */
/** One component of an sjson path. */
export interface PathComponent {
  /** The key, escapes removed. */
  readonly part: string;
  /** The key as a gjson path (escapes kept), used to look up an existing value. */
  readonly gpart: string;
  /** A leading `:` was given: always an object key. */
  readonly force: boolean;
}

// sjson v1.2.5 hands paths containing these to gjson's query machinery ("complex paths").
const COMPLEX_CHARS = '|#@*?';

/**
 * Splits an sjson path into components, or returns undefined for a complex path (sjson
 * `parsePath` meeting an unescaped `|`, `#`, `@`, `*` or `?` in any component).
 */
export function parsePath(path: string): PathComponent[] | undefined {
  const components: PathComponent[] = [];
  let rest = path;
  for (;;) {
    let force = false;
    if (rest[0] === ':') {
      force = true;
      rest = rest.slice(1);
    }
    let part = '';
    let gpart = '';
    let i = 0;
    let more = false;
    for (; i < rest.length; i++) {
      const c = rest[i];
      if (c === '.') {
        more = true;
        break;
      }
      if (c === '\\') {
        gpart += c;
        i++;
        if (i < rest.length) {
          part += rest[i];
          gpart += rest[i];
        }
        continue;
      }
      if (COMPLEX_CHARS.includes(c)) return undefined;
      part += c;
      gpart += c;
    }
    components.push({ part, gpart, force });
    if (!more) return components;
    rest = rest.slice(i + 1);
  }
}

/** sjson `atoui`: the component as an array index (digits only, empty counts as 0), or undefined. */
export function arrayIndexOf(component: PathComponent): number | undefined {
  if (component.force) return undefined;
  if (!/^[0-9]*$/.test(component.part)) return undefined;
  return component.part === '' ? 0 : Number(component.part);
}
