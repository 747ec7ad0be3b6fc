/**
 * JSON schema of the settings (see `settings.ts`). Ajv checks structure and formats;
 * `validate.ts` turns its findings into messages that name the field and the fix, and
 * adds the checks a schema cannot express (RE2 patterns, cross-field rules).
 *
 * Each constrained string carries an `expected` text used in error messages.
 */

const dnsLabel = {
  type: 'string',
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
  maxLength: 63,
  expected: 'a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
};

const dnsSubdomain = {
  type: 'string',
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
  maxLength: 253,
  expected: 'a DNS-1123 subdomain: lower-case letters, digits, "-" and ".", at most 253 characters',
};

const repository = {
  type: 'string',
  // GitHub owners: alphanumerics and single hyphens; repository names: [A-Za-z0-9._-], not "." or "..".
  pattern: '^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}/(?!\\.\\.?$)[A-Za-z0-9._-]{1,100}$',
  expected: 'a GitHub repository as "owner/name", e.g. "5dlabs/cto"',
};

const organization = {
  type: 'string',
  pattern: '^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$',
  expected: 'a GitHub organization or user name, e.g. "5dlabs"',
};

const nonEmptyString = { type: 'string', minLength: 1, expected: 'a non-empty string' };

const secretKeyRef = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'key'],
  properties: {
    name: dnsSubdomain,
    key: { type: 'string', pattern: '^[-._a-zA-Z0-9]+$', maxLength: 253, expected: 'a Secret key: letters, digits, "-", "_" and "."' },
  },
};

const quantity = {
  type: 'string',
  pattern: '^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$',
  expected: 'a Kubernetes quantity such as "100m" or "128Mi"',
};

const resources = {
  type: 'object',
  additionalProperties: false,
  properties: {
    requests: { type: 'object', additionalProperties: false, properties: { cpu: quantity, memory: quantity } },
    limits: { type: 'object', additionalProperties: false, properties: { cpu: quantity, memory: quantity } },
  },
};

const workflowNames = {
  type: 'array',
  minItems: 1,
  items: { type: 'string', minLength: 1, expected: 'a workflow name, or an RE2 pattern between slashes' },
  expected: 'a non-empty list of workflow names or /RE2/ patterns',
};

export const settingsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    repositories: { type: 'array', minItems: 1, items: repository, expected: 'a non-empty list of "owner/name" repositories' },
    labels: {
      type: 'object',
      additionalProperties: { type: 'string' },
      expected: 'a map of label keys to label values',
    },
    eventSource: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: dnsSubdomain,
        namespace: dnsLabel,
        eventName: { ...nonEmptyString, pattern: '^[A-Za-z0-9][-A-Za-z0-9_.]*$', expected: 'an event name: letters, digits, "-", "_" and "."' },
        organizations: { type: 'array', minItems: 1, items: organization, expected: 'a non-empty list of organizations' },
        repositories: { type: 'array', minItems: 1, items: repository, expected: 'a non-empty list of "owner/name" repositories' },
        endpoint: { type: 'string', pattern: '^/[-A-Za-z0-9._~/]*$', expected: 'a URL path starting with "/", e.g. "/github/webhook"' },
        port: { type: 'integer', minimum: 1, maximum: 65535, expected: 'a port number from 1 to 65535' },
        webhookSecret: secretKeyRef,
        events: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^(\\*|[a-z_]+)$', expected: 'a GitHub event name such as "workflow_run", or "*"' } },
        hooks: {
          type: 'object',
          additionalProperties: false,
          required: ['url'],
          properties: {
            url: { type: 'string', pattern: '^https?://[^\\s/]+', expected: 'a public URL such as "https://hooks.example.com"' },
            apiToken: secretKeyRef,
            githubApp: {
              type: 'object',
              additionalProperties: false,
              required: ['appId', 'installationId', 'privateKey'],
              properties: {
                appId: { type: 'integer', minimum: 1, expected: 'the numeric GitHub App id' },
                installationId: { type: 'integer', minimum: 1, expected: 'the numeric installation id' },
                privateKey: secretKeyRef,
              },
            },
            active: { type: 'boolean' },
          },
        },
      },
    },
    sensor: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: dnsSubdomain,
        namespace: dnsLabel,
        serviceAccountName: dnsSubdomain,
        replicas: { type: 'integer', minimum: 1, maximum: 10, expected: 'an integer from 1 to 10' },
        resources,
        rateLimit: {
          type: 'object',
          additionalProperties: false,
          required: ['unit', 'requestsPerUnit'],
          properties: {
            unit: { enum: ['Second', 'Minute', 'Hour'], expected: 'one of Second, Minute, Hour' },
            requestsPerUnit: { type: 'integer', minimum: 1, expected: 'a positive integer' },
          },
        },
        retryStrategy: {
          type: 'object',
          additionalProperties: false,
          required: ['steps', 'duration'],
          properties: {
            steps: { type: 'integer', minimum: 1, maximum: 20, expected: 'an integer from 1 to 20' },
            duration: { type: 'string', pattern: '^([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+$', expected: 'a Go duration such as "10s" or "1m30s"' },
            factor: { type: 'number', minimum: 1, expected: 'a number >= 1' },
            jitter: { type: 'number', minimum: 0, maximum: 1, expected: 'a number from 0 to 1' },
          },
        },
      },
    },
    filters: {
      type: 'object',
      additionalProperties: false,
      properties: {
        conclusions: {
          type: 'array',
          minItems: 1,
          items: {
            enum: ['success', 'failure', 'neutral', 'cancelled', 'timed_out', 'action_required', 'stale', 'skipped', 'startup_failure'],
            expected: 'a workflow_run conclusion: success, failure, neutral, cancelled, timed_out, action_required, stale, skipped or startup_failure',
          },
        },
        blockForks: { type: 'boolean' },
        skipToken: nonEmptyString,
        remediationBranchPrefix: nonEmptyString,
        includeWorkflows: workflowNames,
        excludeWorkflows: workflowNames,
      },
    },
    codeRun: {
      type: 'object',
      additionalProperties: false,
      properties: {
        group: dnsSubdomain,
        version: { type: 'string', pattern: '^v[0-9]+((alpha|beta)[0-9]+)?$', expected: 'an API version such as "v1" or "v1alpha1"' },
        namespace: dnsLabel,
        namePrefix: { ...dnsLabel, maxLength: 40, expected: 'a DNS-1123 label of at most 40 characters (the run id and attempt are appended)' },
        githubApp: nonEmptyString,
        model: nonEmptyString,
        cli: {
          type: 'object',
          additionalProperties: false,
          properties: {
            cliType: nonEmptyString,
            model: nonEmptyString,
            maxTokens: { type: 'integer', minimum: 1, maximum: 2147483647, expected: 'a positive 32-bit integer' },
            temperature: { type: 'number', minimum: 0, maximum: 2, expected: 'a number from 0 to 2' },
          },
        },
        service: nonEmptyString,
        docsRepositoryUrl: { type: 'string', pattern: '^(https://|ssh://|git@|file://)\\S+$', expected: 'a repository URL such as "https://github.com/5dlabs/docs"' },
        workingDirectory: nonEmptyString,
        maxRemediationAttempts: { type: 'integer', minimum: 1, maximum: 10, expected: 'an integer from 1 to 10' },
        agent: {
          type: 'object',
          additionalProperties: false,
          properties: {
            maxTurns: { type: 'integer', minimum: 1, maximum: 1000, expected: 'an integer from 1 to 1000' },
            maxBudgetUsd: { type: 'number', exclusiveMinimum: 0, maximum: 1000, expected: 'a number of US dollars above 0 and at most 1000' },
          },
        },
        env: { type: 'object', additionalProperties: { type: 'string', expected: 'a string (quote numbers and booleans in YAML: "1")' } },
      },
    },
    templates: {
      type: 'object',
      additionalProperties: false,
      properties: {
        dir: nonEmptyString,
        namespace: dnsLabel,
        configMapName: { ...dnsSubdomain, maxLength: 200, expected: 'a DNS-1123 subdomain of at most 200 characters (a folder suffix may be appended)' },
      },
    },
    argoCd: {
      type: 'object',
      additionalProperties: false,
      required: ['repoUrl'],
      properties: {
        repoUrl: { type: 'string', pattern: '^(https://|ssh://|git@)\\S+$', expected: 'a Git repository URL such as "https://github.com/acme/platform.git"' },
        path: { type: 'string', pattern: '^[^/\\s][^\\s]*$', expected: 'a relative path such as "dist"' },
        targetRevision: nonEmptyString,
        name: dnsSubdomain,
        namespace: dnsLabel,
        project: nonEmptyString,
      },
    },
  },
} as const;
