/**
 * A local stand-in for the GitHub REST API's webhook endpoints on 127.0.0.1 (given to the
 * command as GITHUB_API_URL), answering in the shapes of the REST reference (API version
 * 2022-11-28): "List organization webhooks" / "List repository webhooks" (`id`, `name: "web"`,
 * `active`, `events`, `config {url, content_type, insecure_ssl, secret: "********"}`) and
 * "List deliveries for an organization/repository webhook" (`id`, `guid`, `delivered_at`,
 * `redelivery`, `duration`, `status`, `status_code`, `event`, `action`, ...), newest first; any other
 * object a test stores under its path (`objects`, in the REST response type the test names); a wrong token gets 401 `{"message": "Bad credentials", ...}`.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface FakeHook { id: number; active: boolean; events: string[]; url: string; contentType?: string }

export class FakeGitHubApi {
  public url = '';
  public readonly requests: string[] = [];
  /** Hooks per path prefix: `orgs/ORG` or `repos/OWNER/NAME`. */
  public readonly hooks = new Map<string, FakeHook[]>();
  /** Response codes of the deliveries per hook id, newest first. */
  public readonly deliveries = new Map<number, number[]>();
  /** REST objects answered as they are to `GET <path>` (e.g. `/repos/o/r/actions/runs/1`), for reads other than hooks. */
  public readonly objects = new Map<string, unknown>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));

  constructor(public readonly token: string) {}

  static async start(token: string): Promise<FakeGitHubApi> {
    const api = new FakeGitHubApi(token);
    await new Promise<void>(resolve => api.server.listen(0, '127.0.0.1', resolve));
    api.url = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
    return api;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (code: number, body: unknown): void => {
      res.writeHead(code, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `token ${this.token}` && req.headers.authorization !== `Bearer ${this.token}`) {
      send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
      return;
    }
    const list = /^\/(orgs\/[^/]+|repos\/[^/]+\/[^/]+)\/hooks$/.exec(url.pathname);
    if (list) {
      const type = list[1].startsWith('orgs/') ? 'Organization' : 'Repository';
      send(200, (this.hooks.get(list[1]) ?? []).map(h => ({
        type, id: h.id, name: 'web', active: h.active, events: h.events,
        config: { content_type: h.contentType ?? 'json', insecure_ssl: '0', secret: '********', url: h.url },
        updated_at: '2026-11-30T10:00:00Z', created_at: '2026-11-30T10:00:00Z',
        url: `${this.url}/${list[1]}/hooks/${h.id}`, ping_url: `${this.url}/${list[1]}/hooks/${h.id}/pings`, deliveries_url: `${this.url}/${list[1]}/hooks/${h.id}/deliveries`,
      })));
      return;
    }
    const deliveries = /^\/(orgs\/[^/]+|repos\/[^/]+\/[^/]+)\/hooks\/(\d+)\/deliveries$/.exec(url.pathname);
    if (deliveries) {
      const perPage = Number(url.searchParams.get('per_page') ?? '30');
      const codes = (this.deliveries.get(Number(deliveries[2])) ?? []).slice(0, perPage);
      send(200, codes.map((code, i) => ({
        id: 90000 - i, guid: `0b989ba4-242f-11e5-81e1-c7b6966d2${String(100 + i)}`, delivered_at: `2026-12-03T10:${String(59 - i).padStart(2, '0')}:00Z`,
        redelivery: false, duration: 0.27, status: code >= 200 && code < 300 ? 'OK' : 'Invalid HTTP Response: ' + code, status_code: code,
        event: 'workflow_run', action: 'completed', installation_id: null, repository_id: 123, throttled_at: null,
      })));
      return;
    }
    const stored = this.objects.get(url.pathname);
    if (req.method === 'GET' && stored !== undefined) {
      send(200, stored);
      return;
    }
    send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
  }
}
