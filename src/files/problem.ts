/**
 * Why reading an input failed, in plain words on one line: system errors (a missing file, a
 * folder named as a file, a link loop) and JavaScript's own limits (text too large, nesting too
 * deep) as what they mean for the user's input. Every command and the templates tree word their
 * input errors with it.
 */

/** Plain words for the system errors a user can meet when naming files. */
const SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'a symbolic link loop',
  EINVAL: 'cannot be read as a file',
  EAGAIN: 'not ready for reading (a non-blocking input)',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'the path is too long',
  ENXIO: 'no reader or device behind this path',
  EIO: 'input/output error',
  ERR_FS_FILE_TOO_LARGE: 'too large to read into memory (over 2 GiB)',
  ERR_STRING_TOO_LONG: 'too large to read into memory as text (over 512 MiB)',
};

/** Messages of JavaScript engine limits, and what they mean for the user's input. */
const ENGINE_LIMITS: readonly [RegExp, string][] = [
  [/^Invalid string length$/, 'too large to hold in memory as text'],
  [/^Invalid array length$/, 'too large to hold in memory'],
  [/^Maximum call stack size exceeded$/, 'nested too deeply to process'],
  [/^Array buffer allocation failed$/, 'too large to hold in memory'],
  // The `yaml` package's guard against alias bombs ("billion laughs").
  [/^Excessive alias count/, 'too many YAML alias expansions (more than 100 references to anchors: an alias bomb?)'],
];

/** One line: newlines and runs of blanks in a message become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Describes `err` in plain words, on one line: system errors by what happened to which path,
 * engine limits by what they mean, anything else by its message (without the error's class).
 */
export function describeError(err: unknown): string {
  const file = (err as NodeJS.ErrnoException | undefined)?.path;
  const problem = describeProblem(err);
  return file !== undefined && (err as NodeJS.ErrnoException).code !== undefined ? `${file}: ${problem}` : problem;
}

/** Like {@link describeError}, without the path a system error names. */
export function describeProblem(err: unknown): string {
  // Duck-typed: errors of Node's own modules come from another realm under test runners.
  if (typeof err !== 'object' || err === null || typeof (err as Error).message !== 'string') return oneLine(String(err));
  const { code } = err as NodeJS.ErrnoException;
  if (code !== undefined && SYSTEM_ERRORS[code] !== undefined) return SYSTEM_ERRORS[code];
  for (const [pattern, meaning] of ENGINE_LIMITS) {
    if (pattern.test((err as Error).message)) return meaning;
  }
  const message = (err as Error).message;
  // Node prefixes system errors as "EXYZ: description, syscall 'path'": keep the description.
  const system = /^E[A-Z]+: ([^,]+), \w+/.exec(message);
  if (system) return system[1];
  return oneLine(message) || (code ?? 'unknown error');
}
