import { Construct } from 'constructs';
import { Sensor, type IoArgoprojEventsV1Alpha1Trigger } from '../../imports/argoproj.io';
import type { DataFilter } from '../filters/data-filter';

/** CPU and memory of a container (Kubernetes quantities). */
export interface ContainerResources {
  readonly requests?: { readonly cpu?: string; readonly memory?: string };
  readonly limits?: { readonly cpu?: string; readonly memory?: string };
}

/** Props of {@link CiFailureSensor}. */
export interface CiFailureSensorProps {
  /** Sensor name. */
  readonly name: string;
  /** Namespace of the Sensor. */
  readonly namespace: string;
  /** ServiceAccount the Sensor pod runs as; it needs the rights the trigger uses. */
  readonly serviceAccountName: string;
  /** Sensor replicas. @default 1 */
  readonly replicas?: number;
  /** Resources of the Sensor container. @default none (the controller's) */
  readonly resources?: ContainerResources;
  /** Name of the EventSource the dependency listens to. */
  readonly eventSourceName: string;
  /** Event name within that EventSource. */
  readonly eventName: string;
  /**
   * The dependency's data filters, all ANDed (e.g. `ciFailureDataFilters(...)`): only an event
   * passing every one fires the trigger. At least one.
   */
  readonly dataFilters: readonly DataFilter[];
  /**
   * The trigger (e.g. `codeRunTrigger(..., DEPENDENCY_NAME, TRIGGER_NAME)`); its parameters must
   * read from {@link DEPENDENCY_NAME}.
   */
  readonly trigger: IoArgoprojEventsV1Alpha1Trigger;
  /** Labels for the Sensor. @default none */
  readonly labels?: Record<string, string>;
}

/** Name of the Sensor's single dependency. */
export const DEPENDENCY_NAME = 'workflow-run-failed';
/** Name of the Sensor's trigger. */
export const TRIGGER_NAME = 'create-coderun';

/**
 * Label the Argo Events controller puts on Sensor pods (`LabelSensorName = "sensor-name"`, argo-events
 * 6478ece pkg/apis/events/v1alpha1/const.go line 187, set by pkg/reconciler/sensor/controller.go
 * lines 125-129 beside `controller: sensor-controller` and `owner-name`).
 */
export const SENSOR_POD_LABEL = 'sensor-name';

/**
 * The Sensor: one dependency on the GitHub EventSource whose data filters pass only
 * real failures of the configured repositories, and one trigger creating a CodeRun.
 * One Sensor serves every repository.
 */
export class CiFailureSensor extends Construct {
  public readonly sensor: Sensor;

  constructor(scope: Construct, id: string, props: CiFailureSensorProps) {
    super(scope, id);
    const problems = propsProblems(props);
    if (problems.length > 0) {
      throw new Error(`CiFailureSensor ${this.node.path}: ${problems.join('; ')}`);
    }
    const resources = props.resources;
    this.sensor = new Sensor(this, 'Resource', {
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels ?? {} },
      spec: {
        replicas: props.replicas ?? 1,
        template: {
          serviceAccountName: props.serviceAccountName,
          ...(resources
            ? {
              container: {
                resources: {
                  ...(resources.requests ? { requests: { ...resources.requests } } : {}),
                  ...(resources.limits ? { limits: { ...resources.limits } } : {}),
                },
              },
            }
            : {}),
        },
        dependencies: [{
          name: DEPENDENCY_NAME,
          eventSourceName: props.eventSourceName,
          eventName: props.eventName,
          filters: { data: [...props.dataFilters] },
        }],
        triggers: [props.trigger],
      },
    });
  }
}

/** What is wrong with the props, each with the fix. */
function propsProblems(props: CiFailureSensorProps): string[] {
  const problems: string[] = [];
  if (props.dataFilters.length === 0) {
    problems.push('dataFilters: give at least one filter; without filters every event of the EventSource fires the trigger');
  }
  const parameters = [...(props.trigger.parameters ?? []), ...(props.trigger.template?.k8S?.parameters ?? [])];
  const foreign = [...new Set(parameters.map(p => p.src?.dependencyName).filter(name => name !== undefined && name !== DEPENDENCY_NAME))];
  if (foreign.length > 0) {
    problems.push(`trigger: its parameters read from ${foreign.map(name => JSON.stringify(name)).join(', ')}, but the dependency is named "${DEPENDENCY_NAME}"; build the trigger with DEPENDENCY_NAME (Argo Events skips a parameter whose dependency it does not know, and the placeholder it should replace is created as is)`);
  }
  if (props.replicas !== undefined && (!Number.isInteger(props.replicas) || props.replicas < 1)) {
    problems.push(`replicas: ${props.replicas} is not a positive integer`);
  }
  return problems;
}
