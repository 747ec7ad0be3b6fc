import { renderFixed as render } from './helpers';

describe('sprig path functions (Go path; os* = filepath on Linux)', () => {
  it.each([
    ['{{ base "/a/b.tar.gz" }} {{ base "/a/b/" }} {{ base "" }} {{ base "///" }}', 'b.tar.gz b . /'],
    ['{{ dir "/a/b/c" }} {{ dir "abc" }} {{ dir "/abc" }} {{ dir "a/b/" }}', '/a/b . / a/b'],
    ['{{ clean "a//b/../c/." }} {{ clean "/../x" }} {{ clean "../../a" }} {{ clean "" }} {{ clean "a/.." }}', 'a/c /x ../../a . .'],
    ['{{ ext "x/y.txt" }}|{{ ext "x.d/y" }}|{{ ext "a.tar.gz" }}', '.txt||.gz'],
    ['{{ isAbs "/x" }} {{ isAbs "x" }} {{ osBase "/a/b" }} {{ osDir "/a/b" }} {{ osClean "a/./b" }} {{ osExt "f.md" }} {{ osIsAbs "/" }}', 'true false b /a a/b .md true'],
  ])('%s -> %j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });
});
