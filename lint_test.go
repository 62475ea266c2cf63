package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLintCmd(t *testing.T) {
	dir := t.TempDir()
	write := func(name, spec string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(spec), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	epochs := write("epochs.json", `{"kind":"torch.CosineAnnealingLR","T_max":100}`)
	fine := write("fine.json", `{"kind":"torch.CosineAnnealingLR","T_max":10000}`)
	bad := write("bad.json", `{"kind":"torch.CosineAnnealingLR","T_max":0}`)
	tests := []struct {
		name  string
		args  []string
		stdin string
		code  int      // dispatch's exit status
		out   []string // fragments of standard output, in order
	}{
		{"findings as text", []string{"-spec", epochs, "-steps", "10000"}, "", 3, []string{
			"steps-vs-epochs (steps 100-9999): T_max = 100 ends the cosine at step 100",
			"    fix: set T_max = 10000\n",
			"rises-after-end (steps 100-9999): ",
		}},
		{"none", []string{"-spec", fine, "-steps", "10000"}, "", 0, nil},
		{"from standard input", []string{"-spec", "-", "-steps", "150"}, `{"kind":"torch.CosineAnnealingWarmRestarts","T_0":200}`, 3,
			[]string{"no-restarts (steps 0-149): no restart happens in the run of 150 steps", "fix: set T_0 = 75"}},
		{"a run of 10^12 steps", []string{"-spec", fine, "-steps", "1000000000000"}, "", 3, []string{"steps-vs-epochs"}},
		{"a bad spec", []string{"-spec", bad, "-steps", "100"}, "", 1, nil},
		{"a run the schedule cannot make", []string{"-spec", "-", "-steps", "102"}, `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100}`, 1, nil},
		{"no steps", []string{"-spec", fine}, "", 2, nil},
		{"no spec", []string{"-steps", "5"}, "", 2, nil},
		{"a bad format", []string{"-spec", fine, "-steps", "5", "-format", "xml"}, "", 2, nil},
		{"a positional argument", []string{"-spec", fine, "-steps", "5", "extra"}, "", 2, nil},
		{"a missing file", []string{"-spec", filepath.Join(dir, "none.json"), "-steps", "5"}, "", 1, nil},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		err := runLint(tt.args, strings.NewReader(tt.stdin), &out)
		if code := exitCode(err); code != tt.code {
			t.Errorf("%s: lint %v: %v (exit %d), want exit %d", tt.name, tt.args, err, code, tt.code)
		}
		rest := out.String()
		for _, want := range tt.out {
			i := strings.Index(rest, want)
			if i < 0 {
				t.Errorf("%s: output %q lacks %q (in order)", tt.name, out.String(), want)
				break
			}
			rest = rest[i+len(want):]
		}
		if len(tt.out) == 0 && out.Len() > 0 {
			t.Errorf("%s: output %q, want none", tt.name, out.String())
		}
	}
	// dispatch maps the findings to exit status 3 without a message; what
	// lint prints goes to the real standard output, silenced here.
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	stdout := os.Stdout
	os.Stdout = devnull
	defer func() { os.Stdout = stdout }()
	var stderr bytes.Buffer
	if code := dispatch([]string{"lint", "-spec", epochs, "-steps", "10000"}, &stderr); code != 3 || stderr.Len() > 0 {
		t.Errorf("dispatch lint with findings: exit %d, stderr %q; want 3 and nothing", code, stderr.String())
	}
	if code := dispatch([]string{"lint", "-spec", bad, "-steps", "10"}, &stderr); code != 1 || !strings.Contains(stderr.String(), "core: T_max") {
		t.Errorf("dispatch lint with a bad spec: exit %d, stderr %q; want 1 and the error", code, stderr.String())
	}
}

// exitCode is the status dispatch gives err.
func exitCode(err error) int {
	var u usageError
	var s exitStatus
	switch {
	case err == nil:
		return 0
	case errors.As(err, &s):
		return int(s)
	case errors.As(err, &u):
		return 2
	}
	return 1
}

func TestLintCmdJSON(t *testing.T) {
	for _, tt := range []struct {
		spec  string
		steps string
		codes []string
	}{
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":2000,"num_training_steps":10000}`, "1000",
			[]string{"steps-vs-epochs", "warmup-exceeds-run"}},
		{`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":1000}`, "1000", []string{}},
	} {
		var out bytes.Buffer
		err := runLint([]string{"-spec", "-", "-steps", tt.steps, "-format", "json"}, strings.NewReader(tt.spec), &out)
		if (len(tt.codes) > 0) != (err != nil) {
			t.Errorf("%s: %v", tt.spec, err)
		}
		var got struct {
			Findings []struct {
				Code     string
				Message  string
				From, To int64
				Fix      map[string]any
				FixSpec  json.RawMessage `json:"fix_spec"`
				FixLabel string          `json:"fix_label"`
			}
		}
		if err := json.Unmarshal(out.Bytes(), &got); err != nil || got.Findings == nil {
			t.Errorf("%s: JSON %s: %v (findings must be a list, even empty)", tt.spec, out.String(), err)
			continue
		}
		var codes []string
		for _, f := range got.Findings {
			codes = append(codes, f.Code)
			if f.Message == "" || f.Fix == nil || len(f.FixSpec) == 0 || f.FixLabel == "" {
				t.Errorf("%s: finding %+v lacks a part", tt.spec, f)
			}
		}
		if strings.Join(codes, ",") != strings.Join(tt.codes, ",") {
			t.Errorf("%s: codes %v, want %v", tt.spec, codes, tt.codes)
		}
	}
}
