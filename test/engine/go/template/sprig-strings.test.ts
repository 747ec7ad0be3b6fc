import { renderFixed as render } from './helpers';

describe('sprig string functions (xstrings, goutils)', () => {
  it.each([
    ['{{ snakecase "FirstName" }} {{ snakecase "HTTPServer" }} {{ snakecase "NoHTTPS" }}', 'first_name http_server no_https'],
    ['{{ snakecase "GO_PATH" }} {{ snakecase "GO PATH" }} {{ snakecase "GO-PATH" }}', 'go_path go_path go_path'],
    ['{{ snakecase "http2xx" }} {{ snakecase "HTTP20xOK" }} {{ snakecase "Duration2m3s" }} {{ snakecase "Bld4Floor3rd" }}', 'http_2xx http_20x_ok duration_2m_3s bld4_floor_3rd'],
    ['{{ snakecase "" }}|{{ snakecase "a.b" }}', '|a.b'],
    ['{{ kebabcase "FirstName" }} {{ kebabcase "HTTPServer" }} {{ kebabcase "GO_PATH" }}', 'first-name http-server go-path'],
    ['{{ camelcase "http_server" }} {{ camelcase "no_https" }} {{ camelcase "GOLANG_IS_GREAT" }} {{ camelcase "a" }}', 'HttpServer NoHttps GolangIsGreat A'],
    ['[{{ camelcase "_complex__case_" }}] [{{ camelcase " complex -case " }}]', '[_Complex_Case_] [ Complex Case ]'],
    ['{{ swapcase "This Is A.Test" }} {{ swapcase "ÉtÉ" }}', 'tHIS iS a.tEST éTé'],
    ['{{ untitle "Hello World" }} {{ untitle "ABC DEF" }}', 'hello world aBC dEF'],
    ['{{ initials "First Try" }} {{ initials "  a  b c" }}', 'FT abc'],
    // goutils reads bytes: the first byte of "É" (0xC3) comes out as "Ã".
    ['{{ initials "Émile Zola" }}', 'ÃZ'],
    ['{{ abbrevboth 5 10 "1234 5678 9123" }} {{ abbrevboth 0 8 "abcdefghijkl" }} {{ abbrevboth 1 5 "abcdefghijkl" }}', '...5678... abcde... abcdefghijkl'],
    ['{{ abbrevboth 20 10 "abcdefghijklmnop" }}', '...jklmnop'],
    ['{{ wrap 10 "a long line of text here" }}', 'a long\nline of\ntext here'],
    ['{{ wrap 3 "abcdefgh ij" }}', 'abcdefgh\nij'],
    ['{{ wrapWith 5 "\\t" "Hello World" }} {{ wrapWith 3 "|" "abcdefgh" }}', 'Hello\tWorld abc|def|gh'],
  ])('%s -> %j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });
});
