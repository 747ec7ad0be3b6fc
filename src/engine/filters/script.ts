/**
 * Script filter (reference §5): a Lua 5.1 script over the global table `event` (the
 * payload object); passes only when the last returned value is Lua `true`.
 */
import type { SensorEvent } from '../event';
import { GoJsonError, unmarshalGo } from '../go/json';
import type { FilterOutcome, ScriptFilterStep, StepsOutcome } from './outcome';

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
  const { passed, error } = evaluateScriptFilter(script ?? '', event);
  return { passed, error };
}

/** The script filter with its step; the engine behind {@link filterScript}. */
export function evaluateScriptFilter(script: string, event: SensorEvent | null): StepsOutcome<ScriptFilterStep> {
  if (script === '') return { passed: true, error: null, steps: [] };
  const fail = (message: string): StepsOutcome<ScriptFilterStep> =>
    ({ passed: false, error: message, steps: [{ kind: 'script', subject: 'script', passed: false, error: message }] });
  if (event === null) return fail('nil event');
  if (event.data === null) return { passed: true, error: null, steps: [{ kind: 'script', subject: 'script', passed: true, nilData: true }] };
  const { LuaScriptError, runScriptFilter } = lua();
  let passed: boolean;
  try {
    // Go decodes the payload with encoding/json first; its syntax errors are the filter's error.
    passed = runScriptFilter(script, unmarshalGo(event.data));
  } catch (err) {
    if (err instanceof LuaScriptError || err instanceof GoJsonError) return fail(err.message);
    throw err;
  }
  return { passed, error: null, steps: [{ kind: 'script', subject: 'script', passed }] };
}
