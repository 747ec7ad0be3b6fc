/**
 * dependencies.Filter (argo-events 6478ece, filter.go) recorded on generated filters and events:
 * the engine's verdict and exact error text must be Go's.
 */
import type { EventContext, SensorEvent } from '../../../src/engine/event';
import { filterEvent } from '../../../src/engine/filters';
import { replay } from './fixtures';

interface FilterInput {
  readonly filter: unknown;
  readonly operator: string;
  readonly event: { readonly context: Partial<EventContext>; readonly data: string | null };
}

interface FilterOutput {
  readonly pass: boolean;
  readonly error: string | null;
}

function sensorEvent(input: FilterInput['event']): SensorEvent {
  const context: EventContext = {
    type: '',
    source: '',
    subject: '',
    id: '',
    time: '',
    datacontenttype: '',
    specversion: '',
    ...input.context,
  };
  return { context, data: input.data };
}

function run(input: FilterInput): FilterOutput {
  const verdict = filterEvent(sensorEvent(input.event), input.filter, input.operator);
  return { pass: verdict.passed, error: verdict.error };
}

describe.each([
  'filter-data.ndjson',
  'filter-expr.ndjson',
  'filter-context.ndjson',
  'filter-time.ndjson',
  'filter-script.ndjson',
  'filter-mixed.ndjson',
])('%s', (file) => {
  it('gives Go verdicts and error texts', () => {
    const { cases, mismatches } = replay<FilterInput, FilterOutput>(file, run);
    expect(cases).toBeGreaterThan(200);
    expect({ mismatches: mismatches.length, first: mismatches.slice(0, 5) }).toEqual({ mismatches: 0, first: [] });
  });
});
