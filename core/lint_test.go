package core

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
)

// lintCase is one row of TestLint: a run of spec for steps steps, and
// whether it has the finding code. For a finding, from and to are the steps
// it concerns, derived by hand from the kind's formula, and fix the fix Lint
// must suggest (nil: none expected).
type lintCase struct {
	code     string
	spec     string
	steps    int64
	fires    bool
	from, to int64
	fix      map[string]any
}

// lintCases pairs, for each code, specs that trigger it with specs that just
// don't: the boundaries are worked out in the comments.
var lintCases = []lintCase{
	// steps-vs-epochs: the designed end at most a quarter of the run, or at least four runs.
	{"steps-vs-epochs", `{"kind":"torch.CosineAnnealingLR","T_max":250}`, 1000, true, 250, 999, map[string]any{"T_max": int64(1000)}},
	{"steps-vs-epochs", `{"kind":"torch.CosineAnnealingLR","T_max":251}`, 1000, false, 0, 0, nil}, // 251·4 > 1000
	{"steps-vs-epochs", `{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":4000}`, 1000, true, 0, 999,
		map[string]any{"num_warmup_steps": int64(25), "num_training_steps": int64(1000)}},
	{"steps-vs-epochs", `{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":3999}`, 1000, false, 0, 0, nil},
	// gamma = 0.95 is down 1000-fold at ⌈ln(1e-3)/ln(0.95)⌉ = ⌈134.67⌉ = 135; 4·135 = 540.
	{"steps-vs-epochs", `{"kind":"torch.ExponentialLR","gamma":0.95}`, 540, true, 135, 539, map[string]any{"gamma": 0.9873}},
	{"steps-vs-epochs", `{"kind":"torch.ExponentialLR","gamma":0.95}`, 539, false, 0, 0, nil},
	{"steps-vs-epochs", `{"kind":"torch.PolynomialLR"}`, 20, true, 5, 19, map[string]any{"total_iters": int64(20)}}, // the default total_iters 5
	{"steps-vs-epochs", `{"kind":"torch.PolynomialLR"}`, 19, false, 0, 0, nil},
	{"steps-vs-epochs", `{"kind":"timm.CosineLRScheduler","t_initial":100,"warmup_t":10,"warmup_prefix":true}`, 440, true, 110, 439,
		map[string]any{"t_initial": int64(400), "warmup_t": int64(40)}},
	{"steps-vs-epochs", `{"kind":"keras.CosineDecay","initial_learning_rate":0.1,"decay_steps":4000}`, 1000, true, 0, 999,
		map[string]any{"decay_steps": int64(1000)}},
	{"steps-vs-epochs", `{"kind":"optax.cosine_decay_schedule","init_value":0.1,"decay_steps":3999}`, 1000, false, 0, 0, nil},
	{"steps-vs-epochs", `{"kind":"torch.OneCycleLR","max_lr":0.1,"epochs":10,"steps_per_epoch":400}`, 1000, true, 0, 999,
		map[string]any{"total_steps": int64(1000)}},
	{"steps-vs-epochs", `{"kind":"torch.CosineAnnealingWarmRestarts","T_0":10}`, 1000, false, 0, 0, nil}, // restarts: many cycles are the point

	// warmup-exceeds-run: the first step after warmup is at or past the run's end.
	{"warmup-exceeds-run", `{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":500,"num_training_steps":2000}`, 500, true, 0, 499, // 4× the run: scaled
		map[string]any{"num_warmup_steps": int64(125), "num_training_steps": int64(500)}},
	{"warmup-exceeds-run", `{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":500,"num_training_steps":2000}`, 501, false, 0, 0, nil},
	{"warmup-exceeds-run", `{"kind":"timm.CosineLRScheduler","t_initial":80,"warmup_t":100}`, 100, true, 0, 99, map[string]any{"warmup_t": int64(10)}},
	{"warmup-exceeds-run", `{"kind":"timm.CosineLRScheduler","t_initial":80,"warmup_t":100}`, 101, false, 0, 0, nil},
	{"warmup-exceeds-run", `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":0.1,"warmup_steps":200,"decay_steps":300}`, 200, true, 0, 199,
		map[string]any{"warmup_steps": int64(20)}}, // a tenth of the run
	{"warmup-exceeds-run", `{"kind":"keras.CosineDecay","initial_learning_rate":0,"warmup_target":0.1,"warmup_steps":300,"decay_steps":100}`, 300, true, 0, 299,
		map[string]any{"warmup_steps": int64(30)}},
	{"warmup-exceeds-run", `{"kind":"torch.LinearLR","start_factor":0.1,"total_iters":50}`, 50, true, 0, 49, map[string]any{"total_iters": int64(5)}},
	{"warmup-exceeds-run", `{"kind":"torch.LinearLR","start_factor":0.1,"total_iters":50}`, 51, false, 0, 0, nil},
	{"warmup-exceeds-run", `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, 300, true, 0, 299, map[string]any{"total_steps": int64(300)}}, // warmup ends at 0.3·1000
	{"warmup-exceeds-run", `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, 301, false, 0, 0, nil},

	// warmup-jump: timm without warmup_prefix rises to lr·49/50 = 0.098 by step 49, then the cosine
	// it hid is at (1 + cos(π·50/300))/2·lr = 0.0933 at step 50.
	{"warmup-jump", `{"kind":"timm.CosineLRScheduler","t_initial":300,"warmup_t":50}`, 300, true, 49, 50, map[string]any{"warmup_prefix": true}},
	{"warmup-jump", `{"kind":"timm.CosineLRScheduler","t_initial":300,"warmup_t":50,"warmup_prefix":true}`, 300, false, 0, 0, nil},
	// A short warmup hides little: lr·9/10 at step 9, then (1 + cos(π/100))/2·lr = 0.99975·lr.
	{"warmup-jump", `{"kind":"timm.CosineLRScheduler","t_initial":1000,"warmup_t":10}`, 1000, false, 0, 0, nil},
	// WSD with num_training_steps < warmup + decay starts the decay part-way (stable = 400 − 100 − 500 < 0).
	{"warmup-jump", `{"kind":"hf.wsd_schedule","num_warmup_steps":100,"num_decay_steps":500,"num_training_steps":400}`, 400, true, 99, 100,
		map[string]any{"num_decay_steps": int64(300)}},
	{"warmup-jump", `{"kind":"hf.wsd_schedule","num_warmup_steps":100,"num_decay_steps":500,"num_training_steps":600}`, 600, false, 0, 0, nil},
	{"warmup-jump", `{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":1000}`, 1000, false, 0, 0, nil},

	// flat: nothing moves after warmup.
	{"flat", `{"kind":"torch.CosineAnnealingLR","T_max":100,"eta_min":0.1}`, 100, true, 0, 99, map[string]any{"eta_min": 0.0}},
	{"flat", `{"kind":"torch.CosineAnnealingLR","T_max":100,"eta_min":0.0999999}`, 100, false, 0, 0, nil},
	{"flat", `{"kind":"torch.ExponentialLR","gamma":1}`, 1000, true, 0, 999, map[string]any{"gamma": 0.995400}}, // 0.01^(1/999) = 0.99540
	{"flat", `{"kind":"torch.ExponentialLR","gamma":0.999999}`, 1000, false, 0, 0, nil},
	{"flat", `{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":1000,"num_cycles":0}`, 1000, true, 100, 999,
		map[string]any{"num_cycles": 0.5}},
	{"flat", `{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","num_warmup_steps":10,"num_training_steps":100,"min_lr_rate":1}`, 100, true, 10, 99,
		map[string]any{"min_lr_rate": 0.0}},
	{"flat", `{"kind":"optax.cosine_decay_schedule","init_value":0.1,"decay_steps":100,"exponent":0}`, 100, true, 0, 99, map[string]any{"exponent": 1.0}},
	{"flat", `{"kind":"keras.CosineDecay","initial_learning_rate":0.1,"decay_steps":100,"alpha":1}`, 100, true, 0, 99, map[string]any{"alpha": 0.0}},
	{"flat", `{"kind":"lr_schedule.exponential","decay_rate":1}`, 100, true, 0, 99, map[string]any{"decay_rate": 0.1}},
	{"flat", `{"kind":"lr_schedule.linear","initial_value":0.001,"final_value":0.001}`, 1000, true, 0, 999, map[string]any{"final_value": 0.0}},
	{"flat", `{"kind":"lr_schedule.constant","initial_value":0.001,"final_value":0.5}`, 1000, false, 0, 0, nil}, // constant by design
	{"flat", `{"kind":"torch.LinearLR","start_factor":0.5,"end_factor":0.5}`, 100, true, 0, 99, map[string]any{"start_factor": 1.0 / 3}},
	{"flat", `{"kind":"timm.CosineLRScheduler","t_initial":100,"k_decay":0}`, 100, true, 0, 99, map[string]any{"k_decay": 1.0}},
	{"flat", `{"kind":"timm.CosineLRScheduler","t_initial":100,"cycle_limit":0,"warmup_t":10}`, 100, true, 10, 99, map[string]any{"cycle_limit": int64(1)}},
	{"flat", `{"kind":"torch.CosineAnnealingLR","lr":0,"T_max":100}`, 100, true, 0, 99, map[string]any{"lr": 0.1}},
	// LinearLR as a warmup holds lr after it by design.
	{"flat", `{"kind":"torch.LinearLR","start_factor":0.1,"total_iters":50}`, 100, false, 0, 0, nil},

	// floor-above-peak
	{"floor-above-peak", `{"kind":"torch.CosineAnnealingLR","T_max":100,"eta_min":0.2}`, 100, true, 0, 99, map[string]any{"eta_min": 0.0}},
	{"floor-above-peak", `{"kind":"torch.CosineAnnealingLR","T_max":100,"eta_min":0.1}`, 100, false, 0, 0, nil}, // equal: flat instead
	{"floor-above-peak", `{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":50,"alpha":1.5}`, 100, true, 0, 99,
		map[string]any{"alpha": 0.0}},
	{"floor-above-peak", `{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":0.1,"warmup_steps":10,"decay_steps":100,"end_value":0.2}`,
		100, true, 10, 99, map[string]any{"end_value": 0.0}},
	{"floor-above-peak", `{"kind":"ignite.CosineAnnealingScheduler","start_value":0.001,"end_value":0.1,"cycle_size":50}`, 100, true, 0, 99,
		map[string]any{"start_value": 0.1, "end_value": 0.001}},
	{"floor-above-peak", `{"kind":"torch.ExponentialLR","gamma":1.05}`, 100, true, 0, 99, map[string]any{"gamma": 0.9524}}, // 1/1.05 = 0.952381
	{"floor-above-peak", `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"div_factor":0.5}`, 100, true, 30, 99, map[string]any{"div_factor": 25.0}},
	{"floor-above-peak", `{"kind":"hf.wsd_schedule","num_warmup_steps":10,"num_decay_steps":50,"num_training_steps":100,"min_lr_ratio":2}`, 100, true, 10, 99,
		map[string]any{"min_lr_ratio": 0.0}},

	// rises-after-end: past T_max = 100 the cosine is back up by (1 − cos(π·k/100))/2 of its range
	// at step 100 + k: 0.886% at k = 6, 1.204% at k = 7, against a 1% threshold.
	{"rises-after-end", `{"kind":"torch.CosineAnnealingLR","T_max":100}`, 108, true, 100, 107, map[string]any{"T_max": int64(108)}},
	{"rises-after-end", `{"kind":"torch.CosineAnnealingLR","T_max":100}`, 107, false, 0, 0, nil},
	// HF: step 1099 is at progress 999/900, 0.5·(1 + cos(1.11π)) = 0.0298 of lr.
	{"rises-after-end", `{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":1000}`, 1100, true, 1000, 1099,
		map[string]any{"num_training_steps": int64(1100)}},
	// One full cycle ends back at lr and falls after it: no rise.
	{"rises-after-end", `{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":1000,"num_cycles":1}`, 1200, false, 0, 0, nil},
	// Kinds that hold their floor never rise.
	{"rises-after-end", `{"kind":"keras.CosineDecay","initial_learning_rate":0.1,"decay_steps":100}`, 1000, false, 0, 0, nil},

	// no-restarts: T_0 = 150 restarts at step 150, the 151st step.
	{"no-restarts", `{"kind":"torch.CosineAnnealingWarmRestarts","T_0":150}`, 150, true, 0, 149, map[string]any{"T_0": int64(75)}},
	{"no-restarts", `{"kind":"torch.CosineAnnealingWarmRestarts","T_0":150}`, 151, false, 0, 0, nil},
	{"no-restarts", `{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":1000}`, 1000, true, 100, 999,
		map[string]any{"num_cycles": int64(2)}}, // the default num_cycles = 1
	{"no-restarts", `{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":1000,"num_cycles":2}`, 1000, false, 0, 0, nil},
	{"no-restarts", `{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":1000}`, 1000, true, 0, 999,
		map[string]any{"first_decay_steps": int64(334)}}, // 334 + 668 = 1002 ≥ 1000 > 333 + 666
	{"no-restarts", `{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":1000}`, 1001, false, 0, 0, nil},
	{"no-restarts", `{"kind":"timm.CosineLRScheduler","t_initial":100,"cycle_limit":2}`, 100, true, 0, 99, map[string]any{"t_initial": int64(50)}},
	{"no-restarts", `{"kind":"timm.CosineLRScheduler","t_initial":100,"cycle_limit":2}`, 101, false, 0, 0, nil},
	{"no-restarts", `{"kind":"ignite.CosineAnnealingScheduler","start_value":0.1,"end_value":0.001,"cycle_size":500}`, 500, true, 0, 499,
		map[string]any{"cycle_size": int64(250)}},
	// playground: warmup 0.05·1000 = 50 steps, then T_max = 1000 ends at step 1050.
	{"no-restarts", `{"kind":"playground","T_max":1000}`, 1000, true, 50, 999, map[string]any{"T_max": int64(317)}}, // 317 + 634 = 951 ≥ 950
	{"no-restarts", `{"kind":"playground","T_max":1000,"restarts":false}`, 1000, false, 0, 0, nil},
	{"no-restarts", `{"kind":"timm.CosineLRScheduler","t_initial":100}`, 100, false, 0, 0, nil}, // cycle_limit 1 asks for none

	// ends-mid-cycle: T_0 = 100 restarts at 100; the last step's T_cur is N − 101, and
	// (1 + cos(π·T_cur/100))/2 is 0.259 at T_cur = 66 and 0.245 at 67, against 0.25.
	{"ends-mid-cycle", `{"kind":"torch.CosineAnnealingWarmRestarts","T_0":100}`, 167, true, 100, 166, map[string]any{"T_0": int64(84)}},
	{"ends-mid-cycle", `{"kind":"torch.CosineAnnealingWarmRestarts","T_0":100}`, 168, false, 0, 0, nil},
	// The playground's former example: 50 steps of warmup, cycles of 100, 200, 400 end at 750, and
	// the run stops 249 steps into a cycle of 800: (1 + cos(π·249/800))/2 = 0.78.
	{"ends-mid-cycle", `{"kind": "playground", "lr": 0.1, "T_max": 100, "T_mult": 2, "warmup": 0.05}`, 1000, true, 750, 999, map[string]any{"T_max": int64(136)}},
	{"ends-mid-cycle", `{"kind": "keras.CosineDecayRestarts", "initial_learning_rate": 0.1, "first_decay_steps": 100}`, 1500, false, 0, 0, nil}, // 100 + 200 + 400 + 800
	// Hard restarts: cycles of 1000 steps, the run stops half way through the second.
	{"ends-mid-cycle", `{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":2000,"num_cycles":2}`, 1500, true, 1000, 1499,
		map[string]any{"num_training_steps": int64(1500)}},
	// timm holds lr_min after cycle_limit cycles: the last cycle is complete.
	{"ends-mid-cycle", `{"kind":"timm.CosineLRScheduler","t_initial":100,"cycle_limit":2}`, 500, false, 0, 0, nil},
	{"ends-mid-cycle", `{"kind":"ignite.CosineAnnealingScheduler","start_value":0.1,"end_value":0.001,"cycle_size":300}`, 1000, true, 900, 999,
		map[string]any{"cycle_size": int64(334)}},

	// min-not-reached: T_max = 150; the lowest lr is at the last step, (1 + cos(π·(N−1)/150))/2 of the
	// way up: 0.259 at N = 100, 0.2365 at N = 102.
	{"min-not-reached", `{"kind":"torch.CosineAnnealingLR","T_max":150}`, 100, true, 0, 99, map[string]any{"T_max": int64(100)}},
	{"min-not-reached", `{"kind":"torch.CosineAnnealingLR","T_max":150}`, 102, false, 0, 0, nil},
	{"min-not-reached", `{"kind":"optax.cosine_decay_schedule","init_value":0.1,"decay_steps":1000}`, 500, true, 0, 499, map[string]any{"decay_steps": int64(500)}},
	// OneCycleLR: warmup ends at step 300; at step 599 the anneal is 300/700 done: (1 + cos(3π/7))/2 = 0.61.
	{"min-not-reached", `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, 600, true, 300, 599, map[string]any{"total_steps": int64(600)}},
	{"min-not-reached", `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, 1000, false, 0, 0, nil},
	{"min-not-reached", `{"kind":"hf.wsd_schedule","num_warmup_steps":10,"num_decay_steps":100,"num_training_steps":1000}`, 500, true, 10, 499,
		map[string]any{"num_training_steps": int64(500)}},
	{"min-not-reached", `{"kind":"lr_schedule.cosine"}`, 2, false, 0, 0, nil},                             // progress-based: always ends at the run's end
	{"min-not-reached", `{"kind":"torch.CosineAnnealingWarmRestarts","T_0":1000}`, 100, false, 0, 0, nil}, // no-restarts says it
	{"min-not-reached", `{"kind":"torch.ExponentialLR","gamma":0.999}`, 100, false, 0, 0, nil},            // no designed end
}

func TestLint(t *testing.T) {
	for _, tc := range lintCases {
		name := fmt.Sprintf("%s/%s/%d", tc.code, tc.spec, tc.steps)
		s := mustParse(t, tc.spec)
		fs, err := Lint(s, tc.steps)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		i := slices.IndexFunc(fs, func(f Finding) bool { return f.Code == tc.code })
		if !tc.fires {
			if i >= 0 {
				t.Errorf("%s: unexpected finding %q", name, fs[i].Message)
			}
			continue
		}
		if i < 0 {
			t.Errorf("%s: no %s finding; got %v", name, tc.code, codes(fs))
			continue
		}
		f := fs[i]
		if f.From != tc.from || f.To != tc.to {
			t.Errorf("%s: steps %d–%d, want %d–%d (%s)", name, f.From, f.To, tc.from, tc.to, f.Message)
		}
		if f.Message == "" || strings.Contains(f.Message, "\n") {
			t.Errorf("%s: message %q is not one line", name, f.Message)
		}
		checkFix(t, name, s, tc.steps, f, tc.fix)
	}
}

// checkFix checks f's fix against want (nil: none expected) and that
// applying it removes the finding.
func checkFix(t *testing.T, name string, s *Schedule, steps int64, f Finding, want map[string]any) {
	t.Helper()
	if want == nil {
		if f.Fix != nil {
			t.Errorf("%s: unexpected fix %s", name, f.FixLabel)
		}
		return
	}
	if !maps.EqualFunc(f.Fix, want, func(a, b any) bool {
		x, xok := a.(float64)
		y, yok := b.(float64)
		if xok && yok {
			return tolerance(x, y, 1e-12)
		}
		return lintSame(a, b)
	}) {
		t.Errorf("%s: fix %v (%s), want %v", name, f.Fix, f.FixLabel, want)
		return
	}
	s2, err := Parse(f.FixSpec)
	if err != nil {
		t.Errorf("%s: fix spec %s: %v", name, f.FixSpec, err)
		return
	}
	if want := specWithFix(t, s, f.Fix); specText(s2) != want {
		t.Errorf("%s: fix spec %s, want the spec with %v: %s", name, f.FixSpec, f.Fix, want)
	}
	after, err := Lint(s2, steps)
	if err != nil {
		t.Errorf("%s: Lint(fix): %v", name, err)
	}
	if slices.ContainsFunc(after, func(g Finding) bool { return g.Code == f.Code }) {
		t.Errorf("%s: %s still has %s", name, f.FixSpec, f.Code)
	}
	if !strings.HasPrefix(f.FixLabel, "set ") {
		t.Errorf("%s: fix label %q", name, f.FixLabel)
	}
}

func codes(fs []Finding) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Code
	}
	return out
}

// TestLintCodesCovered keeps every code in the table, firing and not.
func TestLintCodesCovered(t *testing.T) {
	for _, chk := range lintChecks {
		var fires, quiet bool
		for _, tc := range lintCases {
			if tc.code == chk.code {
				fires = fires || tc.fires
				quiet = quiet || !tc.fires
			}
		}
		if !fires || !quiet {
			t.Errorf("%s: lintCases needs a spec that triggers it and one that does not", chk.code)
		}
	}
}

// TestLintExamples: each kind's example at its ExampleSteps has no finding,
// except torch.CosineAnnealingLR's, which runs 150 steps with T_max = 20 on
// purpose, to show the cosine coming back up past T_max. The playground's,
// the landing page, ends where a cycle does: 90 steps of warmup, then cycles
// of 130, 260 and 520.
func TestLintExamples(t *testing.T) {
	want := map[string][]string{
		"torch.CosineAnnealingLR": {"steps-vs-epochs", "rises-after-end"},
	}
	for _, k := range Kinds() {
		fs, err := Lint(mustParse(t, k.Example), k.ExampleSteps)
		if err != nil {
			t.Errorf("%s: %v", k.Name, err)
			continue
		}
		if got := codes(fs); !slices.Equal(got, want[k.Name]) {
			t.Errorf("%s example over %d steps: %v, want %v", k.Name, k.ExampleSteps, fs, want[k.Name])
		}
	}
}

// TestLintOrder: findings come in lintChecks' order, one per code, the
// same every time.
func TestLintOrder(t *testing.T) {
	// HF with both lengths counted in samples: units, warmup and the end all go wrong.
	s := mustParse(t, `{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":2000,"num_training_steps":10000}`)
	first, err := Lint(s, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := codes(first), []string{"steps-vs-epochs", "warmup-exceeds-run"}; !slices.Equal(got, want) {
		t.Errorf("codes %v, want %v", got, want)
	}
	order := func(code string) int {
		return slices.IndexFunc(lintChecks[:], func(c lintCheck) bool { return c.code == code })
	}
	for _, tc := range lintCases {
		fs, _ := Lint(mustParse(t, tc.spec), tc.steps)
		for i := 1; i < len(fs); i++ {
			if order(fs[i-1].Code) >= order(fs[i].Code) {
				t.Errorf("%s: %v out of order", tc.spec, codes(fs))
			}
		}
	}
	for range 3 {
		again, _ := Lint(s, 1000)
		if fmt.Sprint(again) != fmt.Sprint(first) {
			t.Errorf("Lint is not deterministic: %v then %v", first, again)
		}
	}
}

// TestLintSteps: Lint refuses a run the schedule cannot make, and works up
// to MaxSteps.
func TestLintSteps(t *testing.T) {
	s := mustParse(t, `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100}`)
	if _, err := Lint(s, 102); err == nil {
		t.Error("Lint(OneCycleLR over total_steps + 2) did not fail")
	}
	if _, err := Lint(s, 0); err == nil {
		t.Error("Lint(0 steps) did not fail")
	}
	fs, err := Lint(mustParse(t, `{"kind":"torch.CosineAnnealingLR","T_max":100}`), MaxSteps)
	if err != nil || !slices.Equal(codes(fs), []string{"steps-vs-epochs", "rises-after-end"}) {
		t.Errorf("T_max = 100 over 10^12 steps: %v, %v", fs, err)
	}
	// One step: nothing to say about cycles or flat runs.
	for _, k := range Kinds() {
		s := mustParse(t, k.Example)
		if s.CheckSteps(1) != nil {
			continue
		}
		fs, err := Lint(s, 1)
		for _, f := range fs {
			if f.From < 0 || f.To > 0 || f.From > f.To {
				t.Errorf("%s over 1 step: %+v", k.Name, f)
			}
		}
		if err != nil {
			t.Errorf("%s over 1 step: %v", k.Name, err)
		}
	}
}

// TestFindingJSON: MarshalJSON writes what encoding/json would, with the
// fix spec as an object.
func TestFindingJSON(t *testing.T) {
	f := Finding{Code: "flat", Message: `a "quoted" <b>`, From: 1, To: 2,
		Fix: map[string]any{"eta_min": 0.0, "T_max": int64(5)}, FixSpec: []byte(`{"kind":"x"}`), FixLabel: "set"}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"code":"flat","message":"a \"quoted\" \u003cb\u003e","from":1,"to":2,"fix":{"T_max":5,"eta_min":0},"fix_spec":{"kind":"x"},"fix_label":"set"}`
	if string(b) != want {
		t.Errorf("JSON\n%s\nwant\n%s", b, want)
	}
	b, _ = json.Marshal(Finding{Code: "c", Message: "m"})
	if string(b) != `{"code":"c","message":"m","from":0,"to":0}` {
		t.Errorf("JSON without fix: %s", b)
	}
	if _, err := (Finding{Fix: map[string]any{"x": math.NaN()}}).MarshalJSON(); err == nil {
		t.Error("a NaN fix was written")
	}
}

// BenchmarkLint times Lint on each kind's example and on pitfalls, from
// 10^3 to 10^12 steps: its cost does not grow with the run.
func BenchmarkLint(b *testing.B) {
	type bench struct{ name, spec string }
	var specs []bench
	for _, k := range Kinds() {
		specs = append(specs, bench{k.Name, k.Example})
	}
	specs = append(specs,
		bench{"pitfall/T_max=1", `{"kind":"torch.CosineAnnealingLR","T_max":1}`},
		bench{"pitfall/hard-restarts", `{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":100,"num_training_steps":1000}`},
		bench{"pitfall/T_0=10", `{"kind":"torch.CosineAnnealingWarmRestarts","T_0":10,"T_mult":1}`},
	)
	for _, sp := range specs {
		s := mustParse(b, sp.spec)
		for _, steps := range []int64{1e3, 1e9, 1e12} {
			if s.CheckSteps(steps) != nil {
				continue
			}
			b.Run(fmt.Sprintf("%s/%.0e", sp.name, float64(steps)), func(b *testing.B) {
				for b.Loop() {
					if _, err := Lint(s, steps); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// FuzzLint: for any spec and run length, Lint does not panic, its findings
// lie within the run in lintChecks' order, and each fix parses and removes
// its finding.
func FuzzLint(f *testing.F) {
	for _, tc := range lintCases {
		f.Add(tc.spec, tc.steps)
	}
	for _, s := range fuzzSeeds() {
		f.Add(s, int64(1000))
	}
	f.Fuzz(func(t *testing.T, spec string, steps int64) {
		s, err := Parse([]byte(spec))
		if err != nil || s.CheckSteps(steps) != nil {
			return
		}
		fs, err := Lint(s, steps)
		if err != nil {
			t.Fatalf("Lint(%s, %d): %v", spec, steps, err)
		}
		for _, fd := range fs {
			if fd.From < 0 || fd.From > fd.To || fd.To >= steps {
				t.Fatalf("Lint(%s, %d): %+v outside the run", spec, steps, fd)
			}
			if fd.Fix == nil {
				continue
			}
			s2, err := Parse(fd.FixSpec)
			if err != nil {
				t.Fatalf("Lint(%s, %d): fix %s: %v", spec, steps, fd.FixSpec, err)
			}
			after, err := Lint(s2, steps)
			if err != nil || slices.ContainsFunc(after, func(g Finding) bool { return g.Code == fd.Code }) {
				t.Fatalf("Lint(%s, %d): fix %s keeps %s (%v)", spec, steps, fd.FixSpec, fd.Code, err)
			}
		}
	})
}
