package core

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// The compositions' rows of lintCases (lint_compose.go's checks), in the
// table TestLint, TestLintCodesCovered, TestLintOrder and FuzzLint read.
// Children: W(T) is LinearLR(start_factor 0.1, total_iters T), lr 0.1.
func init() { lintCases = append(lintCases, composeLintCases...) }

func seqSpec(ms string, kids ...string) string {
	return `{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[` + strings.Join(kids, ",") + `],"milestones":[` + ms + `]}`
}

func chainSpec(kids ...string) string {
	return `{"kind":"torch.ChainedScheduler","lr":0.1,"schedulers":[` + strings.Join(kids, ",") + `]}`
}

func warmSpec(total int) string {
	return `{"kind":"torch.LinearLR","start_factor":0.1,"total_iters":` + itoa(int64(total)) + `}`
}

func cosSpec(tMax int) string {
	return `{"kind":"torch.CosineAnnealingLR","T_max":` + itoa(int64(tMax)) + `}`
}

const (
	expSpec  = `{"kind":"torch.ExponentialLR","gamma":0.9}`
	exp1Spec = `{"kind":"torch.ExponentialLR","gamma":0.1}`
	exp5Spec = `{"kind":"torch.ExponentialLR","gamma":0.5}`
)

var composeLintCases = []lintCase{
	// warmup-vs-milestone. W(5) before milestone 10 reaches lr at step 5 and stalls there for steps 5–9.
	{"warmup-vs-milestone", seqSpec("10", warmSpec(5), cosSpec(90)), 100, true, 5, 9, map[string]any{"schedulers[0].total_iters": int64(10)}},
	// W(20) is cut at step 10: lr·(0.1 + 0.9·9/20) = 0.0505 at step 9, then the cosine's 0.1 at step 10.
	{"warmup-vs-milestone", seqSpec("10", warmSpec(20), cosSpec(90)), 100, true, 9, 10, map[string]any{"schedulers[0].total_iters": int64(10)}},
	// ConstantLR(factor 0.5, total_iters 4) jumps from 0.05 to 0.1 at step 4, six steps before milestone 10.
	{"warmup-vs-milestone", seqSpec("10", `{"kind":"torch.ConstantLR","factor":0.5,"total_iters":4}`, expSpec), 50, true, 3, 9,
		map[string]any{"schedulers[0].total_iters": int64(10)}},
	// The second stretch too: ExponentialLR for steps 0–4, then W(3) in steps 5–14, stalling at 12–14.
	{"warmup-vs-milestone", seqSpec("5, 15", expSpec, warmSpec(3), cosSpec(35)), 50, true, 8, 14, map[string]any{"schedulers[1].total_iters": int64(10)}},
	{"warmup-vs-milestone", seqSpec("10", warmSpec(10), cosSpec(90)), 100, false, 0, 0, nil},
	// A ConstantLR longer than its stretch is cut where it would end anyway.
	{"warmup-vs-milestone", seqSpec("10", `{"kind":"torch.ConstantLR","factor":0.5,"total_iters":40}`, expSpec), 50, false, 0, 0, nil},
	// The milestone is past the run: nothing meets there.
	{"warmup-vs-milestone", seqSpec("10", warmSpec(20), cosSpec(90)), 10, false, 0, 0, nil},

	// cosine-counts-run: from milestone 10 the cosine has 90 steps; T_max = 100 leaves
	// (1 + cos(π·89/100))/2 = 2.96% of its range at step 99, against 1%.
	{"cosine-counts-run", seqSpec("10", warmSpec(10), cosSpec(100)), 100, true, 10, 99, map[string]any{"schedulers[1].T_max": int64(90)}},
	// Milestone 3: (1 + cos(π·96/100))/2 = 0.39% left, too little to see.
	{"cosine-counts-run", seqSpec("3", warmSpec(3), cosSpec(100)), 100, false, 0, 0, nil},
	{"cosine-counts-run", seqSpec("10", warmSpec(10), cosSpec(90)), 100, false, 0, 0, nil},
	// T_max = 60 from milestone 50 of 100 is nearer its stretch (50) than the run: a choice, not a miscount.
	{"cosine-counts-run", seqSpec("50", warmSpec(50), cosSpec(60)), 100, false, 0, 0, nil},

	// milestone-past-run: the run's last step is 9, so milestone 10 never comes.
	{"milestone-past-run", seqSpec("10", warmSpec(10), cosSpec(90)), 10, true, 0, 9, nil},
	{"milestone-past-run", seqSpec("10", warmSpec(10), cosSpec(90)), 11, false, 0, 0, nil},
	{"milestone-past-run", seqSpec("5, 60", warmSpec(5), cosSpec(55), expSpec), 40, true, 5, 39, nil},
	// T_max = 55 fills its stretch to milestone 60, past the run of 40: the milestone is the pitfall, not T_max.
	{"cosine-counts-run", seqSpec("5, 60", warmSpec(5), cosSpec(55), expSpec), 40, false, 0, 0, nil},
	// The middle stretch, 20–59, counted as the run of 100: 0.5·(1 + cos(π·39/100)) = 0.67 of the range left at step 59.
	{"cosine-counts-run", seqSpec("20, 60", warmSpec(20), cosSpec(100), expSpec), 100, true, 20, 59, map[string]any{"schedulers[1].T_max": int64(40)}},

	// milestones-unsorted: [5, 2] runs schedulers[2] from step 2 (TestTorchComposedValues) and never schedulers[1].
	{"milestones-unsorted", seqSpec("5, 2", warmSpec(2), exp1Spec, exp5Spec), 10, true, 0, 9, map[string]any{"milestones": []int64{2, 5}}},
	{"milestones-unsorted", seqSpec("1, 1", warmSpec(2), exp1Spec, exp5Spec), 10, true, 0, 9, nil},
	{"milestones-unsorted", seqSpec("2, 5", warmSpec(2), exp1Spec, exp5Spec), 10, false, 0, 0, nil},

	// milestone-zero: step 0 is W's 0.01, and ExponentialLR steps on from it: 0.009 at step 1.
	{"milestone-zero", seqSpec("0", warmSpec(2), expSpec), 3, true, 0, 1, nil},
	{"milestone-zero", seqSpec("1", warmSpec(2), expSpec), 3, false, 0, 0, nil},

	// construction-lr: OneCycleLR sets initial_lr = 1/25 = 0.04, so step 0 is 0.004, not 0.01.
	{"construction-lr", seqSpec("10", warmSpec(10), `{"kind":"torch.OneCycleLR","max_lr":1,"total_steps":100}`), 50, true, 0, 49, nil},
	// CyclicLR first sets initial_lr = base_lr = 0.01: ExponentialLR restarts from it at step 20.
	{"construction-lr", seqSpec("20", `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":5}`, expSpec), 50, true, 0, 49, nil},
	{"construction-lr", seqSpec("20", `{"kind":"torch.CyclicLR","base_lr":0.1,"max_lr":1,"step_size_up":5}`, expSpec), 50, false, 0, 0, nil},
	{"construction-lr", seqSpec("20", expSpec, `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":5}`), 50, false, 0, 0, nil},

	// chained-product: LambdaLR sets base_lr·λ(t) at every step, after W multiplied its factor in.
	{"chained-product", chainSpec(warmSpec(10), `{"kind":"torch.LambdaLR","lr_lambda":"lambda s: 0.9 ** s"}`), 50, true, 0, 49, nil},
	// W(10)·cosine(T_max 100): at step 10 the cosine is down to (1 + cos(π/10))/2 = 97.6% of lr.
	{"chained-product", chainSpec(warmSpec(10), cosSpec(100)), 100, true, 0, 10, nil},
	// ExponentialLR(0.99)·StepLR(30, 0.1) at step 99: 0.1·0.99^99·0.1^3 = 3.7e-5, 2.7× below StepLR's 1e-4.
	{"chained-product", chainSpec(`{"kind":"torch.ExponentialLR","gamma":0.99}`, `{"kind":"torch.StepLR","step_size":30}`), 100, true, 0, 99, nil},
	// ExponentialLR(0.999)·StepLR(50, 0.5): 0.999^99 = 0.906 of StepLR's 0.025, within 2×.
	{"chained-product", chainSpec(`{"kind":"torch.ExponentialLR","gamma":0.999}`, `{"kind":"torch.StepLR","step_size":50,"gamma":0.5}`), 100, false, 0, 0, nil},
	{"chained-product", chainSpec(warmSpec(10), expSpec), 100, false, 0, 0, nil}, // warmup times decay: a product by design
}

// specWithFix is s's spec with fix applied, built from its JSON (a key
// "schedulers[k].name" is child k's name), as the spec text Parse gives.
func specWithFix(t *testing.T, s *Schedule, fix map[string]any) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(specText(s)), &m); err != nil {
		t.Fatal(err)
	}
	for k, v := range fix {
		param, i, leaf, ok := lintSplitPath(k)
		if !ok {
			m[k] = v
			continue
		}
		m[param].([]any)[i].(map[string]any)[leaf] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := Parse(b)
	if err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return specText(s2)
}

// TestLintComposeMessages: the findings name the child and the values the
// comments of composeLintCases derive.
func TestLintComposeMessages(t *testing.T) {
	for _, tc := range []struct {
		spec  string
		steps int64
		code  string
		want  []string
	}{
		{seqSpec("10", warmSpec(5), cosSpec(90)), 100, "warmup-vs-milestone",
			[]string{"schedulers[0] (LinearLR) has total_iters = 5, but milestones[0] = 10 gives it 10 steps", "stalls at 0.1 for 5 steps",
				"schedulers[1] (CosineAnnealingLR) starts at 0.1"}},
		{seqSpec("10", warmSpec(20), cosSpec(90)), 100, "warmup-vs-milestone", []string{"jumps from 0.0505 to 0.1", "10 steps before"}},
		{seqSpec("10", `{"kind":"torch.ConstantLR","factor":0.5,"total_iters":4}`, expSpec), 50, "warmup-vs-milestone",
			[]string{"schedulers[0] (ConstantLR)", "jumps from 0.05 to 0.1 at step 4, 6 steps before"}},
		{seqSpec("10", warmSpec(10), cosSpec(100)), 100, "cosine-counts-run",
			[]string{"schedulers[1] (CosineAnnealingLR) has T_max = 100", "milestones[0] = 10", "90 steps", "eta_min at step 110", "3%"}},
		{seqSpec("5, 60", warmSpec(5), cosSpec(55), expSpec), 40, "milestone-past-run",
			[]string{"milestones[1] = 60", "schedulers[2] (ExponentialLR) never runs"}},
		{seqSpec("5, 2", warmSpec(2), exp1Spec, exp5Spec), 10, "milestones-unsorted",
			[]string{"[5, 2] are not in ascending order", "schedulers[2] (ExponentialLR) from step 2, restarted", "schedulers[1] (ExponentialLR) never runs"}},
		{seqSpec("1, 1", warmSpec(2), exp1Spec, exp5Spec), 10, "milestones-unsorted",
			[]string{"both 1", "schedulers[1] (ExponentialLR) never runs"}},
		{seqSpec("0", warmSpec(2), expSpec), 3, "milestone-zero",
			[]string{"milestones[0] = 0 is never reached", "schedulers[1] (ExponentialLR) never restarts", "lr 0.01", "0.009 at step 1"}},
		{seqSpec("10", warmSpec(10), `{"kind":"torch.OneCycleLR","max_lr":1,"total_steps":100}`), 50, "construction-lr",
			[]string{"schedulers[1] (OneCycleLR) sets initial_lr = max_lr/div_factor = 0.04", "step 0 is 0.004, not 0.01"}},
		{seqSpec("20", `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":5}`, expSpec), 50, "construction-lr",
			[]string{"schedulers[0] (CyclicLR) sets initial_lr = base_lr = 0.01", "schedulers[1] (ExponentialLR), built after it, takes 0.01"}},
		{chainSpec(warmSpec(10), `{"kind":"torch.LambdaLR","lr_lambda":"lambda s: 0.9 ** s"}`), 50, "chained-product",
			[]string{"schedulers[1] (LambdaLR) is not chainable", "schedulers[0] (LinearLR)"}},
		{chainSpec(warmSpec(10), cosSpec(100)), 100, "chained-product", []string{"not warmup then cosine", "ends at T_max = 100, not 110", "milestones = [10]"}},
		{chainSpec(`{"kind":"torch.ExponentialLR","gamma":0.99}`, `{"kind":"torch.StepLR","step_size":30}`), 100, "chained-product",
			[]string{"schedulers[0] (ExponentialLR) and schedulers[1] (StepLR) both decay", "3.7e-05", "2.7×", "0.037, 0.0001"}},
	} {
		fs, err := Lint(mustParse(t, tc.spec), tc.steps)
		if err != nil {
			t.Fatalf("%s: %v", tc.spec, err)
		}
		i := slices.IndexFunc(fs, func(f Finding) bool { return f.Code == tc.code })
		if i < 0 {
			t.Errorf("%s over %d steps: no %s in %v", tc.spec, tc.steps, tc.code, codes(fs))
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(fs[i].Message, w) {
				t.Errorf("%s: %q lacks %q", tc.code, fs[i].Message, w)
			}
		}
	}
}

// TestLintComposeFixJSON: a fix of a child's parameter or of the milestones
// is written as JSON, and its label names the child's parameter.
func TestLintComposeFixJSON(t *testing.T) {
	for _, tc := range []struct {
		spec         string
		steps        int64
		fix, label   string
		fixSpecHolds string
	}{
		{seqSpec("10", warmSpec(5), cosSpec(90)), 100, `"fix":{"schedulers[0].total_iters":10}`, "set schedulers[0].total_iters = 10", `"total_iters":10`},
		{seqSpec("5, 2", warmSpec(2), exp1Spec, exp5Spec), 10, `"fix":{"milestones":[2,5]}`, "set milestones = [2, 5]", `"milestones":[2,5]`},
	} {
		fs, err := Lint(mustParse(t, tc.spec), tc.steps)
		if err != nil || len(fs) == 0 {
			t.Fatalf("%s: %v, %v", tc.spec, fs, err)
		}
		f := fs[len(fs)-1]
		b, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), tc.fix) || f.FixLabel != tc.label || !strings.Contains(string(f.FixSpec), tc.fixSpecHolds) {
			t.Errorf("%s: %s, label %q", tc.spec, b, f.FixLabel)
		}
	}
}
