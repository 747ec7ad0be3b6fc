import { GoTemplateError } from '../../../../src/engine/go/template';
import { callError, renderFixed as render } from './helpers';

describe('sprig float math and sequences', () => {
  it.each([
    // shopspring/decimal arithmetic, then the nearest float64
    ['{{ addf 0.1 0.2 }} {{ add1f 1.5 }} {{ subf 1.5 0.1 }} {{ mulf 1.1 3 }}', '0.3 2.5 1.4 3.3'],
    ['{{ addf }} {{ addf "1.5" 2 }} {{ subf 5 }} {{ mulf 2 "x" }}', '0 3.5 5 0'],
    ['{{ divf 10 3 }} {{ divf 2 3 }} {{ divf 1 8 }} {{ divf -2 3 }}', '3.3333333333333335 0.6666666666666667 0.125 -0.6666666666666667'],
    ['{{ addf 1e21 1 }} {{ typeOf (addf 1 2) }}', '1e+21 float64'],
    ['{{ maxf 1 2.5 -3 }} {{ minf 1 2.5 -3 }} {{ maxf "7" }}', '2.5 -3 7'],
    ['{{ round 123.555555 3 }} {{ round 2.5 0 }} {{ round -2.5 0 }} {{ round 1.234 2 0.3 }} {{ round 1.5 0 0.6 }}', '123.556 3 -3 1.24 1'],
    ['{{ seq 5 }}|{{ seq -3 }}|{{ seq 2 5 }}|{{ seq 5 2 }}', '1 2 3 4 5|1 0 -1 -2 -3|2 3 4 5|5 4 3 2'],
    ['{{ seq 0 2 10 }}|{{ seq 10 -2 0 }}|{{ seq 0 -2 10 }}|{{ seq 10 2 0 }}|{{ seq }}|{{ seq 1 2 3 4 }}', '0 2 4 6 8 10|10 8 6 4 2 0||||'],
    ['{{ untilStep 0 10 3 }} {{ untilStep 3 0 -1 }} {{ untilStep 0 3 0 }} {{ typeOf (untilStep 0 1 1) }}', '[0 3 6 9] [3 2 1] [] []int'],
  ])('%s -> %j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });

  it.each([
    ['{{ divf 1 0 }}', callError('divf 1 0', 'divf', 'decimal division by zero')],
    ['{{ addf "NaN" 1 }}', callError('addf "NaN" 1', 'addf', 'Cannot create a Decimal from NaN')],
    ['{{ mulf "Inf" 1 }}', callError('mulf "Inf" 1', 'mulf', 'Cannot create a Decimal from +Inf')],
  ])('%j fails with %j', (text, message) => {
    expect(() => render(text)).toThrow(new GoTemplateError(message));
  });
});
