/**
 * yaml.v2 v2.4.0 syntax errors, recorded from the real library: each input was given to
 * `yaml.Unmarshal(data, &interface{}{})` (gopkg.in/yaml.v2 at tag v2.4.0, the version Argo Events
 * 6478ece pins, built with Go 1.19) and its error text written down. ghodss/yaml YAMLToJSON
 * returns that error as it is; params.go adds its prefix.
 */
import { eventDataAsJson } from "../../../src/engine/triggers/event-json";
import { yamlToJson } from "../../../src/engine/triggers/yaml-data";

const RECORDED: ReadonlyArray<readonly [string, string]> = [
  ["key: [unclosed", "yaml: line 1: did not find expected ',' or ']'"],
  ["[1, 2", "yaml: line 1: did not find expected ',' or ']'"],
  ["{a: 1", "yaml: line 1: did not find expected ',' or '}'"],
  ["{a: 1, b", "yaml: line 1: did not find expected ',' or '}'"],
  ["a: b: c\n", "yaml: mapping values are not allowed in this context"],
  ["a: 1\n\tb: 2\n", "yaml: line 2: found a tab character that violates indentation"],
  ["@bad", "yaml: found character that cannot start any token"],
  ["`x", "yaml: found character that cannot start any token"],
  ["a: 'unterminated", "yaml: found unexpected end of stream"],
  ["a: \"unterminated", "yaml: found unexpected end of stream"],
  ["a: \"bad \\q escape\"", "yaml: found unknown escape character"],
  ["- a\nb: 1\n", "yaml: line 1: did not find expected '-' indicator"],
  ["a: 1\n- b\n", "yaml: line 1: did not find expected key"],
  ["a:\n  - 1\n - 2\n", "yaml: line 2: did not find expected key"],
  ["a: 1\n b: 2\n", "yaml: line 2: mapping values are not allowed in this context"],
  ["a:\n  b: 1\n c: 2\n", "yaml: line 2: did not find expected key"],
  ["[a, b]: c\n", "yaml: invalid map key: []interface {}{\"a\", \"b\"}"],
  ["a: |\n  x\n y\n", "yaml: line 2: did not find expected key"],
  ["a: |x\n", "yaml: did not find expected comment or line break"],
  ["a: >-+\n x\n", "yaml: did not find expected comment or line break"],
  ["a: &\n", "yaml: did not find expected alphabetic or numeric character"],
  ["a: *\n", "yaml: did not find expected alphabetic or numeric character"],
  ["a: !<x\n", "yaml: did not find the expected '>'"],
  ["a: !!\n", "yaml: did not find expected tag URI"],
  ["%YAML 1.1\n%YAML 1.1\n---\na\n", "yaml: line 1: found duplicate %YAML directive"],
  ["%YAML 2.0\n---\na\n", "yaml: found incompatible YAML document"],
  ["%FOO bar\n---\n", "yaml: found unknown directive name"],
  ["%TAG ! !a\n%TAG ! !b\n---\n", "yaml: line 1: found duplicate %TAG directive"],
  ["]", "yaml: did not find expected node content"],
  ["}", "yaml: did not find expected node content"],
  ["a: ]\n", "yaml: did not find expected node content"],
  ["a: }\n", "yaml: did not find expected node content"],
  ["{a: 1]", "yaml: did not find expected ',' or '}'"],
  ["[a: 1}", "yaml: did not find expected ',' or ']'"],
  [",", "yaml: did not find expected node content"],
  ["- - - x\n  - y\n z\n", "yaml: line 2: did not find expected '-' indicator"],
  ["a:\n- b\n  c: d\n", "yaml: line 3: mapping values are not allowed in this context"],
  ["\"a\nb\": c\n", "yaml: line 2: mapping values are not allowed in this context"],
  ["'a\n\nb': c\n", "yaml: line 3: mapping values are not allowed in this context"],
  ["a: b\nc\n", "yaml: line 3: could not find expected ':'"],
  ["a\nb: c\n", "yaml: line 2: mapping values are not allowed in this context"],
  ["key: value\n  bad: indent\n", "yaml: line 2: mapping values are not allowed in this context"],
  ["a: [1, 2]]\n", "yaml: did not find expected key"],
  ["x: - y\n", "yaml: block sequence entries are not allowed in this context"],
  ["\t- a\n", "yaml: found character that cannot start any token"],
  ["a: \"\\x4\"\n", "yaml: did not find expected hexdecimal number"],
  ["a: \"\\u12G4\"\n", "yaml: did not find expected hexdecimal number"],
  ["- [\n", "yaml: line 1: did not find expected node content"],
  ["!x! a\n", "yaml: did not find expected tag URI"],
  ["a: !foo!bar x\n", "yaml: found undefined tag handle"],
  ["? - a\n  - b\n: c\n", "yaml: invalid map key: []interface {}{\"a\", \"b\"}"],
  ["a:\n  b\n  c: d\n", "yaml: line 3: mapping values are not allowed in this context"],
  ["'''\n", "yaml: line 2: found unexpected end of stream"],
  ["\"\\\"\n", "yaml: line 2: found unexpected end of stream"],
  ["a: b # c\n d\n", "yaml: line 1: did not find expected key"],
  ["[a\n", "yaml: line 1: did not find expected ',' or ']'"],
  ["{\n", "yaml: line 1: did not find expected node content"],
  ["a: \u0001\n", "yaml: control characters are not allowed"],
  ["---\n[\n", "yaml: line 2: did not find expected node content"],
  ["a:\n  - b\n  -c: d\n  e\n", "yaml: line 2: did not find expected '-' indicator"],
  ["foo:\n  bar\nbaz\n", "yaml: line 4: could not find expected ':'"],
  ["a: 1\nb: 2\n c: 3\n", "yaml: line 3: mapping values are not allowed in this context"],
  ["x: [a, {b: c]\n", "yaml: did not find expected ',' or '}'"],
  ["x: {a: [b}\n", "yaml: did not find expected ',' or ']'"],
];

describe("YAML event data: syntax errors as yaml.v2 words them", () => {
  test.each(RECORDED)("%j", (data, expected) => {
    expect(() => yamlToJson(data)).toThrow(expected);
    let message = "";
    try {
      yamlToJson(data);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toBe(expected);
  });

  test("params.go prefixes the text", () => {
    const event = { context: { id: "1", source: "s", specversion: "1.0", type: "t", datacontenttype: "application/yaml", subject: "", time: "" }, data: "a: b: c\n" };
    expect(eventDataAsJson(event as never)).toEqual({ ok: false, error: "failed converting yaml event data to JSON: yaml: mapping values are not allowed in this context" });
  });

  test("well-formed data past the first document is not read", () => {
    expect(yamlToJson("a: 1\n---\n[")).toBe("{\"a\":1}");
  });
});
