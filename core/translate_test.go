package core

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// translation returns s's translation into fw over steps steps.
func translation(t *testing.T, spec string, steps int64, fw string) Translation {
	t.Helper()
	for _, tr := range Translate(mustParse(t, spec), steps) {
		if tr.Framework == fw {
			return tr
		}
	}
	t.Fatalf("%s: Translate gives nothing for %s", spec, fw)
	return Translation{}
}

// canonical writes spec in full, as Translate writes its specs.
func canonical(t *testing.T, spec string) string {
	t.Helper()
	return specText(mustParse(t, spec))
}

// runDiff evaluates two specs over steps steps, independently of Translate,
// and returns how many values differ and the largest difference as a
// fraction of a's largest |lr|.
func runDiff(t *testing.T, a, b string, steps int) (differ int, maxDiff float64) {
	t.Helper()
	va, vb := mustValues(t, a, steps), mustValues(t, b, steps)
	scale := 0.0
	for _, v := range va {
		scale = max(scale, math.Abs(v))
	}
	if scale == 0 {
		scale = 1 // the differences themselves, as Translation.MaxDiff
	}
	for i := range va {
		if va[i] != vb[i] {
			differ++
			maxDiff = max(maxDiff, math.Abs(va[i]-vb[i])/scale)
		}
	}
	return differ, maxDiff
}

// TestTranslate checks translations against parameters derived by hand from
// each framework's formula, and checks each verdict by evaluating both specs.
// exact is whether the two ports round identically: timm's
// lr_min + 0.5·(lr_max − lr_min)·(1 + cos(π·t/T)) and PyTorch's
// CosineAnnealingWarmRestarts eta_min + (lr − eta_min)·(1 + cos(π·T_cur/T_i))/2
// differ only by where an exact halving happens; every other pair differs in
// its operations (PyTorch's recursion, float32, another order).
func TestTranslate(t *testing.T) {
	const (
		cosine    = `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":100,"eta_min":0.001}`
		cosine0   = `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":100}`
		restarts  = `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":50}`
		restarts2 = `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2}`
		warm      = `{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":900,"warmup_t":100,"warmup_prefix":true}`
	)
	tests := []struct {
		spec  string
		steps int64
		fw    string
		want  []string // the translation is one of these specs
		exact bool
	}{
		// CosineAnnealingLR over a run that ends at T_max, where the frameworks that hold
		// their minimum afterwards cannot be told apart from PyTorch's, which climbs back.
		{cosine, 101, "timm", []string{`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":100,"lr_min":0.001}`}, false},
		{cosine, 101, "hf", []string{`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","lr":0.1,"num_warmup_steps":0,"num_training_steps":100,"min_lr":0.001}`}, false},
		{cosine0, 101, "hf", []string{`{"kind":"hf.cosine_schedule_with_warmup","lr":0.1,"num_warmup_steps":0,"num_training_steps":100,"num_cycles":0.5}`}, false},
		{cosine, 101, "keras", []string{`{"kind":"keras.CosineDecay","initial_learning_rate":0.1,"decay_steps":100,"alpha":0.01}`}, false},
		{cosine, 101, "optax", []string{
			`{"kind":"optax.cosine_decay_schedule","init_value":0.1,"decay_steps":100,"alpha":0.01}`,
			`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0.1,"peak_value":0.1,"warmup_steps":0,"decay_steps":100,"end_value":0.001}`}, false},
		// ignite's cycle_size is T_max itself: e/cycle_size runs over [0, 1) as T_cur/T_max
		// does; but at e = cycle_size ignite restarts where PyTorch reaches eta_min, so the
		// run must stop before step T_max.
		{cosine, 100, "ignite", []string{`{"kind":"ignite.CosineAnnealingScheduler","start_value":0.1,"end_value":0.001,"cycle_size":100}`}, false},
		// lr_schedule's cosine spans the run: T_max must be the run's length.
		{cosine, 100, "lr_schedule", []string{`{"kind":"lr_schedule.cosine","initial_value":0.1,"final_value":0.001}`}, false},
		// Warm restarts: timm's cycles, bit for bit; Keras's, ignite's and HF's hard restarts close.
		{restarts, 500, "timm", []string{`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":50,"cycle_limit":10}`}, true},
		{restarts, 500, "keras", []string{`{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":50,"t_mul":1}`}, false},
		{restarts, 500, "ignite", []string{`{"kind":"ignite.CosineAnnealingScheduler","start_value":0.1,"end_value":0,"cycle_size":50}`}, false},
		{restarts, 500, "hf", []string{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":0.1,"num_warmup_steps":0,"num_training_steps":500,"num_cycles":10}`}, false},
		// 520 steps start 11 cycles: HF's hard restarts fit 11 cycles of 50 steps into 550.
		{restarts, 520, "hf", []string{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":0.1,"num_warmup_steps":0,"num_training_steps":550,"num_cycles":11}`}, false},
		{restarts2, 150, "timm", []string{`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":10,"cycle_mul":2,"cycle_limit":4}`}, true},
		{restarts2, 150, "ignite", []string{`{"kind":"ignite.CosineAnnealingScheduler","start_value":0.1,"end_value":0,"cycle_size":10,"cycle_mult":2}`}, false},
		{restarts2, 150, "keras", []string{`{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":10,"t_mul":2}`}, false},
		// A run shorter than the first cycle: the restarts do not show.
		{restarts2, 10, "optax", []string{
			`{"kind":"optax.cosine_decay_schedule","init_value":0.1,"decay_steps":10}`,
			`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0.1,"peak_value":0.1,"warmup_steps":0,"decay_steps":10}`}, false},
		// Warmups: timm's warmup_prefix from 0 is HF's, Keras's, optax's and lr_schedule's warmup.
		{warm, 1000, "hf", []string{`{"kind":"hf.cosine_schedule_with_warmup","lr":0.1,"num_warmup_steps":100,"num_training_steps":1000}`}, false},
		{warm, 1000, "keras", []string{`{"kind":"keras.CosineDecay","initial_learning_rate":0,"decay_steps":900,"warmup_target":0.1,"warmup_steps":100}`}, false},
		{warm, 1000, "optax", []string{`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":0.1,"warmup_steps":100,"decay_steps":1000}`}, false},
		{warm, 1000, "lr_schedule", []string{`{"kind":"lr_schedule.cosine_warmup","initial_value":0.1,"final_value":0,"warmup_fraction":0.1}`}, false},
		{`{"kind":"hf.cosine_schedule_with_warmup","lr":5e-5,"num_warmup_steps":100,"num_training_steps":1000}`, 1000, "timm",
			[]string{`{"kind":"timm.CosineLRScheduler","lr":5e-5,"t_initial":900,"warmup_t":100,"warmup_prefix":true}`}, false},
		// The frameworks that hold their minimum: a run past the end.
		{`{"kind":"optax.cosine_decay_schedule","init_value":1e-3,"decay_steps":1000,"alpha":0.1}`, 1200, "timm",
			[]string{`{"kind":"timm.CosineLRScheduler","lr":1e-3,"t_initial":1000,"lr_min":1e-4}`}, false},
		{`{"kind":"keras.CosineDecay","initial_learning_rate":0,"decay_steps":100,"warmup_target":0.1,"warmup_steps":100}`, 1000, "hf",
			[]string{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","lr":0.1,"num_warmup_steps":100,"num_training_steps":200,"num_cycles":1}`}, false},
		// Keras's m_mul with alpha 0 is timm's cycle_decay and ignite's start_value_mult.
		{`{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":100,"t_mul":1,"m_mul":0.5}`, 1000, "timm",
			[]string{`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":100,"cycle_decay":0.5,"cycle_limit":10}`}, false},
		{`{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":100,"t_mul":1,"m_mul":0.5}`, 1000, "ignite",
			[]string{`{"kind":"ignite.CosineAnnealingScheduler","start_value":0.1,"end_value":0,"cycle_size":100,"start_value_mult":0.5}`}, false},
		// The playground's float cycles are timm's float cycles; its equal cycles without warmup PyTorch's.
		{`{"kind":"playground","T_max":10,"T_mult":1.5,"warmup":0}`, 60, "timm",
			[]string{`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":10,"cycle_mul":1.5,"cycle_limit":4}`}, true},
		{`{"kind":"playground","T_max":100,"T_mult":1,"warmup":0}`, 1000, "torch",
			[]string{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":100}`}, true},
		{`{"kind":"playground","T_max":100,"T_mult":1,"warmup":0.1,"restarts":false}`, 1000, "keras",
			[]string{`{"kind":"keras.CosineDecay","initial_learning_rate":0,"decay_steps":100,"warmup_target":0.1,"warmup_steps":100}`}, false},
		// LinearLR as a warmup to a constant, and as a decay.
		{`{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.5,"total_iters":50}`, 100, "timm",
			[]string{`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":1,"lr_min":0.1,"warmup_t":50,"warmup_lr_init":0.05,"warmup_prefix":true}`}, false},
		{`{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.5,"total_iters":50}`, 100, "keras",
			[]string{`{"kind":"keras.CosineDecay","initial_learning_rate":0.05,"decay_steps":1,"alpha":1,"warmup_target":0.1,"warmup_steps":50}`}, false},
		{`{"kind":"lr_schedule.linear","initial_value":0.5,"final_value":0.25}`, 1000, "torch",
			[]string{`{"kind":"torch.LinearLR","lr":0.5,"start_factor":1,"end_factor":0.5,"total_iters":1000}`}, false},
		{`{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":100,"power":2}`, 100, "lr_schedule",
			[]string{`{"kind":"lr_schedule.polynomial","initial_value":0.1,"final_value":0,"power":2}`}, false},
		{`{"kind":"torch.ExponentialLR","lr":0.1,"gamma":0.5}`, 10, "lr_schedule",
			[]string{`{"kind":"lr_schedule.exponential","initial_value":0.1,"decay_rate":0.0009765625}`}, false},
		// A constant lr: lr_schedule's constant type, and PyTorch's LinearLR without iterations, exactly.
		{`{"kind":"torch.LinearLR","lr":0.1,"start_factor":1,"end_factor":1}`, 100, "lr_schedule",
			[]string{`{"kind":"lr_schedule.constant","initial_value":0.1}`}, true},
		{`{"kind":"lr_schedule.constant","initial_value":3e-4,"final_value":1e-5}`, 100, "torch",
			[]string{`{"kind":"torch.LinearLR","lr":3e-4,"start_factor":1,"end_factor":1,"total_iters":0}`}, true},
	}
	for _, tt := range tests {
		tr := translation(t, tt.spec, tt.steps, tt.fw)
		var want []string
		for _, w := range tt.want {
			want = append(want, canonical(t, w))
		}
		if !slices.Contains(want, string(tr.Spec)) {
			t.Errorf("%s over %d in %s = %s (%s), want one of %v", tt.spec, tt.steps, tt.fw, tr.Spec, tr.Note, want)
			continue
		}
		differ, maxDiff := runDiff(t, tt.spec, string(tr.Spec), int(tt.steps))
		switch {
		case tr.Exact != tt.exact:
			t.Errorf("%s over %d in %s: Exact = %v, want %v (%s)", tt.spec, tt.steps, tt.fw, tr.Exact, tt.exact, tr.Note)
		case tr.Exact != (differ == 0):
			t.Errorf("%s over %d in %s: Exact = %v, but %d values differ", tt.spec, tt.steps, tt.fw, tr.Exact, differ)
		case maxDiff > beyondRounding:
			t.Errorf("%s over %d in %s: differs by %.3g of the peak lr, more than rounding (%s)", tt.spec, tt.steps, tt.fw, maxDiff, tr.Note)
		case maxDiff != tr.MaxDiff:
			t.Errorf("%s over %d in %s: MaxDiff = %g, evaluation gives %g", tt.spec, tt.steps, tt.fw, tr.MaxDiff, maxDiff)
		}
	}
}

// TestTranslateNone checks that a translation that cannot be is refused with
// the reason.
func TestTranslateNone(t *testing.T) {
	tests := []struct {
		spec  string
		steps int64
		fw    string
		want  string
	}{
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, 1000, "keras", "OneCycleLR's phases"},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20}`, 150, "timm", "climbs back up from step 21; timm holds lr_min"},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20}`, 22, "keras", "climbs back up from step 21"},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20}`, 21, "ignite", "restart for ever"},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20}`, 150, "lr_schedule", "span the whole run of 150 steps"},
		{`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":900,"warmup_t":100,"warmup_prefix":true}`, 1000, "torch", "SequentialLR"},
		{`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":900,"warmup_t":100,"warmup_prefix":true}`, 1000, "ignite", "warmup_duration"},
		{`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":900,"warmup_t":100}`, 1000, "hf", "under it"},
		{`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":100,"k_decay":2}`, 100, "torch", "k_decay 2"},
		{`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":100,"cycle_limit":3}`, 1000, "torch", "holds at 0 from step 300"},
		{`{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":100,"warmup_t":10,"warmup_lr_init":0.01,"warmup_prefix":true}`, 100, "hf", "start from 0"},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2}`, 150, "hf", "all equally long"},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2}`, 150, "optax", "one cycle"},
		{`{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":100,"m_mul":0.5,"alpha":0.1}`, 1000, "timm", "m_mul"},
		{`{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":100,"m_mul":0.5}`, 1000, "torch", "each peak is 0.5 times"},
		{`{"kind":"playground","T_max":10,"T_mult":1.5,"warmup":0}`, 60, "torch", "whole cycle multiplier"},
		{`{"kind":"playground","T_max":10,"T_mult":1.5,"warmup":0}`, 60, "ignite", "truncates"},
		{`{"kind":"optax.cosine_decay_schedule","init_value":0.1,"decay_steps":100,"exponent":2}`, 100, "timm", "exponent 2"},
		{`{"kind":"hf.wsd_schedule","lr":5e-5,"num_warmup_steps":100,"num_decay_steps":200,"num_training_steps":1000}`, 1000, "timm", "stable phase"},
		{`{"kind":"ignite.CosineAnnealingScheduler","start_value":0.1,"end_value":0,"cycle_size":10,"warmup_duration":5}`, 100, "timm", "warmup_duration"},
		{`{"kind":"lr_schedule.cosine_warmup","initial_value":0.1,"warmup_fraction":0.1234}`, 1000, "timm", "between steps"},
		{`{"kind":"keras.InverseTimeDecay","initial_learning_rate":0.1,"decay_steps":10,"decay_rate":0.5}`, 100, "torch", "inverse-time"},
		{`{"kind":"torch.ExponentialLR","lr":0.1,"gamma":1.5}`, 100, "lr_schedule", "decay_rate lies in (0, 1]"},
		{`{"kind":"playground"}`, 0, "timm", "steps: 0 is out of range"},
	}
	for _, tt := range tests {
		tr := translation(t, tt.spec, tt.steps, tt.fw)
		if tr.Spec != nil || tr.Kind != "" || tr.Exact || !strings.HasPrefix(tr.Note, "no equivalent: ") || !strings.Contains(tr.Note, tt.want) {
			t.Errorf("%s over %d in %s = %s %q, want no equivalent: ...%s...", tt.spec, tt.steps, tt.fw, tr.Spec, tr.Note, tt.want)
		}
	}
}

// TestTranslateVerdicts checks every translation of every kind's example, and
// of more specs, against an evaluation of both specs done here: Exact only
// when every value is the same float64, the note's verdict from how far they
// are apart, and one translation per framework but the spec's own.
func TestTranslateVerdicts(t *testing.T) {
	type run struct {
		spec  string
		steps int64
	}
	var runs []run
	for _, k := range Kinds() {
		runs = append(runs, run{k.Example, k.ExampleSteps})
	}
	runs = append(runs,
		run{`{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":10,"t_mul":1.3}`, 60},
		run{`{"kind":"playground","lr":1,"eta_min":0.1,"T_max":20,"T_mult":1,"warmup":0,"decay":0.5}`, 200},
		run{`{"kind":"playground","T_max":50,"warmup":0.1,"restarts":false,"eta_min":0.01,"warmup_start":0.01}`, 400},
		run{`{"kind":"lr_schedule.cosine","initial_value":1e-3,"final_value":1e-4}`, 777},
		run{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":90,"num_cycles":3}`, 90},
	)
	for _, r := range runs {
		s := mustParse(t, r.spec)
		var fws []string
		for _, tr := range Translate(s, r.steps) {
			fws = append(fws, tr.Framework)
			if tr.Spec == nil {
				if tr.Exact || tr.MaxDiff != 0 || !strings.HasPrefix(tr.Note, "no equivalent: ") {
					t.Errorf("%s in %s: no spec, but %+v", r.spec, tr.Framework, tr)
				}
				continue
			}
			if got := FrameworkOf(LookupKind(tr.Kind)); got != tr.Framework {
				t.Errorf("%s in %s: the translation is a %s kind", r.spec, tr.Framework, got)
			}
			differ, maxDiff := runDiff(t, r.spec, string(tr.Spec), int(r.steps))
			var verdict string
			switch {
			case differ == 0:
				verdict = "exact: "
			case maxDiff <= beyondRounding:
				verdict = "close, not exact ("
			default:
				verdict = "differs: "
			}
			if tr.Exact != (differ == 0) || tr.MaxDiff != maxDiff || !strings.HasPrefix(tr.Note, verdict) {
				t.Errorf("%s in %s: %d values differ by up to %g of the peak, but Exact = %v, MaxDiff = %g, %q",
					r.spec, tr.Framework, differ, maxDiff, tr.Exact, tr.MaxDiff, tr.Note)
			}
		}
		want := slices.DeleteFunc(Frameworks(), func(fw string) bool { return fw == FrameworkOf(s.Kind()) })
		if !slices.Equal(fws, want) {
			t.Errorf("%s: translations into %v, want %v", r.spec, fws, want)
		}
	}
}

// TestTranslateDiffers: Keras finds the cycle of step 23 from a float32
// logarithm, which puts the second restart a step after timm's (10 + 13 = 23).
func TestTranslateDiffers(t *testing.T) {
	tr := translation(t, `{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":10,"t_mul":1.3}`, 60, "timm")
	if tr.Exact || tr.MaxDiff < 0.99 || !strings.HasPrefix(tr.Note, "differs: 1 of 60 steps differ by more than rounding, the first at step 23 (0.1, the original 0)") {
		t.Errorf("Keras's restarts in timm: %s, %v, %g, %q", tr.Spec, tr.Exact, tr.MaxDiff, tr.Note)
	}
}

// TestTranslateLongRun: a run longer than TranslateCheckSteps is compared on
// chart columns, and the note says so.
func TestTranslateLongRun(t *testing.T) {
	tr := translation(t, `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":1000,"T_mult":2}`, 1e9, "timm")
	want := canonical(t, `{"kind":"timm.CosineLRScheduler","lr":0.1,"t_initial":1000,"cycle_mul":2,"cycle_limit":20}`)
	if string(tr.Spec) != want || !tr.Exact || !strings.Contains(tr.Note, "8192 values a 2048-column chart shows of the 1000000000 steps") {
		t.Errorf("a 10^9-step run in timm: %s, %v, %q", tr.Spec, tr.Exact, tr.Note)
	}
}

func TestFrameworks(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range Kinds() {
		fw := FrameworkOf(k)
		if fw == "" {
			if k.Name != "playground" {
				t.Errorf("%s belongs to no framework", k.Name)
			}
			continue
		}
		if !slices.Contains(Frameworks(), fw) {
			t.Errorf("%s: framework %q is not in Frameworks()", k.Name, fw)
		}
		seen[fw] = true
	}
	for _, fw := range Frameworks() {
		if !seen[fw] {
			t.Errorf("framework %s has no kind", fw)
		}
	}
}

// randomSpec draws a spec of kind k from its parameters' slider hints, snapped
// to their steps so that whole cycle lengths and round factors come up.
func randomSpec(r *rand.Rand, k *Kind) string {
	values := map[string]any{}
	for _, p := range k.Params {
		if !p.Required && r.IntN(3) == 0 {
			continue // the default
		}
		if p.Nullable && r.IntN(4) == 0 {
			values[p.Name] = nil
			continue
		}
		h := p.Hint
		x := h.Min + r.Float64()*(h.Max-h.Min)
		if h.Log && h.Min > 0 {
			x = h.Min * math.Pow(h.Max/h.Min, r.Float64())
		}
		if h.Step > 0 {
			x = h.Min + math.Round((x-h.Min)/h.Step)*h.Step
		}
		switch p.Type {
		case Float:
			values[p.Name] = x
		case Int:
			values[p.Name] = int64(math.Round(x))
		case Bool:
			values[p.Name] = r.IntN(2) == 0
		case Enum:
			values[p.Name] = p.Options[r.IntN(len(p.Options))]
		}
	}
	b, err := k.Spec(values)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// TestTranslateRandom translates and writes code for random specs of every
// kind: nothing panics, Exact holds only when an evaluation of both specs
// gives the same float64 at every step, and Code either writes a snippet (a
// composition, for the playground, in a framework that has one) or says on
// "framework" why it cannot.
func TestTranslateRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	checked, exact, close := 0, 0, 0
	for range 25 {
		for _, k := range Kinds() {
			spec := randomSpec(r, k)
			s, err := Parse([]byte(spec))
			if err != nil {
				continue
			}
			steps := int64(1 + r.IntN(3000))
			if r.IntN(10) == 0 {
				steps = 1 + r.Int64N(MaxSteps)
			}
			if s.CheckSteps(steps) != nil {
				continue
			}
			for _, tr := range Translate(s, steps) {
				if _, err := Code(s, steps, tr.Framework); (err == nil) != (tr.Spec != nil || (k.Name == "playground" && plComposes(tr.Framework))) {
					t.Errorf("%s over %d in %s: Code gives %v, Translate %q", spec, steps, tr.Framework, err, tr.Note)
				}
				if tr.Spec == nil || steps > TranslateCheckSteps {
					continue
				}
				checked++
				differ, maxDiff := runDiff(t, spec, string(tr.Spec), int(steps))
				if tr.Exact != (differ == 0) || tr.MaxDiff != maxDiff {
					t.Errorf("%s over %d in %s: %d values differ by up to %g, but Exact = %v, MaxDiff = %g",
						spec, steps, tr.Framework, differ, maxDiff, tr.Exact, tr.MaxDiff)
				}
				if tr.Exact {
					exact++
				} else if maxDiff <= beyondRounding {
					close++
				} else {
					t.Logf("%s over %d in %s: %s", spec, steps, tr.Framework, tr.Note)
				}
			}
		}
	}
	t.Logf("%d translations checked: %d exact, %d close, %d differ by more than rounding", checked, exact, close, checked-exact-close)
}
