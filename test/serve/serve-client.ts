/** Test helpers for `serve`: signed webhook requests over real HTTP on 127.0.0.1. */
import * as http from 'http';
import { signBody } from '../../src/serve/signature';
import { failurePayload } from '../cli/simulate-fixtures';

export const SECRET = 'It\'s a Secret to Everybody';

export interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** Sends one request; `body` as given (a Buffer or text). */
export function request(port: number, options: { method?: string; path?: string; headers?: Record<string, string | string[]>; body?: Buffer | string; agent?: http.Agent }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path ?? '/github/webhook', headers: options.headers, agent: options.agent }, res => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The headers GitHub sends with a JSON delivery, signed with `secret`. */
export function githubHeaders(body: string, id: string, event = 'workflow_run', secret = SECRET): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'User-Agent': 'GitHub-Hookshot/abc123',
    'X-GitHub-Event': event,
    'X-GitHub-Delivery': id,
    'X-GitHub-Hook-ID': '292430182',
    'X-Hub-Signature-256': signBody(body, secret),
  };
}

/** A failed run's `workflow_run` delivery body (compact JSON, as GitHub sends it). */
export function failureBody(runId: number): string {
  return JSON.stringify(failurePayload(p => { p.workflow_run.id = runId; }));
}

/** Sends a signed failed-run delivery. */
export function deliver(port: number, id: string, runId: number, agent?: http.Agent): Promise<Reply> {
  const body = failureBody(runId);
  return request(port, { headers: githubHeaders(body, id), body, agent });
}
