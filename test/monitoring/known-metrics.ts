/**
 * The metric names that exist, from their sources rather than a list kept beside the queries:
 * Argo Events' from its source at a named commit (fixtures/argo-events-metrics.txt), the report's
 * from what `renderPrometheus` itself writes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { computeReport } from '../../src/report/compute';
import { renderPrometheus } from '../../src/report/render-prometheus';

/** Series names Argo Events' pods export (a summary as its `_sum` and `_count`). */
export function argoEventsSeriesNames(): Set<string> {
  const lines = fs.readFileSync(path.join(__dirname, 'fixtures', 'argo-events-metrics.txt'), 'utf8')
    .split('\n').filter(line => line.trim() !== '' && !line.startsWith('#'));
  const names = new Set<string>();
  for (const line of lines) {
    const [name, type] = line.split(' ');
    if (type === 'summary') {
      names.add(`${name}_sum`);
      names.add(`${name}_count`);
    } else {
      names.add(name);
    }
  }
  return names;
}

/** Every metric `report --format prometheus` writes (prom-client prints HELP and TYPE even without samples). */
export async function reportMetricNames(): Promise<Set<string>> {
  const settings = { repositories: ['5dlabs/cto'], conclusions: ['failure'], blockForks: true, skipToken: '[skip-ci-remediation]', remediationBranchPrefix: 'ci-fix/', excludeWorkflows: [] };
  const window = { since: new Date('2026-01-01T00:00:00Z'), until: new Date('2026-01-31T00:00:00Z') };
  const text = await renderPrometheus(computeReport([], settings, window, new Date('2026-01-31T00:00:00Z')));
  return new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map(m => m[1]));
}

/** The metric names a PromQL expression selects (ours and Argo Events' are prefixed). */
export function metricNamesIn(expr: string): string[] {
  return [...expr.matchAll(/\b(argo_events_[a-z_]+|ci_remediation_[a-z_]+)\b/g)].map(m => m[1]);
}
