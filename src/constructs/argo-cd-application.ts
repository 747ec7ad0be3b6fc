import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';

/** Props of {@link ArgoCdApplication}. */
export interface ArgoCdApplicationProps {
  /** Application name. */
  readonly name: string;
  /** Namespace Argo CD runs in. */
  readonly namespace: string;
  /** Argo CD project. */
  readonly project: string;
  /** Git repository holding the synthesized folder. */
  readonly repoUrl: string;
  /** Path of the synthesized folder. */
  readonly path: string;
  /** Git revision. */
  readonly targetRevision: string;
  /** Labels. @default none */
  readonly labels?: Record<string, string>;
}

/**
 * An Argo CD Application syncing the synthesized folder (a kustomization), with
 * automated sync, pruning and self-healing. Objects carry their own namespaces.
 */
export class ArgoCdApplication extends Construct {
  public readonly application: ApiObject;

  constructor(scope: Construct, id: string, props: ArgoCdApplicationProps) {
    super(scope, id);
    this.application = new ApiObject(this, 'Resource', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: props.name, namespace: props.namespace, labels: props.labels ?? {} },
      spec: {
        project: props.project,
        source: { repoURL: props.repoUrl, path: props.path, targetRevision: props.targetRevision },
        destination: { server: 'https://kubernetes.default.svc' },
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          syncOptions: ['ServerSideApply=true'],
        },
      },
    });
  }
}
