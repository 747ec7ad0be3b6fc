import { lintContextOf } from '../../src/lint/lint-context';
import { parameterTemplateRules } from '../../src/lint/parameter-template-rules';
import { sensorWith } from './sensor-builders';

describe('template-number-printing severity', () => {
  // Go prints a float64 with %v in exponent form from 1e6 on (test/engine/go/fmt.test.ts:
  // 1e6 -> "1e+06"): certain for GitHub's database ids, a risk for smaller counts.
  test.each([
    ['an id, always beyond 1e6', '{{ .Input.body.workflow_run.id }}', 'error'],
    ['a run number, beyond 1e6 only in huge repositories', '{{ .Input.body.workflow_run.run_number }}', 'warning'],
  ])('%s', (_name, dataTemplate, severity) => {
    const sensor = sensorWith({ parameters: [{ src: { dependencyName: 'dep', dataTemplate }, dest: 'data.x' }] });
    expect(parameterTemplateRules(sensor, lintContextOf([])).map(f => `${f.severity} ${f.rule}`)).toEqual([`${severity} template-number-printing`]);
  });
});
