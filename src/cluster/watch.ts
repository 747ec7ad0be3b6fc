/**
 * Follows remediation CodeRuns: list, then watch from the list's resourceVersion with bookmarks;
 * after a dropped connection, watch again from the last resourceVersion seen; after 410 Gone
 * (the server no longer keeps that version), list again. Each CodeRun's last reported phase and
 * fix PR are remembered by uid, so the events a re-list or a re-watch repeats print nothing, and
 * what changed while disconnected is printed once from the new list.
 */
import { REMEDIATION_SELECTOR } from '../github/remediation';
import { codeRunRow, type CodeRunRow } from './coderuns';
import { plainMessage, type Cluster, type KubeObject } from './kube';

/** One change worth a line. */
export interface CodeRunChange {
  readonly row: CodeRunRow;
  /** True when the CodeRun was deleted (its row is the last state seen). */
  readonly deleted: boolean;
}

/** What the follower reports and where. */
export interface FollowOptions {
  readonly apiVersion: string;
  readonly namespace: string;
  /** CodeRuns created before this time (ms since the epoch) are not printed from the first list. */
  readonly notBefore: number;
  readonly onChange: (change: CodeRunChange) => void;
  /** A connection problem it recovers from, for stderr. */
  readonly onWarning: (message: string) => void;
}

/** Why one watch request ended. */
type WatchEnd = 'expired' | 'closed' | 'stopped';

const RETRY_FIRST_MS = 200;
const RETRY_MAX_MS = 10_000;

/** Follows CodeRuns until {@link CodeRunFollower.stop}. */
export class CodeRunFollower {
  /** uid → `phase|pr` last printed (or recorded without printing). */
  private readonly reported = new Map<string, { key: string; row: CodeRunRow }>();
  private resourceVersion = '';
  private stopped = false;
  private abort?: AbortController;
  private wake?: () => void;
  private firstList = true;

  constructor(private readonly cluster: Cluster, private readonly options: FollowOptions) {}

  /** Runs until stopped; connection problems are retried with a growing pause. */
  async run(): Promise<void> {
    let pause = RETRY_FIRST_MS;
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) await this.relist();
        const end = await this.watchOnce(() => { pause = RETRY_FIRST_MS; });
        if (end === 'stopped') break;
        if (end === 'expired') {
          this.resourceVersion = '';
          continue;
        }
      } catch (err) {
        this.options.onWarning(`watch: ${plainMessage(err)}; retrying`);
      }
      await this.sleep(pause);
      pause = Math.min(pause * 2, RETRY_MAX_MS);
    }
  }

  /** Ends the watch (Ctrl-C); {@link run} resolves. */
  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
  }

  private async relist(): Promise<void> {
    const list = await this.cluster.list(this.options.apiVersion, 'CodeRun', this.options.namespace, REMEDIATION_SELECTOR);
    const present = new Set<string>();
    for (const item of list.items) {
      present.add(String(item.metadata?.uid));
      this.consider(item, this.firstList && Date.parse(String(item.metadata?.creationTimestamp)) < this.options.notBefore);
    }
    // Deleted while no watch was open: the list no longer has them.
    for (const [uid, { row }] of [...this.reported]) {
      if (!present.has(uid)) this.gone(uid, row);
    }
    this.firstList = false;
    this.resourceVersion = list.resourceVersion;
  }

  /** Reports a CodeRun when it is new or its phase or fix PR changed; `quiet` only records it. */
  private consider(object: KubeObject, quiet = false): void {
    const row = codeRunRow(object);
    const key = `${row.phase}|${row.pullRequest ?? ''}`;
    if (this.reported.get(row.uid)?.key === key) return;
    this.reported.set(row.uid, { key, row });
    if (!quiet) this.options.onChange({ row, deleted: false });
  }

  private gone(uid: string, row: CodeRunRow): void {
    this.reported.delete(uid);
    this.options.onChange({ row, deleted: true });
  }

  private watchOnce(onEvent: () => void): Promise<WatchEnd> {
    return new Promise<WatchEnd>(resolve => {
      let end: WatchEnd = 'closed';
      const path = `/apis/${this.options.apiVersion}/namespaces/${encodeURIComponent(this.options.namespace)}/coderuns`;
      const query = { resourceVersion: this.resourceVersion, allowWatchBookmarks: true, labelSelector: REMEDIATION_SELECTOR };
      this.cluster.watcher().watch(path, query, (type: string, object: KubeObject) => {
        onEvent();
        if (type === 'ERROR') {
          // 410 Expired/Gone: the version is compacted away; anything else: start over from a list too.
          end = 'expired';
          if ((object as { code?: number }).code !== 410) this.options.onWarning(`watch: ${(object as { message?: string }).message ?? 'error event'}; listing again`);
          this.abort?.abort();
          return;
        }
        const version = object.metadata?.resourceVersion;
        if (type === 'ADDED' || type === 'MODIFIED') this.consider(object);
        else if (type === 'DELETED') {
          const uid = String(object.metadata?.uid);
          if (this.reported.has(uid)) this.gone(uid, codeRunRow(object));
        }
        // BOOKMARK carries only the version: the watch resumes from there after a drop.
        if (version) this.resourceVersion = version;
      }, (err: unknown) => {
        if (this.stopped) end = 'stopped';
        else if ((err as { statusCode?: number } | null)?.statusCode === 410) end = 'expired';
        else if (err && end !== 'expired') this.options.onWarning(`watch connection lost: ${plainMessage(err)}; reconnecting`);
        resolve(end);
      }).then(controller => {
        this.abort = controller;
        if (this.stopped) controller.abort();
      }, (err: unknown) => {
        this.options.onWarning(`watch: ${plainMessage(err)}; retrying`);
        resolve(this.stopped ? 'stopped' : 'closed');
      });
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
