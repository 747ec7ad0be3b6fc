import * as path from 'path';
import { loadSettings } from '../../src/config/resolve';
import { SettingsError } from '../../src/config/validate';
import { tempDir, writeTree } from '../helpers/chart';

const work = tempDir();

/** The problems loading `bytes` as a settings file reports. */
function problems(name: string, bytes: Buffer): string[] {
  const file = path.join(writeTree(path.join(work, name), { 'settings.yaml': bytes }), 'settings.yaml');
  try {
    loadSettings(file);
  } catch (err) {
    expect(err).toBeInstanceOf(SettingsError);
    expect((err as Error).message).toContain(`invalid settings in ${file}`);
    return [...(err as SettingsError).problems];
  }
  return [];
}

describe('bytes that are not UTF-8 are refused, naming the field, instead of becoming U+FFFD', () => {
  test.each<[string, string, string]>([
    ['a Latin-1 value', 'repositories: [acme/api]\ncodeRun:\n  env:\n    GREETING: "caf\xe9"\n', 'codeRun.env.GREETING (line 4)'],
    ['a list item', 'repositories: [acme/api, "x\xff/y"]\n', 'repositories[1] (line 1)'],
    ['a truncated sequence at the end of a value', 'labels:\n  team: "ab\xc3"\n  tier: web\n', 'labels.team (line 2)'],
    ['a key', 'codeRun:\n  env:\n    \xc3X: "1"\n', 'a key of codeRun.env (line 3)'],
    ['a top-level key', 'labels: {}\n\xfe: 1\n', 'a top-level key (line 2)'],
  ])('%s', (name, text, field) => {
    // Latin-1: one byte per character, so "\xe9" is the single byte 0xE9.
    expect(problems(name.replace(/\W/g, '-'), Buffer.from(text, 'latin1'))).toEqual([`${field}: holds bytes that are not UTF-8; save the settings file as UTF-8`]);
  });

  test('valid UTF-8, U+FFFD itself included, is accepted', () => {
    expect(problems('valid', Buffer.from('codeRun:\n  env:\n    NOTE: "café \uFFFD"\n', 'utf8'))).toEqual([]);
  });
});
