import { unmarshalGo } from '../../../../src/engine/go/json';
import { GoTemplateError, parseTemplate, renderTemplate } from '../../../../src/engine/go/template';

const body = unmarshalGo(JSON.stringify({
  workflow_run: { id: 19289199112, run_number: 21500, big: 1234567, name: 'CI <x> & y', conclusion: 'failure', head_branch: 'main' },
  'X-GitHub-Event': 'workflow_run',
  nothing: null,
  list: [1, 'a', true, null],
  labels: { b: 2, a: 'x' },
  empty: {},
}));
const data = { Input: { body } };
const render = (text: string): string => renderTemplate(text, data);

describe('renderTemplate: printing values as Go does', () => {
  it.each([
    ['{{ .Input.body.workflow_run.id }}', '1.9289199112e+10'],
    ['{{ int64 .Input.body.workflow_run.id }}', '19289199112'],
    ['{{ int .Input.body.workflow_run.id }}', '19289199112'],
    ['{{ printf "%.0f" .Input.body.workflow_run.id }}', '19289199112'],
    ['{{ .Input.body.workflow_run.run_number }}', '21500'],
    ['{{ .Input.body.workflow_run.big }}', '1.234567e+06'],
    ['{{ index .Input.body "X-GitHub-Event" }}', 'workflow_run'],
    ['{{ .Input.body.missing }}', '<no value>'],
    ['{{ .Input.body.nothing }}', '<no value>'],
    ['{{ .Input.body.missing.deeper }}', '<no value>'],
    ['{{ index .Input.body "missing" }}', '<no value>'],
    ['x-{{ .Input.body.missing }}', 'x-<no value>'],
    ['{{ .Input.body.list }}', '[1 a true <nil>]'],
    ['{{ .Input.body.labels }}', 'map[a:x b:2]'],
    ['{{ .Input.body.empty }}', 'map[]'],
    ['{{ print .Input.body.missing }}', '<nil>'],
    ['{{ printf "%v" .Input.body.nothing }}', '<nil>'],
    ['{{ .Input.body.workflow_run.name }}', 'CI <x> & y'],
    ['{{ 3 }} {{ 1.5 }} {{ 1e6 }} {{ 017 }} {{ 0x1F }} {{ \'a\' }} {{ -2 }} {{ 1_000 }}', '3 1.5 1e+06 15 31 97 -2 1000'],
    ['{{ true }} {{ "s" }} {{ `raw\\n` }}', 'true s raw\\n'],
  ])('%s -> %j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });
});

describe('renderTemplate: template features', () => {
  it.each([
    ['{{- if eq .Input.body.workflow_run.conclusion "failure" -}}  yes  {{- else -}} no {{- end -}}', 'yes'],
    ['{{ if eq .Input.body.workflow_run.conclusion "success" }}ok{{ else if eq .Input.body.workflow_run.conclusion "failure" }}bad{{ else }}?{{ end }}', 'bad'],
    ['{{ with .Input.body.workflow_run }}{{ .head_branch }}{{ end }}', 'main'],
    ['{{ with .Input.body.missing }}x{{ else }}none{{ end }}', 'none'],
    ['{{ with .Input.body.missing }}x{{ else with .Input.body.labels }}{{ .a }}{{ end }}', 'x'],
    ['{{ range $k, $v := .Input.body.labels }}{{ $k }}={{ $v }};{{ end }}', 'a=x;b=2;'],
    ['{{ range $i, $v := .Input.body.list }}{{ $i }}:{{ $v }} {{ end }}', '0:1 1:a 2:true 3:<no value> '],
    ['{{ range .Input.body.list }}[{{ . }}]{{ end }}', '[1][a][true][<no value>]'],
    ['{{ range .Input.body.empty }}x{{ else }}empty{{ end }}', 'empty'],
    ['{{ range splitList "," "x,a,y" }}{{ if eq . "a" }}{{ break }}{{ end }}{{ . }}{{ end }}', 'x'],
    ['{{ range splitList "," "x,a,y" }}{{ if eq . "a" }}{{ continue }}{{ end }}{{ . }}{{ end }}', 'xy'],
    ['{{ range 3 }}{{ . }}{{ end }}', '012'],
    ['{{ $x := "a" }}{{ $x = "b" }}{{ $x }}', 'b'],
    ['{{ $b := .Input.body }}{{ $b.workflow_run.head_branch }}', 'main'],
    ['{{ range .Input.body.list }}{{ $.Input.body.workflow_run.head_branch }}{{ end }}', 'mainmainmainmain'],
    ['{{ define "greet" }}hi {{ . }}{{ end }}{{ template "greet" .Input.body.workflow_run.head_branch }}', 'hi main'],
    ['{{ block "b" . }}block{{ end }}', 'block'],
    ['a {{/* a comment */}} b {{- /* trimmed */ -}} c', 'a  bc'],
    ['{{ (index .Input.body.list 1) }}', 'a'],
    ['{{ (index .Input.body "workflow_run").head_branch }}', 'main'],
    ['{{ .Input.body.workflow_run.name | lower | replace " " "-" }}', 'ci-<x>-&-y'],
    ['{{ "x" | printf "%s-%s" "a" }}', 'a-x'],
    ['{{ and 1 0 }} {{ or 0 "" "x" }} {{ not .Input.body.missing }} {{ and .Input.body.missing (fail "never") }}', '0 x true <no value>'],
    ['{{ len .Input.body.list }} {{ len "héllo" }} {{ len .Input.body.labels }}', '4 6 2'],
    ['{{ eq 1 1 }} {{ eq "a" "b" "a" }} {{ ne 1.5 .Input.body.workflow_run.run_number }} {{ lt "a" "b" }} {{ ge 2 2 }}', 'true true true true true'],
    ['{{ html "<a href=\'x\'>" }} {{ js "a\'b<" }} {{ urlquery "a b&c" }}', '&lt;a href=&#39;x&#39;&gt; a\\\'b\\u003C a+b%26c'],
    ['{{ index "abc" 1 }} {{ slice .Input.body.list 1 2 }}', '98 [a]'],
  ])('%s -> %j', (text, expected) => {
    expect(render(text)).toBe(expected);
  });
});

describe('renderTemplate: parse errors as Go reports them', () => {
  it.each([
    ['{{ .Input.body.X-GitHub-Event }}', "template: param:1: bad character U+002D '-'"],
    ['{{ foo 1 }}', 'template: param:1: function "foo" not defined'],
    ['{{ if .x }}', 'template: param:1: unexpected EOF'],
    ['{{ end }}', 'template: param:1: unexpected {{end}}'],
    ['{{ else }}', 'template: param:1: unexpected {{else}}'],
    ['{{ if }}{{ end }}', 'template: param:1: missing value for if'],
    ['{{ }}', 'template: param:1: missing value for command'],
    ['{{ "a" | "b" }}', 'template: param:1: non executable command in pipeline stage 2'],
    ['{{ $y }}', 'template: param:1: undefined variable "$y"'],
    ['{{ .x', 'template: param:1: unclosed action'],
    ['{{ "abc }}', 'template: param:1: unterminated quoted string'],
    ['{{ "a\\\nb" }}', 'template: param:1: unterminated quoted string'],
    ["{{ 'a }}", 'template: param:1: unterminated character constant'],
    ["{{ '\\\n' }}", 'template: param:1: unterminated character constant'],
    ['{{ (1 }}', 'template: param:1: unclosed left paren'],
    ['{{ 1) }}', 'template: param:1: unexpected right paren'],
    ['{{ 3x }}', 'template: param:1: bad number syntax: "3x"'],
    ['{{ break }}', 'template: param:1: {{break}} outside {{range}}'],
    ['{{/* c */ x}}', 'template: param:1: comment ends before closing delimiter'],
    ['{{ "a".b }}', 'template: param:1: unexpected . after term "\\"a\\""'],
    // Go only finds an assignment to an undeclared variable when executing (position of the last operand).
    ['{{ $x = 1 }}', 'template: param:1:8: executing "param" at <1>: undefined variable: $x'],
    ['line1\n{{ if .x }}\n{{ else }}{{ else }}{{ end }}', 'template: param:3: expected end; found {{else}}'],
    ['{{ define "a" }}x{{ end }}{{ define "a" }}y{{ end }}', 'template: param:1: template: multiple definition of template "a"'],
  ])('%j fails with %j', (text, message) => {
    expect(() => render(text)).toThrow(new GoTemplateError(message));
  });

  it('parseTemplate returns the parse error without executing', () => {
    expect(parseTemplate('{{ .Input.body.X-GitHub-Event }}')?.message).toBe("template: param:1: bad character U+002D '-'");
    expect(parseTemplate('{{ .Input.body.anything.at.all }}')).toBeUndefined();
  });
});

describe('renderTemplate: execution errors as Go reports them', () => {
  it.each([
    ['{{ .Input.body.nothing.x }}', 'template: param:1:9: executing "param" at <.Input.body.nothing.x>: nil pointer evaluating interface {}.x'],
    ['{{ .Input.body.workflow_run.id.x }}', 'template: param:1:9: executing "param" at <.Input.body.workflow_run.id.x>: can\'t evaluate field x in type interface {}'],
    ['{{ gt .Input.body.workflow_run.id 5 }}', 'template: param:1:3: executing "param" at <gt .Input.body.workflow_run.id 5>: error calling gt: incompatible types for comparison'],
    ['{{ lt .Input.body.missing 5 }}', 'template: param:1:3: executing "param" at <lt .Input.body.missing 5>: error calling lt: invalid type for comparison'],
    ['{{ index .Input.body.list 9 }}', 'template: param:1:3: executing "param" at <index .Input.body.list 9>: error calling index: index out of range: 9'],
    ['{{ index .Input.body.list 1.0 }}', 'template: param:1:3: executing "param" at <index .Input.body.list 1.0>: error calling index: cannot index slice/array with type float64'],
    ['{{ index .Input.body 1 }}', 'template: param:1:3: executing "param" at <index .Input.body 1>: error calling index: value has type int; should be string'],
    ['{{ template "nope" }}', 'template: param:1:12: executing "param" at <{{template "nope"}}>: template "nope" not defined'],
    // Go positions a field chain at its second field (here `.body`, byte 15).
    ['{{ lower .Input.body.workflow_run.id }}', 'template: param:1:15: executing "param" at <.Input.body.workflow_run.id>: wrong type for value; expected string; got float64'],
    ['{{ lower .Input.body.missing }}', 'template: param:1:15: executing "param" at <.Input.body.missing>: invalid value; expected string'],
    ['{{ lower 1 }}', 'template: param:1:9: executing "param" at <1>: expected string; found 1'],
    ['{{ lower }}', 'template: param:1:3: executing "param" at <lower>: wrong number of args for lower: want 1 got 0'],
    ['{{ .Input.body.labels 1 }}', 'template: param:1:9: executing "param" at <.Input.body.labels>: labels is not a method but has arguments'],
    ['{{ range .Input.body.workflow_run.id }}{{ end }}', 'template: param:1:15: executing "param" at <.Input.body.workflow_run.id>: range can\'t iterate over 1.9289199112e+10'],
    ['{{ nil }}', 'template: param:1:3: executing "param" at <nil>: nil is not a command'],
    ['{{ define "t" }}{{ .x.y }}{{ end }}{{ template "t" .Input.body.list }}', 'template: param:1:21: executing "t" at <.x.y>: can\'t evaluate field x in type []interface {}'],
  ])('%j fails with %j', (text, message) => {
    expect(() => render(text)).toThrow(new GoTemplateError(message));
  });
});

describe('renderTemplate: options', () => {
  it('uses the given name in messages', () => {
    expect(() => renderTemplate('{{ foo }}', {}, { name: 'x' })).toThrow('template: x:1: function "foo" not defined');
  });

  it('renders a fixed clock with Go layouts', () => {
    const now = (): Date => new Date(Date.UTC(2026, 6, 18, 9, 5, 3, 120));
    expect(renderTemplate('{{ now | date "2006-01-02T15:04:05Z07:00" }} {{ date "Mon Jan _2 3:04PM .000" now }}', {}, { now }))
      .toBe('2026-07-18T09:05:03Z Sat Jul 18 9:05AM .120');
    expect(renderTemplate('{{ now }}', {}, { now })).toBe('2026-07-18 09:05:03.12 +0000 UTC');
  });
});
