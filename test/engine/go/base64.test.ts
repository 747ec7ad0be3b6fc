import { base64Decode, base64Encode } from '../../../src/engine/go/base64';

describe('Go base64.StdEncoding', () => {
  it.each([
    ['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['héllo', 'aMOpbGxv'],
  ])('encodes %j', (plain, encoded) => {
    expect(base64Encode(plain)).toBe(encoded);
    expect(base64Decode(encoded)).toBe(plain);
  });

  it('ignores newlines and carriage returns', () => {
    expect(base64Decode('Zm9v\r\nYmFy\n')).toBe('foobar');
  });

  it.each([
    ['abcde', 4],
    ['Zm9v!', 4],
    ['Zg=', 3],
    ['Zg', 0],
    ['Z===', 1],
    ['=', 0],
    ['Zg==Zg==', 4],
    ['Zm9vYmFy-', 8],
    ['Zm9vYg=x', 6],
    ['Zm 9v', 2],
  ])('reports %j as corrupt at byte %d', (text, offset) => {
    expect(() => base64Decode(text)).toThrow(`illegal base64 data at input byte ${offset}`);
  });
});
