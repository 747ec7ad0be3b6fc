/**
 * The optional data-filter template (reference §3 step 3): Go text/template with sprig,
 * data `{"Input": <r.String()>}`.
 */
import { GoTemplateError, renderTemplate, type TemplateCache } from '../go/template';

/** The rendered output, or the Go error text of a parse/exec failure. */
export type RenderedFilterTemplate = { readonly output: string } | { readonly error: string };

/**
 * Renders a data-filter template with `{"Input": input}`, parsed through `parsed`; Go template
 * errors become `{error}`.
 */
export function renderFilterTemplate(template: string, input: string, parsed: TemplateCache): RenderedFilterTemplate {
  try {
    return { output: renderTemplate(template, { Input: input }, { parsed }) };
  } catch (err) {
    if (err instanceof GoTemplateError) return { error: err.message };
    throw err;
  }
}
