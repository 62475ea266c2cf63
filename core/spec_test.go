package core

import (
	"errors"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		spec  string
		param string // the *Error's Param
		want  string // a substring of the message
	}{
		{``, "", "not JSON"},
		{`{`, "", "not JSON"},
		{`[1,2]`, "", "must be a JSON object"},
		{`"playground"`, "", "must be a JSON object"},
		{`{"kind":"playground"} {}`, "", "after its closing brace"},
		{`{}`, "kind", "missing"},
		{`{"kind":3}`, "kind", "must be a string"},
		{`{"kind":"plaground"}`, "kind", `did you mean "playground"`},
		{`{"kind":"nope-nope-nope"}`, "kind", "the kinds are"},
		{`{"kind":"playground","t_max":10}`, "t_max", `did you mean "T_max"`},
		{`{"kind":"playground","zzzzzzz":10}`, "zzzzzzz", "its parameters are lr, eta_min"},
		{`{"kind":"playground","T_max":10,"T_max":20}`, "T_max", "given twice"},
		{`{"kind":"playground","T_max":"10"}`, "T_max", `"10" is not a number`},
		{`{"kind":"playground","T_max":10.5}`, "T_max", "not a whole number"},
		{`{"kind":"playground","T_max":0}`, "T_max", "out of range; must be a whole number [1, 1e12]"},
		{`{"kind":"playground","T_max":-3}`, "T_max", "-3 is out of range"},
		{`{"kind":"playground","lr":1e400}`, "lr", "too large"},
		{`{"kind":"playground","lr":-0.1}`, "lr", "must be a number (0, 1e290]"},
		{`{"kind":"playground","lr":null}`, "lr", "null is not allowed"},
		{`{"kind":"playground","warmup":0.6}`, "warmup", "[0, 0.5]"},
		{`{"kind":"playground","restarts":1}`, "restarts", "not a boolean"},
		{`{"kind":"playground","T_mult":[2]}`, "T_mult", "an array is not a number"},
		{`{"kind":"playground","decay":0}`, "decay", "(0, 1]"},
		{`{"kind":"playground","T_max":1e20}`, "T_max", "out of range"},
	}
	for _, tt := range tests {
		wantParseError(t, tt.spec, tt.param, tt.want)
	}
}

func TestParseOversized(t *testing.T) {
	big := `{"kind":"playground","lr":` + strings.Repeat("1", MaxSpecBytes) + `}`
	if _, err := Parse([]byte(big)); err == nil || !strings.Contains(err.Error(), "bytes") {
		t.Errorf("oversized spec: err = %v", err)
	}
}

func TestEvaluateSteps(t *testing.T) {
	spec := []byte(`{"kind":"playground"}`)
	for _, steps := range []int{0, -1, MaxEvaluateSteps + 1} {
		var e *Error
		if _, err := Evaluate(spec, steps); !errors.As(err, &e) || e.Param != "steps" {
			t.Errorf("Evaluate(steps=%d) err = %v, want an *Error about steps", steps, err)
		}
	}
	if v, err := Evaluate(spec, 1); err != nil || len(v) != 1 || v[0] != 0.1 {
		t.Errorf("Evaluate(steps=1) = %v, %v; want [0.1] (round(0.05·1) = 0: no warmup)", v, err)
	}
}

func TestDefaultsAndMarshal(t *testing.T) {
	s := mustParse(t, `{"kind":"playground","T_max":7}`)
	b, err := s.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"kind":"playground","lr":0.1,"eta_min":0,"T_max":7,"T_mult":2,"warmup":0.05,"warmup_start":0,"restarts":true,"decay":1}`
	if string(b) != want {
		t.Errorf("MarshalJSON = %s\nwant %s", b, want)
	}
	// The canonical spec parses back to the same schedule.
	again := mustParse(t, string(b))
	if a, b := s.At(50, 1000), again.At(50, 1000); a != b {
		t.Errorf("round trip changes At(50): %g vs %g", a, b)
	}
}

// TestKindTables checks every kind's table is complete enough for the page
// and the README, and that its example parses and evaluates.
func TestKindTables(t *testing.T) {
	for _, k := range Kinds() {
		// A framework kind is listed among its framework's, in its hundred.
		if fw := FrameworkOf(k); fw != "" {
			if f := frameworkNamed(fw); f == nil || k.order/100 != f.order/100 {
				t.Errorf("%s: order %d is not in its framework's hundred (%v)", k.Name, k.order, f)
			}
			if k.code == nil {
				t.Errorf("%s: no code template", k.Name)
			}
		}
		if k.Framework == "" || k.Title == "" || k.Doc == "" || k.Convention == "" || k.Example == "" || k.ExampleSteps < 1 {
			t.Errorf("%s: incomplete description", k.Name)
		}
		for _, p := range k.Params {
			if p.Doc == "" {
				t.Errorf("%s.%s: no doc", k.Name, p.Name)
			}
			numeric := p.Type == Float || p.Type == Int
			if numeric && p.Range == (Range{}) {
				t.Errorf("%s.%s: no range", k.Name, p.Name)
			}
			if !p.Required && p.Default != nil {
				if _, err := p.convert(jsonValue(t, p.Default)); err != nil {
					t.Errorf("%s.%s: default %v is invalid: %v", k.Name, p.Name, p.Default, err)
				}
			}
		}
		s := mustParse(t, k.Example)
		if s.Kind() != k {
			t.Errorf("%s: example is of kind %s", k.Name, s.Kind().Name)
		}
		mustValues(t, k.Example, int(k.ExampleSteps))
	}
}

func TestParamParseText(t *testing.T) {
	k := LookupKind("playground")
	tests := []struct {
		param, text string
		want        any
		err         string
	}{
		{"lr", "0.1", 0.1, ""},
		{"lr", " 1e-3 ", 0.001, ""},
		{"lr", "-0", nil, "out of range"},
		{"lr", "1e400", nil, "too large"},
		{"lr", "abc", nil, "not a number"},
		{"lr", "inf", nil, "not a number"},
		{"lr", "NaN", nil, "not a number"},
		{"lr", "0x1p-3", nil, "not a number"},
		{"lr", "1_0", nil, "not a number"},
		{"lr", ".5", 0.5, ""},
		{"lr", "5.", 5.0, ""},
		{"lr", "1e", nil, "not a number"},
		{"lr", "", nil, "empty"},
		{"T_max", "20", int64(20), ""},
		{"T_max", "2e1", int64(20), ""},
		{"T_max", "20.5", nil, "whole number"},
		{"restarts", "false", false, ""},
		{"restarts", "maybe", nil, "not true or false"},
	}
	for _, tt := range tests {
		got, err := k.Param(tt.param).ParseText(tt.text)
		if tt.err != "" {
			var e *Error
			if !errors.As(err, &e) || e.Param != tt.param || !strings.Contains(e.Msg, tt.err) {
				t.Errorf("ParseText(%s, %q) = %v, %v; want an error with %q", tt.param, tt.text, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseText(%s, %q) = %v (%T), %v; want %v", tt.param, tt.text, got, got, err, tt.want)
		}
		if back := k.Param(tt.param).FormatValue(got); back != strings.TrimSpace(tt.text) && tt.text != "2e1" && tt.text != " 1e-3 " && tt.text != ".5" && tt.text != "5." {
			t.Errorf("FormatValue(%v) = %q, want %q", got, back, tt.text)
		}
	}
}
