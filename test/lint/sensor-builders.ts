/** Small Sensors and EventSources for rule tests. */

/** A valid Sensor with one dependency `dep` (data filters/exprs given) and one k8s trigger. */
export function sensorWith(options: { data?: unknown[]; exprs?: unknown[]; trigger?: Record<string, unknown>; parameters?: unknown[] } = {}): Record<string, unknown> {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name: 's', namespace: 'argo' },
    spec: {
      dependencies: [{
        name: 'dep', eventSourceName: 'github', eventName: 'org',
        filters: { ...(options.data ? { data: options.data } : {}), ...(options.exprs ? { exprs: options.exprs } : {}) },
      }],
      triggers: [options.trigger ?? {
        template: {
          name: 't',
          k8s: {
            operation: 'create',
            source: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { run: '0' } } } },
            parameters: options.parameters ?? [],
          },
        },
      }],
    },
  };
}

/** A data filter item. */
export function dataFilter(path: string, value: string[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { path, type: 'string', value, ...extra };
}
