/**
 * Valid baseline objects for the validation tests. Each test deep-copies one and breaks a
 * single thing, so a baseline issue would show up in every test.
 */

/** A realistic CI-failure Sensor: one GitHub dependency with data filters, a k8s create trigger with parameters. */
export function baselineSensor(): any {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Sensor',
    metadata: { name: 'ci-failure', namespace: 'argo', labels: { 'app.kubernetes.io/part-of': 'ci-remediation' } },
    spec: {
      template: { serviceAccountName: 'ci-remediation-sensor' },
      dependencies: [
        {
          name: 'workflow-failed',
          eventSourceName: 'github',
          eventName: 'org',
          filters: {
            data: [
              { path: 'body.X-GitHub-Event', type: 'string', value: ['^workflow_run$'] },
              { path: 'body.action', type: 'string', value: ['^completed$'] },
              { path: 'body.workflow_run.conclusion', type: 'string', value: ['^(failure|timed_out)$'] },
              { path: 'body.repository.full_name', type: 'string', value: ['^(?i)5dlabs/cto$'] },
              { path: 'body.workflow_run.head_branch', type: 'string', value: ['^ci-remediation/'], comparator: '!=' },
              { path: 'body.workflow_run.run_attempt', type: 'number', value: ['3'], comparator: '<' },
            ],
          },
        },
      ],
      triggers: [
        {
          template: {
            name: 'create-coderun',
            k8s: {
              operation: 'create',
              source: {
                resource: {
                  apiVersion: 'agents.platform/v1',
                  kind: 'CodeRun',
                  metadata: { name: 'placeholder', namespace: 'agents' },
                  spec: {
                    service: 'ci-remediation',
                    repositoryUrl: 'placeholder',
                    docsRepositoryUrl: 'https://github.com/5dlabs/cto',
                    workingDirectory: '.',
                    model: 'claude-sonnet-4',
                    githubApp: '5DLabs-Rex',
                  },
                },
              },
              parameters: [
                {
                  src: { dependencyName: 'workflow-failed', dataTemplate: 'ci-{{ .Input.body.workflow_run.id | int64 }}' },
                  dest: 'metadata.name',
                },
                {
                  src: { dependencyName: 'workflow-failed', dataKey: 'body.repository.html_url' },
                  dest: 'spec.repositoryUrl',
                  operation: 'overwrite',
                },
              ],
            },
          },
          retryStrategy: { steps: 3, duration: '1s', factor: 2 },
          atLeastOnce: true,
          policy: { k8s: { labels: { 'events.argoproj.io/sensor': 'ci-failure' } } },
        },
      ],
    },
  };
}

/** A GitHub EventSource that creates an organization hook. */
export function baselineEventSource(): any {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'EventSource',
    metadata: { name: 'github', namespace: 'argo' },
    spec: {
      service: { ports: [{ port: 12000, targetPort: 12000 }] },
      github: {
        org: {
          organizations: ['5dlabs'],
          webhook: { endpoint: '/github', port: '12000', method: 'POST', url: 'https://events.example.com' },
          events: ['workflow_run'],
          apiToken: { name: 'github-token', key: 'token' },
          webhookSecret: { name: 'github-webhook', key: 'secret' },
          contentType: 'json',
          active: true,
          insecure: false,
        },
      },
    },
  };
}

/** A CodeRun as the trigger creates it. */
export function baselineCodeRun(): any {
  return {
    apiVersion: 'agents.platform/v1',
    kind: 'CodeRun',
    metadata: {
      name: 'ci-19289199112-1',
      namespace: 'agents',
      labels: { 'ci-remediation/run-id': '19289199112', 'app.kubernetes.io/part-of': 'ci-remediation' },
      annotations: { 'ci-remediation/workflow': 'Build & Test (main)' },
    },
    spec: {
      runType: 'implementation',
      service: 'ci-remediation',
      repositoryUrl: 'https://github.com/5dlabs/cto',
      docsRepositoryUrl: 'https://github.com/5dlabs/cto',
      workingDirectory: '.',
      model: 'claude-sonnet-4',
      githubApp: '5DLabs-Rex',
      continueSession: false,
      env: { CI_RUN_ID: '19289199112', CI_HEAD_BRANCH: 'main' },
      envFromSecrets: [{ name: 'GH_TOKEN', secretName: 'github', secretKey: 'token' }],
      cliConfig: { cliType: 'claude', model: 'claude-sonnet-4', maxTokens: 64000, temperature: 0.2, settings: { anything: { goes: true } } },
    },
  };
}

/** A deep copy of `value` with `mutate` applied. */
export function changed<T>(value: T, mutate: (copy: any) => void): T {
  const copy = structuredClone(value);
  mutate(copy);
  return copy;
}
