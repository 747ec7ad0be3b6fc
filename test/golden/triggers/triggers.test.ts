/**
 * Replays the trigger-side golden fixtures (fixtures.ndjson, recorded from the real Go code by
 * regenerate.sh: Argo Events params.go at 6478ece, sjson, text/template + sprig v3.3.0, fmt,
 * encoding/json) through the engine, comparing exact bytes and exact error texts.
 */
import { appendFileSync, readFileSync } from 'fs';
import { join } from 'path';
import type { EventContext, SensorEvent } from '../../../src/engine/event';
import { applyParams, constructPayload, TriggerParameterError } from '../../../src/engine/triggers/params';
import { eventDataAsJson } from '../../../src/engine/triggers/event-json';
import { setRaw, setValue, SjsonPathError } from '../../../src/engine/sjson';
import { GoTemplateError, renderTemplate } from '../../../src/engine/go/template';
import { GoJsonError, marshalGo, unmarshalGo } from '../../../src/engine/go/json';

type DocRef = string | number;

interface EventRecord {
  readonly ct?: string;
  readonly time?: string;
  readonly nilContext?: true;
  readonly data: DocRef | null;
}

type Case =
  | { k: 'p'; doc: string; params: unknown[]; event: EventRecord; out?: string; err?: string }
  | { k: 'c'; params: unknown[]; event: EventRecord; out?: string; nil?: true; err?: string }
  | { k: 's'; doc: string; path: string; val: string; raw: boolean; out?: string; err?: string }
  | { k: 't'; tpl: string; in: DocRef; out?: string; err?: string }
  | { k: 'j'; in: string; out?: string; err?: string }
  | { k: 'y'; in: DocRef; out?: string; err?: string };

const lines = readFileSync(join(__dirname, 'fixtures.ndjson'), 'utf8').split('\n').filter((line) => line !== '');
const header = JSON.parse(lines[0]) as { k: 'docs'; docs: string[] };
const cases = lines.slice(1).map((line) => JSON.parse(line) as Case);

const doc = (ref: DocRef): string => (typeof ref === 'number' ? header.docs[ref] : ref);

/** The context fields the generator keeps fixed (go/main.go, eventFor). */
function eventContext(record: EventRecord): EventContext | null {
  if (record.nilContext) return null;
  return {
    id: '0123456789abcdef0123456789abcdef',
    source: 'github',
    specversion: '1.0',
    type: 'github',
    datacontenttype: record.ct ?? '',
    subject: 'org <&>',
    time: record.time ?? '',
  };
}

function events(record: EventRecord): Map<string, SensorEvent> {
  return new Map([['dep', { context: eventContext(record), data: record.data === null ? null : doc(record.data) }]]);
}

/** Runs one case through the engine: its output, or the text of a Go-modelled error. */
function replay(c: Case): { out?: string; nil?: true; err?: string } {
  try {
    switch (c.k) {
      case 'p':
        return { out: applyParams(c.doc, c.params, events(c.event)) };
      case 'c': {
        const payload = constructPayload(c.params, events(c.event));
        return payload === null ? { out: '', nil: true } : { out: payload };
      }
      case 's':
        return { out: c.raw ? setRaw(c.doc, c.path, c.val) : setValue(c.doc, c.path, c.val) };
      case 't':
        return { out: renderTemplate(c.tpl, { Input: unmarshalGo(doc(c.in)) }) };
      case 'j':
        return { out: marshalGo(unmarshalGo(c.in)) };
      case 'y': {
        const converted = eventDataAsJson({ context: eventContext({ ct: 'application/yaml', data: null }), data: doc(c.in) });
        return converted.ok ? { out: converted.json } : { err: converted.error };
      }
    }
  } catch (err) {
    if (err instanceof TriggerParameterError || err instanceof SjsonPathError || err instanceof GoTemplateError || err instanceof GoJsonError) {
      return { err: err.message };
    }
    // Anything else (an engine refusal, a bug) is a difference too.
    return { err: `${(err as Error).name}: ${(err as Error).message}` };
  }
}

const AREAS: Record<Case['k'], string> = {
  p: 'trigger parameters (ApplyParams)',
  c: 'trigger payloads (ConstructPayload)',
  s: 'sjson Set/SetRaw',
  t: 'text/template + sprig + fmt',
  j: 'encoding/json',
  y: 'YAML event data (ghodss/yaml YAMLToJSON)',
};

describe('golden fixtures: trigger side, recorded from Go', () => {
  test('the fixture file holds several thousand cases of every area', () => {
    const counts = new Map<string, number>();
    for (const c of cases) counts.set(c.k, (counts.get(c.k) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(['c', 'j', 'p', 's', 't', 'y']);
    expect(cases.length).toBeGreaterThan(5000);
  });

  test.each(Object.entries(AREAS))('%s: %s agree byte for byte', (kind) => {
    const mine = cases.filter((c) => c.k === kind);
    const differences: string[] = [];
    for (const c of mine) {
      const actual = replay(c);
      const expected = c.err !== undefined ? { err: c.err } : { out: c.out, nil: 'nil' in c ? c.nil : undefined };
      if (actual.err === expected.err && actual.out === expected.out && actual.nil === expected.nil) continue;
      differences.push(JSON.stringify({ case: c, engine: actual }));
    }
    // GOLDEN_DIFFERENCES=<file> lists every difference (one JSON line each) for investigation.
    const dump = process.env.GOLDEN_DIFFERENCES;
    if (dump) appendFileSync(dump, differences.map((line) => line + '\n').join(''));
    const agreement = `${mine.length - differences.length}/${mine.length}`;
    expect({ agreement, differences: differences.slice(0, 15) }).toEqual({ agreement: `${mine.length}/${mine.length}`, differences: [] });
  });
});
