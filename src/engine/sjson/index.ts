/**
 * A port of sjson v1.2.5's `Set` / `SetRaw` (how Argo Events writes trigger parameters
 * into the trigger resource). See reference §7.
 *
 * Paths: keys separated by `.`; `\` escapes the next character; a numeric key on a
 * missing container creates an array padded with nulls; `:0` forces an object key; `-1`
 * appends to an array. Existing values are replaced in place, keeping the rest of the text.
 */
import { setPath } from './set';

export { SjsonPathError } from './errors';

/** sjson `Set` with a Go string: sets `value` as a JSON string at `path`. Throws {@link SjsonPathError}. */
export function setValue(json: string, path: string, value: string): string {
  return setPath(json, path, value, true);
}

/** sjson `SetRaw`: sets `rawJson` (inserted as is, not validated) at `path`. Throws {@link SjsonPathError}. */
export function setRaw(json: string, path: string, rawJson: string): string {
  return setPath(json, path, rawJson, false);
}
