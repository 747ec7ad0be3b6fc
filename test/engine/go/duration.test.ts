import { durationString, GoDurationError, parseDuration, roundDuration, SECOND } from '../../../src/engine/go/duration';

describe('Go time.Duration', () => {
  it.each([
    ['1h30m', 5400n * SECOND, '1h30m0s'],
    ['1.5s', 1500000000n, '1.5s'],
    ['-2m3.5s', -123500000000n, '-2m3.5s'],
    ['300ms', 300000000n, '300ms'],
    ['1us', 1000n, '1µs'],
    ['0', 0n, '0s'],
  ])('%j is %s ns and prints %j', (text, nanos, printed) => {
    expect(parseDuration(text)).toBe(nanos);
    expect(durationString(nanos)).toBe(printed);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['1', 'time: missing unit in duration "1"'],
    ['1x', 'time: unknown unit "x" in duration "1x"'],
  ])('%j fails with %j', (text, message) => {
    expect(() => parseDuration(text)).toThrow(new GoDurationError(message));
  });

  it('rounds half away from zero', () => {
    expect(roundDuration(1500000000n, SECOND)).toBe(2n * SECOND);
    expect(roundDuration(-1500000000n, SECOND)).toBe(-2n * SECOND);
  });
});
