import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ENGINE = path.resolve(__dirname, '../../src/engine');

/** The engine's modules and the engine modules each one imports (static, type-only and `require` alike). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const files = (fs.readdirSync(ENGINE, { recursive: true }) as string[]).filter(file => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  for (const file of files) {
    const absolute = path.join(ENGINE, file);
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(absolute, 'utf8'), true, true);
    const targets = importedFiles
      .map(imported => imported.fileName)
      .filter(name => name.startsWith('.'))
      .map(name => resolveModule(path.dirname(absolute), name))
      .filter((target): target is string => target !== undefined);
    graph.set(path.relative(ENGINE, absolute), targets.map(target => path.relative(ENGINE, target)));
  }
  return graph;
}

function resolveModule(from: string, specifier: string): string | undefined {
  const base = path.resolve(from, specifier);
  return [`${base}.ts`, path.join(base, 'index.ts')].find(candidate => candidate.startsWith(ENGINE) && fs.existsSync(candidate));
}

/** Every cycle found by a depth-first walk, as the list of modules around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (module: string): void => {
    const open = stack.indexOf(module);
    if (open >= 0) {
      found.push([...stack.slice(open), module]);
      return;
    }
    if (done.has(module)) return;
    stack.push(module);
    for (const target of graph.get(module) ?? []) visit(target);
    stack.pop();
    done.add(module);
  };
  for (const module of [...graph.keys()].sort()) visit(module);
  return found;
}

describe('the engine import graph', () => {
  it('reads the imports of every engine module', () => {
    const graph = importGraph();
    expect(graph.get(path.join('gjson', 'get.ts'))).toContain(path.join('gjson', 'modifiers.ts'));
    expect(graph.get(path.join('filters', 'script.ts'))).toContain(path.join('lua', 'index.ts'));
  });

  it('has no import cycle', () => {
    expect(cycles(importGraph()).map(cycle => cycle.join(' -> '))).toEqual([]);
  });
});
