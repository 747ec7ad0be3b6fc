import { calledFunctions, dottedNames, exprRules } from '../../src/lint/expr-rules';
import { sensorWith } from './sensor-builders';

function rulesFor(expr: string, names: string[] = ['x']): string[] {
  const fields = names.map(name => ({ name, path: 'body.action' }));
  return exprRules(sensorWith({ exprs: [{ expr, fields }] })).map(f => `${f.rule}: ${f.message}`);
}

describe('exprRules', () => {
  test('a valid expression over bound fields passes', () => {
    expect(rulesFor("x == 'completed' && [y-z] =~ '^a'", ['x', 'y-z'])).toEqual([]);
  });

  test('names inside strings and brackets are not scanned', () => {
    expect(dottedNames("a.b == 'c.d' || [e.f] == 1")).toEqual(['a.b']);
    expect(calledFunctions("contains(x) || y in ('a', 'b') || 'len(x)' == z")).toEqual(['contains']);
  });

  test.each([
    ['contains(x, "a")', 'expr-unsupported-function: govaluate in Argo Events has no functions (Undefined function contains): the expression never parses and drops every event; use =~ with a regex (e.g. x =~ \'text\') or a data filter'],
    ['body.workflow_run.id != ""', 'expr-dotted-name: body.workflow_run.id is a govaluate parse error (dotted names are field accesses): bind it with a field {name: id, path: body.workflow_run.id} and write id; with AND this drops every event'],
    ['x !== "a"', "expr-parse: govaluate cannot parse the expression (Invalid token: '!=='): the filter errors and drops every event"],
    ['x == y', 'expr-unbound-variable: variable y is not bound by fields: evaluation fails with "No parameter \'y\' found." when it is reached; add a field {name: y, path: ...}'],
    ['x != nil', 'expr-unbound-variable: variable nil is not bound by fields (nil is a parameter name in govaluate, not a null literal): evaluation fails with "No parameter \'nil\' found." when it is reached; add a field {name: nil, path: ...}'],
  ])('%s', (expr, expected) => {
    expect(rulesFor(expr)).toEqual([expected]);
  });
});
