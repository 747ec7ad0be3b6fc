/**
 * Reading Kubernetes manifests (YAML or JSON, possibly several documents or a `kind: List`) as
 * plain data, and picking the Sensor out of them.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';

/** A manifest file that cannot be read or holds no Sensor; the message is one line. */
export class ManifestFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestFileError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses YAML (JSON is YAML) into plain values, one per non-empty document; the items of a
 * `kind: List` (or `*List`) are flattened in. `source` names the text in error messages.
 * @throws ManifestFileError on a syntax error (with line and column)
 */
export function parseManifests(text: string, source = '<input>'): unknown[] {
  const lineCounter = new YAML.LineCounter();
  const parsed = YAML.parseAllDocuments(text, { prettyErrors: false, lineCounter });
  // An empty stream parses to an EmptyStream (not an array) without documents.
  const documents = Array.isArray(parsed) ? parsed : [];
  const result: unknown[] = [];
  for (const doc of documents) {
    const error = doc.errors[0];
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      const where = `:${line}:${col}`;
      throw new ManifestFileError(`${source}${where}: not valid YAML/JSON: ${error.message.split('\n')[0]}`);
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    if (isObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      result.push(...value.items);
    } else {
      result.push(value);
    }
  }
  return result;
}

/** The first object of kind `Sensor` among manifests, or undefined. */
export function findSensor(manifests: readonly unknown[]): Record<string, unknown> | undefined {
  return manifests.find((m): m is Record<string, unknown> => isObject(m) && m.kind === 'Sensor');
}

/**
 * Reads a file and returns the first Sensor in it.
 * @throws ManifestFileError when the file is missing or unreadable, not YAML/JSON, or holds no Sensor
 */
export function loadSensorFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ManifestFileError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const sensor = findSensor(parseManifests(text, file));
  if (!sensor) throw new ManifestFileError(`${file}: no Sensor (an object with kind: Sensor) found`);
  return sensor;
}
