import { describeError, describeProblem, formatError } from '../../src/cli/output';

const systemError = (code: string, message: string, file?: string) => Object.assign(new Error(message), { code, path: file });

describe('error messages in plain words', () => {
  test.each([
    [systemError('ENOENT', "ENOENT: no such file or directory, open 'a.json'", 'a.json'), 'a.json: no such file or folder'],
    [systemError('ELOOP', "ELOOP: too many symbolic links encountered, stat 'l'", 'l'), 'l: a symbolic link loop'],
    [systemError('EINVAL', 'EINVAL: invalid argument, read'), 'cannot be read as a file'],
    [systemError('ERR_STRING_TOO_LONG', 'Cannot create a string longer than 0x1fffffe8 characters'), 'too large to read into memory as text (over 512 MiB)'],
    [new RangeError('Invalid string length'), 'too large to hold in memory as text'],
    [new RangeError('Maximum call stack size exceeded'), 'nested too deeply to process'],
    [new ReferenceError('Excessive alias count indicates a resource exhaustion attack'), 'too many YAML alias expansions (more than 100 references to anchors: an alias bomb?)'],
    [systemError('EWHATEVER', "EWHATEVER: something odd, read 'x'"), 'something odd'],
    [new Error('one\n  two'), 'one two'],
  ])('%s', (err, text) => {
    expect(describeError(err)).toBe(text);
  });

  test('formatError names the subject once', () => {
    expect(formatError(new RangeError('Invalid string length'), 'big.json')).toBe('big.json: too large to hold in memory as text');
    expect(formatError(systemError('ENOENT', 'ENOENT', 'a.json'), 'a.json')).toBe('a.json: no such file or folder');
    expect(describeProblem(systemError('ENOENT', 'ENOENT', 'a.json'))).toBe('no such file or folder');
  });
});
