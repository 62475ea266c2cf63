package core

import (
	"testing"
)

// Reference values of timm.MultiStepLRScheduler were printed by python3
// running timm's own scheduler.py and multistep_lr.py (huggingface/
// pytorch-image-models, the current source, which bisects t + 1) under
// PyTorch 1.13, stepping step_update(i) with t_in_epochs=False and reading
// param_groups[0]["lr"]; they are compared exactly.

func init() {
	// Specs whose events stress Downsample (see downsampleSpecs): drops a step
	// apart, repeated entries, drops under the warmup, a growing lr.
	downsampleSpecs["timm.MultiStepLRScheduler"] = []string{
		`{"kind":"timm.MultiStepLRScheduler","lr":0.1,"decay_t":[1,2,3,4,5,6,7,8,9,10],"decay_rate":0.5}`,
		`{"kind":"timm.MultiStepLRScheduler","lr":1,"decay_t":[3,3,6,500],"decay_rate":0.1,"warmup_t":5,"warmup_prefix":false}`,
		`{"kind":"timm.MultiStepLRScheduler","lr":0.1,"decay_t":[100,300],"decay_rate":0.2,"warmup_t":50,"warmup_lr_init":0.2}`,
		`{"kind":"timm.MultiStepLRScheduler","lr":1e-6,"decay_t":[10,20,30,40],"decay_rate":10,"warmup_t":10}`,
	}
}

func timmMultiStepSpec(p string) string { return `{"kind":"timm.MultiStepLRScheduler",` + p + `}` }

func TestTimmMultiStepPoints(t *testing.T) {
	tests := []struct {
		params string
		want   map[int]float64
	}{
		// Hand: warmup 0.001 + i·0.099/20; t = i − 20 drops when t + 1 reaches 150, 300, 400:
		// at i = 169, 319, 419 to 0.1·0.3, 0.1·0.3², 0.1·0.3³.
		{`"lr":0.1,"decay_t":[150,300,400],"decay_rate":0.3,"warmup_t":20,"warmup_lr_init":0.001`, map[int]float64{
			0: 0.001, 1: 0.00595, 19: 0.09505000000000001, 20: 0.1, 168: 0.1, 169: 0.03, 170: 0.03, 318: 0.03,
			319: 0.009, 418: 0.009, 419: 0.0026999999999999997, 499: 0.0026999999999999997}},
		// timm's own test_multistep_decay: lr 0.1 at 8, halved by 11, 21 and 31 (here: from 9, 19, 29).
		{`"lr":0.1,"decay_t":[10,20,30],"decay_rate":0.5`, map[int]float64{
			0: 0.1, 8: 0.1, 9: 0.05, 10: 0.05, 11: 0.05, 18: 0.05, 19: 0.025, 21: 0.025, 29: 0.0125, 31: 0.0125}},
		// Hand, no prefix: warmup i/5; at i = 5, t + 1 = 6 passes 3, 3 and 6: 1·0.1³.
		{`"lr":1,"decay_t":[3,3,6],"decay_rate":0.1,"warmup_t":5,"warmup_prefix":false`, map[int]float64{
			0: 0, 1: 0.2, 2: 0.4, 4: 0.8, 5: 0.0010000000000000002, 7: 0.0010000000000000002}},
		// Hand: an entry 0 or 1 counts from t = 0; the empty list never drops.
		{`"lr":1,"decay_t":[0,1],"decay_rate":0.5`, map[int]float64{0: 0.25, 5: 0.25}},
		{`"lr":1,"decay_t":[],"decay_rate":0.5`, map[int]float64{0: 1, 1000: 1}},
	}
	for _, tt := range tests {
		n := 0
		for i := range tt.want {
			n = max(n, i+1)
		}
		checkPoints(t, timmMultiStepSpec(tt.params), n, tt.want, 0)
	}
}

func TestTimmMultiStepErrors(t *testing.T) {
	tests := []struct{ params, param, want string }{
		{`"lr":0.1`, "decay_t", "missing"},
		{`"decay_t":30`, "decay_t", "not a list"},
		{`"decay_t":[30,10]`, "decay_t", "decay_t[1] = 10 is below decay_t[0] = 30; timm bisects decay_t and assumes it is sorted"},
		{`"decay_t":[-1]`, "decay_t[0]", "out of range"},
		{`"decay_t":[1.5]`, "decay_t[0]", "whole"},
		{`"decay_t":[10],"decay_rate":-0.5`, "decay_rate", "out of range"},
		{`"decay_t":[10],"warmup_t":-1`, "warmup_t", "out of range"},
	}
	for _, tt := range tests {
		wantParseError(t, timmMultiStepSpec(tt.params), tt.param, tt.want)
	}
	// timm: 1e10 ** 31 raises "OverflowError: (34, 'Numerical result out of range')" at step 30 (t + 1 = 31).
	spec := timmMultiStepSpec(`"lr":1,"decay_t":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32],"decay_rate":1e10`)
	wantLongestRun(t, mustParse(t, spec), spec, 30, "decay_rate ** 31 raises OverflowError")
	spec = timmMultiStepSpec(`"lr":1e300,"decay_t":[5,9],"decay_rate":1e5`)
	wantLongestRun(t, mustParse(t, spec), spec, 8, "the lr overflows")
}

func TestTimmMultiStepEvents(t *testing.T) {
	wantEvents(t, timmMultiStepSpec(`"decay_t":[10,20,20,70],"warmup_t":5`), 50,
		[]Event{{5, WarmupEnd}, {14, Boundary}, {24, Boundary}})
	// Without prefix, the drop at t = 2 is under the warmup: only WarmupEnd shows it.
	wantEvents(t, timmMultiStepSpec(`"decay_t":[3,6,9],"warmup_t":5,"warmup_prefix":false`), 50,
		[]Event{{5, WarmupEnd}, {8, Boundary}})
	for _, spec := range downsampleSpecs["timm.MultiStepLRScheduler"] {
		checkEventContract(t, spec, 1000)
	}
	s := mustParse(t, timmMultiStepSpec(`"decay_t":[10,1000000,500000000],"decay_rate":0.5,"warmup_t":100`))
	if err := s.CheckSteps(MaxSteps); err != nil {
		t.Fatal(err)
	}
	for i, want := range map[int64]float64{0: 0, 108: 0.1, 109: 0.05, 500000098: 0.025, MaxSteps - 1: 0.0125} {
		if v := s.At(i, MaxSteps); v != want {
			t.Errorf("At(%d) = %g, want %g", i, v, want)
		}
	}
}

func TestTimmMultiStepImport(t *testing.T) {
	tests := []struct{ src, want string }{
		{"optimizer = torch.optim.SGD(model.parameters(), lr=0.05)\n" +
			"scheduler = timm.scheduler.MultiStepLRScheduler(optimizer, decay_t=[30, 60, 90], decay_rate=0.1, warmup_t=5, warmup_lr_init=1e-4)",
			`{"kind":"timm.MultiStepLRScheduler","lr":0.05,"decay_t":[30,60,90],"decay_rate":0.1,"warmup_t":5,"warmup_lr_init":0.0001}`},
		{`MultiStepLRScheduler(optimizer, [2, 4], 0.97, 3, 1e-6, False)`,
			`{"kind":"timm.MultiStepLRScheduler","lr":0.1,"decay_t":[2,4],"decay_rate":0.97,"warmup_t":3,"warmup_lr_init":0.000001,"warmup_prefix":false}`},
	}
	for _, tt := range tests {
		got, _, err := ImportCode(tt.src)
		if err != nil || string(got) != tt.want {
			t.Errorf("ImportCode(%s) = %s, %v; want %s", tt.src, got, err, tt.want)
		}
	}
}
