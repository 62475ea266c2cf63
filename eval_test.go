package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

func TestEval(t *testing.T) {
	spec := `{"kind":"playground","lr":1,"T_max":4,"T_mult":1,"warmup":0}`
	path := filepath.Join(t.TempDir(), "spec.json")
	if err := os.WriteFile(path, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	want, err := core.Evaluate([]byte(spec), 6)
	if err != nil {
		t.Fatal(err)
	}

	var csv bytes.Buffer
	if err := runEval([]string{"-spec", path, "-steps", "6"}, nil, &csv); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csv.String()), "\n")
	if lines[0] != "step,lr" || len(lines) != 7 {
		t.Fatalf("CSV = %q", csv.String())
	}
	for i, line := range lines[1:] {
		step, lr, _ := strings.Cut(line, ",")
		v, err := strconv.ParseFloat(lr, 64)
		if step != strconv.Itoa(i) || err != nil || v != want[i] {
			t.Errorf("CSV row %d = %q, want %d,%v", i, line, i, want[i])
		}
	}
	if lines[3] != "2,0.5" {
		t.Errorf("CSV row 2 = %q, want 2,0.5 (half way down a cosine of 4 steps)", lines[3])
	}

	var js bytes.Buffer
	if err := runEval([]string{"-spec", "-", "-steps", "6", "-format", "json"}, strings.NewReader(spec), &js); err != nil {
		t.Fatal(err)
	}
	var got struct{ Values []float64 }
	if err := json.Unmarshal(js.Bytes(), &got); err != nil || len(got.Values) != 6 || got.Values[2] != want[2] {
		t.Errorf("JSON = %s (%v)", js.String(), err)
	}
}

func TestEvalErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"kind":"playground","T_max":0}`), 0o644)
	tests := []struct {
		args  []string
		usage bool
		want  string
	}{
		{[]string{"-steps", "5"}, true, "required"},
		{[]string{"-spec", bad}, true, "required"},
		{[]string{"-spec", bad, "-steps", "5", "-format", "xml"}, true, "csv or json"},
		{[]string{"-spec", bad, "-steps", "5"}, false, "core: T_max"},
		{[]string{"-spec", "/nonexistent/spec.json", "-steps", "5"}, false, "no such file"},
		{[]string{"-spec", "-", "-steps", "0"}, true, "required"},
		{[]string{"-spec", "-", "-steps", "-3"}, false, "steps"},
	}
	for _, tt := range tests {
		err := runEval(tt.args, strings.NewReader(`{"kind":"playground"}`), &bytes.Buffer{})
		var u usageError
		if err == nil || errors.As(err, &u) != tt.usage || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("eval %v: %v (usage %v), want %q", tt.args, err, errors.As(err, &u), tt.want)
		}
	}
	if code := dispatch([]string{"eval", "-spec", bad, "-steps", "5"}, &bytes.Buffer{}); code != 1 {
		t.Errorf("eval with a bad spec exits %d, want 1", code)
	}
}

// TestEvalUnits: a spec's "units" draw it in optimizer steps. Stepped once
// per epoch of 3 steps, a cosine of T_max = 2 epochs holds each epoch's lr
// for 3 steps; per micro-batch of 2, optimizer step t runs with call 2t+1.
func TestEvalUnits(t *testing.T) {
	tests := []struct {
		spec string
		want []float64
	}{
		{`{"kind":"torch.CosineAnnealingLR","lr":1,"T_max":2,"units":{"steps_per_epoch":3,"stepping":"epoch"}}`,
			[]float64{1, 1, 1, 0.5, 0.5, 0.5, 0}},
		{`{"kind":"torch.ExponentialLR","lr":1,"gamma":0.5,"units":{"accumulation":2,"stepping":"micro_batch"}}`,
			[]float64{0.5, 0.125, 0.03125}},
	}
	for _, tt := range tests {
		var js bytes.Buffer
		if err := runEval([]string{"-spec", "-", "-steps", strconv.Itoa(len(tt.want)), "-format", "json"}, strings.NewReader(tt.spec), &js); err != nil {
			t.Fatal(err)
		}
		var got struct{ Values []float64 }
		if err := json.Unmarshal(js.Bytes(), &got); err != nil || len(got.Values) != len(tt.want) {
			t.Fatalf("%s: JSON = %s (%v)", tt.spec, js.String(), err)
		}
		for i, w := range tt.want {
			if math.Abs(got.Values[i]-w) > 1e-15 {
				t.Errorf("%s: step %d = %v, want %v", tt.spec, i, got.Values[i], w)
			}
		}
	}
	err := runEval([]string{"-spec", "-", "-steps", "5"}, strings.NewReader(`{"kind":"playground","units":{"accumulation":0}}`), &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "core: accumulation: 0 is out of range") {
		t.Errorf("eval with accumulation 0: %v", err)
	}
}

// TestEvalFormerName: a spec saved with a kind's former name evaluates as
// the renamed kind.
func TestEvalFormerName(t *testing.T) {
	var old, cur bytes.Buffer
	err1 := runEval([]string{"-spec", "-", "-steps", "50"}, strings.NewReader(`{"kind":"sb3.polynomial","power":3}`), &old)
	err2 := runEval([]string{"-spec", "-", "-steps", "50"}, strings.NewReader(`{"kind":"lr_schedule.polynomial","power":3}`), &cur)
	if err1 != nil || err2 != nil || old.String() != cur.String() {
		t.Errorf("sb3.polynomial gives %q (%v), lr_schedule.polynomial %q (%v)", old.String(), err1, cur.String(), err2)
	}
}
