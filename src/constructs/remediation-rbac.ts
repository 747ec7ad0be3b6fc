import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

/** Props of {@link RemediationRbac}. */
export interface RemediationRbacProps {
  /** ServiceAccount the Sensor runs as. */
  readonly serviceAccountName: string;
  /** Namespace of the ServiceAccount (the Sensor's). */
  readonly serviceAccountNamespace: string;
  /** Namespace CodeRuns are created in: the Role and RoleBinding live there. */
  readonly codeRunNamespace: string;
  /** API group of the CodeRun CRD. */
  readonly codeRunGroup: string;
  /** Resource (plural) of the CodeRun CRD. @default 'coderuns' */
  readonly codeRunResource?: string;
  /** Labels for every object. @default none */
  readonly labels?: Record<string, string>;
}

/**
 * Least privilege for the Sensor: its ServiceAccount may only `create` CodeRuns, and
 * only in the CodeRun namespace. No wildcards, nothing cluster-scoped.
 */
export class RemediationRbac extends Construct {
  public readonly serviceAccount: kplus.ServiceAccount;
  public readonly role: kplus.Role;
  public readonly roleBinding: kplus.RoleBinding;

  constructor(scope: Construct, id: string, props: RemediationRbacProps) {
    super(scope, id);
    const labels = props.labels ?? {};
    this.serviceAccount = new kplus.ServiceAccount(this, 'ServiceAccount', {
      metadata: { name: props.serviceAccountName, namespace: props.serviceAccountNamespace, labels },
      // The Sensor pod needs the token to call the API server.
      automountToken: true,
    });
    this.role = new kplus.Role(this, 'Role', {
      metadata: { name: `${props.serviceAccountName}-create-coderuns`, namespace: props.codeRunNamespace, labels },
    });
    this.role.allowCreate(kplus.ApiResource.custom({
      apiGroup: props.codeRunGroup,
      resourceType: props.codeRunResource ?? 'coderuns',
    }));
    this.roleBinding = new kplus.RoleBinding(this, 'RoleBinding', {
      metadata: { name: `${props.serviceAccountName}-create-coderuns`, namespace: props.codeRunNamespace, labels },
      role: this.role,
    });
    this.roleBinding.addSubjects(this.serviceAccount);
  }
}
