/**
 * What the simulator cannot evaluate, kept apart from what Argo Events decides.
 *
 * Two kinds of input get no verdict here:
 * - input nested or chained more deeply than JavaScript's call stack allows (10,000 nested
 *   parentheses in an expression or a template, a 20,000-term `||`, data nested thousands of
 *   levels deep). The engine's parsers and evaluators recurse the way Go's do,
 *   but Go's goroutine stacks grow to 1 GB and V8's stack is fixed (about 10,000 frames), so
 *   where Go evaluates, or fails with one of its own limits (encoding/json and text/template
 *   stop at 10,000 levels), the simulator runs out of stack first;
 * - evaluations that exceed one of the simulator's own caps on memory and work below, which
 *   Argo does not have (there, such a script or template exhausts the sensor's memory or
 *   hangs it).
 * Both become a {@link SimulatorLimitError}, reported as "cannot evaluate", never as the
 * sensor's verdict (a filter error would mean Argo drops the event).
 */

/** Lua instructions one script filter run may execute (about 0.5 s). */
export const LUA_INSTRUCTION_BUDGET = 10_000_000;

/** Bytes of one Lua string (64 MiB; a webhook payload is at most 1 MiB by default). */
export const LUA_MAX_STRING_BYTES = 64 * 1024 * 1024;

/** Bytes of all strings one script filter run may create, garbage included (1 GiB). */
export const LUA_STRING_BYTES_BUDGET = 1024 * 1024 * 1024;

/** Elements of one list a template function builds (`until`, `untilStep`, `seq`, `concat`). */
export const TEMPLATE_MAX_LIST_LENGTH = 1_000_000;

/** Characters of one string a template function builds (`repeat`), and of a template's output (32 Mi). */
export const TEMPLATE_MAX_STRING_LENGTH = 32 * 1024 * 1024;

/** The start of every "cannot evaluate" message. */
export const CANNOT_EVALUATE = 'the simulator cannot evaluate this input';

/** An evaluation the simulator cannot complete; not Argo's verdict. */
export class SimulatorLimitError extends Error {
  /** @param reason why, e.g. `a Lua string over 67108864 bytes (the simulator's cap; Argo has none)` */
  constructor(reason: string) {
    super(`${CANNOT_EVALUATE}: ${reason}`);
    this.name = 'SimulatorLimitError';
  }
}

/** The reason for a cap: `<what> (the simulator's cap, not Argo's: <what Argo does>)`. */
export function capReason(what: string, argo: string): string {
  return `${what} (the simulator's cap, not Argo's: ${argo})`;
}

const STACK_OVERFLOW = 'nested or chained too deeply for the simulator\'s JavaScript stack (Argo evaluates on growable Go stacks; where Go has a depth limit, it is 10,000 levels)';

/**
 * The {@link SimulatorLimitError} an error stands for: itself, or a JavaScript RangeError for
 * a stack overflow or a string or array too long for V8; undefined for any other error.
 */
export function asSimulatorLimit(err: unknown): SimulatorLimitError | undefined {
  if (err instanceof SimulatorLimitError) return err;
  if (!(err instanceof RangeError)) return undefined;
  if (/call stack/i.test(err.message)) return new SimulatorLimitError(STACK_OVERFLOW);
  if (/Invalid (string|array|typed array) length|allocation failed/i.test(err.message)) {
    return new SimulatorLimitError(`a value larger than JavaScript allows (${err.message})`);
  }
  return undefined;
}

const OUT_OF_MEMORY = 'no limit; the sensor would run out of memory';

/** Throws when a template function would build a list longer than {@link TEMPLATE_MAX_LIST_LENGTH}. */
export function checkTemplateListLength(func: string, length: number): void {
  if (length > TEMPLATE_MAX_LIST_LENGTH) {
    throw new SimulatorLimitError(capReason(`template function ${func} would build a list of ${length} elements, over ${TEMPLATE_MAX_LIST_LENGTH}`, OUT_OF_MEMORY));
  }
}

/** Throws when a template function or output would be longer than {@link TEMPLATE_MAX_STRING_LENGTH}. */
export function checkTemplateStringLength(what: string, length: number): void {
  if (length > TEMPLATE_MAX_STRING_LENGTH) {
    throw new SimulatorLimitError(capReason(`${what} would be ${length} characters long, over ${TEMPLATE_MAX_STRING_LENGTH}`, OUT_OF_MEMORY));
  }
}
