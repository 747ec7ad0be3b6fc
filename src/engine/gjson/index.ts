/**
 * A port of gjson v1.19 (the path language Argo Events uses for data filters, expr fields
 * and trigger parameters), working on the JSON text as gjson does. See reference §6.
 *
 * Paths: dotted keys with `\` escapes and `*`/`?` wildcards; array index, `#` length,
 * `#.key` mapping, queries `#(path op value)` / `#(...)#` with `== = != < <= > >= % !%`
 * and `~true ~false ~null ~*`; pipes `|`; multipaths `[a,b]` / `{a,b}` / `{name:a}`;
 * JSON Lines `..`; modifiers `@reverse @ugly @pretty @this @valid @flatten @join @keys
 * @values @tostr @fromstr @group @dig`; static values `!true`, `!"lit"`, `!{...}`, `!123`.
 */
import { getResult } from './get';
import { GjsonResult } from './result';

export { GjsonPathError } from './errors';
export type { GjsonResult, GjsonType } from './result';
export { valid } from './valid';

/** gjson `Get`: the value at `path` in `json` (a missing value when absent). Throws {@link GjsonPathError} for unsupported syntax. */
export function get(json: string, path: string): GjsonResult {
  return getResult(json, path);
}
