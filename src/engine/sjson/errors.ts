/** Errors raised by the sjson port. */

/**
 * An sjson error (`path cannot be empty`, `cannot set array element for non-numeric key '<k>'`),
 * or a path this port refuses because it would not reproduce sjson exactly.
 */
export class SjsonPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SjsonPathError';
  }
}
