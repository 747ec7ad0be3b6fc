import { Construct } from 'constructs';
import { Sensor } from '../../imports/argoproj.io';
import type { ResolvedSettings } from '../config/settings';
import { ciFailureDataFilters } from '../filters/ci-failure-filters';
import { codeRunTrigger } from '../triggers/coderun-trigger';

/** Props of {@link CiFailureSensor}. */
export interface CiFailureSensorProps {
  /** Settings with defaults applied. */
  readonly settings: ResolvedSettings;
  /** Name of the EventSource the dependency listens to. */
  readonly eventSourceName: string;
  /** Event name within that EventSource. */
  readonly eventName: string;
  /** Labels for the Sensor. @default none */
  readonly labels?: Record<string, string>;
}

/** Name of the Sensor's single dependency. */
export const DEPENDENCY_NAME = 'workflow-run-failed';
/** Name of the Sensor's trigger. */
export const TRIGGER_NAME = 'create-coderun';

/**
 * The Sensor: one dependency on the GitHub EventSource whose data filters pass only
 * real failures of the configured repositories, and one trigger creating a CodeRun.
 * One Sensor serves every repository.
 */
export class CiFailureSensor extends Construct {
  public readonly sensor: Sensor;

  constructor(scope: Construct, id: string, props: CiFailureSensorProps) {
    super(scope, id);
    const { settings } = props;
    const s = settings.sensor;
    this.sensor = new Sensor(this, 'Resource', {
      metadata: { name: s.name, namespace: s.namespace, labels: props.labels ?? {} },
      spec: {
        replicas: s.replicas,
        template: {
          serviceAccountName: s.serviceAccountName,
          container: {
            resources: {
              requests: { cpu: s.resources.requests.cpu, memory: s.resources.requests.memory },
              limits: { cpu: s.resources.limits.cpu, memory: s.resources.limits.memory },
            },
          },
        },
        dependencies: [{
          name: DEPENDENCY_NAME,
          eventSourceName: props.eventSourceName,
          eventName: props.eventName,
          filters: { data: ciFailureDataFilters(settings) },
        }],
        triggers: [codeRunTrigger(settings, DEPENDENCY_NAME, TRIGGER_NAME)],
      },
    });
  }
}
