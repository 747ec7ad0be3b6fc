/**
 * Static checks of Argo Events Sensors and EventSources for a GitHub-driven deployment:
 * what the controller rejects and what silently drops events or misbehaves at run time.
 */
export type { Fix, LintFinding, ObjectFinding, Severity } from './findings';
export { lintContextOf, type LintContext } from './lint-context';
export { exitStatusOf, formatFindings, formatGithub, formatJson, formatSarif, formatText, LINT_FORMATS, type LintFormat, type ToolInfo } from './reporter';
export { LINTED_KINDS, LintInputError, lintFiles, lintObject, lintTexts, readLintInputs, type LintInput, type ObjectRule } from './runner';
export { fixTexts, type FixedText, type RefusedFix } from './fix';
