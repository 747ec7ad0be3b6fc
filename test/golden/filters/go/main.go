// Command golden-filters records what the real Go code answers for generated inputs: Argo Events'
// dependencies.Filter (filter.go at 6478ece) and, directly, gjson Get, govaluate and the
// data-filter template (text/template + sprig). It is built and run by ../regenerate.sh in a
// scratch module outside the repository; the fixtures it writes are replayed by jest.
//
// Output: one NDJSON file per area, each line {"in": ..., "out": ...}. The generator is
// seeded, so the same seed and the same library versions give the same files.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/Knetic/govaluate"
	sprig "github.com/Masterminds/sprig/v3"
	"github.com/tidwall/gjson"

	"golden/dependencies"
	"golden/v1alpha1"
)

var rng *rand.Rand

func pick[T any](xs []T) T  { return xs[rng.Intn(len(xs))] }
func chance(p float64) bool { return rng.Float64() < p }

// ---------------------------------------------------------------- payloads

var keyPool = []string{"a", "b", "name", "action", "n", "arr", "nested", "x-y", "k.dot", "with space", "0", "1", "emp", "Flag", "ünï", "*", "t"}

var stringPool = []string{
	"completed", "uncompleted", "failure", "startup_failure", "Hello World", "", "<&>", "1.5", "true",
	"TRUE", "t", "0", "12", "-3", "1e3", "0x10", "NaN", "ünïcödé ✓", "line\nbreak", "tab\there", "2014-01-02",
	"2014-01-02T15:04:05Z", "5dlabs/cto", "5dlabs/cto-docs", "a.b", "quote\"d", "back\\slash", "ci-fix/x",
	"[skip-ci-remediation]", "aGVsbG8=", "not base64!", " padded ", "1.2.3", "v2.0.0-rc.1", "{\"k\":1}", "null",
}

var numberPool = []string{"0", "-0", "1", "-1", "1.5", "1.0", "12.50", "1e3", "1E+2", "-2.5e-3", "123456789",
	"9007199254740993", "1e21", "0.1", "100", "3", "2", "1234567", "21500", "-0.0", "5e-324", "1.7976931348623157e308"}

type node struct {
	text string
	keys []string // object keys in order (objects only)
	kids []*node  // object values / array elements
	arr  bool
}

func genValue(depth int) *node {
	r := rng.Intn(10)
	if depth > 1 && r >= 6 {
		r = rng.Intn(7)
	}
	switch {
	case r < 3:
		s, _ := json.Marshal(pick(stringPool))
		return &node{text: string(s)}
	case r < 5:
		return &node{text: pick(numberPool)}
	case r < 6:
		return &node{text: pick([]string{"true", "false", "null"})}
	case r < 8:
		n := &node{arr: true}
		for i, c := 0, rng.Intn(3); i < c; i++ {
			n.kids = append(n.kids, genValue(depth+1))
		}
		return n
	default:
		return genObject(depth + 1)
	}
}

func genObject(depth int) *node {
	n := &node{}
	seen := map[string]bool{}
	for i, c := 0, 1+rng.Intn(4); i < c; i++ {
		k := pick(keyPool)
		if seen[k] {
			continue
		}
		seen[k] = true
		n.keys = append(n.keys, k)
		n.kids = append(n.kids, genValue(depth))
	}
	return n
}

// render writes the JSON text; style 0 is compact, 1 spaced, 2 indented.
func (n *node) render(style int, indent string) string {
	if n.text != "" {
		return n.text
	}
	open, close := "{", "}"
	if n.arr {
		open, close = "[", "]"
	}
	if len(n.kids) == 0 {
		return open + close
	}
	var b strings.Builder
	b.WriteString(open)
	inner := indent + "  "
	for i, kid := range n.kids {
		if i > 0 {
			b.WriteString(",")
			if style == 1 {
				b.WriteString(" ")
			}
		}
		if style == 2 {
			b.WriteString("\n" + inner)
		}
		if !n.arr {
			k, _ := json.Marshal(n.keys[i])
			b.Write(k)
			b.WriteString(":")
			if style > 0 {
				b.WriteString(" ")
			}
		}
		b.WriteString(kid.render(style, inner))
	}
	if style == 2 {
		b.WriteString("\n" + indent)
	}
	b.WriteString(close)
	return b.String()
}

func genPayload() (*node, string) {
	root := genObject(0)
	style := 0
	if chance(0.3) {
		style = 1 + rng.Intn(2)
	}
	return root, root.render(style, "")
}

func escapeKey(k string) string {
	var b strings.Builder
	for _, c := range k {
		if strings.ContainsRune(".*?|#@!\\[]{}()=<>%,:", c) {
			b.WriteRune('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// existingPath walks the payload to a real value, mostly.
func existingPath(root *node) string {
	var parts []string
	n := root
	for steps := 0; steps < 4; steps++ {
		if n.text != "" || len(n.kids) == 0 || (steps > 0 && chance(0.3)) {
			break
		}
		i := rng.Intn(len(n.kids))
		if n.arr {
			parts = append(parts, strconv.Itoa(i))
		} else if chance(0.85) {
			parts = append(parts, escapeKey(n.keys[i]))
		} else {
			parts = append(parts, n.keys[i])
		}
		n = n.kids[i]
	}
	return strings.Join(parts, ".")
}

var pathExtras = []string{
	"missing", "a.missing", "arr.#", "arr.#.name", "arr.0", "arr.5", "arr.-1", "nested.a", "nested|a", "a|@reverse",
	"arr|@reverse", "@this", "@valid", "@ugly", "@pretty", "@keys", "@values", "arr|@flatten", "arr|@join", "@tostr",
	"a|@fromstr", "[a,b]", "{a,b}", "{x:a,y:n}", "[a,,b]", "[missing,a]", "{a,missing}", "na*", "n?me", "a*",
	"x-y", "k\\.dot", "k.dot", "with space", "arr.#(a==\"completed\")", "arr.#(a==\"completed\")#", "arr.#(n>1)",
	"arr.#(n>1)#", "arr.#(%\"*e*\")", "arr.#(!%\"c*\")#", "arr.#(==1)", "arr.#(!x)", "arr.#(!=1)#", "#(!x)",
	"!true", "!false", "!null", "!\"lit\"", "!123", "!{\"k\":1}", "![1,2]", "!true|@tostr", "!\"lit\".x", "!nan",
	"!inf", "!bogus", "!", "", "..0", "@dig:a", "@dig:name", "@group", "arr|@group", "nested.@reverse",
	"arr.#(nested.a==1)", "arr.#(a%\"c*\")", "arr.#(a!%\"c*\")", "arr.#(a=~\"c\")", "arr|#", "#", "a.#", "0", "1",
	"@reverse|0", "a\\", "\\", "arr.1.a", "arr.#.#", "[a,b]|@reverse", "{\"q\":a}", "arr.#(==\"x\")", "arr.#(t)",
	"arr.#(t==true)", "arr.#(t==~true)", "arr.#(a==~false)", "arr.#(a==~null)", "arr.#(a==~*)", "emp.0", "ünï",
}

func genPath(root *node) string {
	if chance(0.55) {
		p := existingPath(root)
		if chance(0.2) {
			p += pick([]string{".#", "|@reverse", ".0", ".#.a", "|@tostr", "|@this", ".missing", "|#"})
		}
		return p
	}
	return pick(pathExtras)
}

// ---------------------------------------------------------------- filter specs

var regexPool = []string{"completed", "^completed$", "failure", "^failure$", "5dlabs/cto", "(?i)^5dlabs/cto$", "^ci-fix/",
	"\\[skip-ci-remediation\\]", "[skip-ci-remediation]", "a(", "^$", ".", "(?s)line.break", "line.break", "^\\d+$",
	"\\p{L}+", "ünï", "(?P<x>a)", "a{1001}", "\\C", "[[:alpha:]]", "\\bW", "x*", "true", "1", "\\Q.\\E", "(?i)HELLO", "\\z"}

var numberValuePool = []string{"0", "1", "1.5", "-1", "12.5", "1e3", "123456789", "Inf", "-Inf", "NaN", "0x1p-2", "0x10",
	"1_000", " 1", "abc", "", "+3", ".5", "5.", "1e400", "9007199254740993", "2", "3", "100"}

var boolValuePool = []string{"true", "false", "1", "0", "t", "F", "TRUE", "False", "yes", "", "tRuE"}

var templatePool = []string{
	"{{ .Input }}", "{{ .Missing }}", "{{ upper .Input }}", "{{ .Input | trim }}", "{{ len .Input }}",
	"{{ printf \"%q\" .Input }}", "{{ if eq .Input \"completed\" }}yes{{ end }}", "{{ b64enc .Input }}",
	"{{ b64dec .Input }}", "{{ sha256sum .Input }}", "{{ sha512sum .Input }}", "{{ sha1sum .Input }}",
	"{{ regexMatch \"^c\" .Input }}", "{{ substr 0 3 .Input }}", "{{ trunc 3 .Input }}", "{{ replace \"a\" \"b\" .Input }}",
	"{{ toJson .Input }}", "{{ atoi .Input }}", "{{ int64 .Input }}", "{{ float64 .Input }}", "{{ add 1 .Input }}",
	"{{ title .Input }}", "{{ quote .Input }}", "{{ squote .Input }}", "{{ .Input ", "{{ nosuch .Input }}", "{{ fail \"boom\" }}",
	"{{ required \"need input\" .Missing }}", "{{ .Input.foo }}", "{{ index .Input 0 }}", "{{ lower .Input | repeat 2 }}",
	"{{ contains \"fail\" .Input }}", "{{ hasPrefix \"ci-\" .Input }}", "{{ .Input | nospace }}", "{{ default \"d\" .Missing }}",
	"{{ empty .Input }}", "{{ wrap 5 .Input }}",
	"{{ abbrev 5 .Input }}", "{{ initials .Input }}", "{{ untitle .Input }}", "{{ swapcase .Input }}", "{{ plural \"a\" \"b\" 1 }}",
	"{{ cat .Input \"x\" }}", "{{ indent 2 .Input }}", "{{ nindent 2 .Input }}", "{{ printf \"%v\" (float64 .Input) }}",
	"{{ printf \"%d\" (int .Input) }}", "{{ printf \"%x\" .Input }}", "{{ printf \"%T\" .Input }}", "{{ mul 2 .Input }}",
	"{{ div 10 .Input }}", "{{ mod 10 .Input }}", "{{ max 1 .Input }}", "{{ floor .Input }}", "{{ round .Input 1 }}",
	"{{ fromJson .Input }}", "{{ (fromJson .Input).k }}", "{{ mustFromJson .Input }}", "{{ toString .Input }}",
	"{{ splitList \",\" .Input }}", "{{ join \"-\" (splitList \".\" .Input) }}", "{{ list .Input 1 }}", "{{ dict \"a\" .Input }}",
	"{{ urlquery .Input }}", "{{ html .Input }}", "{{ js .Input }}", "{{ print .Input 1 2 }}", "{{ println .Input }}",
	"{{ not .Input }}", "{{ and .Input \"x\" }}", "{{ or .Missing .Input }}", "{{ eq .Input 1 }}", "{{ lt .Input \"m\" }}",
	"{{ $x := .Input }}{{ $x }}", "{{ range $i, $c := splitList \"\" .Input }}{{ $i }}{{ end }}", "{{ with .Missing }}x{{ end }}",
	"{{ with .Input }}[{{ . }}]{{ end }}", "{{- .Input -}}", "{{/* c */}}", "x", "{{ \"\" }}", "{{ .Input }}{{ .Input }}",
	"{{ regexFind \"[0-9]+\" .Input }}", "{{ regexReplaceAll \"a\" .Input \"b\" }}", "{{ regexSplit \",\" .Input -1 }}",
	"{{ base .Input }}", "{{ dir .Input }}", "{{ ext .Input }}", "{{ clean .Input }}", "{{ trimSuffix \"e\" .Input }}",
	"{{ adler32sum .Input }}", "{{ toDate \"2006-01-02\" .Input }}", "{{ date \"2006\" (toDate \"2006-01-02\" .Input) }}",
	"{{ .Input | b32enc }}", "{{ .Input | b32dec }}", "{{ ternary \"y\" \"n\" (eq .Input \"true\") }}", "{{ coalesce .Missing \"\" .Input }}",
	"{{ toPrettyJson (fromJson .Input) }}", "{{ len (fromJson .Input) }}", "{{ .Input | int | add1 }}", "{{ sub .Input 1 }}",
	"{{ addf .Input 1.5 }}", "{{ mulf .Input 2 }}", "{{ divf .Input 3 }}", "{{ seq 3 }}", "{{ until 3 }}", "{{ len (until 3) }}",
	"{{ typeOf .Input }}", "{{ kindOf .Input }}", "{{ deepEqual .Input \"x\" }}", "{{ hasKey (dict \"a\" 1) .Input }}",
	"{{ {{ }}", "{{ end }}", "{{ if }}{{ end }}", "{{ .Input | printf \"%05.1f\" }}", "{{ printf \"%s-%d\" .Input 3 }}",
}

func genDataFilter(root *node) v1alpha1.DataFilter {
	f := v1alpha1.DataFilter{Path: genPath(root)}
	f.Type = v1alpha1.JSONType(pick([]string{"string", "string", "string", "number", "number", "bool", "String", "int", ""}))
	n := 1 + rng.Intn(3)
	if chance(0.05) {
		n = 0
	}
	for i := 0; i < n; i++ {
		switch f.Type {
		case "number":
			f.Value = append(f.Value, pick(numberValuePool))
		case "bool":
			f.Value = append(f.Value, pick(boolValuePool))
		default:
			f.Value = append(f.Value, pick(regexPool))
		}
	}
	f.Comparator = v1alpha1.Comparator(pick([]string{"", "", "=", "!=", ">", ">=", "<", "<=", "==", "~"}))
	if chance(0.15) {
		f.Template = pick(templatePool)
	}
	return f
}

var exprPool = []string{
	"a == 'completed'", "a != 'failure'", "n > 1", "n >= 1.5 && a == 'x'", "a =~ 'c.*d'", "a !~ '^c'", "!b", "n + 1 > 2",
	"a in ('completed', 'failure')", "(n ?? 1) == 1", "n > 1 ? true : false", "a == 1", "a > 1", "a + 'x' == 'completedx'",
	"a !== b", "a.b == 1", "len(a) > 1", "(a == 'x'", "a == 'x')", "a =~ '['", "a == \"2014-01-02\"", "[x-y] == 'a'",
	"n & 1 == 1", "n | 2", "n ^ 1", "n << 1 > 1", "n >> 1", "n ** 2 > 1", "n % 2 == 0", "n / 0 > 1", "-n < 0", "~n",
	"b == true", "b", "a", "n", "a == nil", "nil", "c == 1", "a && b", "a || b", "!a", "a < b", "a <= 'z'", "n > 'x'",
	"'x' > 1", "n == 1.0", "n == 1", "a == a", "b != false", "a =~ b", "true", "false", "1 == 1", "a ?? 'x'", "[a] == 'x'",
	"a ==", "== a", "a b", "a == 'x' && ", "n in (1, 2, 3)", "a in ()", "b ? a : n", "n > 1 && c > 1", "n < 1 || c > 1",
	"a =~ 'ünï'", "a == 'un\\'q'", "n >= -1e3", "n == 0x10", "a == `x`", "n > 1e21", "a == '1.5' || n == 1.5",
}

func genExprFilter(root *node) v1alpha1.ExprFilter {
	f := v1alpha1.ExprFilter{Expr: pick(exprPool)}
	names := []string{"a", "b", "n", "c", "x-y", "nil"}
	for i, c := 0, rng.Intn(4); i < c; i++ {
		f.Fields = append(f.Fields, v1alpha1.PayloadField{Name: pick(names), Path: genPath(root)})
	}
	return f
}

// scriptPool leaves out scripts whose answer the engine does not reproduce (see
// test/golden/README.md): error({}) (gopher-lua prints the table's memory address),
// string.format("%d", 1.5) and 1e400 numerals (gopher-lua library and lexer behaviour), goto
// without a label (gopher-lua reports the chunk's last line + 1), {1, 2,, 3} (gopher-lua's
// grammar accepts it), next() with a missing key (gopher-lua returns nil), ipairs() without an
// argument (gopher-lua checks for a table), and chains of several tail calls (gopher-lua prints
// one "(tailcall): ?" line per call; fengari keeps no count).
var scriptPool = []string{
	"return true", "return false", "return 1", "return \"true\"", "return nil", "", "return event.a == \"completed\"",
	"return event.n > 1", "return event.missing.x", "return event.", "x = ", "error(\"boom\")", "error()",
	"return nil + 1", "return #event.arr == 2", "return string.upper(event.a) == \"X\"", "return tostring(event.n) == \"1.5\"",
	"return math.floor(event.n) == 1", "for k, v in pairs(event) do end return true", "return event.arr[1]",
	"return select('#', 1, 2) == 2", "assert(false)", "assert(false, \"msg\")", "return (nil)()", "return #event.a",
	"return event[\"x-y\"] ~= nil", "return type(event.nested) == \"table\"", "local t = {} ; return t.x.y",
	"return event.n + 1 == 2", "return 1 < \"x\"", "return {} < {}", "return \"a\" .. {}", "return event.b == true",
	"if event.a then return true end", "return true, false", "return false, true", "while false do end return 1 == 1",
	"return string.find(event.a or \"\", \"comp\") ~= nil", "return tonumber(\"0x10\") == 16",
	"local x = 1 x = x + \"a\"", "return unknownfn()", "return event.a:upper() == \"COMPLETED\"", "return 1 // 2",
	"return 2^53 == 2^53 + 1", "return next(event) ~= nil", "return table.concat({1, 2}, \",\") == \"1,2\"",
	"return (\"x\"):rep(3) == \"xxx\"", "local s = 0 for i = 1, 10 do s = s + i end return s == 55", "return not event.emp",
	"return event.t", "return rawequal(event, event)", "return #event", "return event.arr.x", "return 1 +", "return ]",
	"local function f() error(\"deep\") end f()", "return string.rep(\"x\", -1) == \"\"", "return math.huge > 0", "break",
	"return 'unterminated", "--[[ comment ]] return true", "return 0x10 == 16", "return tostring(nil) == \"nil\"", "return getmetatable(\"\").__index == string", "return pcall(error, \"x\")",
	"return select(2, pcall(error, \"x\")) == \"x\"", "return string.sub(\"hello\", 2, 3) == \"el\"", "setmetatable(event, 1)",
}

var timePool = []string{"09:00:00", "17:00:00", "0:00:00", "00:00:00", "23:59:59", "24:00:00", "9:5:00", "12:00:00.5",
	"12:00", "x", "", " 10:00:00", "10:00:00 ", "12:30:00", "06:15:30", "23:00:00", "1:00:00", "12:60:00", "08:00:00,25"}

var zonePool = []string{"", "", "", "UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Bad/Zone",
	"Australia/Lord_Howe", "Asia/Tokyo", "America/St_Johns", "Etc/GMT+5", "utc", "../etc"}

func genEventTime() time.Time {
	switch rng.Intn(12) {
	case 0:
		return time.Time{}
	case 1:
		return time.Date(1, 1, 1, rng.Intn(24), rng.Intn(60), rng.Intn(60), 0, time.UTC)
	case 2:
		return time.Date(1970, 1, 1, rng.Intn(24), 0, 0, 0, time.UTC)
	case 3:
		// DST transition days in the zones above.
		return pick([]time.Time{
			time.Date(2024, 3, 10, 7, 30, 0, 0, time.UTC), time.Date(2024, 11, 3, 5, 30, 0, 0, time.UTC),
			time.Date(2024, 3, 31, 1, 30, 0, 0, time.UTC), time.Date(2024, 10, 6, 1, 0, 0, 0, time.UTC),
		})
	default:
		sec := int64(1577836800) + rng.Int63n(220000000)
		nano := int64(0)
		if chance(0.3) {
			nano = rng.Int63n(1e9)
		}
		return time.Unix(sec, nano).UTC()
	}
}

var contextTypes = []string{"github", "webhook", "", "GitHub"}
var contextSources = []string{"github", "gh", ""}
var contextSubjects = []string{"org", "repo", ""}
var contentTypes = []string{"application/json", "text/plain", ""}

func genContext(t time.Time) *v1alpha1.EventContext {
	return &v1alpha1.EventContext{
		ID: "0123456789abcdef0123456789abcdef", Source: pick(contextSources), SpecVersion: "1.0",
		Type: pick(contextTypes), DataContentType: pick(contentTypes), Subject: pick(contextSubjects),
		Time: v1alpha1.Time{Time: t},
	}
}

// directedContext is the context of directed cases that do not test the context or the time
// (random fields, as generated cases have, at a fixed time).
func directedContext() *v1alpha1.EventContext {
	return genContext(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
}

func genOperator() v1alpha1.LogicalOperator {
	return v1alpha1.LogicalOperator(pick([]string{"", "", "and", "or", "or", "OR", "xor"}))
}

// ---------------------------------------------------------------- cases

type eventJSON struct {
	Context *v1alpha1.EventContext `json:"context"`
	Data    *string                `json:"data"`
}

// contextJSON is the context as the fixtures carry it: the fields filter.go reads, empty ones
// left out, and the time as RFC 3339 with nanoseconds.
func contextJSON(c *v1alpha1.EventContext) map[string]string {
	out := map[string]string{"time": c.Time.Time.Format(time.RFC3339Nano)}
	for key, value := range map[string]string{"source": c.Source, "type": c.Type, "datacontenttype": c.DataContentType, "subject": c.Subject} {
		if value != "" { // the replay reads an absent field as ""
			out[key] = value
		}
	}
	return out
}

type writer struct {
	f *os.File
	w *bufio.Writer
	n int
}

func newWriter(dir, name string) *writer {
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		panic(err)
	}
	return &writer{f: f, w: bufio.NewWriter(f)}
}

func (w *writer) write(in, out interface{}) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]interface{}{"in": in, "out": out}); err != nil {
		panic(err)
	}
	w.w.Write(buf.Bytes())
	w.n++
}

func (w *writer) close() {
	w.w.Flush()
	w.f.Close()
}

func errText(err error) interface{} {
	if err == nil {
		return nil
	}
	return err.Error()
}

// filterCase runs dependencies.Filter and records the verdict and error.
func filterCase(w *writer, filter *v1alpha1.EventDependencyFilter, op v1alpha1.LogicalOperator, ctx *v1alpha1.EventContext, data *string) {
	event := &v1alpha1.Event{Context: ctx}
	if data != nil {
		event.Data = []byte(*data)
	}
	pass, err := dependencies.Filter(event, filter, op)
	w.write(map[string]interface{}{
		"filter":   filter,
		"operator": op,
		"event":    map[string]interface{}{"context": contextJSON(ctx), "data": data},
	}, map[string]interface{}{"pass": pass, "error": errText(err)})
}

// dataPayload is the document of the directed data-filter cases.
const dataPayload = `{"body":{"action":"completed","status":"uncompleted","conclusion":"startup_failure",` +
	`"repo":"5dlabs/cto-docs","msg":"fix [skip-ci-remediation]","multi":"line1\nline2","count":3,"ratio":0.25,` +
	`"flag":true,"off":false,"text_true":"TRUE","text_num":"12","nothing":null,"obj":{"a":1}}}`

func item(path, typ, comparator, template string, values ...string) v1alpha1.DataFilter {
	return v1alpha1.DataFilter{Path: path, Type: v1alpha1.JSONType(typ), Value: values, Comparator: v1alpha1.Comparator(comparator), Template: template}
}

func str(path string, values ...string) v1alpha1.DataFilter {
	return item(path, "string", "", "", values...)
}

// dataDirected are data filters at the edges of filter.go's rules: unanchored regexes,
// per-value parse errors reached or not, AND/OR aggregation, bool and number conversions,
// comparators, and templates (including the empty-template errors under AND and OR).
var dataDirected = []struct {
	op    v1alpha1.LogicalOperator
	items []v1alpha1.DataFilter
}{
	{"", []v1alpha1.DataFilter{str("body.nope", "x")}}, {"", []v1alpha1.DataFilter{str("", "x")}},
	{"", []v1alpha1.DataFilter{item("body.action", "string", "", "")}}, {"", []v1alpha1.DataFilter{item("body.action", "strng", "", "")}},
	{"", []v1alpha1.DataFilter{item("body.action", "strng", "", "", "x")}}, {"", []v1alpha1.DataFilter{item("body.action", "", "", "", "x")}},
	{"", []v1alpha1.DataFilter{str("body.action", "^completed$"), str("body.repo", "cto")}},
	{"", []v1alpha1.DataFilter{str("body.action", "^nope$"), str("body.nope", "x")}},
	{"", []v1alpha1.DataFilter{str("body.action", "completed"), str("body.nope", "x")}},
	{"", []v1alpha1.DataFilter{str("body.status", "completed")}}, {"", []v1alpha1.DataFilter{item("body.status", "string", "=", "", "^completed$")}},
	{"", []v1alpha1.DataFilter{str("body.conclusion", "failure")}}, {"", []v1alpha1.DataFilter{str("body.conclusion", "^failure$")}},
	{"", []v1alpha1.DataFilter{str("body.repo", "5dlabs/cto")}}, {"", []v1alpha1.DataFilter{str("body.action", "[skip ci]")}},
	{"", []v1alpha1.DataFilter{str("body.multi", "line1.line2")}}, {"", []v1alpha1.DataFilter{str("body.multi", "(?s)line1.line2")}},
	{"", []v1alpha1.DataFilter{str("body.count", "^3$")}}, {"", []v1alpha1.DataFilter{str("body.obj", `^\{"a":1\}$`)}},
	{"", []v1alpha1.DataFilter{str("body.nothing", "^$")}}, {"", []v1alpha1.DataFilter{item("body.action", "string", "!=", "", "^queued$")}},
	{"", []v1alpha1.DataFilter{item("body.action", "string", "!=", "", "^completed$")}},
	{"", []v1alpha1.DataFilter{item("body.action", "string", "!=", "", "^completed$", "^queued$")}},
	{"", []v1alpha1.DataFilter{item("body.action", "string", "=~", "", "completed")}},
	{"", []v1alpha1.DataFilter{item("body.action", "string", ">", "", "completed")}},
	{"", []v1alpha1.DataFilter{item("body.action", "string", "=", "", "^queued$", "^completed$")}},
	{"", []v1alpha1.DataFilter{str("body.action", "^completed$", "[bad")}}, {"", []v1alpha1.DataFilter{str("body.action", "^queued$", "[bad")}},
	{"", []v1alpha1.DataFilter{str("body.action", "[bad", "^completed$")}}, {"or", []v1alpha1.DataFilter{str("body.action", "[bad", "^completed$")}},
	{"or", []v1alpha1.DataFilter{str("body.action", "^completed$", "[bad")}}, {"", []v1alpha1.DataFilter{str("body.msg", "[skip-ci-remediation]")}},
	{"", []v1alpha1.DataFilter{item("body.count", "number", "", "", "3", "0x10")}}, {"", []v1alpha1.DataFilter{item("body.count", "number", "", "", "4", "0x10")}},
	{"", []v1alpha1.DataFilter{item("body.flag", "bool", "", "", "true", "yes")}}, {"", []v1alpha1.DataFilter{item("body.flag", "bool", "", "", "false", "yes")}},
	{"or", []v1alpha1.DataFilter{str("body.nope", "x"), str("body.action", "completed")}},
	{"or", []v1alpha1.DataFilter{str("body.action", "^x$"), str("body.status", "^y$")}},
	{"or", []v1alpha1.DataFilter{str("body.nope", "x"), item("body.action", "strng", "", "", "x"), item("body.action", "string", "", "")}},
	{"or", []v1alpha1.DataFilter{str("body.nope", "x"), str("body.action", "^x$")}},
	{"and", []v1alpha1.DataFilter{str("body.nope", "x"), str("body.action", "completed")}},
	{"OR", []v1alpha1.DataFilter{str("body.nope", "x"), str("body.action", "completed")}},
	{"any", []v1alpha1.DataFilter{str("body.nope", "x"), str("body.action", "completed")}},
	{"", []v1alpha1.DataFilter{item("body.action", "string", "", "{{ .Input | upper }}", "^COMPLETED$")}},
	{"", []v1alpha1.DataFilter{item("body.count", "string", "", `{{ printf "%s-x" .Input }}`, "^3-x$")}},
	{"", []v1alpha1.DataFilter{item("body.obj", "string", "", "{{ .Input }}", `^\{"a":1\}$`)}},
	{"", []v1alpha1.DataFilter{item("body.action", "number", "", "{{ len .Input }}", "9")}},
	{"", []v1alpha1.DataFilter{item("body.action", "bool", "", `{{ eq .Input "completed" }}`, "true")}},
	{"", []v1alpha1.DataFilter{item("body.action", "string", "", "x-{{ .Missing }}", "^x-<no value>$")}},
	{"", []v1alpha1.DataFilter{item("body.action", "string", "", "{{ b64dec .Input }}", "illegal base64")}},
	{"", []v1alpha1.DataFilter{item("body.action", "string", "", "{{ .Input", "x")}},
	{"", []v1alpha1.DataFilter{item("body.action", "string", "", `{{ fail "boom" }}`, "x")}},
}

// boolDirected and numberDirected are (path, comparator, value) triples for one-value items.
var boolDirected = [][2]string{
	{"body.flag", "true"}, {"body.flag", "T"}, {"body.flag", "1"}, {"body.flag", "TRUE"}, {"body.flag", "True"},
	{"body.off", "false"}, {"body.off", "F"}, {"body.off", "0"}, {"body.off", "FALSE"}, {"body.count", "true"},
	{"body.text_true", "true"}, {"body.action", "false"}, {"body.nothing", "false"}, {"body.obj", "false"},
	{"body.flag", "false"}, {"body.flag", "yes"}, {"body.flag", "tRUE"}, {"body.flag", " true"}, {"body.flag", ""},
}

var numberDirected = [][3]string{
	{"body.count", "", "3"}, {"body.count", "=", "3.0"}, {"body.count", "!=", "3"}, {"body.count", ">", "2"},
	{"body.count", ">", "3"}, {"body.count", ">=", "3"}, {"body.count", "<", "3"}, {"body.count", "<=", "3"},
	{"body.count", "=>", "3"}, {"body.count", "==", "3"}, {"body.ratio", "=", "0x1p-2"}, {"body.ratio", "=", "2.5e-1"},
	{"body.count", "<", "Inf"}, {"body.count", ">", "-Infinity"}, {"body.count", "=", "3_0"}, {"body.text_num", "=", "12"},
	{"body.action", "=", "0"}, {"body.flag", "=", "1"}, {"body.nothing", "=", "0"}, {"body.count", "!=", "NaN"},
	{"body.count", "=", "NaN"}, {"body.count", "", "0x10"}, {"body.count", "", " 1"}, {"body.count", "", "1 "},
	{"body.count", "", "abc"}, {"body.count", "", ""}, {"body.count", "", "1e999"},
}

// directedDataCases are the cases above, plus the empty-template texts under AND and OR.
func directedDataCases(w *writer) {
	at := directedContext()
	payload := dataPayload
	run := func(op v1alpha1.LogicalOperator, items ...v1alpha1.DataFilter) {
		filterCase(w, &v1alpha1.EventDependencyFilter{DataLogicalOperator: op, Data: items}, "", at, &payload)
	}
	for _, c := range dataDirected {
		run(c.op, c.items...)
	}
	for _, c := range boolDirected {
		run("", item(c[0], "bool", "!=", "", c[1]))
	}
	for _, c := range numberDirected {
		run("", item(c[0], "number", c[1], "", c[2]))
	}
	for _, tpl := range []string{"{{ .Missing }}", "{{ if false }}x{{ end }}", "x-{{ .Missing }}"} {
		for _, op := range []v1alpha1.LogicalOperator{"", "or"} {
			run(op, item("body.action", "string", "", tpl, "."))
		}
	}
}

// scriptDirected are scripts over several lines, syntax errors after numerals and names,
// errors in nested and tail-called functions, and error() with levels and non-string values.
var scriptDirected = []string{
	"local x = 10\nreturn x +", "local n = 100\nif n > 1 then return true", "return 1000 ]", "x = 'abc' 'def'",
	"return event.a == 'x' and", "return (1", "if true then\n  return 1\n", "return 12345 end",
	"local s = \"str\" x", "for i = 1, 10 do\n  error('in loop')\nend", "local function g()\n  return nil + 1\nend\nreturn g()",
	"local t = setmetatable({}, {__index = function(t, k) error('idx ' .. k) end})\nreturn t.foo", "return -nil",
	"return #5", "local x = true; return x.y", "x.y.z = 1", "return ('x'):bad()", "return math.max()", "return tostring()",
	"error('lvl2', 2)", "error('no position', 0)", "error(42)", "local function f(n)\n  if n == 0 then error('bottom') end\n  f(n - 1)\nend\nf(30)", "return 0x10 + ]", "return 1 & 2", "return 1 | 2",
	"return ~1", "return 1 << 2", "return 1 >> 2", "local x = 1\n\nreturn x // 2", "return \"a\" + 1", "return \"10\" + 1 == 11",
	"return true .. 'x'", "return 'x' .. nil", "return 1 < nil", "return {} <= 1", "return nil > nil", "return event.nested.x.y",
	"local ok, err = pcall(function() return nil + 1 end)\nreturn err", "return select(2, pcall(error))",
	"return select(2, pcall(error, 'm', 2))", "return string.rep()", "return ('x'):sub()", "return math.floor('x')",
	"return rawget(1, 2)", "return getmetatable(nil) == nil and getmetatable(1) == nil and getmetatable('').__index == string", "t = {}\nt[nil] = 1", "return #event.arr + 1",
}

// scriptData are scripts over their own event data: results (last value, non-booleans), the
// event table (nulls, arrays, empty objects, numeric-looking keys, UTF-8), and Lua 5.1 number
// semantics (float64 only, printing, hex numerals, modulo by zero).
var scriptData = [][2]string{
	{"return event.body.action == \"completed\"", "{\"headers\":{\"X-Github-Event\":[\"workflow_run\"]},\"body\":{\"action\":\"completed\",\"X-GitHub-Event\":\"workflow_run\",\"workflow_run\":{\"conclusion\":\"failure\",\"run_attempt\":1,\"head_branch\":\"main\",\"pull_requests\":[]},\"repository\":{\"full_name\":\"5dlabs/cto\"}}}"},
	{"return event.body.action == \"requested\"", "{\"headers\":{\"X-Github-Event\":[\"workflow_run\"]},\"body\":{\"action\":\"completed\",\"X-GitHub-Event\":\"workflow_run\",\"workflow_run\":{\"conclusion\":\"failure\",\"run_attempt\":1,\"head_branch\":\"main\",\"pull_requests\":[]},\"repository\":{\"full_name\":\"5dlabs/cto\"}}}"},
	{"return event.body[\"X-GitHub-Event\"] == \"workflow_run\"", "{\"headers\":{\"X-Github-Event\":[\"workflow_run\"]},\"body\":{\"action\":\"completed\",\"X-GitHub-Event\":\"workflow_run\",\"workflow_run\":{\"conclusion\":\"failure\",\"run_attempt\":1,\"head_branch\":\"main\",\"pull_requests\":[]},\"repository\":{\"full_name\":\"5dlabs/cto\"}}}"},
	{"return event.headers[\"X-Github-Event\"][1] == \"workflow_run\"", "{\"headers\":{\"X-Github-Event\":[\"workflow_run\"]},\"body\":{\"action\":\"completed\",\"X-GitHub-Event\":\"workflow_run\",\"workflow_run\":{\"conclusion\":\"failure\",\"run_attempt\":1,\"head_branch\":\"main\",\"pull_requests\":[]},\"repository\":{\"full_name\":\"5dlabs/cto\"}}}"},
	{"local r = event.body.workflow_run\nreturn r.conclusion == \"failure\" and r.run_attempt == 1", "{\"headers\":{\"X-Github-Event\":[\"workflow_run\"]},\"body\":{\"action\":\"completed\",\"X-GitHub-Event\":\"workflow_run\",\"workflow_run\":{\"conclusion\":\"failure\",\"run_attempt\":1,\"head_branch\":\"main\",\"pull_requests\":[]},\"repository\":{\"full_name\":\"5dlabs/cto\"}}}"},
	{"local ok = false\nif event.body.repository.full_name == \"5dlabs/cto\" then ok = true end\nreturn ok", "{\"headers\":{\"X-Github-Event\":[\"workflow_run\"]},\"body\":{\"action\":\"completed\",\"X-GitHub-Event\":\"workflow_run\",\"workflow_run\":{\"conclusion\":\"failure\",\"run_attempt\":1,\"head_branch\":\"main\",\"pull_requests\":[]},\"repository\":{\"full_name\":\"5dlabs/cto\"}}}"},
	{"return false, true", "{}"},
	{"return true, false", "{}"},
	{"return 1", "{}"},
	{"return \"true\"", "{}"},
	{"return nil", "{}"},
	{"local x = 1", "{}"},
	{"return event.a == nil and event.b == 1", "{\"a\":null,\"b\":1}"},
	{"local xs = event.xs\nreturn #xs == 3 and xs[1] == 1 and xs[2] == \"a\" and xs[3].k == true", "{\"xs\":[1,null,[2],\"a\",{\"k\":true}]}"},
	{"return type(event.xs) == \"table\" and #event.xs == 0", "{\"xs\":[]}"},
	{"return type(event.o) == \"table\" and next(event.o) == nil", "{\"o\":{}}"},
	{"return event[\"1\"] == \"a\" and event[1] == nil", "{\"1\":\"a\"}"},
	{"return #event.s == 2", "{\"s\":\"é\"}"},
	{"return next(event) == nil", "null"},
	{"return tostring(event.n) == \"5\" and tostring(event.f) == \"1.5\"", "{\"n\":5,\"f\":1.5}"},
	{"return tostring(10 / 2) == \"5\"", "{}"},
	{"return 1 .. \"\" == \"1\" and 2.5 .. \"\" == \"2.5\"", "{}"},
	{"return 100000 * 100000 == 1e10 and 2147483647 + 1 == 2147483648", "{}"},
	{"return 0xff == 255 and tostring(0x10) == \"16\"", "{}"},
	{"local t = {\"a\", \"b\"}\nlocal s = \"\"\nfor i = 1, #t do s = s .. t[i] .. i end\nreturn s == \"a1b2\"", "{}"},
	{"return string.format(\"%d\", 42) == \"42\"", "{}"},
	{"return tostring(2^53) == \"9007199254740992\" and tostring(-0) == \"0\"", "{}"},
	{"return tostring(1e20) == \"1e+20\" and tostring(1/3) == \"0.3333333333333333\" and tostring(1234567.5) == \"1.2345675e+06\"", "{}"},
	{"return tostring(0/0) == \"NaN\" and tostring(1/0) == \"+Inf\" and tostring(-1/0) == \"-Inf\"", "{}"},
	{"return string.format(\"%s|%s\", 3, 0.5) == \"3|0.5\"", "{}"},
	{"local x = 5 % 0\nreturn x ~= x", "{}"},
	{"-- 1 // 2\nreturn \"1 // 2 | 3\" == [[1 // 2 | 3]] --[==[ 4 & 5 ]==]", "{}"},
}

func directedScriptCases(w *writer) {
	data := `{"a":"completed","n":1.5,"arr":[1,2],"nested":{"x":1}}`
	for _, script := range scriptDirected {
		f := &v1alpha1.EventDependencyFilter{Script: script}
		filterCase(w, f, "", directedContext(), &data)
	}
	for _, c := range scriptData {
		data := c[1]
		f := &v1alpha1.EventDependencyFilter{Script: c[0]}
		filterCase(w, f, "", directedContext(), &data)
	}
}

// timeDirected are windows around their edges (inclusive start, exclusive stop, nanoseconds,
// midnight, local dates, DST gaps) and clock texts Go's time.Parse rejects.
var timeDirected = []struct{ start, stop, zone, event string }{
	{"09:00:00", "17:00:00", "", "2025-01-01T12:00:00Z"}, {"09:00:00", "17:00:00", "", "2025-01-01T09:00:00Z"},
	{"09:00:00", "17:00:00", "", "2025-01-01T17:00:00Z"}, {"09:00:00", "17:00:00", "", "2025-01-01T16:59:59.999999999Z"},
	{"09:00:00", "17:00:00", "", "2025-01-01T08:59:59Z"}, {"09:00:00.5", "17:00:00", "", "2025-01-01T09:00:00.4Z"},
	{"9:00:00", "17:00:00", "", "2025-01-01T09:30:00Z"}, {"22:00:00", "06:00:00", "", "2025-01-01T23:00:00Z"},
	{"22:00:00", "06:00:00", "", "2025-01-01T05:59:59Z"}, {"22:00:00", "06:00:00", "", "2025-01-01T06:00:00Z"},
	{"22:00:00", "06:00:00", "", "2025-01-01T12:00:00Z"}, {"10:00:00", "10:00:00", "", "2025-01-01T03:00:00Z"},
	{"09:00:00", "10:00:00", "", "2025-01-01T11:30:00+02:00"},
	{"09:00:00", "17:00:00", "America/New_York", "2025-01-06T14:30:00Z"}, {"09:00:00", "17:00:00", "America/New_York", "2025-01-06T13:59:00Z"},
	{"09:00:00", "17:00:00", "America/New_York", "2025-07-07T13:00:00Z"}, {"22:00:00", "23:00:00", "Asia/Tokyo", "2025-01-01T13:30:00Z"},
	{"23:00:00", "01:00:00", "Asia/Tokyo", "2025-01-01T15:30:00Z"}, {"09:00:00", "17:00:00", "Asia/Tokyo", "2025-01-01T09:00:00Z"},
	{"02:30:00", "04:00:00", "Europe/Berlin", "2025-03-30T01:15:00Z"}, {"02:30:00", "04:00:00", "Europe/Berlin", "2025-03-30T01:35:00Z"},
	{"24:00:00", "06:00:00", "", "2025-01-01T10:30:00Z"}, {"10:60:00", "06:00:00", "", "2025-01-01T10:30:00Z"},
	{"10:00:00", "6pm", "", "2025-01-01T10:30:00Z"}, {"10:0:00", "11:00:00", "", "2025-01-01T10:30:00Z"},
	{"10:00", "11:00:00", "", "2025-01-01T10:30:00Z"}, {"", "11:00:00", "", "2025-01-01T10:30:00Z"},
	{"10:00:00Z", "11:00:00", "", "2025-01-01T10:30:00Z"}, {"10:00:00", "11:00:00", "Mars/Olympus", "2025-01-01T10:30:00Z"},
	{"10:00:00", "11:00:00", "europe/berlin", "2025-01-01T10:30:00Z"}, {"10:00:00", "11:00:00", "+01:00", "2025-01-01T10:30:00Z"},
	{"  7:05:09,25", "11:00:00", "", "2025-01-01T07:05:10Z"}, {"00:00:00", "00:00:01", "", "0001-01-01T00:00:00Z"},
	{"23:00:00", "01:00:00", "America/New_York", "0001-01-01T02:00:00Z"},
}

// contextDirected are context filters against one event context.
var contextDirected = []v1alpha1.EventContext{
	{}, {Type: "github", Source: "github-es", Subject: "ci", DataContentType: "application/json"}, {Type: "gitlab"},
	{Subject: "other"}, {Source: "github"}, {DataContentType: "text/plain"}, {Type: "GitHub"}, {Type: "git.*"},
	{Type: "", Subject: "ci"}, {ID: "x", SpecVersion: "0.3", Time: v1alpha1.Time{Time: time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC)}},
}

func directedTimeAndContextCases(w *writer) {
	data := `{"a":1}`
	for _, c := range timeDirected {
		t, err := time.Parse(time.RFC3339Nano, c.event)
		if err != nil {
			panic(err)
		}
		f := &v1alpha1.EventDependencyFilter{Time: &v1alpha1.TimeFilter{Start: c.start, Stop: c.stop, Timezone: c.zone}}
		filterCase(w, f, "", genContext(t), &data)
	}
	for i := range contextDirected {
		ctx := &v1alpha1.EventContext{ID: "0123456789abcdef0123456789abcdef", Source: "github-es", SpecVersion: "1.0", Type: "github",
			DataContentType: "application/json", Subject: "ci", Time: v1alpha1.Time{Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}
		filterCase(w, &v1alpha1.EventDependencyFilter{Context: &contextDirected[i]}, "", ctx, &data)
	}
}

// exprPayload is the document of the directed expr-filter cases.
const exprPayload = `{"body":{"action":"completed","id":19289199112,"attempt":1,"flag":true,"nothing":null,` +
	`"list":[1,"a"],"obj":{"k":"v"},"X-GitHub-Event":"workflow_run"}}`

func expr(text string, fields ...string) v1alpha1.ExprFilter {
	f := v1alpha1.ExprFilter{Expr: text}
	for i := 0; i+1 < len(fields); i += 2 {
		f.Fields = append(f.Fields, v1alpha1.PayloadField{Name: fields[i], Path: fields[i+1]})
	}
	return f
}

// exprDirected are expr filters at the edges of govaluate and filter.go: float64 numbers,
// deep equality, non-boolean results, nil, regexes, bracketed names, skipped exprs without
// fields, missing paths before evaluation, short-circuits, parse errors, AND/OR order.
var exprDirected = []struct {
	op    v1alpha1.LogicalOperator
	exprs []v1alpha1.ExprFilter
}{
	{"", []v1alpha1.ExprFilter{expr(`a == "completed"`, "a", "body.action")}},
	{"", []v1alpha1.ExprFilter{expr(`a == "queued"`, "a", "body.action")}},
	{"", []v1alpha1.ExprFilter{expr("id > 19289199111 && attempt == 1", "id", "body.id", "attempt", "body.attempt")}},
	{"", []v1alpha1.ExprFilter{expr(`attempt == "1"`, "attempt", "body.attempt")}},
	{"", []v1alpha1.ExprFilter{expr("f", "f", "body.flag")}},
	{"", []v1alpha1.ExprFilter{expr("attempt + 1", "attempt", "body.attempt")}},
	{"", []v1alpha1.ExprFilter{expr("a", "a", "body.X-GitHub-Event")}},
	{"", []v1alpha1.ExprFilter{expr("n == nil", "n", "body.nothing", "nil", "body.nothing")}},
	{"", []v1alpha1.ExprFilter{expr("a =~ 'plete'", "a", "body.action")}},
	{"", []v1alpha1.ExprFilter{expr("a !~ '^queued$'", "a", "body.action")}},
	{"", []v1alpha1.ExprFilter{expr(`[x-event] == "workflow_run"`, "x-event", "body.X-GitHub-Event")}},
	{"", []v1alpha1.ExprFilter{expr("nonsense ((")}},
	{"or", []v1alpha1.ExprFilter{expr("nonsense ((")}},
	{"", []v1alpha1.ExprFilter{expr("true || b == 1", "a", "body.action", "b", "body.nope")}},
	{"", []v1alpha1.ExprFilter{expr(`a == "completed" && x`, "a", "body.action")}},
	{"", []v1alpha1.ExprFilter{expr(`a == "queued" && x`, "a", "body.action")}},
	{"", []v1alpha1.ExprFilter{expr("a > 1", "a", "body.action")}},
	{"", []v1alpha1.ExprFilter{expr(`a !== "x"`, "a", "body.action")}},
	{"", []v1alpha1.ExprFilter{expr("len(a) > 0", "a", "body.action")}},
	{"", []v1alpha1.ExprFilter{expr(`a == "queued"`, "a", "body.action"), expr("a !== 1", "a", "body.action")}},
	{"", []v1alpha1.ExprFilter{expr("a !== 1", "a", "body.action"), expr(`a == "queued"`, "a", "body.action")}},
	{"or", []v1alpha1.ExprFilter{expr("a !== 1", "a", "body.action"), expr(`a == "completed"`, "a", "body.action")}},
	{"or", []v1alpha1.ExprFilter{expr(`a == "x"`, "a", "body.action"), expr(`a == "y"`, "a", "body.action")}},
	{"or", []v1alpha1.ExprFilter{expr("a == b", "a", "body.action", "b", "body.nope"), expr("a !== 1", "a", "body.action"), expr(`a == "x"`, "a", "body.action")}},
	{"", []v1alpha1.ExprFilter{expr(`body.action == "completed"`, "body", "body")}},
	{"", []v1alpha1.ExprFilter{expr("l == 1", "l", "body.list"), expr("o == 1", "o", "body.obj")}},
	{"", []v1alpha1.ExprFilter{expr(`"2014-01-02" > 0`, "a", "body.action")}},
}

func directedExprCases(w *writer) {
	at := directedContext()
	payload := exprPayload
	for _, c := range exprDirected {
		f := &v1alpha1.EventDependencyFilter{ExprLogicalOperator: c.op, Exprs: c.exprs}
		filterCase(w, f, "", at, &payload)
	}
}

// directedMixedCases are filter.go's combination rules: kinds in the order exprs, data,
// context, time; AND stops at the first error; OR counts configured kinds only, joins errors
// and drops the event on any error; kind operators apply inside each kind.
func directedMixedCases(w *writer) {
	payload := `{"body":{"action":"completed","workflow_run":{"conclusion":"startup_failure","run_attempt":1}}}`
	at := genContext(time.Date(2025, 1, 1, 10, 30, 0, 0, time.UTC))
	at.Type = "github"
	attempt := func(text string) []v1alpha1.ExprFilter {
		return []v1alpha1.ExprFilter{expr(text, "a", "body.workflow_run.run_attempt")}
	}
	exprOk, exprNo, exprErr := attempt("a == 1"), attempt("a == 2"), attempt("a !== 2")
	dataOk := []v1alpha1.DataFilter{str("body.action", "^completed$")}
	dataNo := []v1alpha1.DataFilter{str("body.action", "^queued$")}
	dataErr := []v1alpha1.DataFilter{str("body.nope", "x")}
	ctxOk, ctxNo := &v1alpha1.EventContext{Type: "github"}, &v1alpha1.EventContext{Type: "gitlab"}
	timeOk := &v1alpha1.TimeFilter{Start: "10:00:00", Stop: "11:00:00"}
	timeNo := &v1alpha1.TimeFilter{Start: "11:00:00", Stop: "12:00:00"}
	timeErr := &v1alpha1.TimeFilter{Start: "25:00:00", Stop: "12:00:00"}
	cases := []struct {
		op     v1alpha1.LogicalOperator
		filter *v1alpha1.EventDependencyFilter
	}{
		{"", nil}, {"or", nil}, {"", &v1alpha1.EventDependencyFilter{}}, {"or", &v1alpha1.EventDependencyFilter{}},
		{"and", &v1alpha1.EventDependencyFilter{Exprs: exprOk, Data: dataOk, Context: ctxOk, Time: timeOk}},
		{"", &v1alpha1.EventDependencyFilter{Exprs: exprOk, Data: dataOk, Context: ctxNo, Time: timeOk}},
		{"", &v1alpha1.EventDependencyFilter{Exprs: exprErr, Data: dataErr, Time: timeErr}},
		{"", &v1alpha1.EventDependencyFilter{Exprs: exprOk, Data: dataErr, Time: timeErr}},
		{"", &v1alpha1.EventDependencyFilter{Exprs: exprNo, Data: dataErr}},
		{"", &v1alpha1.EventDependencyFilter{Data: dataOk, Time: timeErr}},
		{"OR", &v1alpha1.EventDependencyFilter{Exprs: exprNo, Context: ctxOk}},
		{"or", &v1alpha1.EventDependencyFilter{Exprs: exprNo, Data: dataNo, Context: ctxOk, Time: timeNo}},
		{"or", &v1alpha1.EventDependencyFilter{Exprs: exprNo, Data: dataNo, Context: ctxNo, Time: timeNo}},
		{"or", &v1alpha1.EventDependencyFilter{Time: timeOk, Data: dataNo}},
		{"or", &v1alpha1.EventDependencyFilter{Exprs: exprErr, Data: dataErr, Context: ctxOk, Time: timeErr}},
		{"or", &v1alpha1.EventDependencyFilter{Data: dataErr, Context: ctxOk}},
		{"", &v1alpha1.EventDependencyFilter{Data: append(append([]v1alpha1.DataFilter{}, dataErr...), dataOk...), DataLogicalOperator: "or", Context: ctxOk}},
		{"", &v1alpha1.EventDependencyFilter{Exprs: append(append([]v1alpha1.ExprFilter{}, exprNo...), exprOk...), ExprLogicalOperator: "or"}},
		{"or", &v1alpha1.EventDependencyFilter{Data: dataOk, Script: "error('late')"}},
		{"or", &v1alpha1.EventDependencyFilter{Data: dataErr, Script: "return true"}},
	}
	for _, c := range cases {
		filterCase(w, c.filter, c.op, at, &payload)
	}
}

func genFilterCases(w *writer, count int, kinds func() (data, exprs, ctx, tm, script bool)) {
	for i := 0; i < count; i++ {
		root, text := genPayload()
		data := &text
		switch {
		case chance(0.03):
			data = nil
		case chance(0.04):
			bad := pick([]string{"{", "not json", "{\"a\":1} x", "[1,2]", "\"str\"", "12", "", "{\"a\":}", "null"})
			data = &bad
		}
		f := &v1alpha1.EventDependencyFilter{}
		useData, useExprs, useCtx, useTime, useScript := kinds()
		if useData {
			for j, c := 0, 1+rng.Intn(3); j < c; j++ {
				f.Data = append(f.Data, genDataFilter(root))
			}
			f.DataLogicalOperator = genOperator()
		}
		if useExprs {
			for j, c := 0, 1+rng.Intn(3); j < c; j++ {
				f.Exprs = append(f.Exprs, genExprFilter(root))
			}
			f.ExprLogicalOperator = genOperator()
		}
		ctx := genContext(genEventTime())
		if useCtx {
			f.Context = &v1alpha1.EventContext{Type: pick(contextTypes), Source: pick(contextSources),
				Subject: pick(contextSubjects), DataContentType: pick(contentTypes)}
		}
		if useTime {
			f.Time = &v1alpha1.TimeFilter{Start: pick(timePool), Stop: pick(timePool), Timezone: pick(zonePool)}
		}
		if useScript {
			f.Script = pick(scriptPool)
		}
		filterCase(w, f, genOperator(), ctx, data)
	}
}

func only(kind int) func() (bool, bool, bool, bool, bool) {
	return func() (bool, bool, bool, bool, bool) {
		return kind == 0, kind == 1, kind == 2, kind == 3, kind == 4
	}
}

func mixed() (bool, bool, bool, bool, bool) {
	for {
		d, e, c, t, s := chance(0.6), chance(0.4), chance(0.3), chance(0.3), chance(0.15)
		if d || e || c || t || s || chance(0.1) {
			return d, e, c, t, s
		}
	}
}

// gjsonDoc is the document of the directed cases: nested objects, an array of objects, a
// dotted key, duplicate keys, literals, an empty object and keys starting with '*' and '!'.
const gjsonDoc = `{
  "name": {"first": "Ada", "last": "Byron"},
  "age": 36,
  "children": ["Anne", "Ralph", "Byron"],
  "fav.movie": "Metropolis",
  "friends": [
    {"first": "Mary", "last": "Babbage", "age": 44, "nets": ["ig", "fb", "tw"]},
    {"first": "Charles", "last": "Somerville", "age": 68, "nets": ["fb", "tw"]},
    {"first": "Dora", "last": "Babbage", "age": 47, "nets": ["ig", "tw"]}
  ],
  "a-b": 1,
  "dup": 1,
  "dup": 2,
  "flag": true,
  "nothing": null,
  "empty": {},
  "*star": "literal star",
  "!x": 1
}`

// gjsonDirected are paths whose syntax is unusual or malformed: literals, unterminated
// multipaths and queries, queries without an operator, escaped multipath keys.
var gjsonDirected = []string{
	"!true", "!\"x\"", "!\"x\"|@reverse", "!x", "!{\"a\":[1,2]}|a.1", "![1,2,3].#", "!-1.5", "!+1", "!True", "!NULL",
	"[a,b", "{a,b", "[name.first,age", "friends.#(first==\"x\"", "friends.#(first!x)", "friends.#(!x)", "#(!x)",
	"friends.#(!=\"x\")", "friends.#(first)", "friends.#(first)#", "friends.#(nets.#(==\"fb\"))#.first",
	"{fav\\.movie}", "{fav\\.movie,age}", "[fav\\.movie]", "{name.first}", "{\"n\":name.first}", "{n:name.first}",
	"friends.#(age>45)#.last", "friends.#(first%\"D*\")", "friends.#(first!%\"D*\")#", "children|@reverse|0",
	"friends.#.nets.#", "friends.#(age>1000)", "friends.#(age>1000)#", "@reverse", "name.@reverse", "age.@tostr",
	"age", "name.last", "name", "children", "children.#", "children.1", "children.3", "child*.2", "c?ildren.0",
	"fav\\.movie", "\\*star", "a-b", "dup", "flag", "nothing", "empty", "friends.#.first", "friends.1.last",
	"friends.#(last==\"Babbage\").first", "friends.#(last==\"Babbage\")#.first", "friends.#(age>=47)#.first",
	"friends.#(age<45).first", "friends.#(age<=44)#.first", "friends.#(first!=\"Mary\")#.first", "friends.#(first%\"M*\").last",
	"friends.#(first!%\"M*\")#.first", "friends.#(first==\"Nobody\").last", "friends.#(first==\"Nobody\")#.last",
	"friends.#(first=Mary).age", "friends.#(last)#.first", "children.#(==\"Ralph\")", "children.#(%\"*a*\")#",
	"friends|0|first", "friends.0|first", "children|@reverse", "children.@reverse", "friends.#.first|@reverse",
	"friends.#.first|1", "[age,name.first]", "[age,missing,,name.first]", "{age,name.first}", "{age,\"years\":age,yrs:age}",
	"{children.#}", "[name.first,age].1", "{age,missing}", "name.@keys", "name|@values", "@this.age", "name.@tostr",
	"name.@ugly", "friends.#.nets|@flatten", "@dig:last", "unknown.path", "@unknownmod", "",
	"friends.#(last==\"Babbage\")#.first|1", "missing|@this",
}

func gjsonCase(w *writer, text, path string) {
	{
		r := gjson.Get(text, path)
		value, err := json.Marshal(r.Value())
		out := map[string]interface{}{"exists": r.Exists(), "type": r.Type.String(), "raw": r.Raw, "string": r.String()}
		if err == nil {
			out["value"] = string(value) // the exact bytes Go marshals
		} else {
			out["valueError"] = err.Error()
		}
		w.write(map[string]interface{}{"json": text, "path": path}, out)
	}
}

// gjsonPairs are documents and paths for number printing, raw text, scanning (duplicate keys,
// escapes, lenient reads of unterminated input), JSON Lines, query operators on strings,
// numbers and booleans, and pipes.
var gjsonPairs = [][2]string{
	{`{"headers":{"X-Github-Event":["workflow_run"]},"body":{"X-GitHub-Event":"workflow_run","run_attempt":1}}`, "headers.X-Github-Event"},
	{`{"headers":{"X-Github-Event":["workflow_run"]},"body":{"X-GitHub-Event":"workflow_run","run_attempt":1}}`, "headers.X-Github-Event.0"},
	{`{"headers":{"X-Github-Event":["workflow_run"]},"body":{"X-GitHub-Event":"workflow_run","run_attempt":1}}`, "body.X-GitHub-Event"},
	{`{"headers":{"X-Github-Event":["workflow_run"]},"body":{"X-GitHub-Event":"workflow_run","run_attempt":1}}`, "headers.x-github-event"},
	{`{"n":1}`, "n"}, {`{"n":-12}`, "n"}, {`{"n":1.0}`, "n"}, {`{"n":1e3}`, "n"}, {`{"n":1.5e-7}`, "n"},
	{`{"n":12345678901234567890}`, "n"}, {`{"n":1e21}`, "n"}, {`{"n":1.2345678901234567e21}`, "n"}, {`{"n":-0.0}`, "n"},
	{`{"n":1e400}`, "n"}, {`{"n":9007199254740993}`, "n"}, {`{"n":1.5}`, "n"},
	{`{"a":1,"a":2}`, "a"}, {`{"a":1,"a":{"b":2}}`, "a.b"}, {`{"a": { "b" : [ 1 , 2 ] } }`, "a"},
	{`{"k\"ey":"v\n\u00e9\ud83d\ude00","a.b":{"c":1}}`, `k"ey`}, {`{"k\"ey":"v\n\u00e9\ud83d\ude00","a.b":{"c":1}}`, `a\.b.c`},
	{`{"x":"a\\","y":"]}{[\"","z":3}`, "x"}, {`{"x":"a\\","y":"]}{[\"","z":3}`, "z"}, {`{"a":[[1,2],[3,[4,5]]]}`, "a.1.1.0"},
	{`[{"a":1},{"a":2}]`, "#.a"}, {`[{"a":1},{"a":2}]`, "1.a"}, {`[]`, "#"},
	{"{\"name\":\"Gilbert\",\"age\":61}\n{\"name\":\"Alexa\",\"age\":34}\n{\"name\":\"May\",\"age\":57}\n", "..#"},
	{"{\"name\":\"Gilbert\",\"age\":61}\n{\"name\":\"Alexa\",\"age\":34}\n{\"name\":\"May\",\"age\":57}\n", "..1.name"},
	{"{\"name\":\"Gilbert\",\"age\":61}\n{\"name\":\"Alexa\",\"age\":34}\n{\"name\":\"May\",\"age\":57}\n", "..#.name"},
	{"{\"name\":\"Gilbert\",\"age\":61}\n{\"name\":\"Alexa\",\"age\":34}\n{\"name\":\"May\",\"age\":57}\n", `..#(name="May").age`},
	{`{"vals":[{"a":1,"b":true},{"a":2,"b":false},{"a":3},{"a":4,"b":"true"}]}`, "vals.#(b==~true)#.a"},
	{`{"vals":[{"a":1,"b":true},{"a":2,"b":false},{"a":3},{"a":4,"b":"true"}]}`, "vals.#(b==~false)#.a"},
	{`{"vals":[{"a":1,"b":true},{"a":2,"b":false},{"a":3},{"a":4,"b":"true"}]}`, "vals.#(b==~null)#.a"},
	{`{"vals":[{"a":1,"b":true},{"a":2,"b":false},{"a":3},{"a":4,"b":"true"}]}`, "vals.#(b==~*)#.a"},
	{`{"v":[true,false]}`, "v.#(==true)#"}, {`{"v":[true,false]}`, "v.#(!=true)#"}, {`{"v":[true,false]}`, "v.#(>=true)#"},
	{`{"v":[true,false]}`, "v.#(<=true)#"}, {`{"v":[true,false]}`, "v.#(>false)#"}, {`{"v":[true,false]}`, "v.#(<true)#"},
	{`{"v":[true,false]}`, `v.#(%"t*")#`}, {"{\"v\":[\"\uff61\",\"\U0001F600\"]}", "v.#(>\"\uff61\")#"},
	{`{"v":["b","a","c"]}`, `v.#(<="b")#`}, {`{"v":["b","a","c"]}`, `v.#(!="b")#`}, {`{"v":[1,2,3]}`, "v.#(!=2)#"},
	{`{"v":[1,2,3]}`, "v.#(=2)#"}, {`{"a.b":{"c":[1,2]},"x":{"y":3}}`, `a\.b|c`}, {`{"a.b":{"c":[1,2]},"x":{"y":3}}`, `a\.b.c.@reverse`},
	{`{"a.b":{"c":[1,2]},"x":{"y":3}}`, `a\.b.c.1`}, {`{"a.b":{"c":[1,2]},"x":{"y":3}}`, "x.y|@this"},
	{`{"a":[1,2`, "a.#"}, {`{"a":"x`, "a"}, {`{"!x":1}`, "!x"},
}

func gjsonCases(w *writer, count int) {
	for _, path := range gjsonDirected {
		gjsonCase(w, gjsonDoc, path)
	}
	for _, pair := range gjsonPairs {
		gjsonCase(w, pair[0], pair[1])
	}
	for i := 0; i < count; i++ {
		root, text := genPayload()
		gjsonCase(w, text, genPath(root))
	}
}

// govaluateValue records a result with its Go type; floats as their shortest 'g' text.
func govaluateValue(v interface{}) map[string]interface{} {
	switch t := v.(type) {
	case float64:
		return map[string]interface{}{"type": "float64", "value": strconv.FormatFloat(t, 'g', -1, 64)}
	case nil:
		return map[string]interface{}{"type": "nil"}
	default:
		b, err := json.Marshal(t)
		if err != nil {
			return map[string]interface{}{"type": fmt.Sprintf("%T", t), "value": fmt.Sprintf("%v", t)}
		}
		return map[string]interface{}{"type": fmt.Sprintf("%T", t), "value": json.RawMessage(b)}
	}
}

// govaluateDirected are expressions at the edges of govaluate's lexer, planner and evaluator
// (precedence, operators on every type, Go %v printing of floats, date literals, regexes,
// accessors, and its parse and evaluation errors), with their parameters as JSON.
var govaluateDirected = []struct{ expr, params string }{
	{"1 + 2 * 3", "{}"},
	{"(1 + 2) * 3", "{}"},
	{"10 - 4 - 3", "{}"},
	{"100 / 10 / 5", "{}"},
	{"2 ** 3 ** 2", "{}"},
	{"2 * 3 ** 2", "{}"},
	{"1 - 2 * 3 - 4 * 5 - 6", "{}"},
	{"1 - 2 - 3 - 4 - 5 - 6", "{}"},
	{"10 - (4 - 3)", "{}"},
	{"-2 ** 2", "{}"},
	{"!true == false", "{}"},
	{"!(1 == 2)", "{}"},
	{"1 + 2 == 3", "{}"},
	{"1 | 2 + 1", "{}"},
	{"1 << 2 + 1", "{}"},
	{"5 & 3 == 1", "{}"},
	{"1 == 1 == true", "{}"},
	{"true || false && false", "{}"},
	{"false && true || true", "{}"},
	{"1 < 2 && 2 < 3", "{}"},
	{"true ? 1 : 2", "{}"},
	{"false ? 1 : 2", "{}"},
	{"false ? 1 : true ? 2 : 3", "{}"},
	{"1 + 1 > 1 ? \"big\" : \"small\"", "{}"},
	{"(1) 2", "{}"},
	{"7 % 4", "{}"},
	{"-7 % 4", "{}"},
	{"1 / 0", "{}"},
	{".5 + .5", "{}"},
	{"0x1F", "{}"},
	{"0xff + 1", "{}"},
	{"6 ^ 3", "{}"},
	{"6 & 3", "{}"},
	{"6 | 3", "{}"},
	{"~0", "{}"},
	{"1 << 3", "{}"},
	{"16 >> 2", "{}"},
	{"1 << 64", "{}"},
	{"-1 >> 1", "{}"},
	{"\"a\" + \"b\"", "{}"},
	{"\"a\" + 1", "{}"},
	{"1.5 + \"a\"", "{}"},
	{"\"n\" + 1000000", "{}"},
	{"\"n\" + 123456", "{}"},
	{"\"n\" + 1234567", "{}"},
	{"\"n\" + 0.0001", "{}"},
	{"\"n\" + 0.00001", "{}"},
	{"\"n\" + v", "{\"v\":1e+21}"},
	{"\"x\" + true", "{}"},
	{"\"x\" + v", "{\"v\":null}"},
	{"\"x\" + 1 / 0", "{}"},
	{"v + \"!\"", "{\"v\":[1,\"b\",true]}"},
	{"v + \"!\"", "{\"v\":{\"k\":2,\"j\":null,\"a\":{\"z\":\"q\"}}}"},
	{"\"1\" == 1", "{}"},
	{"1 == 1.0", "{}"},
	{"\"a\" != \"a\"", "{}"},
	{"a == b", "{\"a\":{\"x\":[1,{\"y\":null}]},\"b\":{\"x\":[1,{\"y\":null}]}}"},
	{"a == b", "{\"a\":{\"x\":1},\"b\":{\"x\":\"1\"}}"},
	{"a == b", "{\"a\":[1,2],\"b\":[1,2,3]}"},
	{"(1, 2) == arr", "{\"arr\":[1,2]}"},
	{"\"b\" > \"a\"", "{}"},
	{"\"abc\" >= \"abd\"", "{}"},
	{"\"a\" < \"b\"", "{}"},
	{"\"😀\" > \"�\"", "{}"},
	{"2 <= 2", "{}"},
	{"a in (1, 2, 3)", "{\"a\":2}"},
	{"a IN (1, 2, 3)", "{\"a\":4}"},
	{"\"a\" in (\"a\", \"b\")", "{}"},
	{"\"1\" in (1, 2)", "{}"},
	{"x in arr", "{\"x\":2,\"arr\":[1,2]}"},
	{"(arr, 3)", "{\"arr\":[1,2]}"},
	{"\"foobar\" =~ \"oba\"", "{}"},
	{"\"foobar\" =~ \"^oba\"", "{}"},
	{"\"x\" !~ \"y\"", "{}"},
	{"s =~ p", "{\"s\":\"abc\",\"p\":\"b.\"}"},
	{"\"a5\" =~ \"\\d\"", "{}"},
	{"\"a5\" =~ \"\\\\d\"", "{}"},
	{"'a\\'b' == x", "{\"x\":\"a'b\"}"},
	{"x ?? 5", "{\"x\":null}"},
	{"x ?? 5", "{\"x\":3}"},
	{"() ?? 3", "{}"},
	{"true ? 1", "{}"},
	{"false ? 1", "{}"},
	{"false ? x : 1", "{}"},
	{"false && x", "{}"},
	{"true || x", "{}"},
	{"[my-var] == 1", "{\"my-var\":1}"},
	{"[with space] == \"ok\"", "{\"with space\":\"ok\"}"},
	{"nil == x", "{\"nil\":null,\"x\":null}"},
	{"a > -1", "{\"a\":0}"},
	{"a == \"x\" && b > 2", "{\"a\":\"x\",\"b\":3}"},
	{"!v", "{\"v\":false}"},
	{"-v", "{\"v\":2}"},
	{"\"2014-01-02\"", "{}"},
	{"\"2014-01-02 14:12\"", "{}"},
	{"\"2014-01-02 14:12:13\"", "{}"},
	{"\"2014-01-02 14:12:13.5\"", "{}"},
	{"\"2014-01-02T14:12:13Z\"", "{}"},
	{"\"2014-01-02T14:12:13.123456789Z\"", "{}"},
	{"\"2014-01-02T14:12:13+01:00\"", "{}"},
	{"\"2006-01-02 15:04:05-07:00\"", "{}"},
	{"\"2014-01-02T14Z\"", "{}"},
	{"\"2014-01-02T14:12-0100\"", "{}"},
	{"\"Mon Jan  2 15:04:05 2006\"", "{}"},
	{"\"Mon Jan 2 15:04:05 UTC 2006\"", "{}"},
	{"\"Mon Jan 02 15:04:05 -0700 2006\"", "{}"},
	{"\"3:04PM\"", "{}"},
	{"\"2014-02-30\"", "{}"},
	{"\"2014-1-02\"", "{}"},
	{"\"14:12\"", "{}"},
	{"\"Foo Jan 02 15:04:05 2006\"", "{}"},
	{"\"2014-01-02x\"", "{}"},
	{"x > 1", "{}"},
	{"true && x", "{}"},
	{"x ?? 1", "{}"},
	{"nil == 1", "{}"},
	{"x > 1", "{\"x\":\"x\"}"},
	{"1 > x", "{\"x\":\"x\"}"},
	{"x >= 1", "{\"x\":null}"},
	{"1 =~ \"a\"", "{}"},
	{"\"a\" =~ x", "{\"x\":2}"},
	{"1 in (1)", "{}"},
	{"\"a\" - 1", "{}"},
	{"1 - \"a\"", "{}"},
	{"true + 1", "{}"},
	{"x ** 2", "{\"x\":[1]}"},
	{"1 && true", "{}"},
	{"true && 1", "{}"},
	{"false || \"x\"", "{}"},
	{"!1", "{}"},
	{"-s", "{\"s\":\"a\"}"},
	{"~b", "{\"b\":true}"},
	{"1 ? 2 : 3", "{}"},
	{"true ? \"x\" : false ? \"y\" : \"z\"", "{}"},
	{"s =~ p", "{\"s\":\"a\",\"p\":\"(\"}"},
	{"body.X == 1", "{\"body\":{\"X\":1}}"},
	{"body.X == 1", "{}"},
	{"o in (o, 1)", "{\"o\":{\"a\":1}}"},
	{"a !== b", "{}"},
	{"a>-1", "{}"},
	{"--1", "{}"},
	{"_a == 1", "{}"},
	{"a ~ b", "{}"},
	{"len(x) > 1", "{}"},
	{"contains(a, \"x\")", "{}"},
	{"a contains \"x\"", "{}"},
	{"a.b == 1", "{}"},
	{"body.workflow_run.conclusion", "{}"},
	{"a. == 1", "{}"},
	{"a =~ \"(\"", "{}"},
	{"a !~ \"[z\"", "{}"},
	{"", "{}"},
	{"1 +", "{}"},
	{"(1 + 2", "{}"},
	{"1 + 2)", "{}"},
	{"\"abc", "{}"},
	{"\"it's\"", "{}"},
	{"[abc", "{}"},
	{"\"abc\\", "{}"},
	{"1 2", "{}"},
	{"\"1\" \"2\"", "{}"},
	{"> 1", "{}"},
	{"(> 1)", "{}"},
	{"- -1", "{}"},
	{"-\"a\"", "{}"},
	{"1e3", "{}"},
	{"1000000 a", "{}"},
	{"true AND false", "{}"},
	{"1 + \"2014-01-02\"", "{}"},
	{"1 + \"2014-01-02T14:12:13+01:00\"", "{}"},
	{"1 + \"Mon Jan 2 15:04:05 PST 2006\"", "{}"},
	{"\"2014-01-02T14:12:13.5-07:00\" \"x\"", "{}"},
	{"a.B c", "{}"},
	{"1.2.3", "{}"},
	{"0xg", "{}"},
	{"\"2014-01-02\" > \"2014-01-01\"", "{}"},
	{"t > \"2014-01-01\"", "{\"t\":1388620800}"},
	{"a == 1 || b == 2", "{\"a\":1}"},
	{"a == 1 || b == 2", "{\"a\":2}"},
	{"constructor == 1", "{}"},
}

// recordPanic stores a Go runtime panic (govaluate indexes past a string's end, compares maps)
// under key, as the error the phase failed with, and marks it as a panic.
func recordPanic(out map[string]interface{}, key string) {
	if r := recover(); r != nil {
		out[key] = fmt.Sprint(r)
		out["panicked"] = true
	}
}

func govaluateCase(w *writer, expr string, params map[string]interface{}) {
	out := map[string]interface{}{}
	e, err := func() (e *govaluate.EvaluableExpression, err error) {
		defer recordPanic(out, "parseError")
		return govaluate.NewEvaluableExpression(expr)
	}()
	switch {
	case out["panicked"] != nil:
	case err != nil:
		out["parseError"] = err.Error()
	default:
		func() {
			defer recordPanic(out, "error")
			res, err := e.Evaluate(params)
			if err != nil {
				out["error"] = err.Error()
			} else {
				out["result"] = govaluateValue(res)
			}
		}()
	}
	w.write(map[string]interface{}{"expr": expr, "params": params}, out)
}

func govaluateCases(w *writer, count int) {
	for _, c := range govaluateDirected {
		params := map[string]interface{}{}
		if err := json.Unmarshal([]byte(c.params), &params); err != nil {
			panic(err)
		}
		govaluateCase(w, c.expr, params)
	}
	for i := 0; i < count; i++ {
		root, text := genPayload()
		expr := pick(exprPool)
		if chance(0.3) {
			expr = pick(exprPool) + pick([]string{" && ", " || ", " == ", " + ", " ? "}) + pick(exprPool)
		}
		params := map[string]interface{}{}
		for _, name := range []string{"a", "b", "n", "c", "x-y", "nil"} {
			if chance(0.6) {
				r := gjson.Get(text, genPath(root))
				// Only values the replay can receive through JSON (not !nan / !inf statics).
				if _, err := json.Marshal(r.Value()); r.Exists() && err == nil {
					params[name] = r.Value()
				}
			}
		}
		govaluateCase(w, expr, params)
	}
}

func templateCases(w *writer, count int) {
	inputs := append([]string{}, stringPool...)
	inputs = append(inputs, numberPool...)
	inputs = append(inputs, "[1,2]", "{\"k\":\"v\"}", "{\"k\":1.5,\"a\":[true,null]}", "  {\"k\" : 1 }  ")
	for i := 0; i < count; i++ {
		tpl := pick(templatePool)
		if chance(0.2) {
			tpl = pick(templatePool) + pick([]string{"", "-", " "}) + pick(templatePool)
		}
		input := pick(inputs)
		out := map[string]interface{}{}
		t, err := template.New("param").Funcs(sprig.FuncMap()).Parse(tpl)
		if err != nil {
			out["parseError"] = err.Error()
		} else {
			var buf bytes.Buffer
			if err := t.Execute(&buf, map[string]interface{}{"Input": input}); err != nil {
				out["execError"] = err.Error()
			} else {
				out["output"] = buf.String()
			}
		}
		w.write(map[string]interface{}{"template": tpl, "input": input}, out)
	}
}

func main() {
	seed := flag.Int64("seed", 1, "generator seed")
	out := flag.String("out", ".", "directory for the fixtures")
	flag.Parse()
	rng = rand.New(rand.NewSource(*seed))

	files := []struct {
		name string
		run  func(w *writer)
	}{
		{"filter-data.ndjson", func(w *writer) { directedDataCases(w); genFilterCases(w, 600, only(0)) }},
		{"filter-expr.ndjson", func(w *writer) { directedExprCases(w); genFilterCases(w, 500, only(1)) }},
		{"filter-context.ndjson", func(w *writer) { genFilterCases(w, 250, only(2)) }},
		{"filter-time.ndjson", func(w *writer) { directedTimeAndContextCases(w); genFilterCases(w, 500, only(3)) }},
		{"filter-script.ndjson", func(w *writer) { directedScriptCases(w); genFilterCases(w, 500, only(4)) }},
		{"filter-mixed.ndjson", func(w *writer) { directedMixedCases(w); genFilterCases(w, 560, mixed) }},
		{"gjson.ndjson", func(w *writer) { gjsonCases(w, 820) }},
		{"govaluate.ndjson", func(w *writer) { govaluateCases(w, 850) }},
		{"template.ndjson", func(w *writer) { templateCases(w, 1000) }},
	}
	for _, f := range files {
		w := newWriter(*out, f.name)
		f.run(w)
		w.close()
		fmt.Printf("%s: %d cases\n", f.name, w.n)
	}
}
