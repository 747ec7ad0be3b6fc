import { Lua51SyntaxError, adaptToLua51 } from '../../../src/engine/lua/lua51-source';

describe('adaptToLua51', () => {
  it.each<[string, string]>([
    ['return 1 + 2', 'return 1.0 + 2.0'],
    ['x = 1.5 + 2e3 + .5', 'x = 1.5 + 2e3 + .5'],
    ['x = 0xff', 'x = 255.0'],
    ['x = 0xffffffffffffffff', 'x = 18446744073709552000.0'],
    ['t[1] = a1 .. "2" -- 3', 't[1.0] = a1 .. "2" -- 3'],
    ["s = 'it\\'s 4' .. [==[ 5 ]] ]==]", "s = 'it\\'s 4' .. [==[ 5 ]] ]==]"],
    ['--[[ 6 // 7 ]] return a ~= b', '--[[ 6 // 7 ]] return a ~= b'],
    ['return ...', 'return ...'],
  ])('%j', (source, expected) => {
    expect(adaptToLua51(source)).toBe(expected);
  });

  it('rejects Lua 5.3 operators outside strings and comments', () => {
    expect(() => adaptToLua51('return "a" .. (1 | 2)')).toThrow(Lua51SyntaxError);
  });
});
