import * as path from 'path';
import {
  collectTemplates, compileTemplates, configMapKey, CONFIG_MAP_MAX_BYTES, groupTemplates, templatesChecksum,
} from '../../src/agent-templates/bundle';
import { only, synthChart, tempDir, writeTree } from '../helpers/chart';

const work = tempDir();
let n = 0;
/** A project folder with a templates tree holding `files`. */
function project(files: Record<string, string | Buffer>): string {
  const dir = path.join(work, `p${n++}`);
  writeTree(path.join(dir, 'templates'), files);
  return dir;
}

test('keys map / to _, files at the top of the tree are documentation', () => {
  const dir = project({ 'README.md': 'docs', 'context.example.json': '{}', 'code/claude/run.sh.hbs': 'echo {{x}}', 'agents/p.md.hbs': 'hi' });
  expect(collectTemplates(path.join(dir, 'templates')).map(f => [f.relativePath, f.key])).toEqual([
    ['agents/p.md.hbs', 'agents_p.md.hbs'],
    ['code/claude/run.sh.hbs', 'code_claude_run.sh.hbs'],
  ]);
  expect(configMapKey('a/b/c.hbs')).toBe('a_b_c.hbs');
});

test('a key collision names both files', () => {
  const dir = project({ 'a_b/c.hbs': 'x', 'a/b_c.hbs': 'y' });
  expect(() => collectTemplates(path.join(dir, 'templates'))).toThrow('templates/a/b_c.hbs and templates/a_b/c.hbs both map to the ConfigMap key "a_b_c.hbs"; rename one of them');
});

test('an invalid key character names the file', () => {
  const dir = project({ 'code/run me.sh': 'x' });
  expect(() => collectTemplates(path.join(dir, 'templates'))).toThrow(/templates\/code\/run me\.sh: ConfigMap key "code_run me\.sh" may only hold/);
});

test('a Handlebars syntax error names file and line', () => {
  const dir = project({ 'code/ok.hbs': '{{a}}', 'code/bad.sh.hbs': 'line one\nline two\n{{#if x}}\nno close\n' });
  expect(() => compileTemplates(collectTemplates(path.join(dir, 'templates')))).toThrow(/^templates\/code\/bad\.sh\.hbs:\d+: /);
  const dir2 = project({ 'code/bad.hbs': 'a\nb\n{{foo}\n' });
  expect(() => compileTemplates(collectTemplates(path.join(dir2, 'templates')))).toThrow(/^templates\/code\/bad\.hbs:3: /);
});

test('everything fits: one ConfigMap with a checksum and no server-side-apply annotation', () => {
  const dir = project({ 'code/a.hbs': 'a', 'agents/b.hbs': 'b' });
  const cm = only(synthChart({}, dir), 'ConfigMap');
  expect(cm.metadata.name).toBe('controller-agent-templates');
  expect(cm.data).toEqual({ 'agents_b.hbs': 'b', 'code_a.hbs': 'a' });
  const files = collectTemplates(path.join(dir, 'templates'));
  expect(cm.metadata.annotations).toEqual({ 'remediation.agents.platform/templates-checksum': templatesChecksum(files) });
});

test('the checksum changes with content and with paths', () => {
  const a = collectTemplates(path.join(project({ 'code/a.hbs': 'x' }), 'templates'));
  const b = collectTemplates(path.join(project({ 'code/a.hbs': 'y' }), 'templates'));
  const c = collectTemplates(path.join(project({ 'code/b.hbs': 'x' }), 'templates'));
  expect(new Set([templatesChecksum(a), templatesChecksum(b), templatesChecksum(c)]).size).toBe(3);
});

test('over 256 KiB: server-side apply annotation', () => {
  const dir = project({ 'code/big.md': 'x'.repeat(300_000) });
  const cm = only(synthChart({}, dir), 'ConfigMap');
  expect(cm.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('ServerSideApply=true');
});

test('over 1 MiB: split by top-level folder, each under the limit', () => {
  const dir = project({ 'code/a.md': 'a'.repeat(600_000), 'agents/b.md': 'b'.repeat(600_000), 'docs/c.md': 'c' });
  const maps = synthChart({}, dir).filter(m => m.kind === 'ConfigMap');
  expect(maps.map(m => m.metadata.name).sort()).toEqual(['controller-agent-templates-agents', 'controller-agent-templates-code', 'controller-agent-templates-docs']);
  for (const m of maps) expect(Buffer.byteLength(JSON.stringify(m))).toBeLessThan(CONFIG_MAP_MAX_BYTES);
  expect(maps.find(m => m.metadata.name.endsWith('-code'))?.data).toEqual({ 'code_a.md': 'a'.repeat(600_000) });
});

test('a folder too large on its own is an error naming it', () => {
  const files = collectTemplates(path.join(project({ 'code/a.md': 'a'.repeat(1_100_000), 'agents/b.md': 'b' }), 'templates'));
  expect(() => groupTemplates(files)).toThrow(/^templates\/code\/ holds \d+ bytes: a ConfigMap must stay under 1048576 bytes/);
});

test('non-UTF-8 files go to binaryData', () => {
  const dir = project({ 'code/icon.bin': Buffer.from([0xff, 0xfe, 0x00, 0x01]) });
  const cm = only(synthChart({}, dir), 'ConfigMap');
  expect(cm.binaryData).toEqual({ 'code_icon.bin': Buffer.from([0xff, 0xfe, 0x00, 0x01]).toString('base64') });
});

test('an empty tree is an error', () => {
  const dir = project({ 'README.md': 'only docs' });
  expect(() => collectTemplates(path.join(dir, 'templates'))).toThrow(/holds no templates/);
});

describe('synth applies the rules of `templates check` (one implementation), naming file and line', () => {
  test.each<[string, string, RegExp]>([
    ['an unknown helper', 'a\n{{uppercase service}}\n', /^templates\/code\/t\.sh\.hbs:2: .*uppercase/],
    ['a partial', '{{> header}}\n', /^templates\/code\/t\.sh\.hbs:1: partials are not used/],
    ['env', 'x\n\n{{env.WORKFLOW_RUN_ID}}\n', /^templates\/code\/t\.sh\.hbs:3: "env\.WORKFLOW_RUN_ID": the controller's render context has no env/],
    ['a field the example context lacks', '{{servce}}\n', /^templates\/code\/t\.sh\.hbs:1: "servce" is not a field of the controller's context/],
  ])('%s', (_name, source, message) => {
    const dir = project({ 'context.example.json': '{"service":"api"}', 'code/t.sh.hbs': source });
    expect(() => synthChart({}, dir)).toThrow(message);
  });

  test('every problem is listed, one per line', () => {
    const dir = project({ 'code/a.hbs': '{{> p}}', 'code/b.hbs': '{{env.X}}' });
    expect(() => synthChart({}, dir)).toThrow(/^the agent templates break the controller's rules:\n {2}- templates\/code\/a\.hbs:1: .*\n {2}- templates\/code\/b\.hbs:1: /);
  });

  test('without an example context, fields are not checked (the other rules are)', () => {
    expect(() => synthChart({}, project({ 'code/t.hbs': '{{anything}}' }))).not.toThrow();
    expect(() => synthChart({}, project({ 'code/t.hbs': '{{#shout}}x{{/shout}}' }))).toThrow(/"shout" is not a built-in helper/);
  });
});
