/**
 * The error type of the Go template engine. Messages follow Go's formats:
 * parse errors `template: <name>:<line>: <msg>`, execution errors
 * `template: <name>:<line>:<col>: executing "<name>" at <<node>>: <msg>`.
 */
export class GoTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoTemplateError';
  }
}
