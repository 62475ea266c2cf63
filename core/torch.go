package core

// PyTorch's learning-rate schedulers, ported from torch/optim/lr_scheduler.py
// (pytorch/pytorch at commit 008f727ece1520e12c25089a7969d5b8fca75f8e).
//
// Every PyTorch kind here uses the same step convention: the lr of step i is
// optimizer.param_groups[0]['lr'] after i calls of scheduler.step() on a
// freshly built scheduler (last_epoch=-1), so step 0 is the lr the
// constructor's own initial step sets. Python floats are float64, and the
// ports keep the source's order of operations. Products that the source adds
// to something are wrapped in float64(...) so that no platform fuses them into
// a multiply-add, which would round differently from Python.
//
// One thing cannot be bit-exact: Python's math.cos and ** call the C
// library's cos and pow, and Go's math.Cos and math.Pow differ from glibc's in
// the last bit for some arguments (math.Cos by at most 1.1e-16 absolute; about
// a quarter of arguments differ). Values therefore agree with PyTorch to about
// 1e-16 absolute per cosine, which near a cosine's trough is a larger relative
// difference.

import "math"

// torchDocs is the prefix of every PyTorch scheduler's documentation page.
const torchDocs = "https://docs.pytorch.org/docs/stable/generated/torch.optim.lr_scheduler."

// torchConvention is the step convention of every PyTorch kind.
const torchConvention = "optimizer.param_groups[0]['lr'] after i calls of scheduler.step() on a new scheduler; " +
	"i = 0 is the lr the constructor sets"

// torchMaxLR bounds lr and eta_min. PyTorch takes any float, but its
// arithmetic overflows to inf well before float64's 1.8e308: the cosines
// double the larger of lr and eta_min ((lr − eta_min)·(1 + cos)), and
// CosineAnnealingLR's recursion amplifies the rounding of eta_min near each
// trough by a few times more. Up to 1e300 every formula here stays finite;
// ExponentialLR stops its runs at the same lr.
const torchMaxLR = 1e300

// torchLR is the optimizer's lr, which PyTorch's schedulers take from the
// optimizer rather than as a parameter of their own.
func torchLR() Param {
	return Param{
		Name: "lr", Type: Float, Default: 0.1, Range: between(0, torchMaxLR),
		Doc: "the optimizer's lr when the scheduler is built (param_groups[0]['lr'], the scheduler's base_lr); " +
			"not a scheduler parameter, so we default to 0.1 as PyTorch's SGD examples do; torch.optim rejects lr < 0, " +
			"and past 1e300 PyTorch's arithmetic overflows to inf",
		Hint: Hint{Min: 1e-5, Max: 1, Log: true},
	}
}

// torchEtaMin is CosineAnnealingLR's and CosineAnnealingWarmRestarts' eta_min.
func torchEtaMin() Param {
	return Param{
		Name: "eta_min", Type: Float, Default: 0.0, Range: between(0, torchMaxLR),
		Doc: "the lr at the bottom of the cosine (it may exceed lr, turning the cosine upside down); negative values " +
			"would give negative lrs, and past 1e300 PyTorch's arithmetic overflows to inf",
		Hint: Hint{Min: 0, Max: 0.1},
	}
}

// torchFloorMod is Python's a % b for ints with b > 0: the result is in [0, b).
func torchFloorMod(a, b int64) int64 {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}

// torchCeilDiv is ⌈a/b⌉ for a >= 0, b > 0, without overflow.
func torchCeilDiv(a, b int64) int64 {
	q := a / b
	if q*b < a {
		q++
	}
	return q
}

// torchBad reports whether an lr is unusable: negative, NaN or infinite.
func torchBad(v float64) bool { return !(v >= 0) || math.IsInf(v, 0) }

// torch is a framework.
var _ = registerFramework(&framework{name: "torch", title: "PyTorch", order: 100, tools: &torchTools{}})

// torchTools are PyTorch's hooks for the tools (see frameworkTools).
type torchTools struct{}

// target writes a shape as specs of PyTorch's kinds (see frameworkTools).
func (t *torchTools) target(sh *shape, n int64) ([]candidate, []string) {
	if !sh.under && (sh.stable > 0 || sh.warmup > 0) && sh.form != shapeFlat {
		return t.sequentialTarget(sh, n)
	}
	if sh.under || sh.stable > 0 || (sh.warmup > 0 && sh.form != shapeFlat) {
		return nil, []string{"no single PyTorch scheduler has " + sh.prefixText() + " before " + formNames[sh.form] +
			" (SequentialLR chains several, which is not one kind)"}
	}
	lr := sh.peak
	switch sh.form {
	case shapeFlat:
		if sh.warmup == 0 {
			return []candidate{spec(torchLinearKind, "lr", lr, "start_factor", 1.0, "end_factor", 1.0, "total_iters", int64(0))}, nil
		}
		if !(sh.start > 0 && sh.start <= lr) {
			return nil, []string{"LinearLR warms up from start_factor·lr with 0 < start_factor ≤ 1, so not from " + formatFloat(sh.start) + " to " + formatFloat(lr)}
		}
		return []candidate{spec(torchLinearKind, "lr", lr, "start_factor", sh.start/lr, "end_factor", 1.0, "total_iters", sh.warmup)}, nil
	case shapeLinear:
		c := []candidate{spec(torchLinearKind, "lr", lr, "start_factor", 1.0, "end_factor", sh.floor/lr, "total_iters", int64(sh.length))}
		if sh.floor == 0 {
			c = append(c, spec(torchPolynomialKind, "lr", lr, "total_iters", int64(sh.length), "power", 1.0))
		}
		return c, nil
	case shapePoly:
		if sh.floor != 0 {
			return nil, []string{"PyTorch's PolynomialLR decays to 0, not to " + formatFloat(sh.floor)}
		}
		return []candidate{spec(torchPolynomialKind, "lr", lr, "total_iters", int64(sh.length), "power", sh.power)}, nil
	case shapeExp:
		return []candidate{spec(torchExponentialKind, "lr", lr, "gamma", sh.gamma)}, nil
	}
	if !isInt(sh.length) {
		return nil, []string{"PyTorch's cycles are whole steps, not " + formatFloat(sh.length)}
	}
	var c []candidate
	if sh.asPeriodic(n) {
		c = append(c, spec(torchCosineKind, "lr", lr, "T_max", int64(sh.length), "eta_min", sh.floor))
	}
	wr := sh.restartsText(n, false, true, false, "PyTorch's CosineAnnealingWarmRestarts")
	if sh.asForever(n) && wr == "" {
		mult := int64(1)
		if isInt(sh.mult) {
			mult = int64(sh.mult)
		}
		c = append(c, spec(torchRestartsKind, "lr", lr, "T_0", int64(sh.length), "T_mult", mult, "eta_min", sh.floor))
	}
	switch {
	case len(c) > 0:
		return c, nil
	case sh.asForever(n):
		return nil, []string{wr}
	case sh.seen(n) > 1:
		return nil, []string{sh.tailText() + "; PyTorch's CosineAnnealingWarmRestarts restarts for ever"}
	}
	return nil, []string{sh.tailText() + "; PyTorch's CosineAnnealingLR climbs back after T_max, and CosineAnnealingWarmRestarts restarts"}
}

// torchCode writes a snippet that steps a PyTorch scheduler.
func torchCode(w *pyWriter, s *Schedule, steps int64) {
	w.put("import torch\n\n")
	torchStepCode(w, s, "torch.optim.lr_scheduler.{name}", "lr", "")
}

// sequentialTarget writes a warmup (and a stable phase) before a main
// phase as SequentialLR: a LinearLR from start to peak over the warmup, which
// then holds the peak, and from the milestone warmup + stable the scheduler
// that draws the main phase alone.
func (t *torchTools) sequentialTarget(sh *shape, n int64) ([]candidate, []string) {
	lr, w := sh.peak, sh.warmup
	if w > 0 && !(sh.start > 0 && sh.start <= lr) {
		return nil, []string{"SequentialLR's LinearLR warms up from start_factor·lr with 0 < start_factor ≤ 1, so not from " +
			formatFloat(sh.start) + " to " + formatFloat(lr)}
	}
	main := *sh
	main.warmup, main.stable = 0, 0
	mains, why := t.target(&main, max(n-sh.origin(), 1))
	if len(mains) == 0 {
		return nil, why
	}
	factor, total := 1.0, w
	if w > 0 {
		factor = sh.start / lr
	} else {
		total = 0 // a stable phase alone: LinearLR with factor 1 holds lr until the milestone
	}
	warm, err := torchLinearKind.Spec(map[string]any{"start_factor": factor, "end_factor": 1.0, "total_iters": total})
	if err != nil {
		return nil, []string{err.Error()}
	}
	var out []candidate
	for _, m := range mains {
		values := map[string]any{}
		for k, v := range m.values {
			if k != "lr" {
				values[k] = v
			}
		}
		child, err := m.kind.Spec(values)
		if err != nil || m.values["lr"] != lr {
			continue
		}
		out = append(out, spec(torchSequentialKind, "lr", lr, "schedulers", childSpecs{warm, child},
			"milestones", []int64{sh.origin()}))
	}
	return out, why
}
