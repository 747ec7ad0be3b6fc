/**
 * Typed views of the trigger-parameter fields of a Sensor held as plain data. Go would refuse
 * to decode a Sensor whose fields have the wrong JSON type, so such input throws.
 */
import { isJsonObject } from '../plain-data';

/** `TriggerParameterSource`: where a parameter's value comes from. */
export interface TriggerParameterSource {
  readonly dependencyName: string;
  readonly contextKey?: string;
  readonly contextTemplate?: string;
  readonly dataKey?: string;
  readonly dataTemplate?: string;
  readonly value?: string;
  readonly useRawData?: boolean;
}

/** `TriggerParameter`: a source, a destination path and an operation. */
export interface TriggerParameter {
  readonly src: TriggerParameterSource;
  readonly dest: string;
  readonly operation?: string;
}

/** A Sensor field that Go could not decode into its declared type. */
export class SensorShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SensorShapeError';
  }
}


function optionalString(obj: Record<string, unknown>, key: string, where: string): string | undefined {
  const value = obj[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SensorShapeError(`${where}.${key} must be a string, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Reads a parameter list (`parameters`, `payload`, ...) from plain data; absent gives [].
 * @throws SensorShapeError for a non-list, a parameter without `src`, or fields of the wrong type
 */
export function parameterList(value: unknown, where = 'parameters'): TriggerParameter[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new SensorShapeError(`${where} must be a list`);
  return value.map((entry, i) => {
    const at = `${where}[${i}]`;
    if (!isJsonObject(entry)) throw new SensorShapeError(`${at} must be an object`);
    if (!isJsonObject(entry.src)) throw new SensorShapeError(`${at}.src is required`);
    const src = entry.src;
    const useRawData = src.useRawData;
    if (useRawData !== undefined && useRawData !== null && typeof useRawData !== 'boolean') {
      throw new SensorShapeError(`${at}.src.useRawData must be a boolean, got ${JSON.stringify(useRawData)}`);
    }
    return {
      src: {
        dependencyName: optionalString(src, 'dependencyName', `${at}.src`) ?? '',
        contextKey: optionalString(src, 'contextKey', `${at}.src`),
        contextTemplate: optionalString(src, 'contextTemplate', `${at}.src`),
        dataKey: optionalString(src, 'dataKey', `${at}.src`),
        dataTemplate: optionalString(src, 'dataTemplate', `${at}.src`),
        value: optionalString(src, 'value', `${at}.src`),
        useRawData: useRawData === true,
      },
      dest: optionalString(entry, 'dest', at) ?? '',
      operation: optionalString(entry, 'operation', at),
    };
  });
}
