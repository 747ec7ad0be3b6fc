import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { collectTemplates } from '../../src/agent-templates/bundle';
import { checkTemplates, listTemplates } from '../../src/agent-templates/check';
import { renderTemplate, TemplateInputError } from '../../src/agent-templates/render';
import { walkTemplatesTree } from '../../src/agent-templates/tree';
import { synthChart, tempDir, writeTree } from '../helpers/chart';

const work = tempDir();
let n = 0;
/** A project folder holding `templates/` with `files`, then `links` (path -> target) made in it. */
function project(files: Record<string, string>, links: Record<string, string> = {}): string {
  const dir = path.join(work, `p${n++}`);
  writeTree(path.join(dir, 'templates'), { 'context.example.json': '{"service":"w"}', ...files });
  writeTree(path.join(dir, 'outside'), { 'secret.hbs': 'not a template', 'folder/x.hbs': 'x' });
  for (const [link, target] of Object.entries(links)) {
    fs.mkdirSync(path.dirname(path.join(dir, 'templates', link)), { recursive: true });
    fs.symlinkSync(target, path.join(dir, 'templates', link));
  }
  return dir;
}

describe('symbolic links inside the tree are followed, by synth, check and render alike', () => {
  const dir = project({ 'code/a.sh.hbs': 'echo {{service}}\n', 'shared/p.md': 'doc' }, { 'code/b.sh.hbs': 'a.sh.hbs', 'agents': 'shared' });
  const root = path.join(dir, 'templates');

  test('walk, synth and check see the linked file and folder', () => {
    expect(walkTemplatesTree(root).map(f => f.relativePath)).toEqual(['agents/p.md', 'code/a.sh.hbs', 'code/b.sh.hbs', 'context.example.json', 'shared/p.md']);
    expect(collectTemplates(root).map(f => f.relativePath)).toEqual(['agents/p.md', 'code/a.sh.hbs', 'code/b.sh.hbs', 'shared/p.md']);
    expect(listTemplates(root)).toEqual(['code/a.sh.hbs', 'code/b.sh.hbs']);
    const configMap = synthChart({}, dir).find(m => m.kind === 'ConfigMap');
    expect(Object.keys(configMap?.data ?? {})).toEqual(['agents_p.md', 'code_a.sh.hbs', 'code_b.sh.hbs', 'shared_p.md']);
    expect(renderTemplate(root, 'code/b.sh.hbs', { service: 'api' })).toBe('echo api\n');
  });
});

describe('what the tree refuses, naming the path', () => {
  test.each<[string, Record<string, string>, RegExp]>([
    ['a file link leaving the tree', { 'code/x.hbs': '../../outside/secret.hbs' }, /^templates\/code\/x\.hbs: symbolic link to .*outside\/secret\.hbs, outside the templates folder/],
    ['a folder link leaving the tree', { 'code/more': '../../outside/folder' }, /^templates\/code\/more: symbolic link to .*outside\/folder, outside the templates folder/],
    ['a dangling link', { 'code/gone.hbs': 'missing.hbs' }, /^templates\/code\/gone\.hbs: symbolic link leads to nothing \(missing\.hbs\)/],
    ['a link loop', { 'code/self': '..' }, /^templates\/code\/self: symbolic link to a folder that contains it \(a loop\)/],
  ])('%s: synth and check fail', (_name, links, message) => {
    const dir = project({ 'code/ok.hbs': 'ok' }, links);
    expect(() => synthChart({}, dir)).toThrow(message);
    const results = checkTemplates(path.join(dir, 'templates'));
    expect(results).toEqual([{ name: 'list templates', status: 'fail', detail: expect.stringMatching(message) }]);
  });

  test('a FIFO is not read (it would block) but refused', () => {
    const dir = project({ 'code/ok.hbs': 'ok' });
    execFileSync('mkfifo', [path.join(dir, 'templates', 'code', 'pipe.hbs')]);
    expect(() => collectTemplates(path.join(dir, 'templates'))).toThrow(/^templates\/code\/pipe\.hbs: not a regular file/);
  });

  test('render refuses a link out of the tree', () => {
    const dir = project({}, { 'code/x.hbs': '../../outside/secret.hbs' });
    const render = () => renderTemplate(path.join(dir, 'templates'), 'code/x.hbs', {});
    expect(render).toThrow(TemplateInputError);
    expect(render).toThrow(/^template code\/x\.hbs is a symbolic link to .*outside\/secret\.hbs, outside /);
  });
});
