/**
 * Script filter (reference §5): a Lua 5.1 script over the global table `event` (the
 * payload object); passes only when the last returned value is Lua `true`.
 */
import type { SensorEvent } from '../event';
import { GoJsonError, unmarshalGo } from '../go/json';
import { FilterOutcome, failWith, PASS, StepSink } from './outcome';

/** The Lua VM, loaded on the first script filter: most Sensors have none, and it costs ~80 ms. */
function lua(): typeof import('../lua') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../lua') as typeof import('../lua');
}

/**
 * Argo Events' `filterScript`: `""` passes; a nil event is an error; nil data passes;
 * otherwise the script runs and its error (syntax, runtime, data not a JSON object) is
 * returned as is (not wrapped in `script filter error (...)`).
 */
export function filterScript(event: SensorEvent | null, script: unknown): FilterOutcome {
  if (script !== undefined && script !== null && typeof script !== 'string') {
    throw new Error(`filters.script must be a string, got ${typeof script}`);
  }
  return evaluateScriptFilter(script ?? '', event, undefined);
}

/** The script filter with an explanation sink; the engine behind {@link filterScript}. */
export function evaluateScriptFilter(script: string, event: SensorEvent | null, steps: StepSink): FilterOutcome {
  if (script === '') return PASS;
  const fail = (message: string): FilterOutcome => {
    steps?.push({ kind: 'script', subject: 'script', description: `script: error: ${message}`, passed: false, error: message });
    return failWith(message);
  };
  if (event === null) return fail('nil event');
  if (event.data === null) {
    steps?.push({ kind: 'script', subject: 'script', description: 'script: nil data -> pass', passed: true });
    return PASS;
  }
  const { LuaScriptError, runScriptFilter } = lua();
  let passed: boolean;
  try {
    // Go decodes the payload with encoding/json first; its syntax errors are the filter's error.
    passed = runScriptFilter(script, unmarshalGo(event.data));
  } catch (err) {
    if (err instanceof LuaScriptError || err instanceof GoJsonError) return fail(err.message);
    throw err;
  }
  steps?.push({ kind: 'script', subject: 'script', description: `script: returned ${passed ? 'true' : 'not true'} -> ${passed ? 'pass' : 'no match'}`, passed });
  return { passed, error: null };
}
