import { renderTemplate } from '../../../../src/engine/go/template';

/** Fixed clock for date tests: 2024-06-15T12:00:00Z. */
export const FIXED_NOW = (): Date => new Date(Date.UTC(2024, 5, 15, 12, 0, 0));

/** Renders with empty data and the fixed clock. */
export const renderFixed = (text: string, data: unknown = {}): string => renderTemplate(text, data, { now: FIXED_NOW });

/** Go's execution error text for a failing function call at column 3 of line 1. */
export const callError = (node: string, fn: string, message: string): string =>
  `template: param:1:3: executing "param" at <${node}>: error calling ${fn}: ${message}`;
