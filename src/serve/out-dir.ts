/**
 * The `--out` folder standing in for the cluster: one file per created resource, created at most
 * once. The k8s trigger's `create` (argo-events 6478ece
 * `pkg/sensors/triggers/standard-k8s/standard-k8s.go`, `Execute`) calls the API server's create,
 * which answers a second object of the same kind, namespace and name with `409 AlreadyExists`; the
 * trigger returns that error and nothing is overwritten. The namespace defaults to the Sensor's.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { CreateResult, Creation, ResourceSink } from './sink';

/** DNS-1123 subdomain (Kubernetes object names; `apimachinery/pkg/util/validation`): the API server rejects any other name. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** DNS-1123 label (namespaces). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A kind as Go identifiers go, and an API group/version. */
const KIND = /^[A-Za-z][A-Za-z0-9]*$/;

/** A resource that cannot be created (the API server would answer 422 Invalid). */
export class InvalidResourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidResourceError';
  }
}

/** What was written, or that the name existed. */
export interface CreateOutcome {
  readonly created: boolean;
  /** The file name under the out folder, `<Kind>.<namespace>.<name>.json`. */
  readonly file: string;
  readonly name: string;
}

function field(obj: unknown, key: string): unknown {
  return typeof obj === 'object' && obj !== null ? (obj as Record<string, unknown>)[key] : undefined;
}

/**
 * The name the API server would give `resource`: `metadata.name`, else `metadata.generateName`
 * plus 5 characters. The API server draws those at random; here they come from `seed` (the
 * delivery's journal sequence), so that processing a journaled delivery again after a crash gives
 * the same name and is refused, not created twice.
 */
export function resourceName(resource: unknown, seed: string): string {
  const metadata = field(resource, 'metadata');
  const name = field(metadata, 'name');
  if (typeof name === 'string' && name !== '') return name;
  const generateName = field(metadata, 'generateName');
  if (typeof generateName === 'string' && generateName !== '') {
    // The API server's alphabet for generated suffixes (no vowels, no 0/1/3): bcdfghjklmnpqrstvwxz2456789.
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    const digest = createHash('sha256').update(seed).digest();
    let suffix = '';
    for (let i = 0; i < 5; i++) suffix += alphabet[digest[i] % alphabet.length];
    return `${generateName.slice(0, 58)}${suffix}`;
  }
  throw new InvalidResourceError('resource has neither metadata.name nor metadata.generateName');
}

/**
 * The file for `resource` named `name`; the name, namespace and kind are checked first, so that
 * data from a webhook can never choose a path outside the folder.
 * @throws InvalidResourceError for a name the API server would reject
 */
export function resourceFile(resource: unknown, name: string, defaultNamespace: string): string {
  if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) throw new InvalidResourceError(`metadata.name ${JSON.stringify(name.slice(0, 300))} is not a valid Kubernetes name (DNS-1123 subdomain)`);
  const namespaceValue = field(field(resource, 'metadata'), 'namespace');
  const namespace = typeof namespaceValue === 'string' && namespaceValue !== '' ? namespaceValue : defaultNamespace;
  if (namespace.length > 63 || !DNS_LABEL.test(namespace)) throw new InvalidResourceError(`metadata.namespace ${JSON.stringify(namespace.slice(0, 100))} is not a valid namespace (DNS-1123 label)`);
  const kind = field(resource, 'kind');
  if (typeof kind !== 'string' || !KIND.test(kind)) throw new InvalidResourceError('resource has no valid kind');
  return `${kind}.${namespace}.${name}.json`;
}

export type { Creation } from './sink';

/** Writes `text` to a new file and fsyncs it, off the event loop (so requests keep being answered meanwhile). */
async function writeDurably(file: string, text: string): Promise<void> {
  const handle = await fs.promises.open(file, 'w', 0o644);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Creates each `file` in `dir` holding its `resource`, unless the name exists, in order (so the
 * earlier of two creations of one name wins, as the earlier request would at the API server).
 * Resolves to whether each was created.
 *
 * Each content goes to a temporary file, all of them are written and fsync'ed in parallel (one
 * batch costs about one fsync, not one per resource), then each is hard-linked to its name:
 * `link` fails with EEXIST instead of replacing, so the check and the creation are one atomic step,
 * and a name never points at incomplete content whatever moment a crash comes at. The folder is
 * fsync'ed last, so that the new names are durable before the caller records the deliveries as
 * processed. All of it is asynchronous: the event loop keeps answering webhooks meanwhile.
 */
export async function createAllOnce(dir: string, creations: readonly Creation[]): Promise<boolean[]> {
  if (creations.length === 0) return [];
  const temporaries = creations.map((creation, i) => path.join(dir, `.${creation.file}.${process.pid}.${i}.tmp`));
  try {
    await Promise.all(creations.map((creation, i) => writeDurably(temporaries[i], `${JSON.stringify(creation.resource, null, 2)}\n`)));
    const created: boolean[] = [];
    for (let i = 0; i < creations.length; i++) {
      try {
        await fs.promises.link(temporaries[i], path.join(dir, creations[i].file));
        created.push(true);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        created.push(false);
      }
    }
    if (created.includes(true)) await syncFolder(dir);
    return created;
  } finally {
    await Promise.all(temporaries.map(temporary => fs.promises.rm(temporary, { force: true })));
  }
}

/** Makes the folder's new entries durable (a rename or link is only durable once its folder is synced). */
async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The out folder as a {@link ResourceSink}: a file per name, created once. */
export class OutDirSink implements ResourceSink {
  readonly description: string;

  constructor(readonly dir: string) {
    this.description = `out ${dir}`;
  }

  prepare(): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true });
    // Temporary files of a batch a crash interrupted: never linked, so never a created resource.
    for (const name of fs.readdirSync(this.dir)) if (/^\..*\.tmp$/.test(name)) fs.rmSync(path.join(this.dir, name), { force: true });
    return Promise.resolve();
  }

  async createAll(creations: readonly Creation[]): Promise<CreateResult[]> {
    return (await createAllOnce(this.dir, creations)).map((created): CreateResult => ({ result: created ? 'created' : 'already-exists' }));
  }

  label(creation: Creation): string {
    return creation.file;
  }
}
