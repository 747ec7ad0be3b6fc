/**
 * The output folder of a synth: which folder may be replaced, and the atomic swap.
 *
 * Synth replaces its output folder whole, so it must never take a folder that holds anything it
 * did not write. It replaces a folder only when the folder is empty, or holds the marker file
 * synth leaves in every output ({@link OUTPUT_MARKER}) and nothing but regular files with the
 * names synth writes. Anything else is refused before any file is touched.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Left in every folder synth writes: the proof that synth may replace the folder. */
export const OUTPUT_MARKER = '.ci-remediation-output';

/** The marker's content: fixed, so the output stays byte-identical for the same settings. */
export const OUTPUT_MARKER_TEXT =
  'Written by `ci-remediation synth`, which replaces this folder whole on every run.\n'
  + 'Synth replaces a folder only when it holds this file and nothing but the files synth writes:\n'
  + 'a file added here makes the next synth refuse the folder instead of deleting the file.\n';

/** A folder synth must not replace, or an output path it cannot use; the CLI exits 2. */
export class OutputFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputFolderError';
  }
}

/** Where to write: `target` is the real folder path (a symlink is followed). */
export interface OutputTarget {
  /** Real path of the output folder (symlinks resolved). */
  readonly target: string;
  /** Mode bits of the existing folder, kept by the swap; undefined when it does not exist yet. */
  readonly mode?: number;
}

/**
 * Resolves `outdir` (as given by the user) to the folder synth may replace, or throws
 * {@link OutputFolderError} with one line naming the path and the reason.
 *
 * @param outdir the output path as given
 * @param ownNames the names synth writes into the folder (the marker included)
 * @param cwd the working directory, which with its parents is never replaced @default process.cwd()
 */
export function resolveOutputFolder(outdir: string, ownNames: ReadonlySet<string>, cwd: string = process.cwd()): OutputTarget {
  if (outdir.trim() === '') {
    throw new OutputFolderError('the output folder is empty (""): name a folder, e.g. dist');
  }
  const given = path.resolve(cwd, outdir);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(given);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      return { target: given };
    }
    throw new OutputFolderError(`cannot use ${outdir} as the output folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  // A symlinked output folder is followed: the folder it points to is replaced, the link stays.
  // Parents are resolved too, so the comparisons below see real paths.
  let target: string;
  try {
    target = fs.realpathSync(given);
    stat = fs.statSync(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new OutputFolderError(stat.isSymbolicLink()
      ? `refusing ${outdir}: it is a symbolic link that leads to no folder (${code}); remove the link or create its target`
      : `cannot use ${outdir} as the output folder: ${code}`);
  }
  if (!stat.isDirectory()) {
    throw new OutputFolderError(`refusing ${outdir}: it is a file, not a folder; synth writes a folder, so name another --out`);
  }
  const realCwd = safeRealpath(cwd);
  if (realCwd === target || realCwd.startsWith(target.endsWith(path.sep) ? target : target + path.sep)) {
    throw new OutputFolderError(`refusing ${outdir}: it is the current folder or one of its parents, which synth never replaces; name a sub-folder such as dist`);
  }
  const entries = fs.readdirSync(target, { withFileTypes: true });
  if (entries.some(entry => entry.name === '.git')) {
    throw new OutputFolderError(`refusing ${outdir}: it is the root of a git repository, which synth never replaces; name a sub-folder such as dist`);
  }
  if (entries.length > 0) {
    const foreign = entries.find(entry => !entry.isFile() || !ownNames.has(entry.name));
    if (foreign) {
      throw new OutputFolderError(`refusing to replace ${outdir}: it holds ${foreign.name}, which synth did not write (synth replaces only an empty folder or its own output); name another --out, or move ${foreign.name} away`);
    }
    if (!entries.some(entry => entry.name === OUTPUT_MARKER)) {
      throw new OutputFolderError(`refusing to replace ${outdir}: it lacks the ${OUTPUT_MARKER} file synth leaves in its output, so synth cannot tell it wrote the folder; name another --out, or empty the folder`);
    }
  }
  return { target, mode: stat.mode & 0o7777 };
}

function safeRealpath(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/** Staging and retired folders not yet swapped in or removed: removed on SIGINT/SIGTERM. */
const pending = new Set<string>();
let signalsHooked = false;

/**
 * Removes pending staging folders on SIGINT and SIGTERM, then dies of the signal as it would have.
 * Without a handler, the signal would kill the process in the middle of writing the staging
 * folder and leave it behind. Synth is synchronous, so a signal that arrives during it is handled
 * once it has finished: the output is then either the old folder or the new one, never a
 * half-written one, no staging folder is left, and the process still ends by the signal.
 */
function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const dir of pending) fs.rmSync(dir, { recursive: true, force: true });
    pending.clear();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    signalsHooked = false;
    process.kill(process.pid, signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * Writes a new version of `output.target` through `write` into a sibling staging folder and swaps
 * it in with renames; a failed `write` removes the staging folder and leaves the target untouched.
 * The folder keeps its mode; a new one gets the default mode (0777 less the umask).
 */
export function replaceFolder<T>(output: OutputTarget, ownNames: ReadonlySet<string>, write: (staging: string) => T): T {
  hookSignals();
  const parent = path.dirname(output.target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(output.target)}.staging-${randomBytes(6).toString('hex')}`);
  pending.add(staging);
  try {
    fs.mkdirSync(staging); // fails if the name exists: the folder is ours alone
    const result = write(staging);
    if (output.mode !== undefined) fs.chmodSync(staging, output.mode);
    swapIn(staging, output.target, ownNames);
    return result;
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  } finally {
    pending.delete(staging);
    // One more turn of the event loop, so that a signal received during the synchronous synth is
    // handled (see hookSignals) rather than dropped when the process ends.
    setImmediate(() => undefined);
  }
}

/** Replaces `target` with `staging` using renames within one parent folder. */
function swapIn(staging: string, target: string, ownNames: ReadonlySet<string>): void {
  if (!fs.existsSync(target)) {
    fs.renameSync(staging, target);
    return;
  }
  const retired = `${staging}.old`;
  fs.renameSync(target, retired);
  pending.add(retired);
  try {
    fs.renameSync(staging, target);
  } catch (err) {
    fs.renameSync(retired, target);
    pending.delete(retired);
    throw err;
  }
  pending.delete(retired);
  removeOwnFolder(retired, ownNames);
}

/**
 * Deletes the files synth wrote, by name, then the folder: a file that appeared since the check
 * is never deleted (the folder is then kept, and the error says where).
 */
function removeOwnFolder(dir: string, ownNames: ReadonlySet<string>): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && ownNames.has(entry.name)) fs.unlinkSync(path.join(dir, entry.name));
  }
  try {
    fs.rmdirSync(dir);
  } catch {
    throw new OutputFolderError(`the new output is in place, but the previous one gained files synth did not write while it ran; they are kept in ${dir}`);
  }
}
