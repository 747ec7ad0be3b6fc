/** Errors raised by the gjson port. */

/**
 * Thrown for path syntax the port does not reproduce exactly. gjson itself never errors;
 * failing loudly here is preferred to answering differently from Argo Events.
 */
export class GjsonPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GjsonPathError';
  }
}
