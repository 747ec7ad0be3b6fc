/**
 * Reads a workflow run and what its webhook carries besides (the workflow, the repository) through
 * the REST API with `@octokit/rest` (API version 2022-11-28): `GET /repos/{o}/{r}/actions/runs/{id}`,
 * `GET /repos/{o}/{r}/actions/workflows/{workflow_id}`, `GET /repos/{o}/{r}`. A token from
 * `GITHUB_TOKEN` (a public repository can be read without), API base `GITHUB_API_URL`.
 */
import { DrillSetupError } from './drill';
import type { RestRunData } from './webhook-payload';

/** `OWNER/NAME`, as GitHub names repositories. */
const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/;

/** Reads the run; any refusal is a {@link DrillSetupError} naming the request and GitHub's message. */
export async function readRun(repository: string, runId: number, env: NodeJS.ProcessEnv): Promise<RestRunData> {
  if (!REPOSITORY.test(repository)) throw new DrillSetupError(`--repo must be OWNER/NAME, got ${JSON.stringify(repository)}`);
  const [owner, repo] = repository.split('/');
  // ES module (Node 20.19+ loads it with require); loaded only for --run-id.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Octokit } = require('@octokit/rest') as typeof import('@octokit/rest');
  const octokit = new Octokit({ ...(env.GITHUB_TOKEN ? { auth: env.GITHUB_TOKEN } : {}), ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}), userAgent: 'ci-remediation-fire-drill' });
  const read = async <T>(what: string, call: () => Promise<{ data: T }>): Promise<T> => {
    try {
      return (await call()).data;
    } catch (err) {
      const status = (err as { status?: number }).status;
      const hint = status === 404 ? ' (no such object, or the token cannot read the repository: set GITHUB_TOKEN)' : status === 401 ? ' (GITHUB_TOKEN is not valid)' : '';
      throw new DrillSetupError(`GitHub API: ${what}: ${status ? `${status} ` : ''}${(err as Error).message.split('\n')[0]}${hint}`);
    }
  };
  const run = await read(`GET /repos/${repository}/actions/runs/${runId}`, () => octokit.rest.actions.getWorkflowRun({ owner, repo, run_id: runId }));
  if (run.status !== 'completed') throw new DrillSetupError(`run ${runId} is ${String(run.status)}: GitHub sends the completed webhook only once it completes; wait for it, or pick a completed failed run`);
  const workflow = await read(`GET /repos/${repository}/actions/workflows/${run.workflow_id}`, () => octokit.rest.actions.getWorkflow({ owner, repo, workflow_id: run.workflow_id }));
  const repositoryData = await read(`GET /repos/${repository}`, () => octokit.rest.repos.get({ owner, repo }));
  return { run: run as unknown as Record<string, unknown>, workflow: workflow as unknown as Record<string, unknown>, repository: repositoryData as unknown as Record<string, unknown> };
}
