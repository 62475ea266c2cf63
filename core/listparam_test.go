package core

import (
	"reflect"
	"strings"
	"testing"
)

func TestListParams(t *testing.T) {
	milestones := Param{Name: "milestones", Type: IntList, Range: atLeast(0)}
	factors := Param{Name: "values", Type: FloatList, Range: above(0)}
	lambda := Param{Name: "lr_lambda", Type: Text}
	for _, tc := range []struct {
		p       *Param
		in      any // rawJSON for an array, as Parse hands it
		want    any
		wantErr string
	}{
		{&milestones, rawJSON(`[10, 20,30]`), []int64{10, 20, 30}, ""},
		{&milestones, rawJSON(`[]`), []int64{}, ""},
		{&milestones, rawJSON(`[10, 2.5]`), nil, "milestones[1]: 2.5 is not a whole number"},
		{&milestones, rawJSON(`[-1]`), nil, "milestones[0]: -1 is out of range; must be a whole number ≥ 0"},
		{&milestones, rawJSON(`[1, "a"]`), nil, `milestones[1]: "a" is not a number`},
		{&milestones, rawJSON(`[[1]]`), nil, "milestones[0]: an array is not a number"},
		{&milestones, 3.0, nil, "milestones: null is not a list"},
		{&factors, rawJSON(`[0.5, 1e-3]`), []float64{0.5, 1e-3}, ""},
		{&factors, rawJSON(`[0]`), nil, "values[0]: 0 is out of range; must be a number > 0"},
		{&factors, rawJSON("[" + strings.Repeat("1,", 1000) + "1]"), nil, "a list of 1001 is longer than the 1000 allowed"},
		{&lambda, "lambda epoch: 0.95 ** epoch", "lambda epoch: 0.95 ** epoch", ""},
		{&lambda, strings.Repeat("x", 2001), nil, "text of 2001 bytes is longer than the 2000 allowed"},
	} {
		got, err := tc.p.convert(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("convert(%v) = %v, %v; want an error containing %q", tc.in, got, err, tc.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("convert(%v) = %#v, %v; want %#v", tc.in, got, err, tc.want)
		}
	}
}

func TestListParamText(t *testing.T) {
	p := Param{Name: "milestones", Type: IntList, Range: atLeast(0)}
	for _, tc := range []struct {
		text, want, wantErr string
	}{
		{"10, 20", "[10, 20]", ""},
		{"[10,20]", "[10, 20]", ""},
		{" [ ] ", "[]", ""},
		{"", "[]", ""},
		{"10, x", "", `"x" (element 1) is not a number`},
		{"10,,20", "", `"" (element 1) is not a number`},
		{"1e3", "[1000]", ""},
	} {
		v, err := p.ParseText(tc.text)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseText(%q) = %v, %v; want an error containing %q", tc.text, v, err, tc.wantErr)
			}
			continue
		}
		if err != nil || p.FormatValue(v) != tc.want {
			t.Errorf("ParseText(%q) = %v, %v; want %s", tc.text, v, err, tc.want)
		}
	}
}

func TestParseChildren(t *testing.T) {
	for _, tc := range []struct {
		children string
		want     string // the children as written back, or the error
	}{
		{`[{"kind": "torch.LinearLR", "start_factor": 0.5, "total_iters": 4}, {"kind": "torch.ExponentialLR", "gamma": 0.9}]`,
			`[{"kind":"torch.LinearLR","start_factor":0.5,"end_factor":1,"total_iters":4},{"kind":"torch.ExponentialLR","gamma":0.9}]`},
		{`[{"kind": "torch.ExponentialLR", "gamma": 0.9, "lr": 0.1}]`,
			"schedulers[0].lr: a schedule inside a composition names no lr: it is the composition's"},
		{`[{"kind": "torch.ExponentialLR"}]`, "schedulers[0].gamma: missing"},
		{`[{"kind": "torch.ExponentialLR", "gamma": 0.9, "units": {}}]`, "schedulers[0].units: a schedule inside a composition has no units"},
		{`[{"kind": "hf.wsd_schedule"}]`, "schedulers[0].kind: only PyTorch"},
		{`[1]`, "schedulers[0]: 1 is not a spec"},
	} {
		p := Param{Name: "schedulers", Type: Schedules}
		v, err := p.convert(rawJSON(tc.children))
		var got string
		if err == nil {
			a := args{"schedulers": v}
			check := func(k *Kind) string {
				if k.Framework != "PyTorch" {
					return "only PyTorch schedulers"
				}
				return ""
			}
			_, err = parseChildren(a, "schedulers", args{"lr": 0.1}, check)
			if err == nil {
				b, _ := appendParamValue(nil, a["schedulers"])
				got = string(b)
			}
		}
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("children %s: got %s, want %s", tc.children, got, tc.want)
		}
	}
}

// TestPairListParam: [step, value] pairs from JSON and from text, errors
// naming the pair, and FormatValue writing what ParseText reads.
func TestPairListParam(t *testing.T) {
	p := Param{Name: "boundaries_and_scales", Type: PairList, Range: atLeast(0), Nullable: true}
	for _, tc := range []struct {
		in      any
		want    any
		wantErr string
	}{
		{rawJSON(`[[100, 0.1], [200, 0.01]]`), []stepValue{{100, 0.1}, {200, 0.01}}, ""},
		{rawJSON(`[]`), []stepValue{}, ""},
		{nil, nil, ""},
		{rawJSON(`[[100, 0.1], [2.5, 1]]`), nil, "boundaries_and_scales[1]: its step 2.5 is not a whole number"},
		{rawJSON(`[[100, 0.1], [200, -1]]`), nil, "boundaries_and_scales[1]: its value -1 is out of range; must be a number ≥ 0"},
		{rawJSON(`[[100, 0.1], 200]`), nil, "boundaries_and_scales[1]: 200 is not a [step, value] pair"},
		{rawJSON(`[[100, 0.1, 3]]`), nil, "boundaries_and_scales[0]: an array is not a [step, value] pair"},
		{rawJSON(`[["a", 0.1]]`), nil, `boundaries_and_scales[0]: its step "a" is not a number`},
	} {
		got, err := p.convert(tc.in)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("convert(%s) = %v, %v; want an error containing %q", tc.in, got, err, tc.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("convert(%s) = %#v, %v; want %#v", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range []struct {
		text, want, wantErr string
	}{
		{"100: 0.1, 200: 0.01", "100: 0.1, 200: 0.01", ""},
		{"{100: 0.1, 200:0.01}", "100: 0.1, 200: 0.01", ""},
		{"[[100, 0.1], [200, 0.01]]", "100: 0.1, 200: 0.01", ""},
		{"{}", "{}", ""},
		{"", "", ""},
		{"None", "", ""},
		{"100: 0.1, 200", "", `"200" (pair 1) is not step: value`},
		{"100: x", "", `"100: x" (pair 0) is not step: value`},
		{"1.5: 1", "", "boundaries_and_scales[0]: its step 1.5 is not a whole number"},
	} {
		v, err := p.ParseText(tc.text)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("ParseText(%q) = %v, %v; want an error containing %q", tc.text, v, err, tc.wantErr)
			}
			continue
		}
		if err != nil || p.FormatValue(v) != tc.want {
			t.Errorf("ParseText(%q) = %v, %v; want %s", tc.text, v, err, tc.want)
		}
		if back, err := p.ParseText(p.FormatValue(v)); err != nil || !reflect.DeepEqual(back, v) {
			t.Errorf("ParseText(FormatValue(%v)) = %#v, %v", v, back, err)
		}
	}
	v := []stepValue{{100, 0.1}, {-2, 1}}
	if b, ok := appendParamValue(nil, v); !ok || string(b) != "[[100,0.1],[-2,1]]" {
		t.Errorf("appendParamValue = %s, %v", b, ok)
	}
	if got := pyValue(&Param{Type: PairList, Dict: true}, v); got != "{100: 0.1, -2: 1.0}" {
		t.Errorf("pyValue (dict) = %s", got)
	}
	if got := pyValue(&Param{Type: PairList}, v); got != "[(100, 0.1), (-2, 1.0)]" {
		t.Errorf("pyValue (tuples) = %s", got)
	}
}
