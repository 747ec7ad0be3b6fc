/**
 * The data-filter template (filter.go: text/template named "param" with sprig v3.3.0 functions,
 * data {"Input": <string>}) recorded on generated templates and inputs: exact output bytes or
 * exact error text.
 */
import { GoTemplateError, parseTemplate, renderTemplate } from '../../../src/engine/go/template';
import { replay } from './fixtures';

interface TemplateInput {
  readonly template: string;
  readonly input: string;
}

type TemplateOutput = { readonly output: string } | { readonly parseError: string } | { readonly execError: string };

function run(input: TemplateInput): TemplateOutput {
  const parseError = parseTemplate(input.template);
  if (parseError !== undefined) return { parseError: parseError.message };
  try {
    return { output: renderTemplate(input.template, { Input: input.input }) };
  } catch (err) {
    if (!(err instanceof GoTemplateError)) throw err;
    return { execError: err.message };
  }
}

it('data-filter templates render as Go text/template + sprig v3.3.0', () => {
  const { cases, mismatches } = replay<TemplateInput, TemplateOutput>('template.ndjson', run);
  expect(cases).toBeGreaterThan(500);
  expect({ mismatches: mismatches.length, first: mismatches.slice(0, 5) }).toEqual({ mismatches: 0, first: [] });
});
