package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

func TestCode(t *testing.T) {
	spec := `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2}`
	path := filepath.Join(t.TempDir(), "spec.json")
	if err := os.WriteFile(path, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := core.Parse([]byte(spec))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args      []string
		framework string // what core.Code is given
		steps     int64
	}{
		{[]string{"-spec", path}, "", 1000},
		{[]string{"-spec", path, "-framework", "torch", "-steps", "150"}, "torch", 150},
		{[]string{"-spec", "-", "-framework", "timm", "-steps", "150"}, "timm", 150},
		{[]string{"-spec", path, "-framework", "keras", "-steps", "7"}, "keras", 7},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		if err := runCode(tt.args, strings.NewReader(spec), &out); err != nil {
			t.Errorf("code %v: %v", tt.args, err)
			continue
		}
		want, err := core.Code(s, tt.steps, tt.framework)
		if err != nil || out.String() != want {
			t.Errorf("code %v printed\n%s\nwant core.Code's\n%s (%v)", tt.args, out.String(), want, err)
		}
	}
}

func TestCodeErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"kind":"playground","T_max":0}`), 0o644)
	onecycle := filepath.Join(dir, "onecycle.json")
	os.WriteFile(onecycle, []byte(`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100}`), 0o644)
	tests := []struct {
		args  []string
		usage bool
		want  string
	}{
		{[]string{"-framework", "torch"}, true, "-spec is required"},
		{[]string{"-spec", bad, "-framework", "pytorch"}, true, `-framework "pytorch": want one of torch, timm, hf, keras, optax, ignite, lr_schedule`},
		{[]string{"-spec", bad, "-steps", "x"}, true, ""},
		{[]string{"-spec", bad, "extra"}, true, `unexpected argument "extra"`},
		{[]string{"-spec", bad}, false, "core: T_max"},
		{[]string{"-spec", "/nonexistent/spec.json"}, false, "no such file"},
		{[]string{"-spec", onecycle, "-steps", "0"}, false, "core: steps: 0 is out of range"},
		{[]string{"-spec", onecycle, "-steps", "100", "-framework", "keras"}, false, "core: framework: no Keras equivalent"},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		err := runCode(tt.args, strings.NewReader(`{"kind":"playground"}`), &out)
		var u usageError
		if err == nil || errors.As(err, &u) != tt.usage || !strings.Contains(err.Error(), tt.want) || out.Len() > 0 {
			t.Errorf("code %v: %v (usage %v, %d bytes out), want %q", tt.args, err, errors.As(err, &u), out.Len(), tt.want)
		}
	}
	for args, code := range map[string]int{
		"code -spec " + bad:                              1,
		"code -spec " + onecycle + " -framework keras":   1,
		"code -spec " + onecycle + " -framework pytorch": 2,
		"code": 2,
	} {
		var stderr bytes.Buffer
		if got := dispatch(strings.Fields(args), &stderr); got != code || !strings.HasPrefix(stderr.String(), "lrplay code: ") {
			t.Errorf("lrplay %s exits %d (%q), want %d", args, got, stderr.String(), code)
		}
	}
}

// TestCodeFormerNames: a spec with a former kind name and the former
// framework name, sb3, still make the snippet.
func TestCodeFormerNames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spec.json")
	if err := os.WriteFile(path, []byte(`{"kind":"sb3.cosine","initial_value":0.001}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := core.Parse([]byte(`{"kind":"lr_schedule.cosine","initial_value":0.001}`))
	if err != nil {
		t.Fatal(err)
	}
	want, err := core.Code(s, 500, "lr_schedule")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"-spec", path, "-steps", "500"}, {"-spec", path, "-steps", "500", "-framework", "sb3"}} {
		var out bytes.Buffer
		if err := runCode(args, nil, &out); err != nil || out.String() != want {
			t.Errorf("code %v printed\n%s\nwant\n%s (%v)", args, out.String(), want, err)
		}
	}
}
