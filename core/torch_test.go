package core

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
)

// Reference values for the PyTorch kinds come from three places, cited on each row:
//
//   - pytorch/pytorch test/optim/test_lrscheduler.py (commit 01f9ef32): its
//     targets, transcribed with the test's own expressions. That file compares
//     with atol=1e-5; we compare far tighter.
//   - the docstrings in pytorch/pytorch torch/optim/lr_scheduler.py.
//   - "py:" rows: printed by python3 (3.11, float64, glibc's cos and pow) from a
//     line-by-line transcription of get_lr/step in torch/optim/lr_scheduler.py
//     at commit 008f727e (kept below as torchPyRef in a comment), pasted as literals.
//
// Go's math.Cos and math.Pow differ from glibc's in the last bit for some
// arguments, so values with a cosine are compared to 1e-13 relative (the
// differences are about 1e-16 absolute, which near a trough is a larger
// relative one), the others to 1e-15.

// torchPyRef (the transcription used for the "py:" rows), for fresh schedulers
// stepped with scheduler.step():
//
//	def cosine_annealing(lr, T_max, eta_min, n):
//	    out = [lr]; g = lr; base = lr
//	    for last_epoch in range(1, n):
//	        if (last_epoch - 1 - T_max) % (2 * T_max) == 0:
//	            g = g + (base - eta_min) * (1 - math.cos(math.pi / T_max)) / 2
//	        else:
//	            g = ((1 + math.cos(math.pi * last_epoch / T_max))
//	                 / (1 + math.cos(math.pi * (last_epoch - 1) / T_max))
//	                 * (g - eta_min) + eta_min)
//	        out.append(g)
//	    return out
//	def warm_restarts(lr, T_0, T_mult, eta_min, n):
//	    T_i, T_cur = T_0, 0; out = []
//	    for step in range(n):
//	        if step > 0:
//	            T_cur = T_cur + 1
//	            if T_cur >= T_i:
//	                T_cur = T_cur % T_i; T_i = T_i * T_mult
//	        out.append(eta_min + (lr - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2)
//	    return out
//	def onecycle(max_lr, total_steps, n, pct_start=0.3, anneal='cos', div_factor=25.0,
//	             final_div_factor=1e4, three_phase=False):
//	    phases = three-phase or two-phase list of (end_step, start, end) as in __init__
//	    initial_lr = max_lr / div_factor; min_lr = initial_lr / final_div_factor
//	    for step_num in range(n):   # raises ValueError if step_num > total_steps
//	        start_step = 0.0
//	        for i, (end_step, s, e) in enumerate(phases):
//	            if step_num <= end_step or i == len(phases) - 1:
//	                pct = (step_num - start_step) / (end_step - start_step)
//	                out.append(_annealing_cos or _annealing_linear(s, e, pct)); break
//	            start_step = end_step
//	def linear(lr, start_factor, end_factor, total_iters, n):
//	    g = lr
//	    for last_epoch in range(n):
//	        if last_epoch == 0: g = g * start_factor
//	        elif last_epoch > total_iters: pass
//	        else: g = g * (1.0 + (end_factor - start_factor) /
//	                  (total_iters * start_factor + (last_epoch - 1) * (end_factor - start_factor)))
//	        out.append(g)
//	def exponential(lr, gamma, n): out = [lr]; then g = g * gamma per step
//	def polynomial(lr, total_iters, power, n):
//	    out = [lr]; g = lr
//	    for last_epoch in range(1, n):
//	        if last_epoch <= total_iters:
//	            g = g * ((1.0 - last_epoch / total_iters) / (1.0 - (last_epoch - 1) / total_iters)) ** power
//	        out.append(g)

const (
	torchCosTol   = 1e-13 // values with a cosine
	torchPlainTol = 1e-15 // products, quotients and pow
)

// torchSeq checks that the first len(want) values of spec over steps steps are want.
func torchSeq(t *testing.T, spec string, steps int, want []float64, tol float64) {
	t.Helper()
	vals := mustValues(t, spec, steps)
	for i, w := range want {
		if !tolerance(vals[i], w, tol) {
			t.Errorf("%s: step %d = %.17g, want %.17g", spec, i, vals[i], w)
		}
	}
}

func TestTorchCosineAnnealingLRValues(t *testing.T) {
	tests := []struct {
		spec  string
		steps int
		want  map[int]float64
	}{
		// The popular plot: T_max = 20 over 150 epochs. py: cosine_annealing(0.1, 20, 0.0, 150).
		// It does not hold eta_min after step 20: it climbs back to lr at 40, 80, 120.
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20}`, 150, map[int]float64{
			0: 0.1, 1: 0.0993844170297569, 5: 0.08535533905932739, 10: 0.05000000000000001,
			19: 0.0006155829702431171, 20: 0, 21: 0.0006155829702431115, 30: 0.049999999999999975,
			39: 0.09938441702975682, 40: 0.09999999999999995, 41: 0.09938441702975684,
			59: 0.0006155829702431222, 60: 0, 61: 0.0006155829702431115, 80: 0.09999999999999912,
			100: 0, 120: 0.0999999999999991, 149: 0.042178276747990344}},
		// eta_min > 0: py: cosine_annealing(0.1, 7, 0.01, 30).
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":7,"eta_min":0.01}`, 30, map[int]float64{
			0: 0.1, 3: 0.06501344202803415, 7: 0.01, 8: 0.01445640094439114, 10: 0.04498655797196585,
			14: 0.1, 15: 0.09554359905560889, 21: 0.01, 22: 0.01445640094439114, 29: 0.09554359905560965}},
		// Hand-computed: T_max = 2, lr 1: (1 + cos(π/2))/2 = 0.5 at step 1, 0 at step 2,
		// 0 + 1·(1 − cos(π/2))/2 = 0.5 at step 3 (the first branch), then ratio 2/1 · 0.5 = 1 at step 4.
		{`{"kind":"torch.CosineAnnealingLR","lr":1,"T_max":2}`, 7, map[int]float64{
			0: 1, 1: 0.5, 2: 0, 3: 0.5, 4: 1, 5: 0.5, 6: 0}},
	}
	for _, tt := range tests {
		checkPoints(t, tt.spec, tt.steps, tt.want, torchCosTol)
	}
}

func TestTorchCosineAnnealingLRSpecialCases(t *testing.T) {
	seq := func(spec string, steps int, want ...float64) {
		t.Helper()
		torchSeq(t, spec, steps, want, torchCosTol)
	}
	// lr_0 = lr.
	seq(`{"kind":"torch.CosineAnnealingLR","lr":0.3,"T_max":10,"eta_min":0.1}`, 1, 0.3)
	// T_max = 1: lr, eta_min, lr, eta_min, ... py: cosine_annealing(0.1, 1, 0.001, 6), (0.05, 1, 0.0, 6).
	seq(`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1,"eta_min":0.001}`, 6, 0.1, 0.001, 0.1, 0.001, 0.1, 0.001)
	seq(`{"kind":"torch.CosineAnnealingLR","lr":0.05,"T_max":1}`, 6, 0.05, 0, 0.05, 0, 0.05, 0)
	// eta_min = lr: lr at every step.
	seq(`{"kind":"torch.CosineAnnealingLR","lr":0.02,"T_max":3,"eta_min":0.02}`, 8, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02)
	// eta_min > lr: the cosine upside down. py: cosine_annealing(0.01, 4, 0.05, 12).
	seq(`{"kind":"torch.CosineAnnealingLR","lr":0.01,"T_max":4,"eta_min":0.05}`, 12,
		0.01, 0.01585786437626905, 0.030000000000000002, 0.044142135623730955, 0.05, 0.044142135623730955,
		0.030000000000000002, 0.015857864376269043, 0.009999999999999988, 0.015857864376269036, 0.02999999999999999, 0.044142135623730934)
	// lr_{(2k+1)·T_max} = eta_min exactly, at every trough of a long run.
	s := mustParse(t, `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":13,"eta_min":0.003}`)
	vals, _ := s.Values(100000)
	for k := 13; k < len(vals); k += 26 {
		if vals[k] != 0.003 {
			t.Fatalf("step %d = %.17g, want eta_min exactly", k, vals[k])
		}
	}
}

// TestTorchCosineAnnealingLRBelowZero: with eta_min far above lr, PyTorch's
// recursion misses lr at the peaks 2k·T_max by up to about
// eta_min·T_max²·2^-52/3 and can go below 0. We keep its values (the
// decision is in torchCosine's doc): Evaluate gives them bit for bit and
// does not refuse them, and they stay within lowestLR, the bound the
// fuzzers hold every run to.
func TestTorchCosineAnnealingLRBelowZero(t *testing.T) {
	tests := []struct {
		spec  string
		steps int
		want  map[int]float64
	}{
		// py: cosine_annealing(0.1, 20, 1e300, 81) at 20, 21, 39, 40, 41, 80.
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20,"eta_min":1e300}`, 81, map[int]float64{
			20: 1e300, 21: 9.93844170297569e+299, 39: 6.155829702426661e+297, 40: -4.6097524162811275e+285,
			41: 6.155829702426513e+297, 80: 6.096769324758911e+285}},
		// py: cosine_annealing(0.0, 20, 0.1, 81) at 20, 40, 80.
		{`{"kind":"torch.CosineAnnealingLR","lr":0,"T_max":20,"eta_min":0.1}`, 81, map[int]float64{
			20: 0.1, 40: -2.220446049250313e-16, 80: 1.0547118733938987e-15}},
		// py: cosine_annealing(0.0, 7, 0.1, 29) at 14, 28.
		{`{"kind":"torch.CosineAnnealingLR","lr":0,"T_max":7,"eta_min":0.1}`, 29, map[int]float64{
			14: -9.71445146547012e-17, 28: -9.43689570931383e-16}},
	}
	for _, tt := range tests {
		checkPoints(t, tt.spec, tt.steps, tt.want, 0)
	}
	// At far out: py: cosine_annealing(0.0, 10**8, 0.1, 2*10**8 + 1)[2*10**8] is
	// -0.025049824377290725 (29542082 of its steps are below 0). At, the closed
	// form, carries the same rounding of the first step after the trough.
	s := mustParse(t, `{"kind":"torch.CosineAnnealingLR","lr":0,"T_max":100000000,"eta_min":0.1}`)
	if v, want := s.At(2e8, 2e8+1), -0.025049824377290725; !tolerance(v, want, 0.01) {
		t.Errorf("At(2·10^8) = %.17g, want about %.17g", v, want)
	}
	// The bound: the lowest value of whole runs.
	for _, spec := range []string{
		`{"kind":"torch.CosineAnnealingLR","lr":0,"T_max":7,"eta_min":0.1}`,
		`{"kind":"torch.CosineAnnealingLR","lr":0,"T_max":20,"eta_min":0.1}`,
		`{"kind":"torch.CosineAnnealingLR","lr":1e-9,"T_max":1000,"eta_min":0.1}`,
		`{"kind":"torch.CosineAnnealingLR","lr":0,"T_max":30000,"eta_min":1e300}`,
	} {
		s := mustParse(t, spec)
		const n = 1000000
		vals := mustValues(t, spec, n)
		lowest := lowestLR(s, n)
		for i, v := range vals {
			if v < lowest {
				t.Errorf("%s: step %d = %g, below %g", spec, i, v, lowest)
				break
			}
		}
		for _, i := range []int64{2 * s.curve.(*torchCosine).tMax, n - 1} {
			if v := s.At(i, n); v < lowest {
				t.Errorf("%s: At(%d) = %g, below %g", spec, i, v, lowest)
			}
		}
	}
}

// PyTorch's own tests of CosineAnnealingLR.
func TestTorchCosineAnnealingLRPyTorchTests(t *testing.T) {
	// test_cos_anneal_lr: lr 0.05, T_max = 10, eta_min = 1e-10, targets
	// eta_min + (0.05 - eta_min) * (1 + math.cos(math.pi * x / epochs)) / 2 for x in range(10).
	eta := 1e-10
	want := make([]float64, 10)
	for x := range want {
		want[x] = eta + (0.05-eta)*(1+math.Cos(math.Pi*float64(x)/10))/2
	}
	torchSeq(t, `{"kind":"torch.CosineAnnealingLR","lr":0.05,"T_max":10,"eta_min":1e-10}`, 10, want, torchCosTol)

	// test_closed_form_cos_anneal_lr: T_max = 5, eta_min = 1e-10, 20 epochs (past
	// T_max): the recursion matches _get_closed_form_lr, the same cosine.
	vals := mustValues(t, `{"kind":"torch.CosineAnnealingLR","lr":0.05,"T_max":5,"eta_min":1e-10}`, 20)
	for x, v := range vals {
		w := eta + (0.05-eta)*(1+math.Cos(math.Pi*float64(x)/5))/2
		if !tolerance(v, w, 1e-12) {
			t.Errorf("step %d = %.17g, closed form %.17g", x, v, w)
		}
	}
}

func TestTorchCosineAnnealingLRZeroDivision(t *testing.T) {
	// With T_max = 3e8, 1 + math.cos(math.pi * (T_max-1) / T_max) is 0.0 in
	// Python (py: prints 0.0), so PyTorch divides by zero at step T_max.
	// For T_max = 1e9 the zeros start at T_max − 2: py: binary search with
	// Python's cos gives step 999999998. 2^27 and 2^28 have no zero (py).
	tests := []struct {
		tMax, crash int64
	}{
		{300000000, 300000000},
		{1000000000, 999999998},
		{1 << 27, 0},
		{1 << 28, 0},
	}
	for _, tt := range tests {
		s := mustParse(t, `{"kind":"torch.CosineAnnealingLR","T_max":`+strconv.FormatInt(tt.tMax, 10)+`}`)
		if tt.crash == 0 {
			if err := s.CheckSteps(MaxSteps); err != nil {
				t.Errorf("T_max %d: %v", tt.tMax, err)
			}
			for _, i := range []int64{tt.tMax + 1, tt.tMax + 2, 3*tt.tMax + 2, MaxSteps - 1} {
				if v := s.At(i, MaxSteps); math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					t.Errorf("T_max %d: At(%d) = %v", tt.tMax, i, v)
				}
			}
			continue
		}
		if err := s.CheckSteps(tt.crash); err != nil {
			t.Errorf("T_max %d: CheckSteps(%d) = %v, want nil", tt.tMax, tt.crash, err)
		}
		torchWantErr(t, "T_max "+strconv.FormatInt(tt.tMax, 10), s.CheckSteps(tt.crash+1), "steps")
	}
}

func TestTorchCosineAnnealingWarmRestartsValues(t *testing.T) {
	tests := []struct {
		spec  string
		steps int
		want  map[int]float64
	}{
		// py: warm_restarts(0.1, 10, 2, 0.001, 160): cycles of 10, 20, 40, 80 steps from 0, 10, 30, 70, 150.
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2,"eta_min":0.001}`, 160, map[int]float64{
			0: 0.1, 1: 0.09757729755661011, 5: 0.0505, 9: 0.0034227024433899004, 10: 0.1,
			11: 0.09939057285945932, 20: 0.0505, 29: 0.001609427140540686, 30: 0.1,
			69: 0.0011525919802101658, 70: 0.1, 149: 0.0010381627060842165, 150: 0.1, 159: 0.09922911512044964}},
		// Hand-computed: T_0 = 4, lr 1: (1 + cos(π·T_cur/4))/2 = 1, 0.8535…, 0.5, 0.1464…, then 1 again.
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":1,"T_0":4}`, 9, map[int]float64{
			0: 1, 1: (1 + math.Sqrt2/2) / 2, 2: 0.5, 3: (1 - math.Sqrt2/2) / 2, 4: 1, 6: 0.5, 8: 1}},
	}
	for _, tt := range tests {
		checkPoints(t, tt.spec, tt.steps, tt.want, torchCosTol)
	}
}

// PyTorch's test_CosineAnnealingWarmRestarts_lr1, parametrized over T_mult 1, 2, 4:
// lr 0.05 and 0.5, T_0 = 10, eta_min = 1e-10, 100 iterations; targets from the
// test's own T_cur loop.
func TestTorchCosineAnnealingWarmRestartsPyTorchTest(t *testing.T) {
	for _, tMult := range []int{1, 2, 4} {
		for _, lr := range []float64{0.05, 0.5} {
			eta := 1e-10
			tI, tCur := 10, 0
			want := []float64{lr}
			for i := 1; i < 100; i++ {
				tCur++
				if tCur >= tI {
					tCur = tCur - tI
					tI = tMult * tI
				}
				want = append(want, eta+(lr-eta)*(1+math.Cos(math.Pi*float64(tCur)/float64(tI)))/2)
			}
			spec := `{"kind":"torch.CosineAnnealingWarmRestarts","lr":` + formatFloat(lr) +
				`,"T_0":10,"T_mult":` + strconv.Itoa(tMult) + `,"eta_min":1e-10}`
			torchSeq(t, spec, 100, want, torchCosTol)
		}
	}
}

func TestTorchCosineAnnealingWarmRestartsSpecialCases(t *testing.T) {
	seq := func(spec string, steps int, want ...float64) {
		t.Helper()
		torchSeq(t, spec, steps, want, torchCosTol)
	}
	// lr at the first step of every cycle; the last step has T_cur = T_i − 1, never eta_min.
	// py: warm_restarts(0.1, 3, 1, 0.0, 7).
	seq(`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":3}`, 7,
		0.1, 0.07500000000000001, 0.025000000000000012, 0.1, 0.07500000000000001, 0.025000000000000012, 0.1)
	// T_0 = 1, T_mult = 1: lr at every step.
	seq(`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":1}`, 5, 0.1, 0.1, 0.1, 0.1, 0.1)
	// T_0 = 1, T_mult = 3: cycles of 1, 3, 9. py: warm_restarts(0.1, 1, 3, 0.0, 6).
	seq(`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":1,"T_mult":3}`, 6,
		0.1, 0.1, 0.07500000000000001, 0.025000000000000012, 0.1, 0.09698463103929543)
	// eta_min = lr: lr at every step.
	seq(`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":3,"eta_min":0.1}`, 4, 0.1, 0.1, 0.1, 0.1)
	// eta_min > lr: each cycle rises. py: warm_restarts(0.01, 4, 1, 0.05, 6).
	seq(`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.01,"T_0":4,"eta_min":0.05}`, 6,
		0.010000000000000002, 0.01585786437626905, 0.030000000000000002, 0.044142135623730955, 0.010000000000000002, 0.01585786437626905)
}

// At far out in a run: the cycle is found in O(log) steps with exact integers.
// py: the same T_cur/T_i loop in Python integers (T_mult = 1: i % T_0), then
// eta_min + (lr - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2.
func TestTorchCosineAnnealingWarmRestartsFar(t *testing.T) {
	const i = MaxSteps - 1 // 999999999999
	tests := []struct {
		spec string
		want float64
	}{
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":7,"T_mult":3}`, 0.09999165643031832},                // T_cur 11496622319, T_i 1977006755367
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":1,"T_mult":2}`, 0.007868875702825835},               // T_cur 450244186112, T_i 2^39
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":5,"eta_min":0.001}`, 0.010453658778440109},          // T_cur 4, T_i 5
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":1000,"T_mult":1099511627776}`, 0.09999979590150392}, // T_i = 1000·2^40 > 10^12
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":3,"T_mult":4503599627370496}`, 0.09999999864830816}, // T_i = 3·2^52 > 2^53
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":9007199254740992,"T_mult":9007199254740992}`, 0.09999999695869338},
	}
	for _, tt := range tests {
		s := mustParse(t, tt.spec)
		if got := s.At(i, MaxSteps); !tolerance(got, tt.want, torchCosTol) {
			t.Errorf("%s: At(%d) = %.17g, want %.17g", tt.spec, int64(i), got, tt.want)
		}
	}
	// py: warm_restarts with T_0 = 999999, T_mult = 2 at step 10^12 − 3: T_cur 475713524284, T_i 524287475712.
	s := mustParse(t, `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":999999,"T_mult":2}`)
	if got, want := s.At(MaxSteps-3, MaxSteps), 0.002103001093780871; !tolerance(got, want, torchCosTol) {
		t.Errorf("At = %.17g, want %.17g", got, want)
	}
}

func TestTorchOneCycleLRPyTorchTests(t *testing.T) {
	annealingCos := func(start, end, pct float64) float64 { // as in the test file
		cosOut := math.Cos(math.Pi*pct) + 1
		return end + (start-end)/2.0*cosOut
	}
	tests := []struct {
		name, spec string
		want       []float64
		tol        float64
	}{
		// test_onecycle_lr_linear_annealing (and test_cycle_lr_with_adam).
		{"linear", `{"kind":"torch.OneCycleLR","max_lr":25,"final_div_factor":2,"total_steps":10,"anneal_strategy":"linear"}`,
			[]float64{1, 13, 25, 21.5, 18, 14.5, 11, 7.5, 4, 0.5}, 0},
		// test_onecycle_lr_linear_annealing_three_phases.
		{"linear three-phase", `{"kind":"torch.OneCycleLR","max_lr":25,"div_factor":25,"total_steps":10,"anneal_strategy":"linear","pct_start":0.4,"final_div_factor":4,"three_phase":true}`,
			[]float64{1, 9, 17, 25, 17, 9, 1, 0.75, 0.5, 0.25}, 0},
		// test_onecycle_lr_cosine_annealing.
		{"cos", `{"kind":"torch.OneCycleLR","max_lr":25,"final_div_factor":2,"total_steps":10}`,
			[]float64{1, 13, 25, annealingCos(25, 0.5, 1/7.0), annealingCos(25, 0.5, 2/7.0), annealingCos(25, 0.5, 3/7.0),
				annealingCos(25, 0.5, 4/7.0), annealingCos(25, 0.5, 5/7.0), annealingCos(25, 0.5, 6/7.0), 0.5}, torchCosTol},
	}
	for _, tt := range tests {
		torchSeq(t, tt.spec, 10, tt.want, tt.tol)
	}
}

func TestTorchOneCycleLRValues(t *testing.T) {
	seq := func(spec string, steps int, want ...float64) {
		t.Helper()
		torchSeq(t, spec, steps, want, torchCosTol)
	}
	// Step total_steps, past the last phase: the cosine turns back up. py: onecycle(25, 10, 11, final_div_factor=2).
	seq(`{"kind":"torch.OneCycleLR","max_lr":25,"final_div_factor":2,"total_steps":10}`, 11,
		1.0, 13.0, 25.0, 23.786868631804634, 20.387750072769485, 15.475881440964852, 10.024118559035148,
		5.112249927230515, 1.7131313681953668, 0.5, 1.7131313681953655)
	// Three phases with cosine. py: onecycle(25, 10, 11, pct_start=0.4, final_div_factor=4, three_phase=True).
	seq(`{"kind":"torch.OneCycleLR","max_lr":25,"total_steps":10,"pct_start":0.4,"final_div_factor":4,"three_phase":true}`, 11,
		1.0, 7.0, 18.999999999999996, 25.0, 19.0, 7.000000000000003, 1.0, 0.8125, 0.4375000000000001, 0.25, 0.43749999999999983)
	// Defaults over 1000 steps (+1). py: onecycle(0.1, 1000, 1001). Step 0 is
	// 0.1 + (0.004 − 0.1)/2.0·2, which rounds to 0.0040000000000000036.
	checkPoints(t, `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, 1001, map[int]float64{
		0: 0.0040000000000000036, 1: 0.00400264950421679, 150: 0.05225216681225469, 298: 0.09999735049578322,
		299: 0.1, 300: 0.09999949645161448, 301: 0.09999798581660033, 500: 0.08099881015401794,
		998: 9.035483855369959e-07, 999: 4e-07, 1000: 9.035483855369959e-07}, torchCosTol)
	// epochs·steps_per_epoch = 1000 gives the same run.
	checkPoints(t, `{"kind":"torch.OneCycleLR","max_lr":0.1,"epochs":10,"steps_per_epoch":100}`, 1001, map[int]float64{
		0: 0.0040000000000000036, 299: 0.1, 999: 4e-07, 1000: 9.035483855369959e-07}, torchCosTol)
	// total_steps takes precedence over epochs and steps_per_epoch.
	checkPoints(t, `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000,"epochs":3,"steps_per_epoch":7}`, 1001, map[int]float64{
		299: 0.1, 999: 4e-07}, torchCosTol)
}

func TestTorchOneCycleLRSpecialCases(t *testing.T) {
	seq := func(spec string, steps int, want ...float64) {
		t.Helper()
		torchSeq(t, spec, steps, want, torchCosTol)
	}
	// lr_0 = max_lr/div_factor exactly with linear (1 with max_lr 25); lr_{T−1} = min_lr: the PyTorch tests above.
	// total_steps = 1: step 0 is already in the last phase at pct = 1. py: onecycle(0.1, 1, 2).
	seq(`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1}`, 2, 4e-07, 0.06112620219362891)
	// pct_start = 0: no warm-up. py: onecycle(0.1, 10, 11, pct_start=0.0).
	seq(`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0}`, 11,
		0.09755283560345443, 0.0904508879153485, 0.0793893450575732, 0.0654509879153485, 0.0500002, 0.03454941208465151,
		0.02061105494242681, 0.009549512084651508, 0.0024475643965455826, 4e-07, 0.0024475643965455826)
	// pct_start·T = 0.5 < 1: no warm-up either. py: onecycle(0.1, 10, 11, pct_start=0.05).
	seq(`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0.05}`, 11,
		0.09931806789787544, 0.09397371166557421, 0.08386414312497274, 0.07008489089356355, 0.05412915075774753,
		0.037725974740057476, 0.022652901483510294, 0.010543332358282207, 0.0027095270784166085, 4e-07, 0.0027095270784166137)
	// pct_start = 1: all warm-up; step T would divide by zero. py: onecycle(0.1, 10, 10, pct_start=1.0).
	seq(`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":1}`, 10,
		0.0040000000000000036, 0.006894754202276393, 0.01522986673028906, 0.027999999999999997, 0.04366488747198734,
		0.06033511252801266, 0.076, 0.08877013326971095, 0.0971052457977236, 0.1)
	// three_phase with pct_start > 0.5: the second phase runs past T − 1. py: onecycle(0.1, 10, 11, pct_start=0.8, three_phase=True).
	seq(`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0.8,"three_phase":true}`, 11,
		0.0040000000000000036, 0.008753494340683884, 0.022072489510780793, 0.04131899517009691, 0.0626810048299031,
		0.08192751048921922, 0.09524650565931612, 0.1, 0.09524650565931612, 0.08192751048921922, 0.06268100482990309)
	// three_phase with pct_start·T < 1: only the third phase, from start_step 2·0.5 − 2 = −1. py: onecycle(0.1, 10, 11, pct_start=0.05, three_phase=True).
	seq(`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0.05,"three_phase":true}`, 11,
		0.003902122821287048, 0.0036180721853510196, 0.0031756529475344877, 0.0026181721853510195, 0.0020001999999999997,
		0.0013822278146489802, 0.0008247470524655124, 0.0003823278146489803, 9.827717871295196e-05, 4e-07, 9.827717871295196e-05)
	// div_factor < 1: the "warm-up" goes down. py: onecycle(0.1, 10, 11, div_factor=0.5, final_div_factor=4).
	seq(`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"div_factor":0.5,"final_div_factor":4}`, 11,
		0.2, 0.15000000000000002, 0.1, 0.09752422169756048, 0.09058724504646834, 0.08056302334890786, 0.06943697665109215,
		0.05941275495353167, 0.052475778302439526, 0.05, 0.052475778302439526)
}

func TestTorchOneCycleLRSteps(t *testing.T) {
	tests := []struct {
		spec  string
		ok    int64 // the longest run
		param string
		wants []string // in the message
	}{
		// PyTorch raises ValueError at step total_steps + 1.
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, 1001, "steps", nil},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"epochs":10,"steps_per_epoch":100}`, 1001, "steps", nil},
		// pct_start = 1: the last phase has zero length; step T divides by zero (py: ZeroDivisionError).
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":1}`, 10, "steps", []string{"ZeroDivisionError"}},
		// Linear overshoots to a negative lr at step T: py: onecycle(25, 10, 11, anneal='linear', final_div_factor=2)[10] = -3.0.
		{`{"kind":"torch.OneCycleLR","max_lr":25,"final_div_factor":2,"total_steps":10,"anneal_strategy":"linear"}`, 10, "steps",
			[]string{"one step past", "lr = -3", "without raising", "at most 10 steps"}},
	}
	for _, tt := range tests {
		s := mustParse(t, tt.spec)
		if err := s.CheckSteps(tt.ok); err != nil {
			t.Errorf("%s: CheckSteps(%d) = %v", tt.spec, tt.ok, err)
		}
		err := s.CheckSteps(tt.ok + 1)
		torchWantErr(t, tt.spec, err, tt.param)
		for _, w := range tt.wants {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%s: CheckSteps(%d) = %v, want a message with %q", tt.spec, tt.ok+1, err, w)
			}
		}
		if _, err := s.Values(int(tt.ok + 1)); err == nil {
			t.Errorf("%s: Values(%d) succeeded", tt.spec, tt.ok+1)
		}
	}
}

func TestTorchLinearLRValues(t *testing.T) {
	tests := []struct {
		name, spec string
		want       []float64
	}{
		// test_linearlr: lr 0.05, start_factor 1/2, total_iters 4: 0.025, 0.03125, 0.0375, 0.04375, then 0.05.
		{"test_linearlr", `{"kind":"torch.LinearLR","lr":0.05,"start_factor":0.5,"total_iters":4}`,
			[]float64{0.025, 0.03125, 0.0375, 0.04375, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05}},
		// test_get_last_lr_linearlr: start_factor 1/4, end_factor 3/5, total_iters 4; targets
		// [x * 0.05 for start + i*(end - start)/iters] + [0.05 * end_factor] * 6.
		{"test_get_last_lr_linearlr", `{"kind":"torch.LinearLR","lr":0.05,"start_factor":0.25,"end_factor":0.6,"total_iters":4}`,
			[]float64{0.25 * 0.05, (0.25 + 0.35/4) * 0.05, (0.25 + 2*0.35/4) * 0.05, (0.25 + 3*0.35/4) * 0.05, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03}},
		// test_chained_lr2: start_factor 0.4, total_iters 3: [0.02, 0.03, 0.04] + [0.05] * 9.
		{"test_chained_lr2", `{"kind":"torch.LinearLR","lr":0.05,"start_factor":0.4,"total_iters":3}`,
			[]float64{0.02, 0.03, 0.04, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05}},
		// The LinearLR docstring (start_factor 0.05, total_iters 40, lr 0.05) lists
		// 0.003687, 0.004875, 0.006062, 0.00725 as "epoch 0..3": they are steps 1..4
		// here (step 0 is 0.05·0.05 = 0.0025). py: linear(0.05, 0.05, 1.0, 40, 6).
		{"docstring", `{"kind":"torch.LinearLR","lr":0.05,"start_factor":0.05,"total_iters":40}`,
			[]float64{0.0025000000000000005, 0.003687500000000001, 0.004875000000000002, 0.006062500000000002, 0.007250000000000002}},
		// Defaults: start_factor 1/3, total_iters 5. py: linear(0.1, 1/3, 1.0, 5, 8).
		{"defaults", `{"kind":"torch.LinearLR"}`,
			[]float64{0.03333333333333333, 0.04666666666666667, 0.060000000000000005, 0.07333333333333335, 0.08666666666666668, 0.1, 0.1, 0.1}},
	}
	for _, tt := range tests {
		n := len(tt.want)
		torchSeq(t, tt.spec, n, tt.want, 1e-15)
	}
	// Exact agreement with the recursion's rounding: py rows.
	seqExact := func(spec string, steps int, want ...float64) {
		t.Helper()
		torchSeq(t, spec, steps, want, 0)
	}
	// test_closed_form_linearlr's scheduler: start 1/3, end 0.7, total_iters 4. py: linear(0.05, 1/3, 0.7, 4, 8).
	seqExact(`{"kind":"torch.LinearLR","lr":0.05,"start_factor":0.3333333333333333,"end_factor":0.7,"total_iters":4}`, 8,
		0.016666666666666666, 0.021249999999999998, 0.02583333333333333, 0.030416666666666665, 0.034999999999999996,
		0.034999999999999996, 0.034999999999999996, 0.034999999999999996)
	seqExact(`{"kind":"torch.LinearLR","lr":0.05,"start_factor":0.4,"total_iters":3}`, 5,
		0.020000000000000004, 0.030000000000000006, 0.04000000000000001, 0.05000000000000001, 0.05000000000000001)
}

func TestTorchLinearLRSpecialCases(t *testing.T) {
	seq := func(spec string, steps int, want ...float64) {
		t.Helper()
		torchSeq(t, spec, steps, want, 0)
	}
	// lr_0 = lr·start_factor; held from total_iters on: the rows above.
	// total_iters = 0: lr·start_factor for ever.
	seq(`{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.5,"total_iters":0}`, 3, 0.05, 0.05, 0.05)
	// start_factor = end_factor: constant.
	seq(`{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.5,"end_factor":0.5,"total_iters":4}`, 6, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05)
	// end_factor = 0 with start_factor 1: the last factor is exactly 0. py: linear(0.1, 1.0, 0.0, 4, 6).
	seq(`{"kind":"torch.LinearLR","lr":0.1,"start_factor":1,"end_factor":0,"total_iters":4}`, 6,
		0.1, 0.07500000000000001, 0.05000000000000001, 0.025000000000000005, 0, 0)
	// end_factor = 0 with start_factor 1/3, total_iters 3: rounding leaves +1.2e-18. py: linear(0.1, 1/3, 0.0, 3, 5).
	seq(`{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.3333333333333333,"end_factor":0,"total_iters":3}`, 5,
		0.03333333333333333, 0.022222222222222223, 0.011111111111111112, 1.2335811384723962e-18, 1.2335811384723962e-18)
	// ... and with total_iters 4, −1.85e-18 (py: linear(0.1, 1/3, 0.0, 4, 6)): runs that reach step 4 are an error.
	s := mustParse(t, `{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.3333333333333333,"end_factor":0,"total_iters":4}`)
	if err := s.CheckSteps(4); err != nil {
		t.Errorf("CheckSteps(4) = %v", err)
	}
	v, _ := s.Values(4)
	for i, w := range []float64{0.03333333333333333, 0.025, 0.01666666666666667, 0.008333333333333335} {
		if v[i] != w {
			t.Errorf("step %d = %.17g, want %.17g", i, v[i], w)
		}
	}
	torchWantErr(t, "negative LinearLR", s.CheckSteps(5), "end_factor")
	// At agrees with the recursion there: it applies the same last factor.
	if got := s.At(4, 5); !tolerance(got, -1.8503717077085946e-18, 1e-15) {
		t.Errorf("At(4) = %.17g, want the recursion's −1.8503717077085946e-18", got)
	}
}

func TestTorchExponentialLRValues(t *testing.T) {
	// test_exp_lr: [0.05 * (0.9**x) for x in range(10)], which the product matches to rounding.
	want := make([]float64, 10)
	for x := range want {
		want[x] = 0.05 * math.Pow(0.9, float64(x))
	}
	torchSeq(t, `{"kind":"torch.ExponentialLR","lr":0.05,"gamma":0.9}`, 10, want, 1e-15)
	// The product exactly as PyTorch rounds it. py: exponential(0.05, 0.9, 10).
	torchSeq(t, `{"kind":"torch.ExponentialLR","lr":0.05,"gamma":0.9}`, 10, []float64{
		0.05, 0.045000000000000005, 0.04050000000000001, 0.03645000000000001, 0.03280500000000001, 0.02952450000000001,
		0.02657205000000001, 0.02391484500000001, 0.021523360500000012, 0.01937102445000001}, 0)
	// Special cases: gamma = 0 gives lr then 0; gamma = 1 holds lr.
	torchSeq(t, `{"kind":"torch.ExponentialLR","lr":0.05,"gamma":0}`, 4, []float64{0.05, 0, 0, 0}, 0)
	torchSeq(t, `{"kind":"torch.ExponentialLR","lr":0.05,"gamma":1}`, 4, []float64{0.05, 0.05, 0.05, 0.05}, 0)
	// gamma > 1: lr·gamma^(steps−1) ≤ 1e300. lr 1, gamma 10: step 299 is 1e299, fine; step 301 is 1e301.
	s := mustParse(t, `{"kind":"torch.ExponentialLR","lr":1,"gamma":10}`)
	if err := s.CheckSteps(300); err != nil {
		t.Errorf("CheckSteps(300) = %v", err)
	}
	torchWantErr(t, "gamma 10", s.CheckSteps(302), "steps")
	// gamma = 2, lr 0.1: 0.1·2^s ≤ 1e300 up to s = 999 (0.1·2^999 ≈ 5.4e299; 2^1000·0.1 ≈ 1.07e300).
	s = mustParse(t, `{"kind":"torch.ExponentialLR","lr":0.1,"gamma":2}`)
	if err := s.CheckSteps(1000); err != nil {
		t.Errorf("CheckSteps(1000) = %v", err)
	}
	torchWantErr(t, "gamma 2", s.CheckSteps(1001), "steps")
	// gamma barely above 1 over the longest run: fine.
	s = mustParse(t, `{"kind":"torch.ExponentialLR","lr":0.1,"gamma":1.0000000001}`)
	if err := s.CheckSteps(MaxSteps); err != nil {
		t.Errorf("CheckSteps(MaxSteps) = %v", err)
	}
	// py: float(Decimal(0.1) * Decimal(1.0000000001) ** 999999999999) with 60 digits.
	if v, w := s.At(MaxSteps-1, MaxSteps), 2.688139369779597e+42; !tolerance(v, w, 1e-15) {
		t.Errorf("At(10^12−1) = %v, want %v", v, w)
	}
}

// torchScaledPow is lr·gamma^k rounded about once, where Go's math.Pow loses up
// to k ulps. Want: py: float(Decimal(lr) * Decimal(gamma) ** k), 60 digits.
func TestTorchScaledPow(t *testing.T) {
	tests := []struct {
		lr, gamma float64
		k         int64
		want      float64
	}{
		{0.1, 1.0000000001, 999999999999, 2.688139369779597e+42},
		{0.1, 0.95, 1000, 5.2918227477448005e-24},
		{0.1, 0.9, 7000, 5e-322},
		{0.05, 0.9, 9, 0.019371024450000007},
		{0.1, 0.99999, 999999, 4.5398113790817014e-06},
		{3.7, 1.01, 50000, 4.3340194520182824e+216},
		{0.1, 0.5, 1074, 0},
		{1, 0.999999999999, 999999999999, 0.36788757938767763},
		{0.1, 0, 0, 0.1},
		{0.1, 0, 5, 0},
		{0.1, 1, MaxSteps, 0.1},
		{0.1, 0.5, 3, 0.0125},
		{0.1, 1e-300, 1 << 40, 0},
	}
	for _, tt := range tests {
		if got := torchScaledPow(tt.lr, tt.gamma, tt.k); !tolerance(got, tt.want, 2.3e-16) {
			t.Errorf("torchScaledPow(%v, %v, %d) = %.17g, want %.17g", tt.lr, tt.gamma, tt.k, got, tt.want)
		}
	}
}

func TestTorchPolynomialLRValues(t *testing.T) {
	// test_poly_lr: [(1.0 - x / total_iters) ** power * 0.05 for x in range(5)] + [0.0] * 5, power 0.9.
	want := []float64{}
	for x := 0; x < 5; x++ {
		want = append(want, math.Pow(1.0-float64(x)/5, 0.9)*0.05)
	}
	want = append(want, 0, 0, 0, 0, 0)
	torchSeq(t, `{"kind":"torch.PolynomialLR","lr":0.05,"total_iters":5,"power":0.9}`, 10, want, 1e-15)
	// py: polynomial(0.05, 5, 0.9, 10), the recursion's own rounding.
	torchSeq(t, `{"kind":"torch.PolynomialLR","lr":0.05,"total_iters":5,"power":0.9}`, 10, []float64{
		0.05, 0.04090260730254292, 0.031572293374467764, 0.021919164527704347, 0.011746189430880188, 0, 0, 0, 0, 0}, 1e-15)
	// The current docstring (lr 0.05, total_iters 50, power 0.9) lists 0.0490, 0.0481,
	// 0.0472 as "epoch 0..2": they are steps 1..3 here. py: polynomial(0.05, 50, 0.9, 4).
	torchSeq(t, `{"kind":"torch.PolynomialLR","lr":0.05,"total_iters":50,"power":0.9}`, 4, []float64{
		0.05, 0.049099093329828765, 0.04819634606292755, 0.04729171596893161}, 1e-15)
	// The older docstring (commit 91a8950d): lr 0.001, total_iters 4, power 1:
	// 0.001, 0.00075, 0.0005, 0.00025, then 0.0.
	torchSeq(t, `{"kind":"torch.PolynomialLR","lr":0.001,"total_iters":4}`, 6, []float64{0.001, 0.00075, 0.0005, 0.00025, 0, 0}, 0)
	// py: polynomial(0.1, 80, 2.0, 100) at 1, 40, 79, 80, 99.
	checkPoints(t, `{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":80,"power":2}`, 100, map[int]float64{
		1: 0.09751562500000001, 40: 0.02500000000000001, 79: 1.5624999999999895e-05, 80: 0, 99: 0}, 1e-15)
	// Special cases: power = 0 and total_iters = 0 hold lr.
	torchSeq(t, `{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":3,"power":0}`, 5, []float64{0.1, 0.1, 0.1, 0.1, 0.1}, 0)
	torchSeq(t, `{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":0,"power":2}`, 3, []float64{0.1, 0.1, 0.1}, 0)
}

// torchWantErr checks that err is an *Error about param.
func torchWantErr(t *testing.T, what string, err error, param string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s: error %v, want an *Error about %q", what, err, param)
		return
	}
	if e.Param != param {
		t.Errorf("%s: error about %q (%v), want %q", what, e.Param, e, param)
	}
}

func TestTorchErrors(t *testing.T) {
	tests := []struct {
		spec, param string
	}{
		// Ranges.
		{`{"kind":"torch.CosineAnnealingLR"}`, "T_max"},
		{`{"kind":"torch.CosineAnnealingLR","T_max":0}`, "T_max"}, // PyTorch: ZeroDivisionError at the first step
		{`{"kind":"torch.CosineAnnealingLR","T_max":2.5}`, "T_max"},
		{`{"kind":"torch.CosineAnnealingLR","T_max":10,"lr":-0.1}`, "lr"},
		{`{"kind":"torch.CosineAnnealingLR","T_max":10,"eta_min":-0.01}`, "eta_min"},
		{`{"kind":"torch.CosineAnnealingWarmRestarts"}`, "T_0"},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","T_0":0}`, "T_0"},                // PyTorch: ValueError
		{`{"kind":"torch.CosineAnnealingWarmRestarts","T_0":10,"T_mult":0}`, "T_mult"}, // PyTorch: ValueError
		{`{"kind":"torch.CosineAnnealingWarmRestarts","T_0":10,"T_mult":1.5}`, "T_mult"},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","T_0":10,"eta_min":-1}`, "eta_min"},
		{`{"kind":"torch.OneCycleLR","total_steps":10}`, "max_lr"},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1}`, "total_steps"},                                // test_onecycle_lr_cannot_calculate_total_steps
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"epochs":10}`, "total_steps"},                    // steps_per_epoch missing
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":0}`, "total_steps"},                // PyTorch: ValueError
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":1.1}`, "pct_start"}, // test_onecycle_lr_invalid_pct_start
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":-0.1}`, "pct_start"},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"anneal_strategy":"CATS"}`, "anneal_strategy"}, // test_onecycle_lr_invalid_anneal_strategy
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"div_factor":0}`, "div_factor"},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"final_div_factor":-1}`, "final_div_factor"},
		{`{"kind":"torch.OneCycleLR","max_lr":-0.1,"total_steps":10}`, "max_lr"},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"epochs":0,"steps_per_epoch":10}`, "epochs"},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"epochs":10,"steps_per_epoch":0}`, "steps_per_epoch"},
		// Cross-parameter checks.
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"epochs":9007199254740992,"steps_per_epoch":2}`, "steps_per_epoch"},
		{`{"kind":"torch.OneCycleLR","max_lr":1e300,"total_steps":10,"div_factor":1e-10}`, "div_factor"},
		{`{"kind":"torch.OneCycleLR","max_lr":1e300,"total_steps":10,"div_factor":1,"final_div_factor":1e-10}`, "final_div_factor"},
		// pct_start·total_steps = 1: PyTorch raises ZeroDivisionError when built (py: onecycle(0.1, 10, 1, pct_start=0.1)).
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0.1}`, "pct_start"},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0.1,"three_phase":true}`, "pct_start"},
		// start_factor so small that the first step's (end − start)/(total·start) overflows: PyTorch
		// gives nan (py: linear(0.1, 5e-324, 1.0, 50, 3) is 0.0, nan, nan) or inf (lr 1e300, 1e-320).
		{`{"kind":"torch.LinearLR","start_factor":5e-324,"total_iters":50,"end_factor":1}`, "start_factor"},
		{`{"kind":"torch.LinearLR","lr":1e300,"start_factor":1e-320,"total_iters":50,"end_factor":1}`, "start_factor"},
		{`{"kind":"torch.LinearLR","start_factor":0}`, "start_factor"},   // test_linearlr_start_factor_limits1
		{`{"kind":"torch.LinearLR","start_factor":1.1}`, "start_factor"}, // test_linearlr_start_factor_limits2
		{`{"kind":"torch.LinearLR","end_factor":1.5}`, "end_factor"},
		{`{"kind":"torch.LinearLR","end_factor":-0.5}`, "end_factor"},
		{`{"kind":"torch.LinearLR","total_iters":-1}`, "total_iters"},
		{`{"kind":"torch.ExponentialLR"}`, "gamma"},
		{`{"kind":"torch.ExponentialLR","gamma":-0.5}`, "gamma"},
		{`{"kind":"torch.PolynomialLR","power":-1}`, "power"},
		{`{"kind":"torch.PolynomialLR","total_iters":-1}`, "total_iters"},
		{`{"kind":"torch.PolynomialLR","T_max":5}`, "T_max"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.spec))
		torchWantErr(t, tt.spec, err, tt.param)
	}
	// The smallest start_factor whose first step stays finite runs as PyTorch does.
	// py: linear(0.1, 5e-310, 1.0, 50, 52) at 0, 1, 2, 25, 50, 51.
	checkPoints(t, `{"kind":"torch.LinearLR","lr":0.1,"start_factor":5e-310,"end_factor":1,"total_iters":50}`, 52,
		map[int]float64{0: 5e-311, 1: 0.002000000000000099, 2: 0.004000000000000198, 25: 0.05000000000000248,
			50: 0.100000000000005, 51: 0.100000000000005}, 0)
	// ExponentialLR at the largest lr with gamma > 1: one step, no more.
	s := mustParse(t, `{"kind":"torch.ExponentialLR","lr":1e300,"gamma":1.5}`)
	if err := s.CheckSteps(1); err != nil {
		t.Errorf("lr 1e300: CheckSteps(1) = %v", err)
	}
	torchWantErr(t, "lr 1e300", s.CheckSteps(2), "steps")
}

func TestTorchEvents(t *testing.T) {
	tests := []struct {
		spec  string
		steps int64
		want  []Event
	}{
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20}`, 150,
			[]Event{{20, Trough}, {40, Peak}, {60, Trough}, {80, Peak}, {100, Trough}, {120, Peak}, {140, Trough}}},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.01,"T_max":4,"eta_min":0.05}`, 12,
			[]Event{{4, Peak}, {8, Trough}}},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":5,"eta_min":0.1}`, 30, nil},
		// Cycles of 10, 20, 40, 80 steps.
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2}`, 160,
			[]Event{{10, Restart}, {30, Restart}, {70, Restart}, {150, Restart}}},
		// Cycles of 1, 3, 9, 27: no restart after the one-step cycle.
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":1,"T_mult":3}`, 100,
			[]Event{{4, Restart}, {13, Restart}, {40, Restart}}},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":1}`, 100, nil},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":30}`, 100,
			[]Event{{30, Restart}, {60, Restart}, {90, Restart}}},
		// Phase 1 ends at step 299.0: warm-up ends at 300; the cosine turns at 999 in a run of 1001.
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, 1000, []Event{{300, WarmupEnd}}},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, 1001, []Event{{300, WarmupEnd}, {999, Trough}}},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000,"anneal_strategy":"linear"}`, 1001, []Event{{300, WarmupEnd}}},
		// Three phases ending at 3.0, 6.0, 9.
		{`{"kind":"torch.OneCycleLR","max_lr":25,"total_steps":10,"pct_start":0.4,"three_phase":true}`, 11,
			[]Event{{4, WarmupEnd}, {7, Boundary}, {9, Trough}}},
		// Phase 1 ends at 0.5: step 1 is in phase 2.
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":5,"pct_start":0.3}`, 6, []Event{{1, WarmupEnd}, {4, Trough}}},
		// No warm-up.
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0}`, 11, []Event{{9, Trough}}},
		// Only the third phase.
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0.05,"three_phase":true}`, 11, []Event{{9, Trough}}},
		// The second phase outlasts the run.
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0.8,"three_phase":true}`, 11, []Event{{8, WarmupEnd}}},
		{`{"kind":"torch.LinearLR","lr":0.1,"total_iters":5}`, 10, []Event{{5, Boundary}}},
		{`{"kind":"torch.LinearLR","lr":0.1,"total_iters":5}`, 5, nil},
		{`{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":5}`, 10, []Event{{5, Boundary}}},
		{`{"kind":"torch.ExponentialLR","lr":0.1,"gamma":0.9}`, 10, nil},
	}
	for _, tt := range tests {
		wantEvents(t, tt.spec, int64(tt.steps), tt.want)
	}
}

func TestTorchEventContract(t *testing.T) {
	tests := []struct {
		spec  string
		steps int
	}{
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20}`, 150},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1}`, 50},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1,"eta_min":0.01}`, 51},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":2,"eta_min":0.05}`, 100},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.01,"T_max":7,"eta_min":0.05}`, 1000},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":333,"eta_min":1e-4}`, 10000},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":3}`, 100000},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1000}`, 10000},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":5000,"eta_min":0.001}`, 7000},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10,"eta_min":0.1}`, 100},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"T_mult":2,"eta_min":0.001}`, 1000},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":1}`, 100},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":1,"T_mult":2}`, 1000},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":2}`, 101},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.01,"T_0":7,"T_mult":3,"eta_min":0.05}`, 2000},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":5,"T_mult":1000000}`, 1000},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, 1000},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, 1001},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, 377},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000,"three_phase":true,"anneal_strategy":"linear"}`, 1000},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":999,"three_phase":true,"pct_start":0.25}`, 1000},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0.8,"three_phase":true}`, 11},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0.05,"three_phase":true}`, 11},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1,"pct_start":0.5}`, 2},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"div_factor":0.5,"final_div_factor":0.1}`, 101},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"pct_start":0}`, 101},
		{`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"pct_start":1}`, 100},
		{`{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.1,"total_iters":50}`, 100},
		{`{"kind":"torch.LinearLR","lr":0.1,"start_factor":1,"end_factor":0,"total_iters":500}`, 1000},
		{`{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.3333333333333333,"end_factor":0,"total_iters":3}`, 10},
		{`{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.5,"end_factor":0.1,"total_iters":10000}`, 12000},
		{`{"kind":"torch.LinearLR","lr":0.1,"total_iters":0}`, 10},
		{`{"kind":"torch.ExponentialLR","lr":0.1,"gamma":0.95}`, 1000},
		{`{"kind":"torch.ExponentialLR","lr":0.1,"gamma":1.01}`, 10000},
		{`{"kind":"torch.ExponentialLR","lr":0.1,"gamma":0}`, 10},
		{`{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":80,"power":2}`, 100},
		{`{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":1000,"power":0.5}`, 1500},
		{`{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":1}`, 10},
	}
	for _, tt := range tests {
		checkEventContract(t, tt.spec, tt.steps)
	}
}

// Events over windows of the longest run cost what the window holds, and At
// stays finite, at the far end included.
func TestTorchHugeRuns(t *testing.T) {
	const n = MaxSteps
	for _, spec := range []string{
		`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1}`,
		`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1000,"eta_min":0.01}`,
		`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":100000000}`,
		`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":1,"T_mult":2}`,
		`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":3}`,
		`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":9007199254740992,"T_mult":9007199254740992}`,
		`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":999999999999}`,
		`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":9007199254740992,"three_phase":true}`,
		`{"kind":"torch.LinearLR","lr":0.1,"total_iters":9007199254740992}`,
		`{"kind":"torch.ExponentialLR","lr":0.1,"gamma":0.5}`,
		`{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":9007199254740992,"power":3}`,
	} {
		s := mustParse(t, spec)
		if err := s.CheckSteps(n); err != nil {
			t.Errorf("%s: %v", spec, err)
			continue
		}
		for _, i := range []int64{0, 1, 2, 12345, n / 3, n/2 + 1, n - 2, n - 1} {
			if v := s.At(i, n); torchBad(v) {
				t.Errorf("%s: At(%d) = %v", spec, i, v)
			}
		}
		count := 0
		for e := range s.Events(n, n-1000, n) {
			if e.Step < n-1000 || e.Step >= n {
				t.Errorf("%s: event %v outside the window", spec, e)
			}
			count++
		}
		if count > 1000 {
			t.Errorf("%s: %d events in 1000 steps", spec, count)
		}
		for range s.Events(n, 0, n) {
			break // stopping early works
		}
	}
}

// The recursive kinds: At, the closed form, against Fill, the recursion, over
// longer runs than the contract checks; the documented drifts bound them.
func TestTorchClosedFormAgreement(t *testing.T) {
	tests := []struct {
		spec  string
		steps int
		tol   float64
	}{
		// eta_min = 0: the telescoped closed form tracks the recursion over many periods.
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20}`, 1000000, 1e-13},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":7,"eta_min":0.001}`, 1000000, 1e-13},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":100000}`, 300001, 1e-12},
		// eta_min > 0 and a long T_max: PyTorch's recursion drifts (documented).
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10000,"eta_min":0.05}`, 60001, 1e-8},
		{`{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.1,"total_iters":1000000}`, 1000001, 1e-10},
		{`{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":1000000,"power":1}`, 1000001, 1e-10},
		{`{"kind":"torch.ExponentialLR","lr":0.1,"gamma":0.99999}`, 1000000, 1e-11},
	}
	for _, tt := range tests {
		s := mustParse(t, tt.spec)
		vals := mustValues(t, tt.spec, tt.steps)
		n := int64(tt.steps)
		worst, at := 0.0, 0
		for i, v := range vals {
			a := s.At(int64(i), n)
			if d := math.Abs(a - v); d > worst*math.Abs(v) && v != 0 {
				worst, at = d/math.Abs(v), i
			} else if v == 0 && a != 0 {
				t.Errorf("%s: At(%d) = %v, Fill 0", tt.spec, i, a)
			}
		}
		if worst > tt.tol {
			t.Errorf("%s: At and Fill differ by %.3g relative at step %d, more than %g", tt.spec, worst, at, tt.tol)
		}
	}
}

// Every kind's Example parses and runs for its ExampleSteps.
func TestTorchExamples(t *testing.T) {
	for _, name := range []string{"torch.CosineAnnealingLR", "torch.CosineAnnealingWarmRestarts", "torch.OneCycleLR",
		"torch.LinearLR", "torch.ExponentialLR", "torch.PolynomialLR"} {
		k := LookupKind(name)
		if k == nil {
			t.Fatalf("%s is not registered", name)
		}
		checkEventContract(t, k.Example, int(k.ExampleSteps))
		for _, p := range k.Params {
			if p.Doc == "" {
				t.Errorf("%s: %s has no Doc", name, p.Name)
			}
		}
	}
}

// TestTorchLargeRates: lr and eta_min up to 1e300 give finite values over
// every run of every PyTorch kind; past 1e300, where PyTorch's own
// arithmetic overflows to inf (lr = 1.8e308 gave +Inf at the first step of
// both cosines), Parse names the bound.
func TestTorchLargeRates(t *testing.T) {
	for _, spec := range []string{
		`{"kind":"torch.CosineAnnealingLR","lr":1e300,"T_max":20}`,
		`{"kind":"torch.CosineAnnealingLR","lr":0,"T_max":20,"eta_min":1e300}`,
		`{"kind":"torch.CosineAnnealingLR","lr":1e300,"T_max":7,"eta_min":1e300}`,
		`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":100000000,"eta_min":1e300}`,
		`{"kind":"torch.CosineAnnealingWarmRestarts","lr":1e300,"T_0":10,"T_mult":2}`,
		`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0,"T_0":3,"eta_min":1e300}`,
		`{"kind":"torch.LinearLR","lr":1e300,"start_factor":0.5,"end_factor":0,"total_iters":100}`,
		`{"kind":"torch.ExponentialLR","lr":1e300,"gamma":0.5}`,
		`{"kind":"torch.PolynomialLR","lr":1e300,"total_iters":100,"power":0.5}`,
	} {
		checkFinite(t, spec, 1, 2, 1000, 100000, 137438953472, MaxSteps)
	}
	for _, tt := range []struct{ spec, param string }{
		{`{"kind":"torch.CosineAnnealingLR","lr":1.7976931348623157e308,"T_max":20}`, "lr"},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20,"eta_min":1.7976931348623157e308}`, "eta_min"},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":1.7976931348623157e308,"T_0":10}`, "lr"},
		{`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"eta_min":1.1e300}`, "eta_min"},
		{`{"kind":"torch.ExponentialLR","lr":1e301,"gamma":0.5}`, "lr"},
		{`{"kind":"torch.LinearLR","lr":1e301}`, "lr"},
	} {
		wantParseError(t, tt.spec, tt.param, "out of range; must be a number [0, 1e300]")
	}
}
