package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

func TestImportCmd(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		stdin     string
		code      int
		out, note string
	}{
		{"a call", []string{"-code", "CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2, eta_min=1e-6)"}, "", 0,
			`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2,"eta_min":0.000001}` + "\n",
			"lrplay import: note: the optimizer's lr is not in the call"},
		{"no notes", []string{"-code", "optax.warmup_cosine_decay_schedule(0.0, 1e-3, 100, 1000)"}, "", 0,
			`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":0.001,"warmup_steps":100,"decay_steps":1000}` + "\n", ""},
		{"standard input, two lines", []string{"-code", "-"},
			"optimizer = torch.optim.SGD(model.parameters(), lr=0.05)\nscheduler = CosineAnnealingLR(optimizer, T_max=90 * 390)\n", 0,
			`{"kind":"torch.CosineAnnealingLR","lr":0.05,"T_max":35100}` + "\n", ""},
		{"lr_schedule's config", []string{"-code", `BaseLRSchedule.create({"type": "cosine", "initial_value": 3e-4, "final_value": 1e-5})`}, "", 0,
			`{"kind":"lr_schedule.cosine","initial_value":0.0003,"final_value":0.00001}` + "\n", ""},
		{"lr_schedule's refusal", []string{"-code", "LinearLRSchedule(0.001)"}, "", 1, "", ""},
		{"a variable", []string{"-code", "CosineAnnealingLR(optimizer, T_max=num_epochs)"}, "", 1, "", ""},
		{"no code", nil, "", 2, "", ""},
		{"an unknown flag", []string{"-spec", "x"}, "", 2, "", ""},
		{"too much input", []string{"-code", "-"}, strings.Repeat("#", core.MaxSpecBytes+1), 1, "", ""},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		err := runImport(tt.args, strings.NewReader(tt.stdin), &out, &errOut)
		if code := exitCode(err); code != tt.code {
			t.Errorf("%s: import %v: %v (exit %d), want exit %d", tt.name, tt.args, err, code, tt.code)
		}
		if out.String() != tt.out {
			t.Errorf("%s: stdout %q, want %q", tt.name, out.String(), tt.out)
		}
		if tt.note == "" && errOut.Len() > 0 || !strings.Contains(errOut.String(), tt.note) {
			t.Errorf("%s: stderr %q, want %q", tt.name, errOut.String(), tt.note)
		}
		// What import prints, eval and lint read.
		if tt.code == 0 {
			if _, err := core.Parse(bytes.TrimSpace(out.Bytes())); err != nil {
				t.Errorf("%s: %s does not parse: %v", tt.name, out.String(), err)
			}
		}
	}
	var stderr bytes.Buffer
	if code := dispatch([]string{"import", "-code", "CosineAnnealingLR(optimizer, T_max=num_epochs)"}, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "lrplay import: core: T_max: num_epochs is a name") {
		t.Errorf("dispatch import with a variable: exit %d, stderr %q", code, stderr.String())
	}
}
