/** GitHub's vocabulary and the names the stack's parts agree on (see webhook.ts and remediation.ts). */
export * from './webhook';
export * from './remediation';
