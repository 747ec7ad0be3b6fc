import * as fs from 'fs';
import * as path from 'path';
import { lintTexts } from '../../src/lint';

/** Upstream's own Sensors and EventSources (argoproj/argo-events 6478ece), see the folder's README. */
const ROOT = path.join(__dirname, 'fixtures', 'upstream-argo-events');
const EXPECTED_FILE = path.join(ROOT, 'findings.json');

interface FileSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly rules: Record<string, number>;
}

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  }).sort();
}

/** Findings of each file linted on its own, keyed by its upstream path. */
function summaries(): Record<string, FileSummary> {
  const result: Record<string, FileSummary> = {};
  for (const full of yamlFiles(ROOT)) {
    const file = path.relative(ROOT, full).split(path.sep).join('/');
    const findings = lintTexts([{ file, text: fs.readFileSync(full, 'utf8') }]);
    const rules: Record<string, number> = {};
    for (const f of findings) rules[`${f.severity} ${f.rule}`] = (rules[`${f.severity} ${f.rule}`] ?? 0) + 1;
    result[file] = {
      errors: findings.filter(f => f.severity === 'error').length,
      warnings: findings.filter(f => f.severity === 'warning').length,
      rules: Object.fromEntries(Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : 1))),
    };
  }
  return result;
}

describe('lint on upstream Argo Events Sensors and EventSources', () => {
  const actual = summaries();
  if (process.env.UPDATE_UPSTREAM_FINDINGS === '1') fs.writeFileSync(EXPECTED_FILE, `${JSON.stringify(actual, null, 2)}\n`);

  test('the e2e Sensors and EventSources, green in upstream CI, have no error', () => {
    const e2e = Object.entries(actual).filter(([file]) => file.startsWith('test/e2e/testdata/'));
    expect(e2e.length).toBeGreaterThan(30);
    expect(e2e.filter(([, summary]) => summary.errors > 0)).toEqual([]);
  });

  test('findings per file are the recorded ones', () => {
    expect(actual).toEqual(JSON.parse(fs.readFileSync(EXPECTED_FILE, 'utf8')));
  });
});
