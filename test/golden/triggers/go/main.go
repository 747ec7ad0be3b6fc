// Command oracle generates the trigger-side golden fixtures of ci-remediation's engine: seeded
// inputs fed to the real upstream code, one JSON object per line (input and Go's output).
//
// It is built by ../regenerate.sh in a scratch module tree outside the repository, against
// Argo Events' pkg/sensors/triggers/params.go at commit 6478ece and the libraries at the versions
// Argo's go.mod pins. Kinds of cases ("k"):
//
//	p  triggers.ApplyParams(doc, params, events)      -> "out" (resulting bytes) or "err"
//	c  triggers.ConstructPayload(events, params)      -> "out" (payload; "nil" when Go's is nil) or "err"
//	s  sjson.Set / sjson.SetRaw(doc, path, val)       -> "out" or "err"
//	t  text/template + sprig over {"Input": gjson.Parse(in).Value()} (Argo's getValueWithTemplate
//	   without its empty-output check, which the p cases cover)           -> "out" or "err"
//	j  encoding/json: Unmarshal(in, &interface{}) then Marshal          -> "out" or "err"
//	y  YAML event data as params.go converts it: ghodss/yaml YAMLToJSON, its error
//	   prefixed "failed converting yaml event data to JSON: "            -> "out" or "err"
//
// Not generated, because no offline run can match Go: random functions (randAlpha..., uuidv4,
// shuffle), secrets (genPrivateKey, bcrypt...), the pod's environment (env, expandenv), the
// network (getHostByName), the wall clock (now, date functions over now); the xstrings
// case functions (the clone lacks xstrings v1.5.0, see regenerate.sh); and sjson write paths
// with gjson modifiers or '#' queries/maps, which the engine refuses (sjson locates those
// values through gjson's pointer arithmetic and Indexes); and substr/trunc/abbrev of non-ASCII
// text, which can cut a character into invalid UTF-8 that the engine refuses to represent.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"text/template"
	"time"

	sprig "github.com/Masterminds/sprig/v3"
	"github.com/argoproj/argo-events/pkg/apis/events/v1alpha1"
	"github.com/argoproj/argo-events/pkg/sensors/triggers"
	"github.com/ghodss/yaml"
	"github.com/tidwall/gjson"
	"github.com/tidwall/sjson"
)

type record map[string]interface{}

var out *json.Encoder

func emit(r record, result string, err error) {
	if err != nil {
		r["err"] = err.Error()
	} else {
		r["out"] = result
	}
	if e := out.Encode(r); e != nil {
		panic(e)
	}
}

// protect turns a panic of the code under test into an error text, as Go's template package
// does for panicking functions.
func protect(f func() (string, error)) (res string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return f()
}

var rng *rand.Rand

func pick(list []string) string { return list[rng.Intn(len(list))] }

// ---- pools

// Event data documents (JSON), with every kind of value trigger parameters meet.
var dataDocs = []string{
	`{"s":"hello","n":42,"f":1.5,"big":123456789,"e":1e21,"tiny":1e-7,"neg":-2.5,"t":true,"u":false,"nul":null,"obj":{"k":"v","n":1},"arr":[1,"a",true,null,{"x":1}],"empty":"","html":"<a&b>","uni":"héllo ✓","nl":"a\nb","q":"say \"hi\"","ver":"1.2.3","b64":"aGVsbG8=","id":19289199112,"k-h":"hy"}`,
	`{"body":{"X-GitHub-Event":"workflow_run","workflow_run":{"id":19289199112,"run_attempt":2,"name":"CI","head_branch":"main","conclusion":"failure"},"repository":{"full_name":"5dlabs/cto","name":"cto"}},"headers":{"X-Github-Event":["workflow_run"]}}`,
	`{ "spaced" : [ 1 , 2 ] , "s" : "x" , "n" : 1.0 , "m" : 1E3 }`,
	`[1,2,{"a":"b"}]`,
	`"just a string"`,
	`12.50`,
	`true`,
	`null`,
	`{"dup":1,"dup":2,"s":"first"}`,
	`{"deep":{"a":{"b":{"c":[{"d":"e"}]}}},"n":-0,"f":0.1,"g":100000000000000000000000}`,
}

// Event data that is not JSON for some content types.
var otherData = []string{
	"s: hello\nn: 42\nlist:\n  - a\n  - 1\nnested:\n  k: v\n",
	"key: [unclosed",
	"a: 1\n\tb: 2\n",
	"plain text",
	"{\"bad\": }",
	"yes: no\non: off\n",
	"n: 012\nf: .5\nx: 0x1F\nt: ~\n",
	"- 1\n- two\n",
	"",
	"a: 1\na: 2\n",
	"{a: 1}",
	"? complex\n: key\n",
	"s: '<&>'\n",
	"@bad",
	"a: &x 1\nb: *x\n",
	"[1, 2",
	"y: Y\nyes: on\nOff: NO\ntrue: false\n",
	"o: 0o12\nb: 0b101\nh: -0x1a\ni: +12\nu: 1_000\nbig: 123456789012345678901\nneg: -0\n",
	"f: 1e3\ng: 1.5E-3\ninf: .inf\nninf: -.Inf\nnan: .NaN\nd: 6.\n",
	"t: 2001-12-14t21:59:43.10-05:00\nd: 2002-12-14\n",
	"base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n",
	"1: one\n2.5: two\nnull: three\n~: four\n",
	"bin: !!binary aGVsbG8=\nstr: !!str 123\nint: !!int \"7\"\n",
	"---\na: 1\n---\nb: 2\n",
	"text: |\n  line1\n  line2\nfolded: >\n  a\n  b\n",
	"q: 'it''s'\ndq: \"tab\\there\\u00e9\"\n",
	"empty:\nlist: []\nmap: {}\n",
	"[a, {b: c}, [1, 2]]\n",
	"plain multi\n  line\n",
	"a: b: c\n",
	"? [1, 2]\n: seq key\n",
	"- &a x\n- *a\n- *undefined\n",
	"%YAML 1.1\n---\nk: v\n",
	"k: v\n...\n",
	"# only a comment\n",
	"html: <&>\nuni: héllo\n",
}

var contentTypes = []string{"application/json", "application/json", "application/yaml", "text/plain", "", "application/json; charset=utf-8", "application/x-yaml"}

var dataKeys = []string{"s", "n", "f", "big", "e", "tiny", "neg", "t", "u", "nul", "obj", "arr", "arr.1", "arr.4", "arr.4.x", "arr.9", "empty", "html", "uni", "nl", "q", "missing", "obj.k", "body.workflow_run.id", "body.X-GitHub-Event", "headers.X-Github-Event", "headers.X-Github-Event.0", "spaced", "m", "0", "2.a", "dup", "deep.a.b.c", "g", "k-h", "list", "nested", "a", "b", "x", "yes"}

var contextKeys = []string{"id", "source", "type", "subject", "time", "datacontenttype", "specversion", "missing", "Type"}

var templates = []string{
	`{{ .Input.s }}`, `{{ .Input.n }}`, `{{ .Input.f }}`, `{{ .Input.big }}`, `{{ .Input.e }}`, `{{ .Input.tiny }}`,
	`{{ .Input.id }}`, `{{ int64 .Input.id }}`, `{{ .Input.obj }}`, `{{ .Input.arr }}`, `{{ .Input.nul }}`,
	`{{ .Input.Missing }}`, `x-{{ .Input.Missing }}`, `{{ .Input.empty }}`, `{{ .Input }}`, `{{ .Input.t }}`,
	`{{ .Input.body.workflow_run.id }}`, `{{ int64 .Input.body.workflow_run.id }}`, `{{ index .Input.body "X-GitHub-Event" }}`,
	`{{ .Input.body.X-GitHub-Event }}`, `{{ .Input.s | upper }}`, `{{ toJson .Input.obj }}`, `{{ toJson .Input }}`,
	`{{ .Input.s`, `{{ fail "boom" }}`, `{{ semver "x" }}`, `{{ sha512sum .Input.s }}`, `{{ printf "%x" .Input.f }}`,
	`{{ .Input.html }}`, `{{ .Input.uni | b64enc }}`, `{{ .Input.nl }}`, `{{ .Input.q | quote }}`, `{{ default "d" .Input.missing }}`,
	`{{ .Input.s.x }}`, `{{ len .Input.arr }}`, `{{ range .Input.arr }}{{ . }};{{ end }}`, `{{ .Input.list }}`, `{{ .Input.nested }}`,
	`{{ .id }}`, `{{ .Input.id }}`, `{{ .Input.type }}`, `{{ .Input.time }}`, `{{ upper .Input.source }}`, `{{ "" }}`, `{{ "<no value>" }}`,
	`{{ .Input.a }}`, `{{ .Input.yes }}`, `{{ .Input.x }}`, `{{ .Input.n }}-{{ .Input.f }}`, `{{ .Input.spaced }}`, `{{ .Input.m }}`,
	`{{ .Input.g }}`, `{{ .Input.dup }}`, `{{ .Input.deep }}`,
}

var values = []string{"dflt", "", "42", `{"a":1}`, "[1,2]", "null", "<&>", "ü", "multi\nline"}

var destDocs = []string{
	`{}`,
	`{"metadata":{"name":"old","labels":{"a":"b"}},"spec":{"n":1,"list":[1,2],"obj":{"k":1},"s":"old","t":true,"nul":null}}`,
	`{"a":"x","b":{"c":"y"},"arr":["p","q"]}`,
	`  { "a" : "x" , "arr" : [ 1 , 2 ] }  `,
}

var dests = []string{"metadata.name", "metadata.labels.new", "spec.n", "spec.list", "spec.list.1", "spec.list.5", "spec.list.-1", "spec.obj", "spec.obj.k", "spec.s", "spec.t", "spec.nul", "spec.missing.deep", "a", "b", "b.c", "arr.0", "arr.3", "new.0.x", "new.:0", "x\\.y", "spec.list.#", "a*", "a?", "spec.#", "b|c", "", "spec", "0", "spec.env.KEY"}

var operations = []string{"", "", "overwrite", "append", "append", "prepend", "prepend", "Append", "replace"}

// docRef is how a record names one of the data documents: its index in the "docs" header line
// (the same documents recur in thousands of cases), or the text itself.
func docRef(text string) interface{} {
	for i, d := range dataDocs {
		if d == text {
			return i
		}
	}
	return text
}

// ---- events

func eventFor(rng *rand.Rand) (record, *v1alpha1.Event) {
	var data *string
	ct := pick(contentTypes)
	switch r := rng.Intn(10); {
	case r < 6:
		d := pick(dataDocs)
		data = &d
	case r < 9:
		d := pick(otherData)
		data = &d
	}
	times := []string{"2024-05-01T12:34:56Z", "2024-05-01T12:34:56.789+02:00", "", "0001-01-01T00:00:00Z", "1999-12-31T23:59:59-05:00"}
	tm := pick(times)
	ev := &v1alpha1.Event{Context: &v1alpha1.EventContext{ID: "0123456789abcdef0123456789abcdef", Source: "github", SpecVersion: "1.0", Type: "github", DataContentType: ct, Subject: "org <&>"}}
	if tm != "" {
		t, err := time.Parse(time.RFC3339Nano, tm)
		if err != nil {
			panic(err)
		}
		ev.Context.Time = v1alpha1.Time{Time: t}
	}
	// The other context fields are the same in every case (see eventContext in the replay test).
	rec := record{"ct": ct, "time": tm}
	if rng.Intn(25) == 0 {
		rec = record{"nilContext": true}
		ev.Context = nil
	}
	if data != nil {
		rec["data"] = docRef(*data)
		ev.Data = []byte(*data)
	} else {
		rec["data"] = nil
	}
	return rec, ev
}

func paramFor(rng *rand.Rand) (record, v1alpha1.TriggerParameter) {
	src := &v1alpha1.TriggerParameterSource{DependencyName: "dep"}
	srec := record{"dependencyName": "dep"}
	if rng.Intn(8) == 0 {
		src.DependencyName = "gone"
		srec["dependencyName"] = "gone"
	}
	switch rng.Intn(9) {
	case 0: // value or whole event
	case 1, 2:
		src.DataKey = pick(dataKeys)
	case 3, 4:
		src.DataTemplate = pick(templates)
	case 5:
		src.DataKey = pick(dataKeys)
		src.DataTemplate = pick(templates)
	case 6:
		src.ContextKey = pick(contextKeys)
	case 7:
		src.ContextTemplate = pick(templates)
	case 8:
		src.ContextKey = pick(contextKeys)
		src.DataKey = pick(dataKeys)
	}
	for k, v := range map[string]string{"dataKey": src.DataKey, "dataTemplate": src.DataTemplate, "contextKey": src.ContextKey, "contextTemplate": src.ContextTemplate} {
		if v != "" {
			srec[k] = v
		}
	}
	if rng.Intn(3) == 0 {
		v := pick(values)
		src.Value = &v
		srec["value"] = v
	}
	if rng.Intn(2) == 0 {
		src.UseRawData = true
		srec["useRawData"] = true
	}
	p := v1alpha1.TriggerParameter{Src: src, Dest: pick(dests), Operation: v1alpha1.TriggerParameterOperation(pick(operations))}
	prec := record{"src": srec, "dest": p.Dest}
	if p.Operation != "" {
		prec["operation"] = string(p.Operation)
	}
	return prec, p
}

func genParams(n int) {
	for i := 0; i < n; i++ {
		evRec, ev := eventFor(rng)
		events := map[string]*v1alpha1.Event{"dep": ev}
		count := 1 + rng.Intn(3)
		var precs []record
		var params []v1alpha1.TriggerParameter
		for j := 0; j < count; j++ {
			pr, p := paramFor(rng)
			precs = append(precs, pr)
			params = append(params, p)
		}
		doc := pick(destDocs)
		r := record{"k": "p", "doc": doc, "params": precs, "event": evRec}
		res, err := protect(func() (string, error) {
			b, err := triggers.ApplyParams([]byte(doc), params, events)
			return string(b), err
		})
		emit(r, res, err)
	}
}

// genPayload records ConstructPayload (http and other payload triggers): the payload is built
// from nothing, an empty dest makes the value the whole payload, and operations are ignored.
func genPayload(n int) {
	for i := 0; i < n; i++ {
		evRec, ev := eventFor(rng)
		events := map[string]*v1alpha1.Event{"dep": ev}
		var precs []record
		var params []v1alpha1.TriggerParameter
		for j := 1 + rng.Intn(3); j > 0; j-- {
			pr, p := paramFor(rng)
			if rng.Intn(6) == 0 {
				p.Dest = ""
				pr["dest"] = ""
			}
			precs = append(precs, pr)
			params = append(params, p)
		}
		r := record{"k": "c", "params": precs, "event": evRec}
		var payload []byte
		res, err := protect(func() (string, error) {
			var err error
			payload, err = triggers.ConstructPayload(events, params)
			return string(payload), err
		})
		if err == nil && payload == nil {
			r["nil"] = true
		}
		emit(r, res, err)
	}
}

// ---- sjson

var sjsonDocs = []string{`{}`, `{"a":1}`, `{"a":{"b":2},"arr":[1,2,3]}`, ``, `[]`, `[1]`, `null`, `{"spec":{"name":"x"}}`, `  {"a" : 1 }  `, `"str"`, `{"a":[{"b":1},{"b":2}]}`, `{"a.b":1,"a":{"b":2}}`, `[[1],[2]]`}

var sjsonPaths = []string{"a", "a.b", "a.b.c", "arr.1", "arr.5", "arr.-1", "new.0", "new.:0", "x\\.y", "a.#", "*", "a?", "arr.#", "a|b", "", "0", "3", "-1", "spec.name", "[a]", "{a}", "!true", ":1", "a..b", ".a", "a.", "a.0.b", "a.1.b", "a\\*", "a\\?", "a.b\\.c", "a*.b", "a|0", "*.b", "sp?c.name", "!x", "arr|1", "arr.01", "arr.:1", "a.-1", "0.0", "a.b.0.c"}

var sjsonValues = []string{"v", "", "<&>", `quote"`, "ü", "multi\nline", "\x01", "tab\t"}

var sjsonRaws = []string{"1", `{"k":1}`, "[1,2]", "null", "true", "bad", "", ` 2 `}

func genSjson() {
	for _, doc := range sjsonDocs {
		for _, path := range sjsonPaths {
			raw := rng.Intn(2) == 0
			var val string
			if raw {
				val = pick(sjsonRaws)
			} else {
				val = pick(sjsonValues)
			}
			r := record{"k": "s", "doc": doc, "path": path, "val": val, "raw": raw}
			res, err := protect(func() (string, error) {
				if raw {
					return sjson.SetRaw(doc, path, val)
				}
				return sjson.Set(doc, path, val)
			})
			emit(r, res, err)
		}
	}
}

// ---- templates and value printing

func runTemplate(tpl, in string) (string, error) {
	return protect(func() (string, error) {
		t, err := template.New("param").Funcs(sprig.FuncMap()).Parse(tpl)
		if err != nil {
			return "", err
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, map[string]interface{}{"Input": gjson.Parse(in).Value()}); err != nil {
			return "", err
		}
		return buf.String(), nil
	})
}

// Format verbs and flags for printf over every kind of value.
var formats = []string{"%v", "%+v", "%#v", "%T", "%d", "%s", "%q", "%x", "%X", "%e", "%E", "%f", "%F", "%g", "%G", "%.2f", "%8.3f", "%-8v|", "%08d", "%t", "%o", "%b", "%c", "%U", "%5.1e", "%.0f", "%10s|", "%.3s", "%+d", "% d", "%x %x", "%v%%", "%!", "%[2]v %[1]v", "%d %d", "%.3g", "%#x", "%z"}

var printArgs = []string{".Input.n", ".Input.f", ".Input.big", ".Input.e", ".Input.tiny", ".Input.neg", ".Input.s", ".Input.t", ".Input.nul", ".Input.obj", ".Input.arr", "42", "3.0", `"str"`, "(int64 .Input.big)", ".Input.missing", ".Input.uni", "nil", "true", "(list 1 2)", "(dict \"a\" 1)"}

// sprig functions with argument shapes, drawn by the generator.
var sprigCalls = []string{
	`upper %s`, `lower %s`, `title %s`, `trim %s`, `trimAll "h" %s`, `trimPrefix "he" %s`, `trimSuffix "lo" %s`, `nospace %s`,
	`repeat 2 %s`, `substr 1 3 %s`, `trunc 2 %s`, `trunc -2 %s`, `abbrev 5 %s`, `indent 2 %s`, `nindent 2 %s`, `quote %s`, `squote %s`,
	`cat %s "x"`, `toString %s`, `contains "l" %s`, `hasPrefix "h" %s`, `hasSuffix "o" %s`, `replace "l" "L" %s`, `plural "a" "b" 1`,
	`b64enc %s`, `b64dec %s`, `b32enc %s`, `b32dec %s`, `sha1sum %s`, `sha256sum %s`, `sha512sum %s`, `adler32sum %s`,
	`toJson %s`, `toPrettyJson %s`, `toRawJson %s`, `mustToJson %s`, `fromJson %s`, `mustFromJson %s`, `typeOf %s`, `kindOf %s`,
	`default "d" %s`, `empty %s`, `coalesce %s "c"`, `ternary "y" "n" %s`, `int %s`, `int64 %s`, `float64 %s`, `atoi %s`, `toDecimal %s`,
	`add1 %s`, `add 1 %s`, `sub %s 1`, `mul %s 2`, `div %s 2`, `mod %s 2`, `max 1 %s`, `min 1 %s`, `floor %s`, `ceil %s`, `round %s 1`,
	`addf 1 %s`, `subf %s 1`, `mulf %s 2`, `divf %s 2`, `maxf 1 %s`, `minf 1 %s`,
	`semver %s`, `semverCompare ">=1.2.0" %s`, `semverCompare %s "1.2.3"`, `(semver %s).Major`, `(semver %s).Prerelease`,
	`regexMatch "^h" %s`, `regexFind "l+" %s`, `regexFindAll "l" %s -1`, `regexReplaceAll "l" %s "L"`, `regexSplit "l" %s -1`, `regexQuoteMeta %s`,
	`list %s 1`, `first %s`, `last %s`, `rest %s`, `initial %s`, `uniq %s`, `compact %s`, `reverse %s`, `sortAlpha %s`, `has 1 %s`, `without %s 1`,
	`join "," %s`, `splitList "l" %s`, `split "l" %s`, `keys %s`, `values %s`, `pluck "k" %s`, `hasKey %s "k"`, `get %s "k"`, `dig "k" "d" %s`,
	`dict "a" %s`, `toStrings %s`, `len %s`, `index %s 0`, `index %s "k"`, `slice %s 1`, `print %s`, `println %s`, `html %s`, `js %s`, `urlquery %s`,
	`eq %s 1`, `ne %s "x"`, `lt %s 2`, `le %s 2`, `gt %s 2`, `ge %s 2`, `and %s 1`, `or %s 0`, `not %s`,
	`urlParse %s`, `base %s`, `dir %s`, `ext %s`, `clean %s`, `isAbs %s`, `wrap 3 %s`, `wrapWith 3 "|" %s`, `initials %s`,
	`duration %s`, `durationRound %s`, `toDate "2006-01-02" %s`, `dateInZone "2006-01-02" %s "UTC"`, `htmlDate %s`, `unixEpoch (toDate "2006-01-02" "2024-01-02")`,
	`sha256sum (toString %s)`, `deepEqual %s %s`, `fail %s`, `seq 3`, `until 3`, `untilStep 0 6 2`, `chunk 2 %s`, `concat %s (list 9)`,
}

// Argument expressions for %s in sprigCalls.
var sprigArgs = []string{".Input.s", ".Input.n", ".Input.f", ".Input.big", ".Input.neg", ".Input.t", ".Input.nul", ".Input.obj", ".Input.arr", ".Input.missing", ".Input.ver", ".Input.b64", ".Input.uni", ".Input.html", `"1.2.3-beta.1"`, `"v2"`, `"x"`, `""`, "0", "-3", "2.5", "nil", "(list 1 2 2)", `(dict "k" "v")`, `"3h2m"`, `"2024-01-02"`, `"/a/b.txt"`, `"https://u:p@h:8/p?q=1#f"`, `"{\"a\":1}"`, `"not json"`}

func genTemplates(n int) {
	in := dataDocs[0]
	// Every format with every kind of value.
	for _, f := range formats {
		for _, a := range printArgs {
			tpl := fmt.Sprintf("{{ printf %q %s }}", f, a)
			if strings.Count(f, "%")-2*strings.Count(f, "%%") > 1 {
				tpl = fmt.Sprintf("{{ printf %q %s %s }}", f, a, pick(printArgs))
			}
			res, err := runTemplate(tpl, in)
			emit(record{"k": "t", "tpl": tpl, "in": docRef(in)}, res, err)
		}
	}
	// Argument handling of printf and print/println themselves.
	for _, tpl := range []string{
		`{{ printf "%*d" 4 7 }}`, `{{ printf "%*d" 1.5 1 }}`, `{{ printf "%-*d|" 4 7 }}`, `{{ printf "%[3]d" 1 }}`, `{{ printf "%[2]s %[1]s" "a" "b" }}`,
		`{{ printf "%d" 1 "x" 2.5 }}`, `{{ printf "%" }}`, `{{ printf "100%%" }}`, `{{ printf "%.*f" 2 3.14159 }}`,
		`{{ printf "%x % X %#x" "hi" "hi" "hi" }}`, `{{ printf "%c %q %U %#U" 65 65 128512 128512 }}`, `{{ printf "%5d|%-5d|%05d|%o|%O" 42 42 -42 8 8 }}`,
		`{{ printf "%v %v %v" (float64 "NaN") (float64 "+Inf") (float64 "-Inf") }}`, `{{ printf "%08.2f|%+v|% v" (float64 "-Inf") (float64 "NaN") (float64 "NaN") }}`,
		`{{ printf "%v" -0.0 }}`, `{{ printf "%#g %#.3x %#e" 1.0 1.0 100.0 }}`, `{{ printf "%T %T %T" (list 1) (splitList "," "a") (until 2) }}`,
		`{{ print "a" 1 2 "b" "c" true }}`, `{{ print 1 2 }}`, `{{ println "a" 1 "b" }}`, `{{ print nil 1 }}`, `{{ printf "%#v" (splitList "," "a,b") }}`,
		`{{ printf "%#v" (regexFindAll "z" "abc" -1) }}`, `{{ printf "%#v %#v" (until 3) (list 1 nil "x") }}`,
		`{{ semverCompare "bad" "1.0.0" }}`, `{{ semverCompare ">1 ||" "1.0.0" }}`, `{{ semverCompare ">1" "x" }}`, `{{ semverCompare "^1.2 || ~2.3.x" "2.3.9" }}`,
		`{{ semver "1.2.3-01" }}`, `{{ semver "99999999999999999999" }}`, `{{ semver "01.2.3" }}`, `{{ semver "v1.2" }}`, `{{ semver "1.2.3+meta-1" }}`,
		`{{ untilStep 0 10 3 }} {{ untilStep 3 0 -1 }} {{ untilStep 0 3 0 }} {{ typeOf (untilStep 0 1 1) }}`,
	} {
		res, err := runTemplate(tpl, in)
		emit(record{"k": "t", "tpl": tpl, "in": docRef(in)}, res, err)
	}
	// Random sprig calls, piped or nested.
	for i := 0; i < n; i++ {
		call := pick(sprigCalls)
		args := make([]interface{}, strings.Count(call, "%s"))
		for j := range args {
			args[j] = pick(sprigArgs)
			// Byte-slicing non-ASCII text can cut a character: Go then holds invalid UTF-8,
			// which the engine refuses to fake (see the package comment).
			for args[j] == ".Input.uni" && bytesliced(call) {
				args[j] = pick(sprigArgs)
			}
		}
		expr := fmt.Sprintf(call, args...)
		var tpl string
		switch rng.Intn(4) {
		case 0:
			tpl = "{{ " + expr + " }}"
		case 1:
			tpl = "{{ " + expr + " | toJson }}"
		case 2:
			tpl = "[{{ " + expr + " }}]"
		default:
			tpl = "{{ $v := " + expr + " }}{{ $v }} {{ typeOf $v }}"
		}
		d := dataDocs[rng.Intn(3)]
		res, err := runTemplate(tpl, d)
		emit(record{"k": "t", "tpl": tpl, "in": docRef(d)}, res, err)
	}
}

// bytesliced: sprig functions that cut strings at byte offsets.
func bytesliced(call string) bool {
	return strings.HasPrefix(call, "trunc ") || strings.HasPrefix(call, "substr ") || strings.HasPrefix(call, "abbrev ")
}

// randomNumber is a float64 of every magnitude and shape Go prints differently.
func randomNumber() float64 {
	switch rng.Intn(6) {
	case 0:
		return float64(rng.Int63n(1 << uint(rng.Intn(62)+1)))
	case 1:
		return math.Round(rng.NormFloat64()*1e6) / 1e3
	case 2:
		return rng.Float64() * math.Pow(10, float64(rng.Intn(60)-30))
	case 3:
		return -rng.Float64() * math.Pow(10, float64(rng.Intn(44)-22))
	case 4:
		return float64(rng.Intn(2000000)) * math.Pow(10, float64(rng.Intn(30)))
	default:
		return float64(rng.Intn(100)) / 8
	}
}

func genNumbers(n int) {
	for i := 0; i < n; i++ {
		v := randomNumber()
		text := strconv.FormatFloat(v, 'g', -1, 64)
		if rng.Intn(3) == 0 {
			text = strconv.FormatFloat(v, 'f', -1, 64)
		}
		in := `{"v":` + text + `}`
		tpl := pick([]string{"{{ .Input.v }}", "{{ toJson .Input.v }}", "{{ int64 .Input.v }}", "{{ printf \"%g|%e|%.3f\" .Input.v .Input.v .Input.v }}", "{{ .Input }}", "{{ float64 .Input.v }}", "{{ toString .Input.v }}", "{{ add1 .Input.v }}", "{{ round .Input.v 2 }}", "{{ printf \"%x\" .Input.v }}"})
		res, err := runTemplate(tpl, in)
		emit(record{"k": "t", "tpl": tpl, "in": docRef(in)}, res, err)
	}
}

// ---- encoding/json

var jsonTexts = []string{`{}`, `[]`, `{"b":1,"a":2}`, `{"a":"<&>\u2028"}`, `1e400`, `-0`, `0.1`, `1E2`, `12345678901234567890`, `"\ud800"`, `"\u00e9"`, `{"a":}`, ``, ` `, `[1,]`, `{"a":1}x`, `nul`, `tru`, `"unterminated`, `{"a" 1}`, `[1 2]`, `01`, `-`, `1.`, `.5`, `+1`, `"\x"`, "\"\t\"", `{"a":{"b":[1,{"c":null}]}}`, `[1e-7,1e21,1e20,123456789,0.000001]`, `{"\u0000":1}`, `"\u0041"`, `{"a":1,"a":2}`, `[true,false,null]`, `{"x":"é\u00e9"}`, "\"\xff\"", `1 2`, `[`, `{`, `{"a"`, `{"a":1,}`, `NaN`, `"a\/b"`, `-`, `1e`, `1e+`, `[tru`, `{"a":fals`, `"\`, `"\u12`, `"\u12x"`, `[1.`, `[-`, `{"a":nul`, `{"a" :`, `[1,`}

// Characters encoding/json treats specially (quotes, controls, HTML, U+2028/9, surrogates
// written as escapes, non-ASCII), for random documents. Not \b and \f: Go 1.22 changed how
// encoding/json writes them (\b, \f instead of \u0008, \u000c; Go 1.22 release notes), and
// Argo Events is built with a newer Go than this oracle's 1.19.
var jsonChars = []string{"a", "Z", "0", " ", `\"`, `\\`, "<", ">", "&", `\n`, `\t`, `\r`, `\u0001`, `\u001f`, "\u007f", "é", `\u2028`, "\u2029", "😀", `\ud83d\ude00`, `\ud800`, `\udfff`, `\ue000`, "\uffff", "/", `\/`, `\u00e9`}

func randomJSONString() string {
	var b strings.Builder
	b.WriteByte('"')
	for n := rng.Intn(6); n > 0; n-- {
		b.WriteString(pick(jsonChars))
	}
	b.WriteByte('"')
	return b.String()
}

func randomJSONValue(depth int) string {
	switch r := rng.Intn(8); {
	case r < 3:
		return randomJSONString()
	case r < 5:
		return strconv.FormatFloat(randomNumber(), 'g', -1, 64)
	case r == 5 && depth < 3:
		items := make([]string, rng.Intn(4))
		for i := range items {
			items[i] = randomJSONValue(depth + 1)
		}
		return "[" + strings.Join(items, ",") + "]"
	case r == 6 && depth < 3:
		items := make([]string, rng.Intn(4))
		for i := range items {
			items[i] = randomJSONString() + ":" + randomJSONValue(depth+1)
		}
		return "{" + strings.Join(items, ",") + "}"
	default:
		return pick([]string{"true", "false", "null", "-0", "0", "9007199254740993"})
	}
}

// emitJSON records encoding/json's round trip of one text: Unmarshal into interface{}, Marshal.
func emitJSON(text string) {
	var v interface{}
	err := json.Unmarshal([]byte(text), &v)
	res := ""
	if err == nil {
		var b []byte
		b, err = json.Marshal(v)
		res = string(b)
	}
	emit(record{"k": "j", "in": text}, res, err)
}

func genJSON() {
	for _, text := range jsonTexts {
		emitJSON(text)
	}
	for i := 0; i < 700; i++ {
		text := strconv.FormatFloat(randomNumber(), 'g', -1, 64)
		if i%2 == 1 {
			text = randomJSONValue(0)
		}
		emitJSON(text)
	}
}

// ---- YAML event data

func genYAML() {
	texts := append(append([]string{}, otherData...), dataDocs...)
	for _, text := range texts {
		out, err := yaml.YAMLToJSON([]byte(text))
		if err != nil {
			err = fmt.Errorf("failed converting yaml event data to JSON: %s", err)
		}
		emit(record{"k": "y", "in": docRef(text)}, string(out), err)
	}
}

func main() {
	seed := flag.Int64("seed", 9, "generator seed")
	path := flag.String("out", "fixtures.ndjson", "fixture file to write")
	flag.Parse()
	rng = rand.New(rand.NewSource(*seed))
	// params.go prints its fallbacks on stdout: the fixtures go to a file.
	file, err := os.Create(*path)
	if err != nil {
		panic(err)
	}
	defer file.Close()
	out = json.NewEncoder(file)
	out.SetEscapeHTML(false)
	if err := out.Encode(record{"k": "docs", "docs": dataDocs}); err != nil {
		panic(err)
	}
	genParams(2500)
	genPayload(500)
	genSjson()
	genTemplates(2500)
	genNumbers(700)
	genJSON()
	genYAML()
}
