package core

import (
	"math"
	"strings"
	"testing"
)

// TestTorchComposedValues: hand-computed runs of SequentialLR and
// ChainedScheduler, lr = 1, with L = LinearLR(start_factor 0.5,
// total_iters 2) and E = ExponentialLR(gamma 0.5).
func TestTorchComposedValues(t *testing.T) {
	const L = `{"kind":"torch.LinearLR","start_factor":0.5,"total_iters":2}`
	const E = `{"kind":"torch.ExponentialLR","gamma":0.5}`
	one, minLR := 1.0, 0.04/1e4 // variables: float64 arithmetic, not Go's exact constants
	for _, tc := range []struct {
		name, spec string
		want       []float64
	}{
		// L: 0.5, then 0.5·(1 + 0.5/(2·0.5)) = 0.75; at milestone 2 E's
		// closed form 1·0.5^0 = 1, then 0.5, 0.25.
		{"sequential", `{"kind":"torch.SequentialLR","lr":1,"schedulers":[` + L + `,` + E + `],"milestones":[2]}`,
			[]float64{0.5, 0.75, 1, 0.5, 0.25}},
		// Milestone 0 is never hit (last_epoch is 1 at the first step), so E
		// starts with step() from last_epoch −1: not its initial step, so
		// it multiplies L's 0.5 by 0.5 at once.
		{"milestone 0", `{"kind":"torch.SequentialLR","lr":1,"schedulers":[` + L + `,` + E + `],"milestones":[0]}`,
			[]float64{0.5, 0.25, 0.125}},
		// Repeated milestones: bisect_right skips to the last scheduler, so
		// the middle one never runs.
		{"repeated milestones", `{"kind":"torch.SequentialLR","lr":1,"schedulers":[` + L + `,{"kind":"torch.ExponentialLR","gamma":0.1},` + E + `],"milestones":[1,1]}`,
			[]float64{0.5, 1, 0.5}},
		// Unsorted [5, 2]: bisect_right's search finds scheduler 2 from step 2 on.
		{"unsorted milestones", `{"kind":"torch.SequentialLR","lr":1,"schedulers":[` + L + `,{"kind":"torch.ExponentialLR","gamma":0.1},` + E + `],"milestones":[5,2]}`,
			[]float64{0.5, 0.75, 1, 0.5, 0.25, 0.125, 0.0625}},
		// Chained: L's constructor sets 0.5 and E's keeps it; then each step
		// L's factor then E's: 0.5·1.5·0.5 = 0.375; 0.375·(1 + 0.5/1.5)·0.5
		// = 0.25; L holds from step 3: 0.125.
		{"chained", `{"kind":"torch.ChainedScheduler","lr":1,"schedulers":[` + L + `,` + E + `]}`,
			[]float64{0.5, 0.375, 0.25, 0.125}},
		// OneCycleLR first sets initial_lr = max_lr/div_factor = 0.04, the
		// base_lr of E built after it: at milestone 3 E restarts at 0.04.
		// Its phases end at 0.5·3 − 1 = 0.5 and 2; step 1 is 1/3 of the way
		// down the second from max_lr to min_lr = 0.04/1e4, linearly, as
		// (end − start)·pct + start; step 2 is its end, which rounds so.
		{"after OneCycleLR", `{"kind":"torch.SequentialLR","lr":1,"schedulers":[{"kind":"torch.OneCycleLR","max_lr":1,"total_steps":3,"anneal_strategy":"linear","pct_start":0.5},` + E + `],"milestones":[3]}`,
			[]float64{0.04, (minLR-one)*((one-0.5)/(2-0.5)) + one, (minLR-one)*1.0 + one, 0.04, 0.02}},
	} {
		s := mustParse(t, tc.spec)
		got, err := s.Values(len(tc.want))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for i, w := range tc.want {
			if math.Abs(got[i]-w) > 1e-15*w {
				t.Errorf("%s: step %d = %v, want %v", tc.name, i, got[i], w)
			}
			if a := s.At(int64(i), int64(len(tc.want))); a != got[i] && math.Abs(a-got[i]) > 1e-12*math.Abs(got[i]) {
				t.Errorf("%s: At(%d) = %v, Fill %v", tc.name, i, a, got[i])
			}
		}
	}
}

// TestTorchComposedAt: where a SequentialLR has a closed form, At agrees
// with the replay to 1e-12 relative, also on long runs.
func TestTorchComposedAt(t *testing.T) {
	for _, spec := range append(downsampleSpecs["torch.SequentialLR"], downsampleSpecs["torch.ChainedScheduler"]...) {
		s := mustParse(t, spec)
		n := 20000
		vals, err := s.Values(n)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < n; i += 7 {
			a := s.At(int64(i), int64(n))
			if math.Abs(a-vals[i]) > 1e-12*math.Abs(vals[i])+1e-300 {
				t.Errorf("%s: At(%d) = %v, Fill %v", spec, i, a, vals[i])
				break
			}
		}
	}
	s := mustParse(t, downsampleSpecs["torch.SequentialLR"][0])
	if err := s.CheckSteps(MaxSteps); err != nil {
		t.Errorf("a SequentialLR with a closed form refuses %d steps: %v", MaxSteps, err)
	}
	if s.curve.(*torchComposed).segs == nil {
		t.Errorf("no closed form for %s", downsampleSpecs["torch.SequentialLR"][0])
	}
}

func TestTorchComposedRefusals(t *testing.T) {
	E := `{"kind":"torch.ExponentialLR","gamma":0.9}`
	for _, tc := range []struct {
		spec  string
		steps int64
		param string
		msg   string
	}{
		{`{"kind":"torch.SequentialLR","schedulers":[],"milestones":[]}`, 1, "schedulers",
			"SequentialLR expects at least one scheduler, but got no scheduler."},
		{`{"kind":"torch.ChainedScheduler","schedulers":[]}`, 1, "schedulers",
			"ChainedScheduler expects at least one scheduler to be chained, but got no scheduler."},
		{`{"kind":"torch.SequentialLR","schedulers":[` + E + `],"milestones":[3]}`, 1, "milestones",
			"but got number of schedulers 1 and the number of milestones to be equal to 1"},
		{`{"kind":"torch.SequentialLR","schedulers":[{"kind":"torch.ExponentialLR","gamma":0.9,"lr":0.2}],"milestones":[]}`, 1,
			"schedulers[0].lr", "names no lr"},
		{`{"kind":"torch.SequentialLR","schedulers":[{"kind":"optax.cosine_decay_schedule","init_value":0.1,"decay_steps":5}],"milestones":[]}`, 1,
			"schedulers[0].kind", "is not a PyTorch scheduler"},
		// A composition reached at a milestone: _update_lr(0) calls get_lr, which it lacks.
		{`{"kind":"torch.SequentialLR","schedulers":[` + E + `,{"kind":"torch.ChainedScheduler","schedulers":[` + E + `]}],"milestones":[4]}`, 5,
			"steps", "NotImplementedError"},
		// LinearLR's closed form divides by total_iters.
		{`{"kind":"torch.SequentialLR","schedulers":[` + E + `,{"kind":"torch.LinearLR","total_iters":0}],"milestones":[4]}`, 5,
			"steps", "ZeroDivisionError"},
		// OneCycleLR raises past total_steps, inside a composition too.
		{`{"kind":"torch.ChainedScheduler","schedulers":[{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10},` + E + `]}`, 12,
			"steps", "Tried to step 11 times"},
		{`{"kind":"torch.SequentialLR","schedulers":[` + E + `,{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10}],"milestones":[4]}`, 16,
			"steps", "reach step 15, where PyTorch raises ValueError: Tried to step 11 times"},
		{`{"kind":"torch.ChainedScheduler","schedulers":[` + E + `,` + E + `]}`, 20_000_000, "steps", "replaying PyTorch's schedulers"},
	} {
		s, err := Parse([]byte(tc.spec))
		if err == nil {
			err = s.CheckSteps(tc.steps)
		}
		e, ok := err.(*Error)
		if !ok || e.Param != tc.param || !strings.Contains(e.Msg, tc.msg) {
			t.Errorf("%s over %d steps: %v, want %s: …%s…", tc.spec, tc.steps, err, tc.param, tc.msg)
		}
	}
}

// TestTorchComposedImport: each composition's snippet reads back as its spec.
func TestTorchComposedImport(t *testing.T) {
	specs := append([]string{torchSequentialKind.Example, torchChainedKind.Example},
		append(downsampleSpecs["torch.SequentialLR"], downsampleSpecs["torch.ChainedScheduler"]...)...)
	for _, spec := range specs {
		s := mustParse(t, spec)
		code, err := Code(s, 50, "torch")
		if err != nil {
			t.Fatalf("%s: %v", spec, err)
		}
		got, _, err := ImportCode(code)
		if err != nil {
			t.Errorf("%s: %v\n%s", spec, err, code)
			continue
		}
		if want := specText(s); specText(mustParse(t, string(got))) != want {
			t.Errorf("import of its snippet:\n got %s\nwant %s", got, want)
		}
	}
}

// TestTorchComposedShape: SequentialLR(LinearLR → CosineAnnealingLR) is a
// warmup then a cosine where the milestone is the warmup's end, and a
// stable phase where it comes later; the torch target writes it back.
func TestTorchComposedShape(t *testing.T) {
	for _, tc := range []struct {
		milestone int64
		why       string
	}{{10, ""}, {15, ""}, {5, "cuts the LinearLR warmup"}} {
		s := mustParse(t, `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[{"kind":"torch.LinearLR","start_factor":0.01,"total_iters":10},`+
			`{"kind":"torch.CosineAnnealingLR","T_max":90}],"milestones":[`+itoa(tc.milestone)+`]}`)
		sh, why := shapeOf(s, 100)
		if tc.why != "" {
			if !strings.Contains(why, tc.why) {
				t.Errorf("milestone %d: why = %q, want %q", tc.milestone, why, tc.why)
			}
			continue
		}
		if why != "" || sh.warmup != 10 || sh.stable != tc.milestone-10 || sh.form != shapeCosine || sh.length != 90 || sh.start != 0.1*0.01 {
			t.Errorf("milestone %d: shape %+v, %q", tc.milestone, sh, why)
		}
		cands, notes := (&torchTools{}).target(&sh, 100)
		if len(cands) == 0 || cands[0].kind != torchSequentialKind {
			t.Errorf("milestone %d: torch target %v, %v", tc.milestone, cands, notes)
		}
	}
}
