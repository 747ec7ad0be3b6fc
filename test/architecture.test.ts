/**
 * The import directions of ARCHITECTURE.md hold in src/: its module table names, for each module,
 * the modules it may import; every import of a project file or of a cdk8s package (static,
 * `import type`, `require`, `import()`) is checked against that table, read from the document
 * itself so the two cannot drift.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { PROJECT_ROOT } from './helpers/chart';

const SRC = path.join(PROJECT_ROOT, 'src');

/** The module a project file belongs to: `engine` for src/engine/…, `main.ts` for src/main.ts, `imports` for imports/…. */
function moduleOf(file: string): string {
  const relative = path.relative(SRC, file);
  if (relative.startsWith('..')) return path.relative(PROJECT_ROOT, file).split(path.sep)[0];
  return relative.split(path.sep)[0];
}

/** Module → the modules it may import, from the table under "## Modules" in ARCHITECTURE.md. */
function allowedImports(markdown: string): Map<string, Set<string>> {
  const section = markdown.split(/^## /m).find(s => s.startsWith('Modules'));
  if (!section) throw new Error('ARCHITECTURE.md has no "## Modules" section');
  const allowed = new Map<string, Set<string>>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1).map(c => c.trim());
    const name = /^`src\/([^`/]+)\/?`$/.exec(cells[0] ?? '');
    if (!name || cells.length < 3) continue;
    const targets = [...cells[cells.length - 1].matchAll(/`([^`]+)`/g)].map(m => m[1].replace(/\/$/, ''));
    allowed.set(name[1], new Set(targets));
  }
  return allowed;
}

/** The cdk8s packages, which the table names `cdk8s`. */
const CDK8S_PACKAGES = new Set(['cdk8s', 'cdk8s-plus-27', 'constructs']);

/** Every import of a project file or a cdk8s package in src/: [importing module, imported module, importing file, specifier]. */
function projectImports(): [string, string, string, string][] {
  const edges: [string, string, string, string][] = [];
  const files = (fs.readdirSync(SRC, { recursive: true }) as string[]).filter(f => f.endsWith('.ts')).map(f => path.join(SRC, f));
  for (const file of files) {
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    for (const { fileName: specifier } of info.importedFiles) {
      const from = moduleOf(file);
      if (CDK8S_PACKAGES.has(specifier)) {
        edges.push([from, 'cdk8s', path.relative(PROJECT_ROOT, file), specifier]);
        continue;
      }
      if (!specifier.startsWith('.')) continue;
      const to = moduleOf(path.resolve(path.dirname(file), specifier));
      if (from !== to) edges.push([from, to, path.relative(PROJECT_ROOT, file), specifier]);
    }
  }
  return edges;
}

describe('ARCHITECTURE.md: which module may import which', () => {
  const allowed = allowedImports(fs.readFileSync(path.join(PROJECT_ROOT, 'ARCHITECTURE.md'), 'utf8'));

  test('every module under src/ is in the table', () => {
    const modules = fs.readdirSync(SRC).filter(name => !name.endsWith('.d.ts'));
    expect(modules.filter(name => !allowed.has(name))).toEqual([]);
    expect([...allowed.keys()].filter(name => !modules.includes(name))).toEqual([]);
  });

  test('every import between modules goes a direction the table allows', () => {
    const forbidden = projectImports()
      .filter(([from, to]) => !allowed.get(from)?.has(to))
      .map(([from, to, file, specifier]) => `${file}: ${from} may not import ${to} ('${specifier}')`);
    expect(forbidden).toEqual([]);
  });

  test('the walk sees imports of every form, and the table is read cell by cell', () => {
    const edges = projectImports().map(([from, to, file, specifier]) => `${from} ${to} ${file} ${specifier}`);
    expect(edges).toEqual(expect.arrayContaining([
      'cli cluster src/cli/cluster-options.ts ../cluster/desired', // require() and import() types
      'index.ts constructs src/index.ts ./constructs/ci-remediation-chart', // export … from
      'synth cdk8s src/synth/synthesize.ts cdk8s',
    ]));
    const table = allowedImports('## Modules\n\n| Module | Owns | May import |\n| --- | --- | --- |\n| `src/cli/` | the CLI | `config/`, `engine` |\n');
    expect(table).toEqual(new Map([['cli', new Set(['config', 'engine'])]]));
  });
});
