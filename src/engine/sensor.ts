/**
 * Offline Sensor simulation: one event offered to every dependency (filters, reference §2-§5),
 * then every trigger whose conditions hold is run (parameters and resource, reference §7-§8).
 */
import type { SensorEvent } from './event';
import { newEvaluationCaches, type EvaluationCaches } from './evaluation-caches';
import { evaluateFilters, filterInput, filterSubjects, readFilters, type FilterInput } from './filters';
import type { FilterStep } from './filters/outcome';
import { asSimulatorLimit } from './limits';
import { conditionsHold, runTrigger } from './triggers';
import { isSensorModel, sensorModelOf, type DependencyModel } from './model/sensor';
import { formatIssuePath, validateAgainstSchema, validateSensorRules, type ValidationIssue } from './validation';

/** The `--json` shape of `simulate`. */
export interface SimulationResult {
  sensor: string;
  /** Controller rules the Sensor breaks (`path: message`); empty when the controller accepts it. */
  validation: string[];
  /**
   * Per dependency: Argo's verdict (`passed`, and the filter `error` that drops the event), or,
   * with `cannotEvaluate` set, no verdict: the simulator could not evaluate the filters (see
   * src/engine/limits.ts); `passed` is then false and `error` null.
   */
  dependencies: { name: string; passed: boolean; error: string | null; cannotEvaluate?: string }[];
  /** Per trigger; `cannotEvaluate` as for dependencies (`fired` false, `error` null). */
  triggers: { name: string; fired: boolean; resource: unknown; error: string | null; cannotEvaluate?: string }[];
}

/** Why a dependency did not see the event at all. */
export type NotOfferedReason = 'event source or event name differs';

/** Per-dependency explanation for the readable report. */
export interface DependencyDetails {
  readonly name: string;
  readonly eventSourceName: string;
  readonly eventName: string;
  /** Set when the event was not offered to this dependency. */
  readonly notOffered?: NotOfferedReason;
  /** The filter steps, in evaluation order (empty when not offered or without filters). */
  readonly steps: readonly FilterStep[];
  /** The dependency's `filters` as written (see {@link notEvaluated}). */
  readonly filters: unknown;
}

/** Per-trigger explanation for the readable report. */
export interface TriggerDetails {
  readonly name: string;
  /** `k8s`, `http`, ...; undefined when the template has no type. */
  readonly type: string | undefined;
  /** The conditions as written (`""`: all dependencies). */
  readonly conditions: string;
  readonly conditionsHeld: boolean;
}

/** What {@link simulateSensor} returns: the JSON result plus explanations. */
export interface SimulationReport extends SimulationResult {
  readonly details: {
    readonly validationIssues: readonly ValidationIssue[];
    readonly dependencies: readonly DependencyDetails[];
    readonly triggers: readonly TriggerDetails[];
  };
}

/** Options of {@link simulateSensor}. */
export interface SimulateOptions {
  /** The action time (k8s create's `events.argoproj.io/action-timestamp` label). Default: now. */
  readonly now?: Date;
  /**
   * `controllerRejections(sensor)` computed beforehand, so that replaying many events through
   * one Sensor validates it once. Default: computed on each call.
   */
  readonly validationIssues?: readonly ValidationIssue[];
  /**
   * Compiled regexes, expressions and templates, kept across calls: replaying many events
   * through one Sensor passes the same caches to every call. Default: new ones for this call.
   */
  readonly caches?: EvaluationCaches;
}

/** `path: message`; schema messages already start with their path. */
function issueText(issue: ValidationIssue): string {
  const path = formatIssuePath(issue.path);
  return issue.message.startsWith(`${path}: `) ? issue.message : `${path}: ${issue.message}`;
}

/**
 * Why the controller would reject the Sensor: fields of a JSON type its Go structs cannot decode
 * (the whole Sensor is then unreadable), then its validation rules (reference §9).
 * @param sensor the Sensor as plain data, or its model
 * @throws TypeError when `sensor` is not an object of kind Sensor
 */
export function controllerRejections(sensor: unknown): ValidationIssue[] {
  const raw = isSensorModel(sensor) ? sensor.raw : sensor;
  const undecodable = validateAgainstSchema(raw).filter(issue => issue.rule === 'schema/type');
  return [...undecodable, ...validateSensorRules(sensor)];
}

/**
 * Runs one event through a Sensor.
 *
 * A dependency sees the event when the event's context matches its `eventSourceName` (context
 * `source`) and `eventName` (context `subject`); an event without context, and a nil event, is
 * offered to every dependency, whose filters then give Argo's verdict on it (`nil Event`, ...).
 * A nil event never satisfies a dependency for the triggers: there is nothing to pass on.
 * A trigger fires when its conditions (default: all dependencies) hold and its resource can be
 * built; a parameter or source error makes it `fired: false` with that error.
 * @param sensor the Sensor's model ({@link decodeSensor}: decode once to run many events), or
 *   the Sensor as plain data (kind `Sensor`), decoded on each call
 * @param event the event, or null for none
 * @throws TypeError when `sensor` is not an object of kind Sensor
 */
export function simulateSensor(sensor: unknown, event: SensorEvent | null, options: SimulateOptions = {}): SimulationReport {
  const model = sensorModelOf(sensor, 'simulateSensor');
  const validationIssues = options.validationIssues ?? controllerRejections(model);
  const sensorName = model.name ?? '';
  const caches = options.caches ?? newEvaluationCaches();
  // Every dependency reads the same event: its payload is indexed once.
  const input = filterInput(event);

  const dependencyResults: SimulationResult['dependencies'] = [];
  const dependencyDetails: DependencyDetails[] = [];
  const satisfied = new Map<string, SensorEvent>();
  const unknown = new Set<string>();
  for (const dependency of model.dependencies ?? []) {
    const evaluated = evaluateDependency(dependency, input, caches);
    dependencyResults.push(evaluated.result);
    dependencyDetails.push(evaluated.details);
    if (evaluated.result.passed && event !== null) satisfied.set(evaluated.result.name, event);
    if (evaluated.result.cannotEvaluate !== undefined) unknown.add(evaluated.result.name);
  }
  const dependencyNames = dependencyResults.map(d => d.name);

  const triggerResults: SimulationResult['triggers'] = [];
  const triggerDetails: TriggerDetails[] = [];
  const now = options.now ?? new Date();
  for (const trigger of model.triggers ?? []) {
    const template = trigger.template ?? undefined;
    const name = template?.name ?? '';
    const conditions = template?.conditions ?? '';
    const details = { name, type: template?.type, conditions, conditionsHeld: false };
    triggerDetails.push(details);
    try {
      details.conditionsHeld = conditionsHold(conditions, dependencyNames, new Set(satisfied.keys()));
      if (!details.conditionsHeld) {
        // Would the conditions hold had the dependencies without a verdict passed?
        const undecided = unknown.size > 0 && conditionsHold(conditions, dependencyNames, new Set([...satisfied.keys(), ...unknown]));
        const cannotEvaluate = undecided ? { cannotEvaluate: `its conditions depend on ${[...unknown].join(', ')}, which the simulator cannot evaluate` } : {};
        triggerResults.push({ name, fired: false, resource: null, error: null, ...cannotEvaluate });
        continue;
      }
      const built = runTrigger({ trigger, events: satisfied, sensorName, sensorNamespace: model.namespace || undefined, now, templates: caches.templates });
      triggerResults.push({ name, fired: true, resource: built, error: null });
    } catch (err) {
      const limit = asSimulatorLimit(err);
      if (limit !== undefined) triggerResults.push({ name, fired: false, resource: null, error: null, cannotEvaluate: limit.message });
      else triggerResults.push({ name, fired: false, resource: null, error: (err as Error).message });
    }
  }

  return {
    sensor: sensorName,
    validation: validationIssues.map(issueText),
    dependencies: dependencyResults,
    triggers: triggerResults,
    details: { validationIssues, dependencies: dependencyDetails, triggers: triggerDetails },
  };
}

function evaluateDependency(dependency: DependencyModel, input: FilterInput, caches: EvaluationCaches): { result: SimulationResult['dependencies'][number]; details: DependencyDetails } {
  const { event } = input;
  const name = dependency.name ?? '';
  const eventSourceName = dependency.eventSourceName ?? '';
  const eventName = dependency.eventName ?? '';
  const evaluated = (passed: boolean, error: string | null, steps: readonly FilterStep[], notOffered?: NotOfferedReason, cannotEvaluate?: string) => ({
    result: cannotEvaluate === undefined ? { name, passed, error } : { name, passed, error, cannotEvaluate },
    details: { name, eventSourceName, eventName, notOffered, steps, filters: dependency.filters.raw },
  });
  if (event !== null && event.context !== null && (event.context.source !== eventSourceName || event.context.subject !== eventName)) {
    return evaluated(false, null, [], 'event source or event name differs');
  }
  if (dependency.hasTransform) {
    // Transforms (jq/Lua) run before the filters; simulating without them would be a wrong answer.
    return evaluated(false, 'dependency transform (jq/script) cannot be simulated', []);
  }
  try {
    const { evaluable } = dependency.filters;
    // A `filters` the sensor cannot decode drops every event offered with the decoding error.
    if ('error' in evaluable) throw evaluable.error;
    const outcome = evaluateFilters(input, evaluable.spec, dependency.filtersLogicalOperator ?? '', caches);
    return evaluated(outcome.passed, outcome.error, outcome.steps);
  } catch (err) {
    // The one boundary where what the simulator cannot evaluate is told apart from Argo's verdict.
    const limit = asSimulatorLimit(err);
    if (limit !== undefined) return evaluated(false, null, [], undefined, limit.message);
    return evaluated(false, (err as Error).message, []);
  }
}

/**
 * Subjects of the filter items and kinds of a dependency the sensor did not evaluate (AND
 * stopped at a failure, OR at a match, nil data passes the data filters unread...): none when
 * the event was not offered or a filter error was thrown before any step.
 */
export function notEvaluated(details: DependencyDetails): string[] {
  if (details.notOffered || details.steps.length === 0) return [];
  const spec = readFilters(details.filters);
  if (spec === null) return [];
  const seen = new Set(details.steps.map(step => step.subject));
  return filterSubjects(spec).filter(subject => !seen.has(subject));
}
