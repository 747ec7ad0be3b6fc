/**
 * Rules on expr filters (reference §4, govaluate): `expr-parse`, `expr-dotted-name`,
 * `expr-unsupported-function`, `expr-unbound-variable`. The expression is parsed per event
 * at run time; a parse error is a filter error, and with AND that drops every event.
 */
import { GovaluateError, parseExpression } from '../engine/govaluate';
import { isJsonObject } from '../engine/plain-data';
import { error, type ObjectFinding } from './findings';
import { exprFiltersOf, modelOf, type SensorInput } from './sensor-model';

/** Expression text with string literals and `[bracketed names]` blanked, so names can be scanned. */
function blankLiteralsAndBrackets(expr: string): string {
  return expr.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\[[^\]]*\]/g, match => ' '.repeat(match.length));
}

/** Dotted names (`body.workflow_run.id`) of an expression. */
export function dottedNames(expr: string): string[] {
  return [...new Set(blankLiteralsAndBrackets(expr).match(/\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+/g) ?? [])];
}

/** Names called like functions (`contains(`, `len(`); govaluate in Argo Events has no functions. */
export function calledFunctions(expr: string): string[] {
  const names = [...blankLiteralsAndBrackets(expr).matchAll(/\b([A-Za-z_]\w*)\s*\(/g)].map(m => m[1]).filter(name => name !== 'in');
  return [...new Set(names)];
}

/** Expr filter rules of a Sensor. */
export function exprRules(sensor: SensorInput): ObjectFinding[] {
  const findings: ObjectFinding[] = [];
  for (const { filter: { raw: filter, path } } of exprFiltersOf(modelOf(sensor))) {
    if (typeof filter.expr !== 'string' || filter.expr === '') continue;
    const expr = filter.expr;
    const at = [...path, 'expr'];
    const fields = (Array.isArray(filter.fields) ? filter.fields : []).filter(isJsonObject);
    const bound = new Set(fields.map(f => f.name).filter((n): n is string => typeof n === 'string'));
    const dotted = dottedNames(expr);
    const functions = calledFunctions(expr);
    for (const name of dotted) {
      const alias = name.split('.').pop() ?? name;
      findings.push(error(at, 'expr-dotted-name',
        `${name} is a govaluate parse error (dotted names are field accesses): bind it with a field {name: ${alias}, path: ${name}} and write ${alias}; with AND this drops every event`));
    }
    for (const name of functions) {
      findings.push(error(at, 'expr-unsupported-function',
        `govaluate in Argo Events has no functions (Undefined function ${name}): the expression never parses and drops every event; use =~ with a regex (e.g. x =~ 'text') or a data filter`));
    }
    let variables: string[];
    try {
      variables = [...parseExpression(expr).variables];
    } catch (err) {
      if (!(err instanceof GovaluateError)) throw err;
      if (dotted.length === 0 && functions.length === 0) {
        findings.push(error(at, 'expr-parse', `govaluate cannot parse the expression (${err.message}): the filter errors and drops every event`));
      }
      continue;
    }
    if (fields.length === 0) continue; // an expr without fields is skipped at run time; the controller rejects it
    for (const variable of new Set(variables)) {
      if (bound.has(variable)) continue;
      const hint = variable === 'nil' ? ' (nil is a parameter name in govaluate, not a null literal)' : '';
      findings.push(error(at, 'expr-unbound-variable',
        `variable ${variable} is not bound by fields${hint}: evaluation fails with "No parameter '${variable}' found." when it is reached; add a field {name: ${variable}, path: ...}`));
    }
  }
  return findings;
}
