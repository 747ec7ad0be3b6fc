/** gjson v1.19.0 Get recorded on generated documents and paths: Exists, Type, Raw, String, Value. */
import { get } from '../../../src/engine/gjson';
import { marshalGo } from '../../../src/engine/go/json';
import { replay } from './fixtures';

interface GetInput {
  readonly json: string;
  readonly path: string;
}

interface GetOutput {
  readonly exists: boolean;
  readonly type: string;
  readonly raw: string;
  readonly string: string;
  /** Go json.Marshal of Value(), or its error (NaN, Inf). */
  readonly value?: string;
  readonly valueError?: string;
}

function run(input: GetInput): GetOutput {
  const r = get(input.json, input.path);
  const value = r.value();
  const out = { exists: r.exists, type: r.type, raw: r.raw, string: r.string() };
  try {
    return { ...out, value: marshalGo(value === undefined ? null : value) };
  } catch (err) {
    return { ...out, valueError: (err as Error).message };
  }
}

it('gjson.Get answers as gjson v1.19.0', () => {
  const { cases, mismatches } = replay<GetInput, GetOutput>('gjson.ndjson', run);
  expect(cases).toBeGreaterThan(900);
  expect({ mismatches: mismatches.length, first: mismatches.slice(0, 5) }).toEqual({ mismatches: 0, first: [] });
});
