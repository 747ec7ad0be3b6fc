import type { SensorEvent } from '../../../src/engine/event';
import { newEvaluationCaches } from '../../../src/engine/evaluation-caches';
import { describeFilterStep, filterEvent, FilterSpecError, NIL_CONTEXT_ERROR } from '../../../src/engine/filters';

const ctx = { type: 'github', source: 'github', subject: 'ci', id: '0'.repeat(32), time: '2025-01-01T10:30:00Z', datacontenttype: 'application/json', specversion: '1.0' };
const event: SensorEvent = { context: ctx, data: JSON.stringify({ body: { action: 'completed', workflow_run: { conclusion: 'startup_failure', run_attempt: 1 } } }) };

const dataOk = [{ path: 'body.action', type: 'string', value: ['^completed$'] }];
const dataNo = [{ path: 'body.action', type: 'string', value: ['^queued$'] }];
const dataErr = [{ path: 'body.nope', type: 'string', value: ['x'] }];
const exprOk = [{ expr: 'a == 1', fields: [{ name: 'a', path: 'body.workflow_run.run_attempt' }] }];
const exprNo = [{ expr: 'a == 2', fields: [{ name: 'a', path: 'body.workflow_run.run_attempt' }] }];
const ctxOk = { type: 'github' };
const timeOk = { start: '10:00:00', stop: '11:00:00' };

// The combination rules (kind order, AND stopping at the first error, OR counting configured
// kinds only and dropping the event on any error, kind operators) are recorded from the real
// filter.go in test/golden/filters/filter-mixed.ndjson.

describe('filterEvent: nil event and nil context', () => {
  it('nil event: the data filter reports nil Event under AND', () => {
    expect(filterEvent(null, { data: dataOk }).error).toBe('data filter error (nil Event)');
  });

  it('nil event with only a context filter: the sensor would panic', () => {
    expect(filterEvent(null, { context: ctxOk })).toMatchObject({ passed: false, error: NIL_CONTEXT_ERROR });
  });

  it('nil context even without context/time filters: Go still dereferences it', () => {
    expect(filterEvent({ context: null, data: event.data }, { data: dataOk })).toMatchObject({ passed: false, error: NIL_CONTEXT_ERROR });
  });

  it('nil data passes data and expr filters', () => {
    expect(filterEvent({ context: ctx, data: null }, { data: dataNo, exprs: exprNo }).passed).toBe(true);
  });
});

describe('filterEvent: steps', () => {
  it('explains each evaluated item', () => {
    const verdict = filterEvent(event, {
      exprs: exprOk,
      data: [
        { path: 'body.action', type: 'string', value: ['^completed$'] },
        { path: 'body.workflow_run.run_attempt', type: 'number', value: ['3'], comparator: '<' },
        { path: 'body.workflow_run.conclusion', type: 'string', value: ['^failure$'] },
        { path: 'body.action', type: 'string', value: ['never evaluated'] },
      ],
      context: ctxOk,
      time: timeOk,
    });
    expect(verdict.passed).toBe(false);
    for (const step of verdict.steps) expect(describeFilterStep(step).startsWith(`${step.subject}: `)).toBe(true);
    expect(verdict.steps.map((s) => [s.kind, s.index, describeFilterStep(s), s.passed])).toEqual([
      ['expr', 0, 'exprs[0] a == 1: with {a=1} -> true', true],
      ['data', 0, 'data[0] body.action: "completed" =~ ^completed$ -> match', true],
      ['data', 1, 'data[1] body.workflow_run.run_attempt: 1 < 3 -> match', true],
      ['data', 2, 'data[2] body.workflow_run.conclusion: "startup_failure" =~ ^failure$ -> no match', false],
      ['context', undefined, 'context: type "github" == "github" -> match', true],
      ['time', undefined, 'time: 10:00:00 <= t < 11:00:00 (UTC) -> inside', true],
    ]);
  });

  it('records the error of a failing step', () => {
    const verdict = filterEvent(event, { data: dataErr });
    expect(verdict.steps).toEqual([
      { kind: 'data', index: 0, subject: 'data[0] body.nope', passed: false, error: "path 'body.nope' does not exist" },
    ]);
    expect(describeFilterStep(verdict.steps[0])).toBe("data[0] body.nope: error: path 'body.nope' does not exist");
  });

  it('names which of several values matched, and values not tried', () => {
    const verdict = filterEvent(event, { data: [{ path: 'body.action', type: 'string', value: ['^queued$', 'complete', '[bad'] }] });
    expect(verdict.steps[0]).toEqual({
      kind: 'data', index: 0, subject: 'data[0] body.action', passed: true,
      comparison: { type: 'string', actual: 'completed', comparator: '', tried: ['^queued$', 'complete'], total: 3 },
    });
    expect(describeFilterStep(verdict.steps[0])).toBe('data[0] body.action: "completed" =~ [^queued$, complete, ... 1 not tried] -> match (value "complete")');
  });

  it('records what was compared as data, whose text is made afterwards', () => {
    const verdict = filterEvent(event, {
      exprs: [{ expr: 'a + 1', fields: [{ name: 'a', path: 'body.workflow_run.run_attempt' }] }],
      dataLogicalOperator: 'or',
      data: [{ path: 'body.action', type: 'string', value: ['x'], template: '{{ .Input | upper }}', comparator: '!=' }],
    });
    expect(verdict.steps).toEqual([
      { kind: 'expr', index: 0, subject: 'exprs[0] a + 1', passed: false, bindings: { a: 1 }, result: 2 },
      {
        kind: 'data', index: 0, subject: 'data[0] body.action', passed: true, templateOutput: 'COMPLETED',
        comparison: { type: 'string', actual: 'COMPLETED', comparator: '!=', tried: ['x'], total: 1 },
      },
    ]);
    expect(verdict.steps.map(describeFilterStep)).toEqual([
      'exprs[0] a + 1: with {a=1} -> 2',
      'data[0] body.action: template -> "COMPLETED"; "COMPLETED" !~ x -> match',
    ]);
  });
});

describe('filterEvent: caches', () => {
  it('compiles through the caches it is given, and keeps nothing itself', () => {
    const caches = newEvaluationCaches();
    const filters = {
      data: [{ path: 'body.action', type: 'string', value: ['^completed$'], template: '{{ .Input }}' }],
      exprs: exprOk,
    };
    expect(filterEvent(event, filters, '', caches).passed).toBe(true);
    expect([caches.regexes.size, caches.expressions.size, caches.templates.size]).toEqual([1, 1, 1]);
    expect(filterEvent(event, filters, '', caches).passed).toBe(true);
    expect([caches.regexes.size, caches.expressions.size, caches.templates.size]).toEqual([1, 1, 1]);
    const other = newEvaluationCaches();
    expect(filterEvent(event, { data: dataNo }, '', other).passed).toBe(false);
    expect([caches.regexes.size, other.regexes.size]).toEqual([1, 1]);
  });
});

describe('filterEvent: malformed filters', () => {
  it.each([
    [[], 'filters must be an object, got a list'],
    [{ dat: [] }, 'filters has unknown field "dat" (known: exprs, data, context, time, script, dataLogicalOperator, exprLogicalOperator)'],
    [{ script: 1 }, 'filters.script must be a string, got number 1 (quote it in YAML)'],
    [{ exprs: [{ expr: 'a', fields: [{ name: 'a', path: 1 }] }] }, 'filters.exprs[0].fields[0].path must be a string, got number 1 (quote it in YAML)'],
    [{ time: { start: '10:00:00', end: '11:00:00' } }, 'filters.time has unknown field "end" (known: start, stop, timezone)'],
  ])('%j', (filters, message) => {
    expect(() => filterEvent(event, filters)).toThrow(new FilterSpecError(message));
  });
});
