package core

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"reflect"
	"strings"
	"testing"
)

// stdDecodeObject is decodeObject as it was written with encoding/json's
// Decoder: the reference the small reader must agree with, messages included.
func stdDecodeObject(spec []byte) (map[string]any, []string, error) {
	notJSON := func(err error) error {
		msg := strings.TrimPrefix(err.Error(), "json: ")
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			msg = "unexpected end of input"
		}
		return errorf("", "spec is not JSON: "+msg)
	}
	dec := json.NewDecoder(bytes.NewReader(spec))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, nil, notJSON(err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, nil, errorf("", notObject)
	}
	fields := map[string]any{}
	var order []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, notJSON(err)
		}
		key := tok.(string)
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, nil, notJSON(err)
		}
		if _, dup := fields[key]; dup {
			return nil, nil, errorf(key, "given twice")
		}
		fields[key] = v
		order = append(order, key)
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, notJSON(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, errorf("", "spec has data after its closing brace")
	}
	// Values as the small reader holds them.
	for k, v := range fields {
		switch v := v.(type) {
		case json.Number:
			fields[k] = number(v)
		case []any:
			fields[k] = composite("an array")
		case map[string]any:
			fields[k] = composite("an object")
		}
	}
	return fields, order, nil
}

// jsonSeeds are inputs for every branch of the reader and its messages.
var jsonSeeds = []string{
	``, ` `, `{`, `}`, `]`, `,`, `:`, `[`, `[1,2]`, `"s"`, `"s`, `1`, `1x`, `-`, `-x`, `tru`, `truex`, `x`, "\xef\xbb\xbf{}",
	`{}`, ` { } `, `{]`, `{,}`, `{:}`, `{1:2}`, `{[}`, `{{}`, `{"a"}`, `{"a" 1}`, `{"a":}`, `{"a":1,}`, `{"a":1 "b":2}`,
	`{"a":1]`, `{"a":1,]`, `{"a":1,,}`, `{"a":1,:}`, `{"a":1}x`, `{"a":1} {}`, `{"a":1}  `, `{"a":1`, `{"a":1,`, `{"a":`, `{"a"`, `{"a`,
	`{"a":01}`, `{"a":-01}`, `{"a":1.}`, `{"a":1.5e}`, `{"a":1e+}`, `{"a":1E-7}`, `{"a":-0.0e00}`, `{"a":.5}`, `{"a":+1}`,
	`{"a":tru}`, `{"a":nul}`, `{"a":fals}`, `{"a":true}`, `{"a":false}`, `{"a":null}`, `{"a":t}`, `{"a":trUe}`, `{"a":nulL}`, `{"a":falsE}`,
	`{"a":[1,{"b":[true,null,"x"]}],"c":{}}`, `{"a":[]}`, `{"a":[ ]}`, `{"a":{ }}`, `{"a":[1,]}`, `{"a":[1 2]}`, `{"a":[,1]}`,
	`{"a":{"b" 1}}`, `{"a":{1:2}}`, `{"a":{"b":1 "c":2}}`, `{"a":{"b":1,}}`, `{"a":{"b":1]}`, `{"a":[1}`, `{"a":[}`, `{"a":{]}`,
	`{"a":[1`, `{"a":[1,`, `{"a":{"b"`, `{"a":{"b":`, `{"a":{"b":1`, `{"a":{"b":1,`, `{"a":"x"y}`,
	`{"a":1,"a":2}`, `{"a":1,"a":x}`, `{"a\u0062":1,"ab":2}`, `{"\ud83d\ude00":1}`, `{"\ud83d":1}`, `{"\ude00\ud83d":1}`,
	`{"\ud83d\u0041":1}`, `{"\ud83d\ud83d\ude00":1}`, `{"\u00e9\/\b\f\n\r\t\"\\":1}`, "{\"\xff\xfe\":1}", "{\"\xed\xa0\x80\":1}",
	`{"a\x":1}`, `{"a\u12g4":1}`, `{"a\u12`, "{\"a\nb\":1}", "{\"a\tb\":1}", "{\"a\x7f\":1}", `{"a":"\q"}`, `{"a":"\u"}`,
	"{\"a\":1}\x00", "{\"a\":1\x00}", "{\"a\":\xff}", "\t\r\n{\t\"kind\"\r:\n\"playground\"\t}\n",
	`{"kind":"playground","lr":"<img src=x onerror=alert(1)>"}`, `{"kind":"playground","T_mult":[2]}`,
	`{"a":'x'}`, `{'a':1}`, `{"a":1}'`, `{"a":` + strings.Repeat("[", 20) + strings.Repeat("]", 20) + `}`,
}

func TestDecodeObjectMatchesEncodingJSON(t *testing.T) {
	for _, s := range jsonSeeds {
		checkDecodeObject(t, []byte(s))
	}
	deep := func(n int, open, close string) []byte {
		return []byte(`{"a":` + strings.Repeat(open, n) + strings.Repeat(close, n) + `}`)
	}
	for _, n := range []int{maxDepth - 1, maxDepth, maxDepth + 1} {
		checkDecodeObject(t, deep(n, "[", "]"))
		checkDecodeObject(t, deep(n, `{"x":`, "}"))
	}
	checkDecodeObject(t, deep(maxDepth+1, "[", ""))
}

func checkDecodeObject(t *testing.T, spec []byte) {
	t.Helper()
	fields, order, err := decodeObject(spec)
	wantFields, wantOrder, wantErr := stdDecodeObject(spec)
	if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() {
		t.Fatalf("decodeObject(%.80q) error = %v\nencoding/json says %v", spec, err, wantErr)
	}
	if !reflect.DeepEqual(fields, wantFields) || !reflect.DeepEqual(order, wantOrder) {
		t.Fatalf("decodeObject(%.80q) = %#v %q\nencoding/json reads %#v %q", spec, fields, order, wantFields, wantOrder)
	}
	if pe, ok := err.(*Error); ok {
		if we := wantErr.(*Error); pe.Param != we.Param {
			t.Fatalf("decodeObject(%.80q) blames %q, encoding/json %q", spec, pe.Param, we.Param)
		}
	}
}

// FuzzJSON: the reader never panics, and accepts, reads and rejects
// exactly what encoding/json's Decoder does, with the same messages.
func FuzzJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, spec []byte) {
		checkDecodeObject(t, spec)
		// What encoding/json accepts as an object, the reader accepts.
		var m map[string]any
		if json.Unmarshal(spec, &m) == nil && m != nil {
			if _, _, err := decodeObject(spec); err != nil && !strings.Contains(err.Error(), "given twice") {
				t.Fatalf("encoding/json reads %q as an object, decodeObject says %v", spec, err)
			}
		}
	})
}

func TestAppendValueMatchesEncodingJSON(t *testing.T) {
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1e-6, 9.99999e-7, 1e-7, 1.5e-7, 1e20, 1e21, 1.5e21, 123456789,
		1e-300, 5e-324, math.MaxFloat64, -2.5e-8, 0.05, 1 << 53, 1e100, -1e-100}
	var values []any
	for _, x := range floats {
		values = append(values, x)
	}
	values = append(values, nil, true, false, int64(0), int64(-7), int64(1)<<53, "", "playground", "a\"b\\c",
		"<script>&amp;</script>", "\x00\x01\b\f\n\r\t\x1f\x7f", "≥ 1 — é", "\u2028\u2029", "\xff\xfe", "a\xc3", "\U0001F600")
	for _, v := range values {
		got, ok := appendValue(nil, v)
		want, err := json.Marshal(v)
		if !ok || err != nil || string(got) != string(want) {
			t.Errorf("appendValue(%#v) = %s, %v; encoding/json writes %s, %v", v, got, ok, want, err)
		}
	}
	for _, v := range []any{math.NaN(), math.Inf(1), math.Inf(-1), 3, float32(1), []int{1}} {
		if b, ok := appendValue(nil, v); ok {
			t.Errorf("appendValue(%#v) = %s, want a refusal", v, b)
		}
	}
}

// stdRange is Range.MarshalJSON as it was written with encoding/json.
func stdRange(r Range) ([]byte, error) {
	bound := func(x float64) any {
		if math.IsInf(x, 0) {
			return nil
		}
		return x
	}
	return json.Marshal(struct {
		Min     any    `json:"min"`
		Max     any    `json:"max"`
		MinOpen bool   `json:"min_open,omitempty"`
		MaxOpen bool   `json:"max_open,omitempty"`
		Text    string `json:"text"`
	}{bound(r.Min), bound(r.Max), r.MinOpen, r.MaxOpen, r.String()})
}

func TestRangeMarshalJSON(t *testing.T) {
	ranges := []Range{anyFinite, atLeast(0), atLeast(1), above(0), between(0, 1), between(0, 0.5), {Min: 1e-7, Max: 1e21, MinOpen: true},
		{Min: math.Inf(-1), Max: 0, MaxOpen: true}, {Min: math.Inf(-1), Max: -1}, {Min: -3, Max: 2e-7, MinOpen: true, MaxOpen: true}}
	for _, k := range Kinds() {
		for _, p := range k.Params {
			ranges = append(ranges, p.Range)
		}
	}
	for _, r := range ranges {
		got, err := r.MarshalJSON()
		want, wantErr := stdRange(r)
		if err != nil || wantErr != nil || string(got) != string(want) {
			t.Errorf("%+v: MarshalJSON = %s, %v; want %s, %v", r, got, err, want, wantErr)
		}
		// Inside a struct, encoding/json compacts and HTML-escapes it: no change either.
		if b, _ := json.Marshal(struct{ R Range }{r}); string(b) != `{"R":`+string(want)+`}` {
			t.Errorf("%+v: in a struct %s", r, b)
		}
	}
	if _, err := (Range{Min: math.NaN()}).MarshalJSON(); err == nil {
		t.Error("a NaN bound marshals")
	}
}

func TestKindSpec(t *testing.T) {
	k := LookupKind("playground")
	got, err := k.Spec(map[string]any{"T_max": int64(7), "lr": 1e-7, "restarts": false, "nonsense": 1})
	if want := `{"kind":"playground","lr":1e-7,"T_max":7,"restarts":false}`; err != nil || string(got) != want {
		t.Errorf("Spec = %s, %v; want %s", got, err, want)
	}
	if _, err := k.Spec(map[string]any{"lr": math.Inf(1)}); err == nil || !strings.Contains(err.Error(), "lr") {
		t.Errorf("Spec of an infinite lr: err = %v", err)
	}
	// The canonical spec of every example is what encoding/json writes.
	for _, k := range Kinds() {
		s := mustParse(t, k.Example)
		got, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		want := []byte(`{"kind":"` + k.Name + `"`)
		for _, p := range k.Params {
			b, _ := json.Marshal(s.Args()[p.Name])
			want = append(append(append(append(want, ',', '"'), p.Name...), '"', ':'), b...)
		}
		if want = append(want, '}'); string(got) != string(want) {
			t.Errorf("%s: MarshalJSON = %s\nwant %s", k.Name, got, want)
		}
	}
}
