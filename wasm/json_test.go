package main

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestDecodeJSON(t *testing.T) {
	tests := []struct {
		in   string
		want any
	}{
		{`null`, nil},
		{` true `, true},
		{`false`, false},
		{`0`, 0.0},
		{`-0.5e3`, -500.0},
		{`1e400`, math.Inf(1)},
		{`-1e400`, math.Inf(-1)},
		{`1e-400`, 0.0},
		{`"a\"b\\c\/\n\t\u00e9\ud83d\udd25"`, "a\"b\\c/\n\té🔥"},
		{`"\ud800x"`, "\ufffdx"}, // a lone surrogate, as JSON.stringify writes it
		{`[]`, []any{}},
		{`{}`, map[string]any{}},
		{`{"a": [1, "x", {"b": null}], "a": 2}`, map[string]any{"a": 2.0}}, // the last of a repeated key, as JSON.parse
		{`[NaN, Infinity, -Infinity]`, []any{math.NaN(), math.Inf(1), math.Inf(-1)}},
	}
	for _, tt := range tests {
		got, err := decodeJSON(tt.in)
		if err != nil {
			t.Errorf("decodeJSON(%s): %v", tt.in, err)
			continue
		}
		if !sameValue(got, tt.want) {
			t.Errorf("decodeJSON(%s) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
	for _, bad := range []string{``, `{`, `[1,]`, `{"a" 1}`, `{"a":1,}`, `01x`, `+1`, `.`, `-`, `"abc`, "\"a\x01\"", `"\x"`, `"\u12"`,
		`[1] 2`, `nul`, `{1: 2}`, strings.Repeat("[", 100) + strings.Repeat("]", 100)} {
		if v, err := decodeJSON(bad); err == nil {
			t.Errorf("decodeJSON(%.40q) = %v, want an error", bad, v)
		}
	}
}

// sameValue is reflect.DeepEqual with NaN equal to itself.
func sameValue(a, b any) bool {
	if x, ok := a.(float64); ok {
		y, ok := b.(float64)
		return ok && (x == y || math.IsNaN(x) && math.IsNaN(y))
	}
	if x, ok := a.([]any); ok {
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameValue(x[i], y[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a, b)
}

// TestAppendJSON checks the writer against encoding/json, which reads back
// what it writes.
func TestAppendJSON(t *testing.T) {
	v := object{
		{"s", "quote \" backslash \\ newline \n tab \t nul \x00 é 🔥 bad \xff"},
		{"n", []float64{0, -1.5, 1e-7, 1e300, math.NaN(), math.Inf(1)}},
		{"i", int64(1e12)}, {"b", true}, {"z", nil},
		{"m", map[string]string{"b": "2", "a": "1"}},
		{"l", []any{"x", 1, object{}}}, {"strs", []string{}}, {"raw", rawJSON(`{"k":1}`)},
	}
	got := toJSON(v)
	want := `{"s":"quote \" backslash \\ newline \n tab \u0009 nul \u0000 é 🔥 bad \ufffd",` +
		`"n":[0,-1.5,1e-07,1e+300,null,null],"i":1000000000000,"b":true,"z":null,"m":{"a":"1","b":"2"},` +
		`"l":["x",1,{}],"strs":[],"raw":{"k":1}}`
	if got != want {
		t.Errorf("toJSON =\n%s\nwant\n%s", got, want)
	}
	var back map[string]any
	if err := json.Unmarshal([]byte(got), &back); err != nil {
		t.Fatalf("encoding/json cannot read it: %v", err)
	}
	again, err := decodeJSON(got)
	if err != nil || !reflect.DeepEqual(again, back) {
		t.Errorf("decodeJSON reads %v, encoding/json %v (%v)", again, back, err)
	}
}
