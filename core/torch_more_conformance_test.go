//go:build torch

package core_test

// The conformance cases of StepLR, MultiStepLR, ConstantLR, CyclicLR,
// LambdaLR and MultiplicativeLR (torch_step.go and the files beside it):
// their generators join torchSweep and their tables the stage's, so that
// TestTorchConformance runs and tallies them as it does the others.
// conform.py evaluates a lambda's text with Python's eval.

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/lrplay/lrplay/core"
)

func init() {
	for k, gen := range torchMoreSweep {
		torchSweep[k] = func(r *rand.Rand) (map[string]any, int) {
			p, steps := gen(r)
			return p, min(steps, torchMoreMaxSteps)
		}
	}
	torchEdges = append(torchEdges, torchMoreEdges...)
	torchRefusals = append(torchRefusals, torchMoreRefusals...)
	torchDifferences = append(torchDifferences, torchMoreDifferences...)
}

// torchMoreMaxSteps is the longest run the six kinds' sweeps draw: shorter
// than torchMaxSteps, to keep the stage's time (their long runs are edges).
const torchMoreMaxSteps = 5000

var torchMoreEdges = []torchCase{
	// StepLR.
	{name: "docstring", spec: `{"kind":"torch.StepLR","lr":0.05,"step_size":30,"gamma":0.1}`, steps: 100},
	{name: "step_size = 1", spec: `{"kind":"torch.StepLR","lr":0.1,"step_size":1,"gamma":0.99}`, steps: 2000},
	{name: "gamma = 0", spec: `{"kind":"torch.StepLR","lr":0.1,"step_size":3,"gamma":0}`, steps: 10},
	{name: "gamma = 1", spec: `{"kind":"torch.StepLR","lr":0.1,"step_size":3,"gamma":1}`, steps: 10},
	{name: "gamma > 1 up to 1e300", spec: `{"kind":"torch.StepLR","lr":1,"step_size":2,"gamma":2}`, steps: 1994},
	{name: "step_size past the run", spec: `{"kind":"torch.StepLR","lr":0.1,"step_size":5000}`, steps: 100},
	{name: "many decays, underflow", spec: `{"kind":"torch.StepLR","lr":0.1,"step_size":3,"gamma":0.5}`, steps: 20000},
	// MultiStepLR.
	{name: "docstring", spec: `{"kind":"torch.MultiStepLR","lr":0.05,"milestones":[30,80]}`, steps: 100},
	{name: "repeated and unsorted", spec: `{"kind":"torch.MultiStepLR","lr":1,"milestones":[9,2,9,5,2,9],"gamma":0.5}`, steps: 12},
	{name: "milestone 0", spec: `{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[0,0,4],"gamma":0.3}`, steps: 6},
	{name: "no milestones", spec: `{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[]}`, steps: 5},
	{name: "milestone past the run", spec: `{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[3,500]}`, steps: 100},
	{name: "gamma > 1", spec: `{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[1,2,3,3],"gamma":10}`, steps: 5},
	// ConstantLR.
	{name: "docstring", spec: `{"kind":"torch.ConstantLR","lr":0.05,"factor":0.5,"total_iters":40}`, steps: 100},
	{name: "defaults", spec: `{"kind":"torch.ConstantLR","lr":0.1}`, steps: 10},
	{name: "total_iters = 0", spec: `{"kind":"torch.ConstantLR","lr":0.1,"factor":0.5,"total_iters":0}`, steps: 10},
	{name: "factor = 1", spec: `{"kind":"torch.ConstantLR","lr":0.1,"factor":1,"total_iters":3}`, steps: 10},
	{name: "factor = 0 up to total_iters", spec: `{"kind":"torch.ConstantLR","lr":0.1,"factor":0,"total_iters":7}`, steps: 7},
	{name: "factor = 0, total_iters = 0", spec: `{"kind":"torch.ConstantLR","lr":0.1,"factor":0,"total_iters":0}`, steps: 10},
	{name: "tiny factor", spec: `{"kind":"torch.ConstantLR","lr":0.3,"factor":1e-300,"total_iters":2}`, steps: 5},
	{name: "1.0/factor inexact", spec: `{"kind":"torch.ConstantLR","lr":0.7,"factor":0.3,"total_iters":2}`, steps: 5},
	// CyclicLR.
	{name: "docstring", spec: `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":10}`, steps: 100},
	{name: "defaults, 2.5 cycles", spec: `{"kind":"torch.CyclicLR","base_lr":0.001,"max_lr":0.006}`, steps: 10000},
	{name: "step_size_up = 1", spec: `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":1}`, steps: 10},
	{name: "step_size_down = 0", spec: `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":4,"step_size_down":0}`, steps: 20},
	{name: "uneven sides", spec: `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":3,"step_size_down":7}`, steps: 45},
	{name: "max_lr < base_lr", spec: `{"kind":"torch.CyclicLR","base_lr":0.1,"max_lr":0.01,"step_size_up":5}`, steps: 30},
	{name: "max_lr = base_lr", spec: `{"kind":"torch.CyclicLR","base_lr":0.1,"max_lr":0.1,"step_size_up":5}`, steps: 30},
	{name: "triangular2", spec: `{"kind":"torch.CyclicLR","base_lr":0.001,"max_lr":0.1,"step_size_up":7,"step_size_down":3,"mode":"triangular2"}`, steps: 2000},
	{name: "triangular2 to cycle 1024", spec: `{"kind":"torch.CyclicLR","base_lr":0.001,"max_lr":0.1,"step_size_up":1,"mode":"triangular2"}`, steps: 2048},
	{name: "exp_range", spec: `{"kind":"torch.CyclicLR","base_lr":0.001,"max_lr":0.1,"step_size_up":50,"mode":"exp_range","gamma":0.999}`, steps: 5000},
	{name: "exp_range, gamma = 0", spec: `{"kind":"torch.CyclicLR","base_lr":0.001,"max_lr":0.1,"step_size_up":2,"mode":"exp_range","gamma":0}`, steps: 10},
	{name: "exp_range, gamma > 1", spec: `{"kind":"torch.CyclicLR","base_lr":0.001,"max_lr":0.1,"step_size_up":20,"mode":"exp_range","gamma":1.001}`, steps: 3000},
	{name: "gamma ignored by triangular", spec: `{"kind":"torch.CyclicLR","base_lr":0.001,"max_lr":0.1,"step_size_up":20,"gamma":5}`, steps: 100},
	// LambdaLR: math functions, conditionals, ints and floats mixed.
	{name: "docstring 0.95 ** epoch", spec: `{"kind":"torch.LambdaLR","lr":0.05,"lr_lambda":"lambda epoch: 0.95 ** epoch"}`, steps: 100},
	{name: "docstring epoch // 30", spec: `{"kind":"torch.LambdaLR","lr":0.05,"lr_lambda":"lambda epoch: epoch // 30"}`, steps: 100},
	{name: "linear warmup", spec: `{"kind":"torch.LambdaLR","lr":3e-4,"lr_lambda":"lambda step: min(1.0, (step + 1) / 500)"}`, steps: 2000},
	{name: "warmup then cosine", spec: `{"kind":"torch.LambdaLR","lr":1e-3,"lr_lambda":"lambda s: s / 100 if s < 100 else 0.5 * (1 + math.cos(math.pi * (s - 100) / 900))"}`, steps: 1000},
	{name: "inverse square root", spec: `{"kind":"torch.LambdaLR","lr":1,"lr_lambda":"lambda s: min((s + 1) ** -0.5, (s + 1) * 4000 ** -1.5)"}`, steps: 20000},
	{name: "exp and log", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: math.exp(-e / 300) + math.log(e + 1) / 100"}`, steps: 3000},
	{name: "sqrt, floor, ceil, fabs", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: math.sqrt(math.floor(e / 7) + 1) / math.ceil(e / 3 + 1) + math.fabs(-0.25)"}`, steps: 500},
	{name: "bool factor", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: e % 10 == 0"}`, steps: 50},
	{name: "and, or, not", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: (e > 3 and 0.5) or (not e % 2 and 0.25) or 1"}`, steps: 20},
	{name: "chained comparison", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 2.0 if 10 <= e < 20 else 1"}`, steps: 30},
	{name: "round and int", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: round(e / 8) / 4 + int(e / 3.5) % 3 + round(2.5) + round(e / 16, 2)"}`, steps: 300},
	{name: "pow, math.pow, abs", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: pow(0.99, e) + math.pow(e + 1, -0.3) + abs(e - 50) / 100"}`, steps: 400},
	{name: "int ** negative int", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: (e + 1) ** -2"}`, steps: 100},
	{name: "floor division and modulo of floats", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: (e * 0.7) // 1.3 % 5.5 + (-e) % 3 + (-e) // 4 + 100"}`, steps: 300},
	{name: "big ints", spec: `{"kind":"torch.LambdaLR","lr":1e-20,"lr_lambda":"lambda e: 3 ** (e % 40) + 10 ** 17 // (e + 1)"}`, steps: 200},
	{name: "constants", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: math.pi / math.tau + math.e * 0"}`, steps: 3},
	{name: "ZeroDivisionError past the run", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 1 / (100 - e)"}`, steps: 100},
	{name: "math.log with a base", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: math.log(e + 2, 3) / 10"}`, steps: 1000},
	// MultiplicativeLR.
	{name: "docstring", spec: `{"kind":"torch.MultiplicativeLR","lr":0.05,"lr_lambda":"lambda epoch: 0.95"}`, steps: 100},
	{name: "1 / epoch, not called at 0", spec: `{"kind":"torch.MultiplicativeLR","lr":1,"lr_lambda":"lambda epoch: 1 / epoch"}`, steps: 170},
	{name: "decay every 10", spec: `{"kind":"torch.MultiplicativeLR","lr":0.1,"lr_lambda":"lambda e: 0.5 if e % 10 == 0 else 1"}`, steps: 200},
	{name: "growth", spec: `{"kind":"torch.MultiplicativeLR","lr":1e-6,"lr_lambda":"lambda e: 1 + 1 / e"}`, steps: 5000},
	{name: "cosine factors", spec: `{"kind":"torch.MultiplicativeLR","lr":0.1,"lr_lambda":"lambda e: 0.9 + 0.1 * math.cos(e / 10)"}`, steps: 3000},
	{name: "int factor", spec: `{"kind":"torch.MultiplicativeLR","lr":1e-9,"lr_lambda":"lambda e: 2 if e < 20 else 1"}`, steps: 50},
	{name: "factor 0", spec: `{"kind":"torch.MultiplicativeLR","lr":0.1,"lr_lambda":"lambda e: 0 if e == 5 else 3"}`, steps: 20},
}

var torchMoreRefusals = []torchCase{
	// StepLR.
	{name: "step_size = 0", spec: `{"kind":"torch.StepLR","lr":0.1,"step_size":0}`, steps: 3, raises: "ZeroDivisionError"},
	{name: "no step_size", spec: `{"kind":"torch.StepLR","lr":0.1}`, steps: 3, raises: "TypeError"},
	{name: "negative lr", spec: `{"kind":"torch.StepLR","lr":-0.1,"step_size":3}`, steps: 3, raises: "ValueError"},
	// MultiStepLR.
	{name: "no milestones", spec: `{"kind":"torch.MultiStepLR","lr":0.1}`, steps: 3, raises: "TypeError"},
	{name: "negative lr", spec: `{"kind":"torch.MultiStepLR","lr":-0.1,"milestones":[2]}`, steps: 3, raises: "ValueError"},
	// ConstantLR.
	{name: "factor > 1", spec: `{"kind":"torch.ConstantLR","lr":0.1,"factor":1.5}`, steps: 3, raises: "ValueError"},
	{name: "factor < 0", spec: `{"kind":"torch.ConstantLR","lr":0.1,"factor":-0.5}`, steps: 3, raises: "ValueError"},
	{name: "factor = 0, stepped to total_iters", spec: `{"kind":"torch.ConstantLR","lr":0.1,"factor":0,"total_iters":7}`, steps: 8, raises: "ZeroDivisionError"},
	{name: "negative lr", spec: `{"kind":"torch.ConstantLR","lr":-0.1}`, steps: 3, raises: "ValueError"},
	// CyclicLR.
	{name: "no max_lr", spec: `{"kind":"torch.CyclicLR","base_lr":0.1}`, steps: 3, raises: "TypeError"},
	{name: "unknown mode", spec: `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"mode":"cosine"}`, steps: 3, raises: "ValueError"},
	{name: "step_size_up = 0", spec: `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":0,"step_size_down":4}`, steps: 3, raises: "ZeroDivisionError"},
	{name: "both sizes 0", spec: `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":0,"step_size_down":0}`, steps: 3, raises: "ZeroDivisionError"},
	{name: "triangular2 past cycle 1024", spec: `{"kind":"torch.CyclicLR","base_lr":0.001,"max_lr":0.1,"step_size_up":1,"mode":"triangular2"}`, steps: 2049, raises: "OverflowError"},
	{name: "exp_range, gamma ** i overflows", spec: `{"kind":"torch.CyclicLR","base_lr":0,"max_lr":1e-300,"step_size_up":1000000,"mode":"exp_range","gamma":2}`, steps: 1100, raises: "OverflowError"},
	// LambdaLR: where Python raises, core refuses at that step.
	{name: "ZeroDivisionError at step 0", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 1 / e"}`, steps: 5, raises: "ZeroDivisionError"},
	{name: "ZeroDivisionError at step 37", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 1 / (37 - e) if e > 36 else 0.5"}`, steps: 100, raises: "ZeroDivisionError"},
	{name: "float ZeroDivisionError", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 1.0 / (e - 12.0) + 2 if e != 11 else 1"}`, steps: 100, raises: "ZeroDivisionError"},
	{name: "modulo by zero", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 5 % (4 - e // 3) + 1"}`, steps: 20, raises: "ZeroDivisionError"},
	{name: "zero to a negative power", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: (9 - e) ** -0.5 if e < 20 else 0"}`, steps: 20, raises: "ZeroDivisionError"},
	{name: "math domain error", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: math.log(6 - e) + 3"}`, steps: 10, raises: "ValueError"},
	{name: "math range error", spec: `{"kind":"torch.LambdaLR","lr":1e-300,"lr_lambda":"lambda e: math.exp(e * 100) if e < 9 else 0"}`, steps: 10, raises: "OverflowError"},
	{name: "no lr_lambda", spec: `{"kind":"torch.LambdaLR","lr":0.1}`, steps: 3, raises: "TypeError"},
	{name: "negative lr", spec: `{"kind":"torch.LambdaLR","lr":-0.1,"lr_lambda":"lambda e: 1"}`, steps: 3, raises: "ValueError"},
	// MultiplicativeLR.
	{name: "ZeroDivisionError at step 1", spec: `{"kind":"torch.MultiplicativeLR","lr":0.1,"lr_lambda":"lambda e: 1 / (e - 1)"}`, steps: 5, raises: "ZeroDivisionError"},
	{name: "ZeroDivisionError at step 250", spec: `{"kind":"torch.MultiplicativeLR","lr":0.1,"lr_lambda":"lambda e: 0.99 + 0 / (250 - e)"}`, steps: 300, raises: "ZeroDivisionError"},
	{name: "math domain error", spec: `{"kind":"torch.MultiplicativeLR","lr":0.1,"lr_lambda":"lambda e: math.sqrt(30 - e) / 5"}`, steps: 40, raises: "ValueError"},
	{name: "negative lr", spec: `{"kind":"torch.MultiplicativeLR","lr":-0.1,"lr_lambda":"lambda e: 1"}`, steps: 3, raises: "ValueError"},
}

var torchMoreDifferences = []torchCase{
	{name: "step_size < 0", spec: `{"kind":"torch.StepLR","lr":0.1,"step_size":-3}`, steps: 10,
		why:  "PyTorch's chainable form decays every |step_size| steps (Python's % by a negative number); the kind rejects it",
		same: `{"kind":"torch.StepLR","lr":0.1,"step_size":3}`},
	{name: "negative gamma", spec: `{"kind":"torch.StepLR","lr":0.1,"step_size":3,"gamma":-0.5}`, steps: 10,
		why: "gamma < 0 gives lrs of alternating sign; the kind takes gamma ≥ 0"},
	{name: "gamma > 1 past 1e300", spec: `{"kind":"torch.StepLR","lr":1,"step_size":2,"gamma":2}`, steps: 2000,
		why: "the kind stops runs at lr = 1e300, short of float64's overflow"},
	{name: "negative milestone", spec: `{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[-3,5]}`, steps: 10,
		why:  "PyTorch's chainable form never reaches a negative milestone; the kind rejects it",
		same: `{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[5]}`},
	{name: "negative gamma", spec: `{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[3],"gamma":-2}`, steps: 10,
		why: "gamma < 0 gives negative lrs; the kind takes gamma ≥ 0"},
	{name: "total_iters < 0", spec: `{"kind":"torch.ConstantLR","lr":0.1,"factor":0.5,"total_iters":-4}`, steps: 10,
		why:  "PyTorch never reaches a negative total_iters (lr·factor for ever); the kind rejects it",
		same: `{"kind":"torch.ConstantLR","lr":0.1,"factor":0.5,"total_iters":0}`},
	{name: "step_size_up not whole", spec: `{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":2.5}`, steps: 20,
		why: "step_size_up is an int in PyTorch's signature and core's; PyTorch takes float(step_size_up)"},
	{name: "negative base_lr", spec: `{"kind":"torch.CyclicLR","base_lr":-0.01,"max_lr":0.1,"step_size_up":5}`, steps: 20,
		why: "CyclicLR does not check base_lr and sets negative lrs; the kind takes base_lr ≥ 0"},
	{name: "exp_range, gamma > 1 past 1e300", spec: `{"kind":"torch.CyclicLR","base_lr":0.001,"max_lr":0.1,"step_size_up":20,"mode":"exp_range","gamma":2}`, steps: 1020,
		why: "the height grows as gamma^i past 1e300 before gamma ** i overflows; the kind stops runs at lr = 1e300"},
	{name: "negative factor", spec: `{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 1 - e / 10"}`, steps: 20,
		why: "the lr goes below 0 at step 11, which PyTorch sets; the kind refuses runs that reach it"},
	{name: "int beyond 64 bits", spec: `{"kind":"torch.LambdaLR","lr":1e-30,"lr_lambda":"lambda e: 2 ** e"}`, steps: 70,
		why: "Python's ints are exact at any size, core's lambdas' are int64: 2 ** 63 is refused (the lambda's doc)"},
	{name: "inf", spec: `{"kind":"torch.LambdaLR","lr":1e-10,"lr_lambda":"lambda e: 1e308 * (e + 1)"}`, steps: 3,
		why: "the lambda's value is inf at step 1, which Python returns and PyTorch sets; the kind refuses it"},
	{name: "past 1e300", spec: `{"kind":"torch.MultiplicativeLR","lr":1,"lr_lambda":"lambda e: 1e10"}`, steps: 40,
		why: "the product passes 1e300 at step 31; the kind stops runs at lr = 1e300"},
}

// PyTorch 1.13 runs the six kinds as the source they port does (its
// MultiplicativeLR tests last_epoch > 0 where the source tests _is_initial,
// and its ConstantLR orders its branches otherwise, to the same values), so
// they have no entries in torchVersionDifferences.

// torchMoreSweep draws random specs of the six kinds.
var torchMoreSweep = map[string]func(r *rand.Rand) (map[string]any, int){
	"torch.StepLR": func(r *rand.Rand) (map[string]any, int) {
		size := torchPick(r, 1, 2, torchLogInt(r, 1, 5000), torchLogInt(r, 1, 5000), torchLogInt(r, 1, 500))
		lr := torchLR(r)
		p := map[string]any{"lr": lr, "step_size": size}
		gamma := torchMoreGamma(r)
		if gamma >= 0 {
			p["gamma"] = gamma
		} else {
			gamma = 0.1
		}
		steps := torchSteps(r, size*torchPick(r, 1, 3, 10))
		if gamma > 1 && lr > 0 {
			// Mostly within the kind's limit of 1e300.
			if most := (int(math.Log(1e300/lr)/math.Log(gamma)) + 1) * size; steps > most && r.IntN(5) > 0 {
				steps = max(1, most-r.IntN(10))
			}
		}
		return p, steps
	},
	"torch.MultiStepLR": func(r *rand.Rand) (map[string]any, int) {
		hi := torchLogInt(r, 1, 5000)
		ms := make([]int, r.IntN(6))
		for i := range ms {
			ms[i] = torchPick(r, r.IntN(hi+1), r.IntN(hi+1), 0, hi)
			if i > 0 && r.IntN(6) == 0 {
				ms[i] = ms[i-1] // a repeat
			}
		}
		p := map[string]any{"lr": torchLR(r), "milestones": ms}
		if gamma := torchMoreGamma(r); gamma >= 0 {
			p["gamma"] = gamma
		}
		return p, torchSteps(r, hi)
	},
	"torch.ConstantLR": func(r *rand.Rand) (map[string]any, int) {
		p := map[string]any{"lr": torchLR(r)}
		if f := torchPick(r, -1, 0, 1, r.Float64(), r.Float64(), torchLogUniform(r, 1e-6, 1)); f >= 0 {
			p["factor"] = f
		}
		T := torchPick(r, 5, 0, torchLogInt(r, 1, 5000), torchLogInt(r, 1, 5000))
		if T != 5 || r.IntN(2) == 0 {
			p["total_iters"] = T
		}
		return p, torchSteps(r, T)
	},
	"torch.CyclicLR": func(r *rand.Rand) (map[string]any, int) {
		base := torchPick(r, 0, torchLogUniform(r, 1e-6, 1), torchLogUniform(r, 1e-6, 1))
		maxLR := torchPick(r, base, base*torchLogUniform(r, 1, 100), base*torchLogUniform(r, 1, 100), torchLogUniform(r, 1e-6, 1))
		up := torchLogInt(r, 1, 2000)
		p := map[string]any{"base_lr": base, "max_lr": maxLR, "step_size_up": up}
		down := up
		if r.IntN(2) == 0 {
			down = torchPick(r, 0, torchLogInt(r, 1, 2000), torchLogInt(r, 1, 2000))
			p["step_size_down"] = down
		}
		mode := torchPick(r, "", "triangular", "triangular2", "exp_range", "exp_range")
		if mode != "" {
			p["mode"] = mode
		}
		if mode == "exp_range" || r.IntN(4) == 0 {
			p["gamma"] = torchPick(r, 1, 1-torchLogUniform(r, 1e-7, 1e-2), 1-torchLogUniform(r, 1e-7, 1e-2), 1+torchLogUniform(r, 1e-7, 1e-3))
		}
		return p, torchSteps(r, (up+down)*torchPick(r, 1, 2, 5))
	},
	"torch.LambdaLR": func(r *rand.Rand) (map[string]any, int) {
		text, period := torchMoreLambda(r, false)
		return map[string]any{"lr": torchLR(r), "lr_lambda": text}, torchSteps(r, period)
	},
	"torch.MultiplicativeLR": func(r *rand.Rand) (map[string]any, int) {
		text, period := torchMoreLambda(r, true)
		return map[string]any{"lr": torchLR(r), "lr_lambda": text}, torchSteps(r, period)
	},
}

// torchMoreGamma draws a decay factor: often below 1, sometimes 0, 1 or
// above 1, or -1 for PyTorch's default.
func torchMoreGamma(r *rand.Rand) float64 {
	return torchPick(r, -1, 0.1, 0.5, r.Float64(), 1-torchLogUniform(r, 1e-9, 0.1), 0, 1, 1+torchLogUniform(r, 1e-6, 1))
}

// torchMoreLambda draws a lambda's text, with its constants, and the steps
// over which it changes. multiplicative draws factors near 1, for
// MultiplicativeLR's running product.
func torchMoreLambda(r *rand.Rand, multiplicative bool) (string, int) {
	T := torchLogInt(r, 2, 5000)
	w := torchLogInt(r, 1, max(1, T/2))
	g := 1 - torchLogUniform(r, 1e-6, 0.2)
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	n := strconv.Itoa
	arg := torchPick(r, "epoch", "step", "e", "s", "x")
	var body string
	if multiplicative {
		body = torchPick(r,
			f(g),
			f(g)+" if "+arg+" % "+n(w)+" == 0 else 1",
			"1.0 if "+arg+" < "+n(w)+" else "+f(g),
			"max("+f(g)+", 1 - "+arg+" / "+n(T)+")",
			"("+arg+" / ("+arg+" + 1)) ** "+f(r.Float64()),
			"1 + 1 / "+arg+" if "+arg+" < "+n(w)+" else "+f(g),
			f(g)+" + (1 - "+f(g)+") * math.cos(math.pi * "+arg+" / "+n(T)+")",
			"math.exp(-"+f(torchLogUniform(r, 1e-6, 0.01))+" * ("+arg+" % "+n(w)+"))",
			"1 / ("+n(T)+" - "+arg+") + "+f(g), // ZeroDivisionError at T
		)
	} else {
		body = torchPick(r,
			f(g)+" ** "+arg,
			"pow("+f(g)+", "+arg+" // "+n(w)+")",
			"min(1.0, ("+arg+" + 1) / "+n(w)+")",
			arg+" // "+n(w),
			"("+arg+" + 1) / "+n(w)+" if "+arg+" < "+n(w)+" else 0.5 * (1 + math.cos(math.pi * ("+arg+" - "+n(w)+") / "+n(T)+"))",
			"max(0.0, 1 - "+arg+" / "+n(T)+")",
			"max(0.0, 1 - "+arg+" / "+n(T)+") ** "+f(3*r.Float64()),
			"math.exp(-"+arg+" / "+n(w)+")",
			"1 / math.sqrt(max("+arg+", "+n(w)+"))",
			"min(("+arg+" + 1) ** -0.5, ("+arg+" + 1) * "+n(w)+" ** -1.5)",
			f(r.Float64())+" if "+arg+" < "+n(w)+" else "+f(r.Float64()),
			"float("+arg+" % "+n(w)+" == 0) + 0.1",
			"1 / ("+n(T)+" - "+arg+")", // ZeroDivisionError at T
			"math.log("+arg+" + 2) / math.log("+n(w+2)+")",
			n(w)+" / ("+arg+" + "+n(w)+")",
			"round("+arg+" / "+n(w)+", 1) + "+arg+" % 3",
		)
	}
	return "lambda " + arg + ": " + body, T
}

// TestTorchConformanceLambdaSteps: where PyTorch raises within a lambda
// kind's run, core's refusal names the step PyTorch raises at.
func TestTorchConformanceLambdaSteps(t *testing.T) {
	var cases []torchCase
	for _, c := range torchMoreRefusals {
		if k := torchKindOf(c.spec); k == "torch.LambdaLR" || k == "torch.MultiplicativeLR" {
			cases = append(cases, c)
		}
	}
	var req torchRequest
	for i, c := range cases {
		spec, err := torchTyped(c.spec)
		if err != nil {
			t.Fatal(err)
		}
		req.Runs = append(req.Runs, torchRunRequest{ID: i, Spec: spec, Steps: c.steps})
	}
	py := torchStart(t)
	defer py.close(t)
	ans := py.ask(t, req)
	checked := 0
	for i, c := range cases {
		r := ans.Runs[i]
		if r.Error == nil || !strings.Contains(c.spec, "lr_lambda") || strings.HasPrefix(c.name, "negative lr") {
			continue
		}
		checked++
		_, err := core.Evaluate([]byte(c.spec), c.steps)
		if err == nil {
			t.Errorf("%s: PyTorch raises %s at step %d; core runs it", c.name, r.Error, r.Error.At)
			continue
		}
		if want := fmt.Sprintf("step %d", r.Error.At); !strings.Contains(err.Error(), want) {
			t.Errorf("%s: PyTorch raises %s at step %d; core's refusal does not name it: %v", c.name, r.Error, r.Error.At, err)
		}
		if !strings.Contains(err.Error(), r.Error.Type) {
			t.Errorf("%s: PyTorch raises %s; core's refusal does not name %s: %v", c.name, r.Error, r.Error.Type, err)
		}
		t.Logf("%s: PyTorch %s at step %d; core: %v", c.name, r.Error, r.Error.At, err)
	}
	if checked == 0 {
		t.Error("no lambda raised")
	}
}
