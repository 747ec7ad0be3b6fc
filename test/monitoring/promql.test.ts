/** PromQL selectors and Prometheus durations (model.ParseDuration's syntax, prometheus 2.42). */
import { durationMs, selector } from '../../src/monitoring/promql';

describe('selector', () => {
  it('quotes each value as one PromQL string literal', () => {
    expect(selector('m', {})).toBe('m');
    expect(selector('m', { a: 'x', b: 'say "hi" \\ ok' })).toBe('m{a="x", b="say \\"hi\\" \\\\ ok"}');
  });
});

describe('durationMs', () => {
  it.each([
    ['15m', 900_000], ['6h', 21_600_000], ['1h30m', 5_400_000], ['2d', 172_800_000], ['1w', 604_800_000],
    ['1y', 31_536_000_000], ['500ms', 500], ['1m30s', 90_000], ['10s500ms', 10_500],
  ])('%s is %d ms', (text, ms) => {
    expect(durationMs(text)).toBe(ms);
  });

  it.each(['', '0s', '0h0m', '1.5h', '30m1h', '1h1h', '10 minutes', '5', 'h', '-1m', '1M'])('refuses %j', (text) => {
    expect(durationMs(text)).toBeUndefined();
  });
});
