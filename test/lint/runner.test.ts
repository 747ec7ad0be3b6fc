import { LintInputError, lintTexts } from '../../src/lint';

/** A Sensor whose one data filter has an unanchored literal (`unanchored-literal` at line 8). */
const BROKEN_SENSOR = `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: s, namespace: argo}
spec:
  dependencies:
    - name: d
      eventSourceName: github
      eventName: org
      filters: {data: [{path: body.action, type: string, value: [completed]}]}
  triggers:
    - template: {name: t, log: {}}
`;

function rulesAt(text: string): string[] {
  return lintTexts([{ file: 'f.yaml', text }]).map(f => `${f.line}:${f.column} ${f.severity} ${f.rule}`);
}

describe('lintTexts input handling', () => {
  test('a duplicate key is an error at the repeated key', () => {
    const text = BROKEN_SENSOR.replace('metadata: {name: s, namespace: argo}', 'metadata:\n  name: s\n  namespace: argo\n  name: t');
    const findings = lintTexts([{ file: 'f.yaml', text }]);
    expect(findings.filter(f => f.rule === 'duplicate-key')).toEqual([{
      file: 'f.yaml', line: 6, column: 3, severity: 'error', rule: 'duplicate-key',
      message: 'key "name" appears twice in one mapping: kubectl, Argo CD and simulate reject the document; keep one',
    }]);
  });

  test('the items of a kind: List are linted like documents, located inside the List', () => {
    const items = BROKEN_SENSOR.split('\n').map(line => (line === '' ? line : `    ${line}`)).join('\n').replace(/^ {4}/, '  - ');
    const alone = rulesAt(BROKEN_SENSOR);
    expect(alone).toEqual(['9:66 warning unanchored-literal']);
    expect(rulesAt(`apiVersion: v1\nkind: List\nitems:\n${items}`)).toEqual(['12:70 warning unanchored-literal']);
  });

  test('no Sensor or EventSource in any file: a one-line input error naming the files', () => {
    const inputs = [{ file: 'a.yaml', text: 'kind: ConfigMap\n' }, { file: 'b.yaml', text: '' }];
    expect(() => lintTexts(inputs)).toThrow(LintInputError);
    expect(() => lintTexts(inputs)).toThrow('a.yaml, b.yaml: no Sensor or EventSource found (documents of other kinds are not linted)');
    expect(lintTexts([...inputs, { file: 'c.yaml', text: BROKEN_SENSOR }])).toHaveLength(1);
  });
});

describe('objects over the API server size limit', () => {
  const withLiteral = (bytes: number): string =>
    BROKEN_SENSOR.replace('metadata: {name: s, namespace: argo}', `metadata: {name: s, namespace: argo, annotations: {note: ${'a'.repeat(bytes)}}}`);

  test('one object-too-large error at the object, and no other rule runs on it', () => {
    const findings = lintTexts([{ file: 'f.yaml', text: withLiteral(1_600_000) }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 1, column: 1, severity: 'error', rule: 'object-too-large' });
    expect(findings[0].message).toMatch(/^this Sensor is 1,600,\d{3} bytes as JSON, over the 1,572,864 bytes \(1\.5 MiB\) etcd stores by default/);
  });

  test('under the limit the rules run as usual', () => {
    expect(lintTexts([{ file: 'f.yaml', text: withLiteral(1_500_000) }]).map(f => f.rule)).toEqual(['unanchored-literal']);
  });
});
