//go:build browser

// Browser tests of the tutorial's seventh section, "Warmup in PyTorch":
// SequentialLR(LinearLR, CosineAnnealingLR) with variables inside its
// children and milestones, beside Hugging Face's and timm's warmups; the
// table and the prose's numbers against core.
package main

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// torchWarmupSpecs are the section's curves for lr, warmup W, T_max T and N steps, in the chart's order.
func torchWarmupSpecs(lr float64, w, tMax, n int) []string {
	return []string{
		torchWarmupSpec(lr, w, w, tMax),
		fmt.Sprintf(`{"kind":"hf.cosine_schedule_with_warmup","lr":%v,"num_warmup_steps":%d,"num_training_steps":%d}`, lr, w, n),
		fmt.Sprintf(`{"kind":"timm.CosineLRScheduler","lr":%v,"t_initial":%d,"warmup_t":%d}`, lr, n, w),
	}
}

// torchWarmupSpec is the PyTorch curve with its own total_iters and milestone.
func torchWarmupSpec(lr float64, totalIters, milestone, tMax int) string {
	return fmt.Sprintf(`{"kind":"torch.SequentialLR","lr":%v,"schedulers":[{"kind":"torch.LinearLR","start_factor":0.01,"total_iters":%d},`+
		`{"kind":"torch.CosineAnnealingLR","T_max":%d}],"milestones":[%d]}`, lr, totalIters, tMax, milestone)
}

var torchWarmupSeries = []string{"PyTorch", "Hugging Face", "timm"}

func exactText(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// TestBrowserTutorialTorchWarmup: the three curves are core's for every
// setting of the controls, the prose's W, N and T follow them, the table
// holds each framework's exact lr around the milestone, and the scrubber
// shows each curve's lr at its step.
func TestBrowserTutorialTorchWarmup(t *testing.T) {
	tb := openTutorial(t)
	check := func(lr float64, w, tMax, n int) [][]float64 {
		t.Helper()
		c := tb.curves("torch-warmup", "s")
		if len(c) != len(torchWarmupSeries) {
			t.Fatalf("%d curves", len(c))
		}
		var vals [][]float64
		for i, spec := range torchWarmupSpecs(lr, w, tMax, n) {
			if c[i].Name != torchWarmupSeries[i] {
				t.Errorf("curve %d is %q, want %q", i, c[i].Name, torchWarmupSeries[i])
			}
			sameCurve(t, torchWarmupSeries[i], c[i], spec, n)
			vals = append(vals, evaluate(t, spec, n))
		}
		b := tb.binds("#torch-warmup")
		for key, want := range map[string]int{"warmup": w, "steps": n, "T_max": tMax} {
			if b[key][1] != strconv.Itoa(want) {
				t.Errorf("the prose says %s = %q, want %d", key, b[key][1], want)
			}
		}
		tb.bindsAgree("#torch-warmup")
		return vals
	}
	vals := check(0.1, 10, 90, 100)

	// The table, for the section's opening values: each framework's lr at W − 1, W and W + 1, exactly.
	if got := tb.text("torch-warmup-caption"); !strings.Contains(got, "W = 10, N = 100, T = 90 and lr 0.1") {
		t.Errorf("the table's caption %q names other values than the section opens with", got)
	}
	rows := eval[[][]string](tb, `[...document.querySelectorAll('#torch-warmup table tbody tr')].map(tr => [...tr.children].map(c => c.textContent.trim()))`)
	heads := []string{"W − 1 = 9", "W = 10", "W + 1 = 11"}
	if len(rows) != len(heads) {
		t.Fatalf("the table has %d rows: %q", len(rows), rows)
	}
	for r, step := range []int{9, 10, 11} {
		want := []string{heads[r]}
		for i := range torchWarmupSeries {
			want = append(want, exactText(vals[i][step]))
		}
		if !slices.Equal(rows[r], want) {
			t.Errorf("the table's row for step %d is %q, want %q", step, rows[r], want)
		}
	}

	// The scrubber starts at the milestone and shows every curve's lr at its step.
	for _, step := range []int{10, 9, 11, 57} {
		if step != 10 {
			tb.setInput("torch-warmup-scrub", strconv.Itoa(step))
		}
		b := tb.binds("#torch-warmup")
		if b["step"][1] != strconv.Itoa(step) {
			t.Errorf("the prose's step is %q, want %d", b["step"][1], step)
		}
		for i, name := range torchWarmupSeries {
			v := vals[i][step]
			if got := b["lr:"+strconv.Itoa(i)]; got != [2]string{sig6(v), exactText(v)} {
				t.Errorf("step %d: %s's lr shows %q, want %q (%s)", step, name, got, sig6(v), exactText(v))
			}
		}
	}
	checkTorchWarmupProse(t, tb)

	// The controls redraw every curve. A warmup changed alone leaves PyTorch's
	// cosine not ending with the run: above its bottom (W = 20, the bottom at
	// step 110) or past it and back up (W = 5, the bottom at step 95).
	tb.setInput("torch-warmup-warmup", "20")
	v := check(0.1, 20, 90, 100)
	if torch, hf := v[0][99], v[1][99]; !(torch > 10*hf) {
		t.Errorf("W 20, T 90: PyTorch ends at %v, Hugging Face at %v: not well above", torch, hf)
	}
	tb.setInput("torch-warmup-warmup", "5")
	v = check(0.1, 5, 90, 100)
	if v[0][95] != 0 || !(v[0][99] > v[0][96] && v[0][96] > v[0][95]) {
		t.Errorf("W 5, T 90: PyTorch's steps 95, 96, 99 are %v, %v, %v: want 0, then rising", v[0][95], v[0][96], v[0][99])
	}
	tb.setInput("torch-warmup-warmup", "20")
	tb.setInput("torch-warmup-T_max", "80")
	check(0.1, 20, 80, 100)
	tb.setInput("torch-warmup-steps", "300")
	tb.setInput("torch-warmup-lr", "0.003")
	check(0.003, 20, 80, 300)
	// A value a variable's parameter refuses is said beside its control, and fixing it redraws.
	tb.setInput("torch-warmup-T_max", "0")
	if got := tb.text("torch-warmup-T_max-error"); !strings.Contains(got, "0 is out of range") {
		t.Errorf("T_max 0: beside the control %q", got)
	}
	tb.setInput("torch-warmup-T_max", "80")
	check(0.003, 20, 80, 300)
	alerts := eval[[]string](tb, `[...document.querySelectorAll('#torch-warmup [role=alert]')].map(e => e.textContent).filter(Boolean)`)
	if len(alerts) > 0 {
		t.Errorf("messages %q", alerts)
	}
	tb.noConsoleErrors()
}

// checkTorchWarmupProse checks, against core, each number the section's
// prose states for its opening values, and that the prose states them.
func checkTorchWarmupProse(t *testing.T, tb *tab) {
	t.Helper()
	const lr, w, tMax, n = 0.1, 10, 90, 100
	specs := torchWarmupSpecs(lr, w, tMax, n)
	torch, hf, timm := evaluate(t, specs[0], n+1), evaluate(t, specs[1], n+1), evaluate(t, specs[2], n+1)

	// PyTorch: lr·start_factor at step 0; lr·(0.01 + 0.99·9/10) = 0.0901 at W − 1, as 0.09009999999999996;
	// exactly lr at W, the cosine's first step. LinearLR alone reaches lr at total_iters.
	if torch[0] != 0.001 || math.Abs(torch[w-1]-0.0901) > 1e-16 || torch[w-1] != 0.09009999999999996 || torch[w] != lr {
		t.Errorf("PyTorch's steps 0, W − 1, W are %v, %v, %v; the prose says 0.001, 0.0901 (0.09009999999999996), 0.1", torch[0], torch[w-1], torch[w])
	}
	alone := evaluate(t, `{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.01,"total_iters":10}`, 12)
	if math.Abs(alone[w]-lr) > 1e-16 || !(alone[w-1] < lr-0.009) {
		t.Errorf("LinearLR alone: steps W − 1, W are %v, %v: want short of lr, then lr", alone[w-1], alone[w])
	}
	// total_iters shorter than the milestone: lr early, held until the milestone; longer: cut off, then a jump.
	short := evaluate(t, torchWarmupSpec(lr, 5, w, tMax), n)
	for s := 5; s < w; s++ {
		if short[s] != short[5] || math.Abs(short[s]-lr) > 1e-16 {
			t.Errorf("total_iters 5, milestone 10: step %d has %v, want lr held", s, short[s])
		}
	}
	long := evaluate(t, torchWarmupSpec(lr, 20, w, tMax), n)
	if !(long[w-1] < 0.05) || long[w] != lr {
		t.Errorf("total_iters 20, milestone 10: steps 9, 10 are %v, %v: want well below lr, then lr", long[w-1], long[w])
	}

	// Hugging Face: lr·step/W, exactly lr at W; from W on PyTorch's curve to 3e-16 of lr; both at 3.05e-5
	// on the last step and 0 one step later.
	for s := range w {
		if math.Abs(hf[s]-lr*float64(s)/w) > 1e-15*lr {
			t.Errorf("Hugging Face's step %d is %v, want lr·%d/W", s, hf[s], s)
		}
	}
	if hf[w] != lr {
		t.Errorf("Hugging Face's step W is %v", hf[w])
	}
	apart := 0.0
	for s := w; s < n; s++ {
		apart = max(apart, math.Abs(torch[s]-hf[s]))
	}
	if apart > 3e-16*lr || apart == 0 {
		t.Errorf("from the milestone on PyTorch and Hugging Face are at most %v apart, %g of lr; the prose says under 3e-16", apart, apart/lr)
	}
	if g3 := strconv.FormatFloat(torch[n-1], 'g', 3, 64) + " " + strconv.FormatFloat(hf[n-1], 'g', 3, 64); g3 != "3.05e-05 3.05e-05" || torch[n] != 0 || hf[n] != 0 {
		t.Errorf("the last steps are %s, then %v and %v; the prose says 3.05e-5, then 0", g3, torch[n], hf[n])
	}

	// timm: 0.09 at W − 1, then the cosine where it already is, lr·(1 + cos(π·W/N))/2 = 0.0975528…, never lr.
	cosW := lr * (1 + math.Cos(math.Pi*w/n)) / 2
	if timm[w-1] != 0.09 || math.Abs(timm[w]-cosW) > 1e-17 || sig6(timm[w]) != "0.0975528" || slices.Max(timm) >= lr {
		t.Errorf("timm's steps W − 1, W are %v, %v (the formula gives %v), its peak %v", timm[w-1], timm[w], cosW, slices.Max(timm))
	}

	// The pitfall: T = 100 puts the cosine's bottom at step 110 and ends the run at 0.00296, 3% of lr.
	whole := evaluate(t, torchWarmupSpec(lr, w, w, 100), 120)
	if whole[110] != 0 || !(whole[109] > 0) || strconv.FormatFloat(whole[n-1], 'g', 3, 64) != "0.00296" || math.Round(100*whole[n-1]/lr) != 3 {
		t.Errorf("T = 100: steps 109, 110 are %v, %v, the last step %v", whole[109], whole[110], whole[n-1])
	}

	// And the prose says so.
	text := eval[string](tb, `document.getElementById('torch-warmup').textContent.replace(/\s+/g, ' ')`)
	for _, s := range []string{"(0.001:", "= 0.0901", "computed as 0.09009999999999996", "at most 3·10−16 of lr",
		"at 3.05·10−5, one step short of 0", "to 0.09 at step W − 1", "= 0.0975528…", "at step 110", "at 0.00296, 3% of lr"} {
		if !strings.Contains(text, s) {
			t.Errorf("the prose does not say %q", s)
		}
	}
}
