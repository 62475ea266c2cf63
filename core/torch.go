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

// torchItoa writes a step count or other integer for messages.
func torchItoa(i int64) string { return itoa(i) }
