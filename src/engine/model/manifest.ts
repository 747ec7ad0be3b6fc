/**
 * Manifest texts to models: the one way every command reads its Sensors and EventSources
 * (through ../load-yaml.ts: several documents, `kind: List` items, YAML positions).
 */
import * as fs from 'fs';
import { ManifestFileError, readManifestText, type DuplicateKey, type ManifestObject } from '../load-yaml';
import { isJsonObject } from '../plain-data';
import { decodeEventSource, type EventSourceModel } from './event-source';
import { decodeSensor, type SensorModel } from './sensor';

/** A Sensor or an EventSource, and the manifest object it was decoded from. */
export interface ManifestModel {
  readonly model: SensorModel | EventSourceModel;
  readonly object: ManifestObject;
}

/** The Sensors and EventSources of a manifest text, in order, with the text's duplicate keys. */
export interface ManifestModels {
  readonly models: readonly ManifestModel[];
  readonly duplicateKeys: readonly DuplicateKey[];
}

/**
 * Reads and decodes every Sensor and EventSource of a manifest text (other kinds are left out).
 * @throws ManifestFileError on a syntax error (with line and column) or an alias bomb
 */
export function readManifestModels(text: string, source = '<input>'): ManifestModels {
  const { objects, duplicateKeys } = readManifestText(text, source);
  const models = objects.flatMap((object): ManifestModel[] => {
    const { value } = object;
    if (!isJsonObject(value)) return [];
    if (value.kind === 'Sensor') return [{ model: decodeSensor(value, object.locate), object }];
    if (value.kind === 'EventSource') return [{ model: decodeEventSource(value, object.locate), object }];
    return [];
  });
  return { models, duplicateKeys };
}

/**
 * The first Sensor of a manifest text, decoded with its positions; undefined when there is none.
 * @throws ManifestFileError on a syntax error or a duplicate key (with line and column)
 */
export function readSensorManifest(text: string, source = '<input>'): SensorModel | undefined {
  const { objects, duplicateKeys } = readManifestText(text, source);
  const [duplicate] = duplicateKeys;
  if (duplicate) throw ManifestFileError.duplicateKey(source, duplicate);
  const found = objects.find(object => isJsonObject(object.value) && object.value.kind === 'Sensor');
  return found === undefined ? undefined : decodeSensor(found.value, found.locate);
}

/**
 * Reads a file and decodes the first Sensor in it.
 * @throws ManifestFileError when the file is missing or unreadable, not YAML/JSON, or holds no Sensor
 */
export function loadSensorFile(file: string): SensorModel {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ManifestFileError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const sensor = readSensorManifest(text, file);
  if (!sensor) throw new ManifestFileError(`${file}: no Sensor (an object with kind: Sensor) found`);
  return sensor;
}
