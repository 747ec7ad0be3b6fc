/**
 * Reading the golden fixtures recorded from the real Go code (see test/golden/README.md) and
 * comparing the engine with them case by case.
 *
 * For maintainers: `GOLDEN_REPORT=1 npx jest test/golden` prints the agreement per fixture;
 * `GOLDEN_DUMP=/some/dir` also writes every mismatch there as `<fixture>.json`.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';

/** One recorded case: the input given to Go and what Go answered. */
export interface GoldenCase<In, Out> {
  readonly in: In;
  readonly out: Out;
}

/** The cases of one fixture file (NDJSON, one case per line). */
export function readFixture<In, Out>(name: string): GoldenCase<In, Out>[] {
  const text = readFileSync(join(__dirname, name), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as GoldenCase<In, Out>);
}

/** JSON text with object keys sorted; `undefined` members dropped as JSON.stringify does. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A case where the engine answered differently, with both answers. */
export interface Mismatch {
  readonly line: number;
  readonly input: unknown;
  readonly go: unknown;
  readonly engine: unknown;
}

/**
 * Replays every case of fixture `name` through `run` and returns the ones whose answer differs
 * from Go's (compared as JSON text with object keys sorted). An exception thrown by `run` counts
 * as a mismatch with its message.
 */
export function replay<In, Out>(name: string, run: (input: In) => unknown): { cases: number; mismatches: Mismatch[] } {
  const cases = readFixture<In, Out>(name);
  const mismatches: Mismatch[] = [];
  cases.forEach((c, i) => {
    let engine: unknown;
    try {
      engine = run(c.in);
    } catch (err) {
      engine = { thrown: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
    }
    if (canonical(engine) !== canonical(c.out)) mismatches.push({ line: i + 1, input: c.in, go: c.out, engine });
  });
  const dump = process.env.GOLDEN_DUMP;
  if (dump) writeFileSync(join(dump, `${name}.json`), JSON.stringify(mismatches, null, 1));
  if (process.env.GOLDEN_REPORT) {
    const agreed = cases.length - mismatches.length;
    process.stdout.write(`golden ${name}: ${agreed}/${cases.length} agree (${((100 * agreed) / cases.length).toFixed(1)}%)\n`);
  }
  return { cases: cases.length, mismatches };
}
