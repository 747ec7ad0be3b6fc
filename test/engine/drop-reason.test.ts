import { normaliseReason } from '../../src/engine/drop-reason';

describe('normaliseReason', () => {
  it('groups texts that differ only in whitespace', () => {
    expect(normaliseReason('  data[0] body.action:\n  no match ')).toBe('data[0] body.action: no match');
  });

  it('cuts a reason over 300 characters, marking the cut', () => {
    const cut = normaliseReason('x'.repeat(301));
    expect(cut).toBe(`${'x'.repeat(300)}...`);
    expect(normaliseReason('y'.repeat(300))).toBe('y'.repeat(300));
  });
});
