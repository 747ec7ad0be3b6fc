/**
 * How template functions are described to the executor: Go parameter types (which drive
 * Go's argument conversion and its "wrong type for value" errors) and an implementation.
 */

/**
 * Go parameter types the engine's functions use. `value` is `reflect.Value` (builtins
 * that see missing values as such), `any` is `interface{}`, `map` is
 * `map[string]interface{}`.
 */
export type ParamType = 'value' | 'any' | 'string' | 'int' | 'int64' | 'float64' | 'bool' | 'map' | 'time';

/** Go's spelling of a parameter type in error messages. */
export const PARAM_TYPE_NAMES: Record<ParamType, string> = {
  value: 'reflect.Value',
  any: 'interface {}',
  string: 'string',
  int: 'int',
  int64: 'int64',
  float64: 'float64',
  bool: 'bool',
  map: 'map[string]interface {}',
  time: 'time.Time',
};

/** A template function. Arguments arrive converted to the declared types. */
export interface GoFunc {
  readonly params: readonly ParamType[];
  /** Element type of a trailing `...T` parameter. */
  readonly variadic?: ParamType;
  /** Throws {@link GoCallError} for a Go error result or a recovered panic. */
  readonly call: (args: unknown[]) => unknown;
  /** The builtins `and`/`or` evaluate their arguments lazily. */
  readonly shortCircuit?: 'and' | 'or';
  /** Go's special case for `call`: the text of the first argument is passed first. */
  readonly calleeName?: boolean;
}

/** An error returned (or panicked) by a template function; Go reports `error calling <fn>: <msg>`. */
export class GoCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoCallError';
  }
}

/**
 * A function that exists in Go (sprig) but that this engine cannot reproduce (or a use of
 * one it cannot reproduce); `reason` says why.
 */
export class UnsupportedFunctionError extends Error {
  constructor(readonly functionName: string, readonly reason?: string) {
    super(`function "${functionName}" exists in sprig but is not supported by this engine${reason ? `: ${reason}` : ''}`);
    this.name = 'UnsupportedFunctionError';
  }
}

/** Declares a function with fixed parameters. */
export function fn(params: readonly ParamType[], call: (args: unknown[]) => unknown): GoFunc {
  return { params, call };
}

/** Declares a function whose last parameter is `...T`. */
export function variadicFn(params: readonly ParamType[], variadic: ParamType, call: (args: unknown[]) => unknown): GoFunc {
  return { params, variadic, call };
}
