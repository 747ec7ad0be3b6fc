import { GoTemplateError } from '../../../../src/engine/go/template';
import { callError, renderFixed as render } from './helpers';

const data = { Input: { list: [3, 'z', null], s: 'abc' } };
const renderData = (text: string): string => render(text, data);

describe('sprig list functions and their must variants', () => {
  it.each([
    ['{{ mustFirst .Input.list }} {{ mustLast (list 1 2) }} {{ mustRest .Input.list }} {{ mustInitial .Input.list }}', '3 2 [z <nil>] [3 z]'],
    ['{{ mustAppend .Input.list 4 }} {{ mustPush (list) 1 }} {{ mustPrepend .Input.list 0 }} {{ mustReverse (list 1 2 3) }}', '[3 z <nil> 4] [1] [0 3 z <nil>] [3 2 1]'],
    ['{{ mustUniq (list 1 1 "a" "a") }} {{ mustWithout (list 1 2 3 2) 2 }} {{ mustHas 2 (list 1 2) }} {{ mustHas 1 nil }}', '[1 a] [1 3] true false'],
    ['{{ mustSlice (list 1 2 3) 1 }} {{ mustSlice (list 1 2 3) 1 2 }} {{ mustSlice (list) }} {{ mustCompact (list 0 1 "" "a" nil) }}', '[2 3] [2] <no value> [1 a]'],
    ['{{ mustFirst (list) }} {{ mustSlice (splitList "," "a,b,c") 2 }} {{ typeOf (mustSlice (splitList "," "a,b") 1) }}', '<no value> [c] []string'],
    ['{{ chunk 2 (list 1 2 3 4 5) }} {{ chunk 3 (list 1 2 3) }} {{ chunk 3 (list) }} {{ mustChunk 5 (list 1) }}', '[[1 2] [3 4] [5]] [[1 2 3]] [] [[1]]'],
    ['{{ chunk 2 (splitList "," "a,b,c") }} {{ chunk -1 (list 1 2) }}', '[[a b] [c]] []'],
  ])('%s -> %j', (text, expected) => {
    expect(renderData(text)).toBe(expected);
  });

  // Each must variant returns the error its plain variant panics with: same message.
  it.each([
    ['mustFirst', 'Cannot find first on type string'],
    ['mustLast', 'Cannot find last on type string'],
    ['mustRest', 'Cannot find rest on type string'],
    ['mustInitial', 'Cannot find initial on type string'],
    ['mustReverse', 'Cannot find reverse on type string'],
    ['mustUniq', 'Cannot find uniq on type string'],
    ['mustCompact', 'Cannot compact on type string'],
    ['mustWithout', 'Cannot find without on type string'],
    ['mustSlice', 'list should be type of slice or array but string'],
  ])('%s on a string fails with %j', (fn, message) => {
    expect(() => renderData(`{{ ${fn} .Input.s }}`)).toThrow(new GoTemplateError(
      `template: param:1:3: executing "param" at <${fn} .Input.s>: error calling ${fn}: ${message}`));
  });

  it.each([
    ['{{ mustAppend 1 2 }}', callError('mustAppend 1 2', 'mustAppend', 'Cannot push on type int')],
    ['{{ mustPush 1.5 2 }}', callError('mustPush 1.5 2', 'mustPush', 'Cannot push on type float64')],
    ['{{ mustPrepend (dict) 2 }}', callError('mustPrepend (dict) 2', 'mustPrepend', 'Cannot prepend on type map')],
    ['{{ mustHas 1 "x" }}', callError('mustHas 1 "x"', 'mustHas', 'Cannot find has on type string')],
    ['{{ mustChunk 2 "x" }}', callError('mustChunk 2 "x"', 'mustChunk', 'Cannot chunk type string')],
    ['{{ chunk 0 (list 1) }}', callError('chunk 0 (list 1)', 'chunk', 'runtime error: makeslice: len out of range')],
    ['{{ mustFirst nil }}', callError('mustFirst nil', 'mustFirst', 'runtime error: invalid memory address or nil pointer dereference')],
    ['{{ mustSlice (list 1 2) 1 5 }}', callError('mustSlice (list 1 2) 1 5', 'mustSlice', 'reflect.Value.Slice: slice index out of range')],
    ['{{ slice (list 1 2) 2 1 }}', callError('slice (list 1 2) 2 1', 'slice', 'reflect.Value.Slice: slice index out of range')],
  ])('%j fails with %j', (text, message) => {
    expect(() => renderData(text)).toThrow(new GoTemplateError(message));
  });
});
