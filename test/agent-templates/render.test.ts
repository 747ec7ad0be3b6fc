import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  TemplateCompileError,
  TemplateInputError,
  compileTemplate,
  defaultTemplatesRoot,
  findPackageRoot,
  loadContext,
  renderTemplate,
  resolveTemplatePath,
} from '../../src/agent-templates/render';

const PACKAGE_ROOT = path.resolve(__dirname, '../..');
let scratch: string;
beforeAll(() => {
  scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rex-render-')));
});
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const file = path.join(scratch, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

describe('findPackageRoot / defaultTemplatesRoot', () => {
  it('walks up to the folder holding package.json', () => {
    expect(findPackageRoot(path.join(PACKAGE_ROOT, 'src', 'agent-templates'))).toBe(PACKAGE_ROOT);
    expect(findPackageRoot(path.join(PACKAGE_ROOT, 'lib', 'src', 'agent-templates'))).toBe(PACKAGE_ROOT);
    expect(defaultTemplatesRoot()).toBe(path.join(PACKAGE_ROOT, 'templates'));
  });

  it('throws when there is none', () => {
    expect(() => findPackageRoot(scratch)).toThrow(`no package.json above ${scratch}`);
  });
});

describe('loadContext', () => {
  it('reads a JSON object', () => {
    expect(loadContext(write('ok.json', '{"service":"widgets"}'))).toEqual({ service: 'widgets' });
  });

  it.each([
    ['missing.json', null, 'cannot read context file {file}: no such file or folder'],
    ['bad.json', '{"service":', 'context file {file} is not valid JSON: '],
    ['list.json', '[1]', 'context file {file} must hold a JSON object'],
    ['null.json', 'null', 'context file {file} must hold a JSON object'],
  ])('rejects %s', (name, content, message) => {
    const file = content === null ? path.join(scratch, name) : write(name, content);
    expect(() => loadContext(file)).toThrow(TemplateInputError);
    expect(() => loadContext(file)).toThrow(message.replace('{file}', file));
  });
});

describe('resolveTemplatePath', () => {
  it.each(['../package.json', '/etc/passwd', '.', 'a/../../x'])('refuses %s', (relPath) => {
    expect(() => resolveTemplatePath(scratch, relPath)).toThrow(`template path must be relative to ${scratch}: ${relPath}`);
  });

  it('resolves inside the root', () => {
    expect(resolveTemplatePath(scratch, 'code/x.hbs')).toBe(path.join(scratch, 'code/x.hbs'));
  });
});

describe('compileTemplate', () => {
  it('allows the built-in helpers', () => {
    const source = '{{#if a}}{{#each a}}{{this}}{{/each}}{{/if}}{{#unless b}}!{{/unless}}{{#with c}}{{d}}{{/with}}{{lookup c "d"}}';
    expect(compileTemplate(source, 't.hbs')({ a: [1, 2], c: { d: 'x' } })).toBe('12!xx');
  });

  it.each([
    ['a\n{{upper service}}', 't.hbs:2: You specified knownHelpersOnly, but used the unknown helper upper'],
    ['a\n{{#if x}}\n', 't.hbs:3: not valid Handlebars: the template ends before a block or an expression is closed, near "a{{#if x}}"'],
  ])('names the file and line of %j', (source, message) => {
    expect(() => compileTemplate(source, 't.hbs')).toThrow(TemplateCompileError);
    expect(() => compileTemplate(source, 't.hbs')).toThrow(message);
  });
});

describe('renderTemplate', () => {
  it('renders with HTML escaping, as the controller does', () => {
    write('tpl/x.sh.hbs', "echo '{{service}}'");
    expect(renderTemplate(path.join(scratch, 'tpl'), 'x.sh.hbs', { service: `a'b"c&d` })).toBe("echo 'a&#x27;b&quot;c&amp;d'");
  });

  it('reports an unreadable template and a missing partial', () => {
    write('tpl/p.hbs', '{{> shared}}');
    expect(() => renderTemplate(path.join(scratch, 'tpl'), 'nope.hbs', {})).toThrow('cannot read template nope.hbs: no such file or folder');
    expect(() => renderTemplate(path.join(scratch, 'tpl'), 'p.hbs', {})).toThrow('p.hbs:?: The partial shared could not be found');
  });

  it('renders the real templates with the example context', () => {
    const root = path.join(PACKAGE_ROOT, 'templates');
    const context = loadContext(path.join(root, 'context.example.json'));
    const script = renderTemplate(root, 'code/claude/container-rex.sh.hbs', context);
    expect(script).toContain("CTX_REPOSITORY_URL=$(decode_context 'https://github.com/example-org/widgets.git')");
    expect(script).toContain('CTX_CONTINUE_SESSION=false');
    expect(script).not.toContain('{{');
    expect(renderTemplate(root, 'agents/rex-ci-remediation-system-prompt.md.hbs', context)).toContain('acting as the GitHub App Example-Rex');
  });
});
