import { unmarshalGo } from '../../../../src/engine/go/json';
import { GoTemplateError, renderTemplate } from '../../../../src/engine/go/template';

const data = {
  Input: unmarshalGo(JSON.stringify({ id: 19289199112, name: 'Hello World', csv: 'a,b,,c', m: { b: 2, a: 'x' }, list: [3, 'z', null] })),
};
const render = (text: string): string => renderTemplate(text, data);

describe('sprig functions', () => {
  it.each([
    // encoding
    ['{{ b64enc "hello" }}', 'aGVsbG8='],
    ['{{ b64dec "aGVsbG8=" }}', 'hello'],
    ['{{ b64dec "abcde" }}', 'illegal base64 data at input byte 4'],
    ['{{ b64dec "not base64!" }}', 'illegal base64 data at input byte 3'],
    ['{{ sha256sum "abc" }}', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['{{ sha1sum "abc" }}', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['{{ adler32sum "abc" }}', '38600999'],
    // strings
    ['{{ lower .Input.name }} {{ upper .Input.name }} {{ title "hello wide-world_x" }}', 'hello world HELLO WORLD Hello Wide-World_x'],
    ['{{ upper "straße" }}', 'STRAßE'],
    ['{{ trim "  x \\n" }}|{{ trimAll "$" "$$5$" }}|{{ trimPrefix "ab" "abc" }}|{{ trimSuffix "bc" "abc" }}|{{ nospace " a b\\tc " }}', 'x|5|c|a|abc'],
    // Go's unicode.IsSpace: U+0085 and U+3000 are space, the byte order mark U+FEFF is not.
    // nospace is goutils v1.1.1 DeleteWhiteSpace: byte by byte, each kept byte written as a rune.
    ['{{ trim "\\u3000x\\u0085" }}|{{ trim "\\ufeffx" }}|{{ nospace "a\\ufeff b" }}|{{ title "a\\u3000b" }}', 'x|\ufeffx|a\u00ef\u00bb\u00bfb|A\u3000B'],
    ['{{ replace "o" "0" .Input.name }} {{ replace "" "-" "ab" }}', 'Hell0 W0rld -a-b-'],
    ['{{ contains "World" .Input.name }} {{ hasPrefix "He" .Input.name }} {{ hasSuffix "x" .Input.name }}', 'true true false'],
    ['{{ splitList "," .Input.csv }} {{ len (splitList "," .Input.csv) }}', '[a b  c] 4'],
    ['{{ splitList "," .Input.csv | join "+" }} {{ join "-" .Input.list }}', 'a+b++c 3-z'],
    ['{{ (split "," .Input.csv)._1 }} {{ splitn "," 2 .Input.csv }}', 'b map[_0:a _1:b,,c]'],
    ['{{ substr 2 9 "abc" }}|{{ substr 0 5 .Input.name }}|{{ substr 6 -1 .Input.name }}|{{ substr -1 2 .Input.name }}', 'c|Hello|World|He'],
    ['{{ trunc 5 .Input.name }}|{{ trunc -5 .Input.name }}|{{ trunc 50 "ab" }}', 'Hello|World|ab'],
    ['{{ repeat 3 "ab" }} {{ abbrev 8 .Input.name }} {{ indent 2 "a\\nb" }}', 'ababab Hello... ' + '  a\n  b'],
    ['{{ quote "a\\"b" 1 nil }} {{ squote "a" 2.5 }} {{ cat "a" 1 nil "b" }}', '"a\\"b" "1" \'a\' \'2.5\' a 1 b'],
    ['{{ toString 1.5e21 }} {{ toString .Input.id }} {{ toString nil }}', '1.5e+21 1.9289199112e+10 <nil>'],
    ['{{ sortAlpha (list "b" "a" "C") }} {{ toStrings (list 1 "a" nil) }}', '[C a b] [1 a]'],
    // regular expressions (Go RE2)
    ['{{ regexMatch "^Hel+o" .Input.name }} {{ regexMatch "(" "x" }} {{ regexMatch "(?i)^hello" .Input.name }}', 'true false true'],
    ['{{ regexFind "[A-Z]\\\\w+" "ab Cde Fg" }}|{{ regexFind "x" "abc" }}', 'Cde|'],
    ['{{ regexFindAll "[0-9]+" "a1b22c333" -1 }} {{ regexFindAll "[0-9]+" "a1b22c333" 2 }} {{ regexFindAll "x" "a" -1 }}', '[1 22 333] [1 22] []'],
    ['{{ regexReplaceAll "(a+)(b)?" "xaaabyab" "<$1|${2}>" }}', 'x<aaa|b>y<a|b>'],
    ['{{ regexReplaceAll "a(?P<rest>x*)" "-ax-axx-" "${rest}$$" }}', '-x$-xx$-'],
    ['{{ regexReplaceAll "a*" "baaac" "X" }}', 'XbXcX'],
    ['{{ regexReplaceAll "(a)" "a" "$1x" }}|{{ regexReplaceAll "(a)" "a" "${1}x" }}', '|ax'],
    ['{{ regexReplaceAllLiteral "a+" "baac" "$1" }}', 'b$1c'],
    ['{{ regexSplit "," "a,b,c" -1 }} {{ regexSplit "," "a,b,c" 2 }}', '[a b c] [a b,c]'],
    ['{{ regexQuoteMeta "a.b*c" }}', 'a\\.b\\*c'],
    ['{{ regexMatch "a.c" "a\\nc" }} {{ regexMatch "(?s)a.c" "a\\nc" }}', 'false true'],
    // conversions (spf13/cast v1.10.0: a decimal string keeps its integer part)
    ['{{ int64 .Input.id }} {{ int .Input.id }} {{ float64 "2.5" }} {{ int "12.0" }} {{ int "12.5" }} {{ int "x" }} {{ int64 "0x10" }}', '19289199112 19289199112 2.5 12 12 0 16'],
    ['{{ int64 true }} {{ int64 nil }} {{ int64 -2.9 }} {{ atoi "42" }} {{ atoi "4x" }} {{ float64 "bad" }}', '1 0 -2 42 0 0'],
    // JSON
    ['{{ toJson .Input.m }} {{ toJson "<&>" }} {{ toRawJson "<&>" }}', '{"a":"x","b":2} "\\u003c\\u0026\\u003e" "<&>"'],
    ['{{ toPrettyJson .Input.m }}', '{\n  "a": "x",\n  "b": 2\n}'],
    ['{{ (fromJson "{\\"a\\":[1,2]}").a }} {{ fromJson "not json" }}', '[1 2] <no value>'],
    // defaults and logic
    ['{{ default "d" .Input.missing }} {{ default "d" "" }} {{ default "d" 0 }} {{ default "d" "v" }} {{ .Input.missing | default "p" }}', 'd d d v p'],
    ['{{ empty "" }} {{ empty .Input.m }} {{ empty .Input.missing }} {{ coalesce .Input.missing "" "c" }}', 'true false true c'],
    ['{{ ternary "y" "n" true }} {{ all 1 "a" }} {{ any 0 "" }}', 'y true false'],
    // dicts and lists
    ['{{ dict "a" 1 "b" "x" "c" }} {{ get .Input.m "a" }} {{ get .Input.m "zz" }}|', 'map[a:1 b:x c:] x |'],
    ['{{ hasKey .Input.m "b" }} {{ keys .Input.m }} {{ values .Input.m }} {{ pick .Input.m "a" }} {{ omit .Input.m "a" }}', 'true [a b] [x 2] map[a:x] map[b:2]'],
    ['{{ list 1 "a" nil }} {{ first .Input.list }} {{ last .Input.list }} {{ rest .Input.list }} {{ initial .Input.list }}', '[1 a <nil>] 3 <no value> [z <nil>] [3 z]'],
    ['{{ append .Input.list 4 }} {{ prepend .Input.list 0 }} {{ reverse .Input.list }} {{ has "z" .Input.list }} {{ without .Input.list "z" }}', '[3 z <nil> 4] [0 3 z <nil>] [<nil> z 3] true [3 <nil>]'],
    ['{{ uniq (list 1 1 "a" "a") }} {{ compact (list 0 1 "" "a") }} {{ concat (list 1) (list 2) }} {{ slice .Input.list 1 }} {{ until 3 }}', '[1 a] [1 a] [1 2] [z <nil>] [0 1 2]'],
    ['{{ dig "m" "a" "none" .Input }} {{ dig "m" "zz" "none" .Input }}', 'x none'],
    // math
    ['{{ add 1 2 3 }} {{ add1 .Input.id }} {{ sub 5 7 }} {{ mul 2 3 4 }} {{ div 7 2 }} {{ mod 7 2 }} {{ max 1 9 3 }} {{ min 4 2 }}', '6 19289199113 -2 24 3 1 9 2'],
    ['{{ floor 1.7 }} {{ ceil 1.2 }}', '1 2'],
    // reflection
    ['{{ typeOf .Input.id }} {{ typeOf (int64 1) }} {{ kindOf .Input.m }} {{ kindIs "slice" .Input.list }} {{ typeOf nil }}', 'float64 int64 map true <nil>'],
  ])('%s -> %j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });

  it.each([
    ['{{ regexReplaceAll "(" "x" "y" }}', 'template: param:1:3: executing "param" at <regexReplaceAll "(" "x" "y">: error calling regexReplaceAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`'],
    ['{{ mustRegexMatch "a**" "x" }}', 'template: param:1:3: executing "param" at <mustRegexMatch "a**" "x">: error calling mustRegexMatch: error parsing regexp: invalid nested repetition operator: `**`'],
    ['{{ substr 5 2 "abc" }}', 'template: param:1:3: executing "param" at <substr 5 2 "abc">: error calling substr: runtime error: slice bounds out of range [5:2]'],
    ['{{ first "abc" }}', 'template: param:1:3: executing "param" at <first "abc">: error calling first: Cannot find first on type string'],
    ['{{ div 1 0 }}', 'template: param:1:3: executing "param" at <div 1 0>: error calling div: runtime error: integer divide by zero'],
    ['{{ fail "stop" }}', 'template: param:1:3: executing "param" at <fail "stop">: error calling fail: stop'],
    ['{{ trunc .Input.id "x" }}', 'template: param:1:15: executing "param" at <.Input.id>: wrong type for value; expected int; got float64'],
    ['{{ substr "1" 2 "x" }}', 'template: param:1:10: executing "param" at <"1">: expected integer; found "1"'],
  ])('%j fails with %j', (text, message) => {
    expect(() => render(text)).toThrow(new GoTemplateError(message));
  });

  it.each([
    ['env', 'HOME', "it reads the sensor pod's environment variables, which this engine does not have"],
    ['expandenv', 'x', "it reads the sensor pod's environment variables, which this engine does not have"],
    ['randAlphaNum', '3', 'its output is random, so no offline run can reproduce it'],
    ['shuffle', 'abc', 'its output is random, so no offline run can reproduce it'],
    ['getHostByName', 'example.com', 'it needs the network (DNS), which this engine does not use'],
    ['bcrypt', 'x', 'it generates secret material (random keys, salts or IVs), so no offline run can reproduce it'],
    ['encryptAES', 'k', 'it generates secret material (random keys, salts or IVs), so no offline run can reproduce it'],
  ])('refuses %s, saying why, as a template error distinct from Go execution errors', (name, arg, reason) => {
    expect(() => render(`{{ ${name} "${arg}" }}`)).toThrow(new GoTemplateError(`template: param: function "${name}" exists in sprig but is not supported by this engine: ${reason}`));
  });

  it('decrypts what sprig encryptAES produces (AES-256-CBC, IV first)', () => {
    expect(render('{{ decryptAES "secretkey" "MDEyMzQ1Njc4OWFiY2RlZo+Xfp56WiwUYa1JC5v52QQ=" }}')).toBe('hello world');
    expect(() => render('{{ decryptAES "k" "YWJj" }}')).toThrow(new GoTemplateError(
      'template: param:1:3: executing "param" at <decryptAES "k" "YWJj">: error calling decryptAES: runtime error: slice bounds out of range [:16] with capacity 3'));
    expect(() => render('{{ decryptAES "k" "MDEyMzQ1Njc4OWFiY2RlZmFiYw==" }}')).toThrow('error calling decryptAES: crypto/cipher: input not full blocks');
    expect(() => render('{{ decryptAES "k" "!" }}')).toThrow('error calling decryptAES: illegal base64 data at input byte 0');
  });

  it.each([
    ['{{ mustToPrettyJson (dict "a" (list 1 2)) }}', '{\n  "a": [\n    1,\n    2\n  ]\n}'],
    ['{{ mustToRawJson "<a>" }} {{ toRawJson (dict "k" "&") }}', '"<a>" {"k":"&"}'],
    ['{{ (mustFromJson "{\\"a\\":[1,2]}").a }}', '[1 2]'],
    ['{{ mustRegexSplit "," "a,b,c" 2 }} {{ mustRegexSplit "," "a" 0 }}', '[a b,c] []'],
    ['{{ typeIsLike "float64" 1.5 }} {{ typeIsLike "Version" (semver "1.0.0") }} {{ typeIsLike "semver.Version" (semver "1.0.0") }}', 'true false true'],
    ['{{ typeOf (semver "1.0.0") }} {{ kindOf (semver "1.0.0") }}', '*semver.Version ptr'],
  ])('%s -> %j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });

  it.each([
    ['{{ mustFromJson "[1" }}', 'template: param:1:3: executing "param" at <mustFromJson "[1">: error calling mustFromJson: unexpected end of JSON input'],
    ['{{ mustRegexSplit "(" "a" -1 }}', 'template: param:1:3: executing "param" at <mustRegexSplit "(" "a" -1>: error calling mustRegexSplit: error parsing regexp: missing closing ): `(`'],
    ['{{ mustToJson (float64 "NaN") }}', 'template: param:1:3: executing "param" at <mustToJson (float64 "NaN")>: error calling mustToJson: json: unsupported value: NaN'],
    ['{{ mustToRawJson (float64 "NaN") }}', 'template: param:1:3: executing "param" at <mustToRawJson (float64 "NaN")>: error calling mustToRawJson: json: unsupported value: NaN'],
  ])('%j fails with %j', (text, message) => {
    expect(() => render(text)).toThrow(new GoTemplateError(message));
  });
});
