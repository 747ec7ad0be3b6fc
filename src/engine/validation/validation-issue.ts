/**
 * The one result type of every validator in this folder.
 */

/** A JSON path into the validated object: keys and array indices. */
export type IssuePath = (string | number)[];

/** One reason an object would be rejected (or silently changed) by Kubernetes or Argo Events. */
export interface ValidationIssue {
  /** JSON path into the object, e.g. `['spec','dependencies',0,'filters','data',1,'comparator']`. */
  readonly path: IssuePath;
  /** Stable rule id, e.g. `controller/data-filter-comparator`, `schema`, `coderun/unknown-field`. */
  readonly rule: string;
  /** Human text, close to the controller's own error text where it is known. */
  readonly message: string;
}

/** Renders a path the way people write it: `spec.dependencies[0].filters`. */
export function formatIssuePath(path: readonly (string | number)[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      text += `[${segment}]`;
    } else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) {
      text += text === '' ? segment : `.${segment}`;
    } else {
      text += `[${JSON.stringify(segment)}]`;
    }
  }
  return text === '' ? '(root)' : text;
}
