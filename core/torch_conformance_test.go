//go:build torch

package core_test

// The PyTorch conformance stage (make test-torch): every torch.* kind against
// the real PyTorch. The kinds claim to compute what PyTorch computes, step i
// being optimizer.param_groups[0]["lr"] after i calls of scheduler.step();
// this runs the same specs in PyTorch (Debian's python3-torch, or the Python
// in LRPLAY_TORCH_PYTHON) and compares every step, and runs the snippet
// core.Code writes for each run under the same PyTorch.
//
// One python3 (testdata/torch/conform.py) answers the whole stage: Go writes
// every case as JSON to its stdin and reads the answers from its stdout,
// floats as float.hex() strings so that both sides compare the exact doubles.
//
// A kind added to core joins the stage with a generator in torchSweep below
// and a constructor in conform.py's schedulers(); its edge cases, refusals and
// deliberate differences go in the tables beside the others.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lrplay/lrplay/core"
)

// torchTol is how far a value may be from PyTorch's, relative to the larger
// of the two. Values are equal bit for bit except where glibc's cos or pow
// rounds one ulp away from the correctly rounded result core computes (see the
// README), and a recursion carries that difference on.
const torchTol = 1e-9

// torchDraws is how many random specs the sweep draws per kind.
const torchDraws = 40

// torchSeed seeds the sweep: the same draws on every run. Each kind's
// generator gets its own source (seeded with the kind's name too), so adding
// a kind or a draw changes no other kind's draws.
const torchSeed = 20240611

// torchMaxSteps is the longest run the sweep draws.
const torchMaxSteps = 20000

// torchWant is what a case expects of core and PyTorch.
type torchWant int

const (
	// torchRuns: both run the spec for steps steps; every value is compared,
	// and so is the snippet core.Code writes for the run.
	torchRuns torchWant = iota
	// torchRefuses: PyTorch raises (when built, or when stepped within the
	// run), and core refuses the spec (Parse) or the run's length (Evaluate).
	torchRefuses
	// torchDiffers: core refuses what PyTorch runs, on purpose, for the
	// reason in why (each is in the parameter's or the kind's doc).
	torchDiffers
	// torchVersion: PyTorch 1.13 (Debian's) differs from the PyTorch source
	// the kinds port (lr_scheduler.py at 008f727e); core follows the source,
	// so this is not compared. what 1.13 does is logged.
	torchVersion
)

// torchCase is one spec run for steps steps.
type torchCase struct {
	name  string // the table's name for it, or "sweep N"
	spec  string
	steps int
	want  torchWant
	// raises is the exception PyTorch raises, for torchRefuses ("" for any).
	raises string
	// why says why core refuses what PyTorch runs (torchDiffers), or how
	// PyTorch 1.13 differs from the source (torchVersion).
	why string
	// same, for torchDiffers, is a spec core runs whose values PyTorch's run
	// of spec must equal: what the kind's doc says PyTorch makes of it.
	same string
	// both, for torchVersion, says that the source runs it too, to other
	// values (a composition's schedulers that 1.13 steps otherwise).
	both bool
	// sweep marks a random draw: core decided want, and a draw core refuses
	// but PyTorch runs is a deliberate difference only if PyTorch's run has
	// an lr core never gives (below 0 or past 1e300, the limits in the kinds'
	// docs).
	sweep bool
}

// torchEdges are hand-picked specs both sides run: the ends of each
// parameter's range and the shapes the kinds' docs single out.
var torchEdges = []torchCase{
	// CosineAnnealingLR.
	{name: "T_max = 1", spec: `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1}`, steps: 10},
	{name: "T_max = 1, eta_min > lr", spec: `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1,"eta_min":0.3}`, steps: 11},
	{name: "one step", spec: `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":100}`, steps: 1},
	{name: "eta_min = lr", spec: `{"kind":"torch.CosineAnnealingLR","lr":0.05,"T_max":7,"eta_min":0.05}`, steps: 100},
	{name: "lr = 0, eta_min > 0", spec: `{"kind":"torch.CosineAnnealingLR","lr":0,"T_max":10,"eta_min":0.1}`, steps: 95},
	{name: "far past T_max", spec: `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10,"eta_min":1e-4}`, steps: 20000},
	{name: "T_max = run", spec: `{"kind":"torch.CosineAnnealingLR","lr":3e-4,"T_max":20000}`, steps: 20000},
	// The kind's doc: PyTorch's recursion takes the lr below 0 (−4.6e285 at step 40).
	{name: "eta_min = 1e300", spec: `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20,"eta_min":1e300}`, steps: 41},
	{name: "lr = 1e300", spec: `{"kind":"torch.CosineAnnealingLR","lr":1e300,"T_max":13,"eta_min":1e299}`, steps: 100},
	// CosineAnnealingWarmRestarts.
	{name: "T_0 = 1", spec: `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":1}`, steps: 10},
	{name: "T_0 = 1, T_mult = 2", spec: `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":1,"T_mult":2,"eta_min":0.001}`, steps: 300},
	{name: "T_mult = 3, long", spec: `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":3,"T_mult":3,"eta_min":1e-5}`, steps: 20000},
	{name: "eta_min > lr", spec: `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.01,"T_0":10,"T_mult":2,"eta_min":0.1}`, steps: 200},
	{name: "eta_min = lr", spec: `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.01,"T_0":10,"eta_min":0.01}`, steps: 30},
	// OneCycleLR.
	{name: "example", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, steps: 1000},
	{name: "total_steps + 1 steps", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1000}`, steps: 1001},
	{name: "total_steps = 1", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":1}`, steps: 2},
	{name: "total_steps = 2", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":2,"three_phase":true}`, steps: 3},
	{name: "pct_start = 0", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"pct_start":0}`, steps: 101},
	{name: "pct_start·T < 1", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"pct_start":0.005,"anneal_strategy":"linear"}`, steps: 100},
	{name: "three phases, pct_start > 0.5", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"pct_start":0.8,"three_phase":true}`, steps: 101},
	{name: "div_factor < 1", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":300,"div_factor":0.5,"final_div_factor":0.25}`, steps: 301},
	{name: "epochs·steps_per_epoch", spec: `{"kind":"torch.OneCycleLR","max_lr":0.01,"epochs":7,"steps_per_epoch":13,"three_phase":true,"anneal_strategy":"linear"}`, steps: 91},
	{name: "total_steps over epochs", spec: `{"kind":"torch.OneCycleLR","max_lr":0.01,"total_steps":50,"epochs":7,"steps_per_epoch":13}`, steps: 51},
	// The three shapes whose last phase has zero length, run exactly total_steps long.
	{name: "two phases, pct_start = 1", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"pct_start":1.0}`, steps: 100},
	{name: "two phases, pct_start = 1, epochs", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"epochs":4,"steps_per_epoch":25,"pct_start":1.0,"anneal_strategy":"linear"}`, steps: 100},
	{name: "three phases, T = 10, pct_start = 0.55", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0.55,"three_phase":true}`, steps: 10},
	// LinearLR.
	{name: "total_iters = 0", spec: `{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.5,"total_iters":0}`, steps: 10},
	{name: "start_factor = end_factor", spec: `{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.25,"end_factor":0.25,"total_iters":10}`, steps: 20},
	{name: "decay to 0", spec: `{"kind":"torch.LinearLR","lr":0.1,"start_factor":1,"end_factor":0,"total_iters":100}`, steps: 200},
	{name: "end_factor = 0, positive residue", spec: `{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.5,"end_factor":0,"total_iters":3}`, steps: 10},
	{name: "tiny start_factor", spec: `{"kind":"torch.LinearLR","lr":1,"start_factor":1e-300,"total_iters":1000}`, steps: 1100},
	{name: "long warmup", spec: `{"kind":"torch.LinearLR","lr":0.001,"start_factor":0.001,"total_iters":20000}`, steps: 20000},
	// ExponentialLR.
	{name: "gamma = 0", spec: `{"kind":"torch.ExponentialLR","lr":0.1,"gamma":0}`, steps: 5},
	{name: "gamma = 1", spec: `{"kind":"torch.ExponentialLR","lr":0.1,"gamma":1}`, steps: 5},
	{name: "gamma = 1 − 1e-12", spec: `{"kind":"torch.ExponentialLR","lr":0.1,"gamma":0.999999999999}`, steps: 20000},
	{name: "gamma > 1", spec: `{"kind":"torch.ExponentialLR","lr":0.1,"gamma":1.001}`, steps: 20000},
	{name: "gamma > 1 up to 1e300", spec: `{"kind":"torch.ExponentialLR","lr":1,"gamma":2}`, steps: 997},
	{name: "underflow", spec: `{"kind":"torch.ExponentialLR","lr":1e-300,"gamma":0.5}`, steps: 100},
	// PolynomialLR.
	{name: "total_iters = 0", spec: `{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":0,"power":2}`, steps: 10},
	{name: "power = 0", spec: `{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":10,"power":0}`, steps: 20},
	{name: "fractional power", spec: `{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":1000,"power":0.9}`, steps: 1500},
	{name: "defaults", spec: `{"kind":"torch.PolynomialLR","lr":0.1}`, steps: 10},
	{name: "long", spec: `{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":20000,"power":3.5}`, steps: 20000},
}

// torchRefusals are specs PyTorch raises on, when built or within the run,
// and core refuses.
var torchRefusals = []torchCase{
	{name: "negative lr", spec: `{"kind":"torch.CosineAnnealingLR","lr":-0.1,"T_max":10}`, steps: 5, raises: "ValueError"},
	{name: "T_max = 0", spec: `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":0}`, steps: 3, raises: "ZeroDivisionError"},
	{name: "no T_max", spec: `{"kind":"torch.CosineAnnealingLR","lr":0.1}`, steps: 3, raises: "TypeError"},
	{name: "T_0 = 0", spec: `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":0}`, steps: 3, raises: "ValueError"},
	{name: "T_0 < 0", spec: `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":-4}`, steps: 3, raises: "ValueError"},
	{name: "T_0 not whole", spec: `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":2.5}`, steps: 3, raises: "ValueError"},
	{name: "T_mult = 0", spec: `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":5,"T_mult":0}`, steps: 3, raises: "ValueError"},
	{name: "T_mult not whole", spec: `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":5,"T_mult":1.5}`, steps: 3, raises: "ValueError"},
	{name: "negative lr", spec: `{"kind":"torch.CosineAnnealingWarmRestarts","lr":-1,"T_0":5}`, steps: 3, raises: "ValueError"},
	{name: "stepped past total_steps", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100}`, steps: 102, raises: "ValueError"},
	{name: "stepped past epochs·steps_per_epoch", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"epochs":3,"steps_per_epoch":5,"three_phase":true}`, steps: 17, raises: "ValueError"},
	{name: "total_steps = 0", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":0}`, steps: 1, raises: "ValueError"},
	{name: "total_steps < 0", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":-10}`, steps: 1, raises: "ValueError"},
	{name: "total_steps not whole", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10.5}`, steps: 1, raises: "ValueError"},
	{name: "no total_steps", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1}`, steps: 1, raises: "ValueError"},
	// PyTorch 1.13 raises TypeError (None <= 0), the source ValueError.
	{name: "epochs without steps_per_epoch", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"epochs":10}`, steps: 1},
	{name: "epochs = 0", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"epochs":0,"steps_per_epoch":10}`, steps: 1, raises: "ValueError"},
	{name: "steps_per_epoch = 0", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"epochs":10,"steps_per_epoch":0}`, steps: 1, raises: "ValueError"},
	{name: "pct_start > 1", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"pct_start":1.5}`, steps: 1, raises: "ValueError"},
	{name: "pct_start < 0", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"pct_start":-0.1}`, steps: 1, raises: "ValueError"},
	{name: "unknown anneal_strategy", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"anneal_strategy":"exp"}`, steps: 1, raises: "ValueError"},
	{name: "div_factor = 0", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"div_factor":0}`, steps: 1, raises: "ZeroDivisionError"},
	{name: "final_div_factor = 0", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"final_div_factor":0}`, steps: 1, raises: "ZeroDivisionError"},
	{name: "pct_start·T = 1", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0.1}`, steps: 5, raises: "ZeroDivisionError"},
	{name: "zero-length last phase, stepped to total_steps", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"pct_start":1.0}`, steps: 101, raises: "ZeroDivisionError"},
	{name: "zero-length third phase, stepped to total_steps", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":10,"pct_start":0.55,"three_phase":true}`, steps: 11, raises: "ZeroDivisionError"},
	{name: "start_factor > 1", spec: `{"kind":"torch.LinearLR","lr":0.1,"start_factor":1.5}`, steps: 3, raises: "ValueError"},
	{name: "start_factor < 0", spec: `{"kind":"torch.LinearLR","lr":0.1,"start_factor":-0.5}`, steps: 3, raises: "ValueError"},
	{name: "end_factor > 1", spec: `{"kind":"torch.LinearLR","lr":0.1,"end_factor":1.5}`, steps: 3, raises: "ValueError"},
	{name: "end_factor < 0", spec: `{"kind":"torch.LinearLR","lr":0.1,"end_factor":-0.5}`, steps: 3, raises: "ValueError"},
	{name: "negative lr", spec: `{"kind":"torch.LinearLR","lr":-0.1}`, steps: 3, raises: "ValueError"},
	{name: "no gamma", spec: `{"kind":"torch.ExponentialLR","lr":0.1}`, steps: 3, raises: "TypeError"},
	{name: "negative lr", spec: `{"kind":"torch.ExponentialLR","lr":-0.1,"gamma":0.9}`, steps: 3, raises: "ValueError"},
	{name: "negative power, stepped to total_iters", spec: `{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":10,"power":-1}`, steps: 12, raises: "ZeroDivisionError"},
	{name: "negative lr", spec: `{"kind":"torch.PolynomialLR","lr":-0.1}`, steps: 3, raises: "ValueError"},
}

// torchDifferences are specs PyTorch runs and core refuses, on purpose; why
// says why (each reason is in the parameter's or the kind's doc).
var torchDifferences = []torchCase{
	{name: "T_max < 0", spec: `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":-20}`, steps: 100,
		why:  "PyTorch treats −T_max as T_max (cos is even, and its branch test is the same modulo −2·T_max); the kind rejects it",
		same: `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":20}`},
	{name: "T_max not whole", spec: `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":2.5}`, steps: 20,
		why: "T_max is an int in PyTorch's signature and core's; a float runs in PyTorch, never taking the branch at the troughs"},
	{name: "negative eta_min", spec: `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":10,"eta_min":-0.01}`, steps: 20,
		why: "eta_min < 0 gives negative lrs; the kind rejects it"},
	{name: "lr > 1e300", spec: `{"kind":"torch.CosineAnnealingLR","lr":1e301,"T_max":10}`, steps: 20,
		why: "past lr = 1e300 PyTorch's arithmetic can overflow (not in this run); the kinds take lr and eta_min up to 1e300"},
	{name: "negative eta_min", spec: `{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":10,"eta_min":-0.01}`, steps: 20,
		why: "eta_min < 0 gives negative lrs; the kind rejects it"},
	{name: "negative max_lr", spec: `{"kind":"torch.OneCycleLR","max_lr":-0.1,"total_steps":100}`, steps: 100,
		why: "OneCycleLR does not check max_lr and sets negative lrs; the kind takes max_lr ≥ 0"},
	{name: "negative div_factor", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"div_factor":-25}`, steps: 100,
		why: "div_factor < 0 gives negative lrs; the kind takes div_factor > 0"},
	{name: "epochs = 0 beside total_steps", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"epochs":0,"steps_per_epoch":10}`, steps: 100,
		why:  "PyTorch ignores epochs and steps_per_epoch when total_steps is given; the kind checks they are ≥ 1 even then",
		same: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100}`},
	{name: "epochs·steps_per_epoch > 2^53", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"epochs":100000000,"steps_per_epoch":100000000}`, steps: 3,
		why: "integer parameters are whole numbers up to 2^53 (exact as float64), and so is the product"},
	{name: "linear overshoot below 0 at total_steps", spec: `{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":100,"anneal_strategy":"linear"}`, steps: 101,
		why: "at step total_steps the linear anneal overshoots the minimum to a negative lr; the kind's runs stop at total_steps then"},
	{name: "total_iters < 0", spec: `{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.5,"total_iters":-5}`, steps: 10,
		why:  "PyTorch treats a negative total_iters as 0 (start_factor for ever); the kind rejects it",
		same: `{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.5,"total_iters":0}`},
	{name: "end_factor = 0, negative residue", spec: `{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.3,"end_factor":0,"total_iters":3}`, steps: 10,
		why: "rounding in the recursion sets lr = −2e-16·lr·start_factor from step total_iters on; the kind refuses runs that reach it"},
	{name: "negative gamma", spec: `{"kind":"torch.ExponentialLR","lr":0.1,"gamma":-0.5}`, steps: 10,
		why: "gamma < 0 gives lrs of alternating sign; the kind takes gamma ≥ 0"},
	{name: "gamma > 1 past 1e300", spec: `{"kind":"torch.ExponentialLR","lr":1,"gamma":2}`, steps: 1000,
		why: "the kind stops runs at lr = 1e300, short of float64's overflow"},
	{name: "gamma > 1 to inf", spec: `{"kind":"torch.ExponentialLR","lr":1,"gamma":2}`, steps: 1100,
		why: "the lr overflows to inf at step 1024, which PyTorch sets without raising; the kind stops runs at lr = 1e300"},
	{name: "total_iters < 0", spec: `{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":-5,"power":2}`, steps: 10,
		why:  "PyTorch treats a negative total_iters as 0 (lr for ever); the kind rejects it",
		same: `{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":0,"power":2}`},
	{name: "negative power within total_iters", spec: `{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":10,"power":-1}`, steps: 10,
		why: "a negative power grows the lr without bound and raises ZeroDivisionError at step total_iters; the kind rejects it whatever the run"},
}

// torchVersionDifferences: where PyTorch 1.13 (Debian's python3-torch) does
// not do what the source the kinds port does. Core follows the source; what
// 1.13 does is logged, not compared.
var torchVersionDifferences = []torchCase{
	{name: "start_factor = 0, total_iters = 0", spec: `{"kind":"torch.LinearLR","lr":0.1,"start_factor":0,"total_iters":0}`, steps: 5,
		why: "1.13 checks 0 ≤ start_factor ≤ 1 and runs lr 0 for ever; the source raises ValueError for start_factor ≤ 0, as the kind does"},
	{name: "start_factor = 0", spec: `{"kind":"torch.LinearLR","lr":0.1,"start_factor":0,"total_iters":5}`, steps: 5,
		why: "1.13 builds it and raises ZeroDivisionError at the first step; the source raises ValueError when it is built, as the kind does"},
}

// torchSweep draws a random spec of each kind (its parameters and a run
// length). Draws reach the ends of each parameter's range; core and PyTorch
// then decide together whether a draw is a run or a refusal.
var torchSweep = map[string]func(r *rand.Rand) (map[string]any, int){
	"torch.CosineAnnealingLR": func(r *rand.Rand) (map[string]any, int) {
		T := torchPick(r, 1, 2, torchLogInt(r, 1, 5000), torchLogInt(r, 1, 5000), torchLogInt(r, 1, 5000))
		lr := torchLR(r)
		return map[string]any{"lr": lr, "T_max": T, "eta_min": torchEtaMin(r, lr)}, torchSteps(r, T)
	},
	"torch.CosineAnnealingWarmRestarts": func(r *rand.Rand) (map[string]any, int) {
		T0 := torchPick(r, 1, torchLogInt(r, 1, 2000), torchLogInt(r, 1, 2000))
		mult := torchPick(r, 1, 1, 2, 2, 3, 4, 10)
		lr := torchLR(r)
		p := map[string]any{"lr": lr, "T_0": T0, "eta_min": torchEtaMin(r, lr)}
		if mult != 1 || r.IntN(2) == 0 {
			p["T_mult"] = mult
		}
		return p, torchSteps(r, T0*mult)
	},
	"torch.OneCycleLR": func(r *rand.Rand) (map[string]any, int) {
		p := map[string]any{"max_lr": torchLogUniform(r, 1e-5, 10)}
		var T int
		switch r.IntN(6) {
		case 0, 1: // epochs·steps_per_epoch
			e, s := torchLogInt(r, 1, 50), torchLogInt(r, 1, 400)
			p["epochs"], p["steps_per_epoch"], T = e, s, e*s
		case 2: // total_steps, which takes precedence over epochs·steps_per_epoch
			T = torchLogInt(r, 1, torchMaxSteps)
			p["total_steps"], p["epochs"], p["steps_per_epoch"] = T, torchLogInt(r, 1, 100), torchLogInt(r, 1, 400)
		default:
			T = torchLogInt(r, 1, torchMaxSteps)
			p["total_steps"] = T
		}
		if pct := torchPick(r, -1, r.Float64(), r.Float64(), 0, 1, 0.5, 0.25, 0.75); pct >= 0 {
			p["pct_start"] = pct
		}
		if a := torchPick(r, "", "cos", "linear", "linear"); a != "" {
			p["anneal_strategy"] = a
		}
		if r.IntN(2) == 0 {
			p["div_factor"] = torchLogUniform(r, 0.5, 1000)
		}
		if r.IntN(2) == 0 {
			p["final_div_factor"] = torchLogUniform(r, 0.5, 1e5)
		}
		if r.IntN(5) < 2 {
			p["three_phase"] = true
		}
		// The whole cycle, and the step past it that PyTorch still allows, often.
		return p, torchPick(r, T, T, T+1, T+1, torchLogInt(r, 1, T))
	},
	"torch.LinearLR": func(r *rand.Rand) (map[string]any, int) {
		p := map[string]any{"lr": torchLR(r)}
		start := torchPick(r, -1, 1.0, 1-r.Float64(), torchLogUniform(r, 1e-4, 1))
		if start >= 0 {
			p["start_factor"] = start
		} else {
			start = 1.0 / 3
		}
		if end := torchPick(r, -1, 0, 1.0, r.Float64(), start, start*r.Float64()); end >= 0 {
			p["end_factor"] = end
		}
		T := torchPick(r, 0, torchLogInt(r, 1, 5000), torchLogInt(r, 1, 5000), torchLogInt(r, 1, 5000))
		if T != 5 || r.IntN(2) == 0 {
			p["total_iters"] = T
		}
		return p, torchSteps(r, T)
	},
	"torch.ExponentialLR": func(r *rand.Rand) (map[string]any, int) {
		lr := torchLR(r)
		gamma := torchPick(r, 1-torchLogUniform(r, 1e-12, 0.1), 1-torchLogUniform(r, 1e-12, 0.1), r.Float64(), 0, 1, 1+torchLogUniform(r, 1e-12, 0.1))
		steps := torchLogInt(r, 1, torchMaxSteps)
		if gamma > 1 && lr > 0 {
			// Mostly within the kind's limit of 1e300; the draws beyond it are deliberate differences.
			if most := int(math.Log(1e300/lr)/math.Log(gamma)) + 1; steps > most && r.IntN(5) > 0 {
				steps = max(1, most-r.IntN(10))
			}
		}
		return map[string]any{"lr": lr, "gamma": gamma}, steps
	},
	"torch.PolynomialLR": func(r *rand.Rand) (map[string]any, int) {
		p := map[string]any{"lr": torchLR(r)}
		T := torchPick(r, 0, torchLogInt(r, 1, 5000), torchLogInt(r, 1, 5000), torchLogInt(r, 1, 5000))
		if T != 5 || r.IntN(2) == 0 {
			p["total_iters"] = T
		}
		if power := torchPick(r, -1, 0, 1, 2, 0.5, 3*r.Float64(), torchLogUniform(r, 0.01, 10)); power >= 0 {
			p["power"] = power
		}
		return p, torchSteps(r, T)
	},
}

func torchPick[T any](r *rand.Rand, xs ...T) T { return xs[r.IntN(len(xs))] }

func torchLogUniform(r *rand.Rand, lo, hi float64) float64 {
	return lo * math.Pow(hi/lo, r.Float64())
}

func torchLogInt(r *rand.Rand, lo, hi int) int {
	return min(hi, max(lo, int(math.Round(torchLogUniform(r, float64(lo), float64(hi))))))
}

// torchLR draws the optimizer's lr: often 0.1, sometimes 0, else from 1e-6 to 10.
func torchLR(r *rand.Rand) float64 {
	return torchPick(r, 0.1, 0.1, 0, torchLogUniform(r, 1e-6, 10), torchLogUniform(r, 1e-6, 10))
}

// torchEtaMin draws a cosine's eta_min for lr: 0, below lr, equal, or above it.
func torchEtaMin(r *rand.Rand, lr float64) float64 {
	return torchPick(r, 0, 0, lr*r.Float64(), lr*torchLogUniform(r, 1e-8, 1e-2), lr, lr*(1+torchLogUniform(r, 1e-3, 100)), torchLogUniform(r, 1e-6, 1))
}

// torchSteps draws a run length for a schedule whose period (T_max,
// total_iters, ...) is period: a few steps, about one period, far past it,
// or anything up to torchMaxSteps.
func torchSteps(r *rand.Rand, period int) int {
	var n int
	switch r.IntN(6) {
	case 0:
		n = 1 + r.IntN(3)
	case 1:
		n = period + r.IntN(3) - 1
	case 2:
		n = period*(2+r.IntN(40)) + r.IntN(3) - 1
	default:
		n = torchLogInt(r, 1, torchMaxSteps)
	}
	return min(torchMaxSteps, max(1, n))
}

// torchCases is every case: the sweep, then the tables.
func torchCases(t *testing.T) []torchCase {
	var cases []torchCase
	var kinds []string
	for _, k := range core.Kinds() {
		if strings.HasPrefix(k.Name, "torch.") {
			kinds = append(kinds, k.Name)
		}
	}
	for _, kind := range kinds {
		gen := torchSweep[kind]
		if gen == nil {
			t.Errorf("%s has no generator in torchSweep (nor a constructor in conform.py, maybe)", kind)
			continue
		}
		h := fnv.New64a()
		h.Write([]byte(kind))
		r := rand.New(rand.NewPCG(torchSeed, h.Sum64()))
		for i := range torchDraws {
			params, steps := gen(r)
			params["kind"] = kind
			spec, err := json.Marshal(params)
			if err != nil {
				t.Fatal(err)
			}
			c := torchCase{name: "sweep " + strconv.Itoa(i), spec: string(spec), steps: steps, want: torchRuns, sweep: true}
			if torchCoreRefuses(c.spec, c.steps) != nil {
				c.want = torchRefuses
			}
			cases = append(cases, c)
		}
	}
	for _, table := range []struct {
		cases []torchCase
		want  torchWant
	}{{torchEdges, torchRuns}, {torchRefusals, torchRefuses}, {torchDifferences, torchDiffers}, {torchVersionDifferences, torchVersion}} {
		for _, c := range table.cases {
			c.want = table.want
			cases = append(cases, c)
		}
	}
	for _, c := range cases {
		if k := torchKindOf(c.spec); !slices.Contains(kinds, k) {
			t.Errorf("%s: %s is not a torch kind of core's", c.name, k)
		}
	}
	return cases
}

// torchCoreRefuses returns core's error for spec run for steps steps, or nil.
func torchCoreRefuses(spec string, steps int) error {
	s, err := core.Parse([]byte(spec))
	if err != nil {
		return err
	}
	return s.CheckSteps(int64(steps))
}

func torchKindOf(spec string) string {
	var k struct{ Kind string }
	json.Unmarshal([]byte(spec), &k)
	return k.Kind
}

// torchTyped writes spec for conform.py: each value of a Float parameter as
// {"float": HEX}, whole numbers of Int parameters as ints, and a spec inside
// a spec (a composed kind's child) in turn. Parameters core does not know
// keep their JSON type.
func torchTyped(spec string) (json.RawMessage, error) {
	d := json.NewDecoder(strings.NewReader(spec))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return json.Marshal(torchTypedValue(nil, v))
}

func torchTypedValue(p *core.Param, v any) any {
	switch v := v.(type) {
	case map[string]any:
		kind, _ := v["kind"].(string)
		k := core.LookupKind(kind)
		out := make(map[string]any, len(v))
		for name, x := range v {
			var q *core.Param
			if k != nil {
				q = k.Param(name)
			}
			out[name] = torchTypedValue(q, x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = torchTypedValue(p, x)
		}
		return out
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			return v
		}
		whole := f == math.Trunc(f) && math.Abs(f) < 1<<53
		if (p == nil && !strings.ContainsAny(string(v), ".eE")) || (p != nil && p.Type == core.Int && whole) {
			return int64(f)
		}
		return map[string]string{"float": strconv.FormatFloat(f, 'x', -1, 64)}
	}
	return v
}

// The request to conform.py and its answer.
type (
	torchRunRequest struct {
		ID    int             `json:"id"`
		Spec  json.RawMessage `json:"spec"`
		Steps int             `json:"steps"`
	}
	torchSnippetRequest struct {
		ID   int    `json:"id"`
		Code string `json:"code"`
	}
	torchRequest struct {
		Runs     []torchRunRequest     `json:"runs"`
		Snippets []torchSnippetRequest `json:"snippets"`
		Libm     string                `json:"libm,omitempty"` // "correctly rounded": see conform.py
	}
	torchRaise struct {
		Type    string `json:"type"`
		Message string `json:"message"`
		At      int    `json:"at"`   // the lrs set before it raised; 0: when built
		Line    string `json:"line"` // a snippet's line that raised
	}
	torchResult struct {
		ID     int         `json:"id"`
		Values []string    `json:"values"`
		Error  *torchRaise `json:"error"`
	}
	torchAnswer struct {
		Torch           string        `json:"torch"`
		Debian          string        `json:"debian"`
		Python          string        `json:"python"`
		ImportSeconds   float64       `json:"import_seconds"`
		RunsSeconds     float64       `json:"runs_seconds"`
		SnippetsSeconds float64       `json:"snippets_seconds"`
		Runs            []torchResult `json:"runs"`
		Snippets        []torchResult `json:"snippets"`
		LibmError       string        `json:"libm_error"`
	}
)

func (e *torchRaise) String() string {
	s := e.Type + ": " + e.Message
	if e.Line != "" {
		s += " (" + e.Line + ")"
	}
	return s
}

func (r *torchResult) floats() ([]float64, error) {
	out := make([]float64, len(r.Values))
	for i, h := range r.Values {
		v, err := strconv.ParseFloat(h, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return nil, fmt.Errorf("value %d: %v", i, err)
		}
		out[i] = v
	}
	return out, nil
}

// torchPython is the one conform.py of the stage, answering requests one
// at a time.
type torchPython struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	enc    *json.Encoder
	dec    *json.Decoder
	stderr bytes.Buffer
	cancel context.CancelFunc
	done   bool // Wait was called
}

// torchStart starts conform.py under Debian's python3, or the Python in
// LRPLAY_TORCH_PYTHON (make test-torch TORCH_PYTHON=...).
func torchStart(t *testing.T) *torchPython {
	python := os.Getenv("LRPLAY_TORCH_PYTHON")
	if python == "" {
		python = "/usr/bin/python3" // Debian's, whose python3-torch this stage is for
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	p := &torchPython{cmd: exec.CommandContext(ctx, python, "testdata/torch/conform.py"), cancel: cancel}
	p.cmd.Stderr = &p.stderr
	stdin, err := p.cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("%s: %v (the stage needs a Python with PyTorch: make deps-torch, or set TORCH_PYTHON)", python, err)
	}
	p.stdin, p.enc, p.dec = stdin, json.NewEncoder(stdin), json.NewDecoder(stdout)
	return p
}

// ask sends req and returns conform.py's answer.
func (p *torchPython) ask(t *testing.T, req torchRequest) torchAnswer {
	var ans torchAnswer
	if err := p.enc.Encode(req); err != nil {
		p.fail(t, err)
	}
	if err := p.dec.Decode(&ans); err != nil {
		p.fail(t, err)
	}
	if len(ans.Runs) != len(req.Runs) && ans.LibmError == "" || len(ans.Snippets) != len(req.Snippets) {
		t.Fatalf("conform.py answered %d runs and %d snippets of %d and %d", len(ans.Runs), len(ans.Snippets), len(req.Runs), len(req.Snippets))
	}
	return ans
}

func (p *torchPython) fail(t *testing.T, err error) {
	p.stdin.Close()
	werr := p.cmd.Wait()
	p.done = true
	p.cancel()
	t.Fatalf("%s testdata/torch/conform.py: %v (%v)\n%s\n(the stage needs PyTorch for that Python: make deps-torch, or set TORCH_PYTHON)",
		p.cmd.Path, err, werr, p.stderr.Bytes())
}

// close ends conform.py: it exits at the end of its input.
func (p *torchPython) close(t *testing.T) {
	if p.done {
		return
	}
	p.done = true
	p.stdin.Close()
	if err := p.cmd.Wait(); err != nil {
		t.Errorf("conform.py: %v\n%s", err, p.stderr.Bytes())
	}
	p.cancel()
}

// torchDiff is how two runs compare.
type torchDiff struct {
	bad     int // the first step beyond torchTol, or -1
	exact   bool
	maxUlps uint64
	maxRel  float64
}

func torchCompare(got, want []float64) torchDiff {
	d := torchDiff{bad: -1, exact: true}
	for i := range got {
		a, b := got[i], want[i]
		if math.Float64bits(a) == math.Float64bits(b) {
			continue
		}
		d.exact = false
		rel := math.Abs(a-b) / max(math.Abs(a), math.Abs(b))
		if !(rel <= torchTol) && d.bad < 0 {
			d.bad = i
		}
		if !(rel <= d.maxRel) {
			d.maxRel = rel
		}
		ua, ub := math.Float64bits(a), math.Float64bits(b)
		ulps := uint64(math.MaxUint64)
		if math.Signbit(a) == math.Signbit(b) {
			ulps = max(ua, ub) - min(ua, ub)
		}
		d.maxUlps = max(d.maxUlps, ulps)
	}
	return d
}

// describe says where two runs within torchTol differ.
func (d torchDiff) describe(got, want []float64) string {
	first, n := -1, 0
	for i := range got {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			n++
			if first < 0 {
				first = i
			}
		}
	}
	return fmt.Sprintf("%d of %d steps differ, at most %d ulp (%.2g relative); the first is step %d: core %x, PyTorch %x",
		n, len(got), d.maxUlps, d.maxRel, first, got[first], want[first])
}

// torchTally counts one kind's results.
type torchTally struct {
	runs, exact, outside     int
	explained                int // runs bit-exact with correctly rounded cos and pow in PyTorch
	maxUlps                  uint64
	maxRel                   float64
	refusals, differences    int
	version                  int
	snippets, snippetsExact  int
	snippetsOutside, crashed int
}

func (a *torchTally) add(b torchTally) {
	a.runs += b.runs
	a.exact += b.exact
	a.explained += b.explained
	a.outside += b.outside
	a.maxUlps = max(a.maxUlps, b.maxUlps)
	a.maxRel = max(a.maxRel, b.maxRel)
	a.refusals += b.refusals
	a.differences += b.differences
	a.version += b.version
	a.snippets += b.snippets
	a.snippetsExact += b.snippetsExact
	a.snippetsOutside += b.snippetsOutside
	a.crashed += b.crashed
}

func (a *torchTally) compared(d torchDiff) {
	if d.exact {
		a.exact++
	}
	if d.bad >= 0 {
		a.outside++
	}
	a.maxUlps = max(a.maxUlps, d.maxUlps)
	a.maxRel = max(a.maxRel, d.maxRel)
}

func (a torchTally) String() string {
	within := "all within 1e-9"
	if a.outside > 0 {
		within = fmt.Sprintf("%d NOT within 1e-9", a.outside)
	}
	s := fmt.Sprintf("%d runs (%d bit-exact", a.runs, a.exact)
	if a.exact < a.runs {
		s += fmt.Sprintf(", %d more with PyTorch's cos and pow correctly rounded", a.explained)
	}
	s += ", " + within
	if a.exact < a.runs {
		s += fmt.Sprintf("; largest difference %d ulp, %.2g relative", a.maxUlps, a.maxRel)
	}
	s += fmt.Sprintf("), %d refusals, %s", a.refusals, torchCount(a.differences, "deliberate difference"))
	if a.version > 0 {
		s += fmt.Sprintf(", %d not compared (PyTorch 1.13 differs from the source ported)", a.version)
	}
	s += fmt.Sprintf(", %d snippets run (%d bit-exact", a.snippets, a.snippetsExact)
	if a.snippetsOutside > 0 {
		s += fmt.Sprintf(", %d NOT within 1e-9", a.snippetsOutside)
	}
	if a.crashed > 0 {
		s += fmt.Sprintf(", %d raised", a.crashed)
	}
	return s + ")"
}

// torchCount writes n things.
func torchCount(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

func torchValues(t *testing.T, c torchCase, r *torchResult) []float64 {
	v, err := r.floats()
	if err != nil {
		t.Fatalf("%s %s: PyTorch's values: %v", c.name, c.spec, err)
	}
	return v
}

// torchFirstDiff says where a run first leaves torchTol.
func torchFirstDiff(got, want []float64, d torchDiff) string {
	i := d.bad
	return fmt.Sprintf("step %d: core %v (%x), PyTorch %v (%x), %.3g relative; %d ulp at most over the run",
		i, got[i], got[i], want[i], want[i], math.Abs(got[i]-want[i])/max(math.Abs(got[i]), math.Abs(want[i])), d.maxUlps)
}

// TestTorchConformance is the stage: see the file's comment.
func TestTorchConformance(t *testing.T) {
	start := time.Now()
	cases := torchCases(t)

	// The request: every case, and the snippet of every case both run.
	var req torchRequest
	snippetOf := map[int]int{} // case → snippet
	for i, c := range cases {
		spec, err := torchTyped(c.spec)
		if err != nil {
			t.Fatalf("%s %s: %v", c.name, c.spec, err)
		}
		req.Runs = append(req.Runs, torchRunRequest{ID: i, Spec: spec, Steps: c.steps})
		if c.want != torchRuns {
			continue
		}
		s, err := core.Parse([]byte(c.spec))
		if err == nil {
			var code string
			if code, err = core.Code(s, int64(c.steps), "torch"); err == nil {
				snippetOf[i] = len(req.Snippets)
				req.Snippets = append(req.Snippets, torchSnippetRequest{ID: i, Code: code})
			}
		}
		if err != nil {
			t.Errorf("%s: %s for %d steps: %v", c.name, c.spec, c.steps, err)
		}
	}
	py := torchStart(t)
	defer py.close(t)
	ans := py.ask(t, req)

	// The runs that are not bit-exact, run again with a correctly rounded
	// cos and pow in PyTorch, as core computes them.
	var again torchRequest
	coreValues := map[int][]float64{}

	tallies := map[string]*torchTally{}
	for i, c := range cases {
		kind := torchKindOf(c.spec)
		if tallies[kind] == nil {
			tallies[kind] = &torchTally{}
		}
		tally := tallies[kind]
		r := &ans.Runs[i]
		where := fmt.Sprintf("%s %s (%d steps)", c.name, c.spec, c.steps)
		if r.Error != nil && r.Error.Type == "NoBuilder" {
			t.Fatalf("%s: %s", where, r.Error)
		}
		torch := torchValues(t, c, r)
		refusal := torchCoreRefuses(c.spec, c.steps)

		switch c.want {
		case torchRuns:
			tally.runs++
			if r.Error != nil {
				t.Errorf("%s: core runs it, PyTorch raises %s at step %d", where, r.Error, r.Error.At)
				continue
			}
			got, err := core.Evaluate([]byte(c.spec), c.steps)
			if err != nil {
				t.Errorf("%s: PyTorch runs it, core: %v", where, err)
				continue
			}
			d := torchCompare(got, torch)
			tally.compared(d)
			if d.bad >= 0 {
				t.Errorf("%s: %s", where, torchFirstDiff(got, torch, d))
			} else if !d.exact {
				t.Logf("not bit-exact: %s: %s", where, d.describe(got, torch))
			}
			if !d.exact {
				again.Runs = append(again.Runs, req.Runs[i])
				coreValues[i] = got
			}
			if j, ok := snippetOf[i]; ok {
				torchCheckSnippet(t, c, where, got, torch, &ans.Snippets[j], tally)
			}

		case torchRefuses:
			if r.Error == nil {
				if c.sweep && torchBeyondLimits(torch) {
					tally.differences++ // core's limits: see torchCase.sweep
					continue
				}
				t.Errorf("%s: core refuses it (%v), PyTorch runs it", where, refusal)
				continue
			}
			tally.refusals++
			if refusal == nil {
				t.Errorf("%s: PyTorch raises %s at step %d, core runs it", where, r.Error, r.Error.At)
				continue
			}
			if c.raises != "" && r.Error.Type != c.raises {
				t.Errorf("%s: PyTorch raises %s, want %s", where, r.Error, c.raises)
			}
			torchCheckRefusal(t, c, where, r, torch)

		case torchDiffers:
			tally.differences++
			if refusal == nil {
				t.Errorf("%s: core runs it; listed as a deliberate difference (%s)", where, c.why)
			}
			if r.Error != nil {
				t.Errorf("%s: PyTorch raises %s at step %d: it is a refusal, not a deliberate difference (%s)", where, r.Error, r.Error.At, c.why)
				continue
			}
			if c.same != "" {
				got, err := core.Evaluate([]byte(c.same), c.steps)
				if err != nil {
					t.Errorf("%s: %s: %v", where, c.same, err)
				} else if d := torchCompare(got, torch); d.bad >= 0 {
					t.Errorf("%s: PyTorch's run is not that of %s: %s", where, c.same, torchFirstDiff(got, torch, d))
				}
			}

		case torchVersion:
			tally.version++
			if refusal == nil && !c.both {
				t.Errorf("%s: core runs it, as PyTorch 1.13 may but the source the kind ports does not (%s)", where, c.why)
			}
			did := "runs it"
			if r.Error != nil {
				did = fmt.Sprintf("raises %s at step %d", r.Error, r.Error.At)
			}
			t.Logf("not compared: %s: PyTorch %s %s; %s", where, ans.Torch, did, c.why)
		}
	}

	// glibc's cos and pow are one ulp off the correctly rounded result for a
	// few arguments (the README); core's are correctly rounded. Where that is
	// all, PyTorch with correctly rounded ones computes core's values.
	libm := ""
	if len(again.Runs) > 0 {
		again.Libm = "correctly rounded"
		ans2 := py.ask(t, again)
		if ans2.LibmError != "" {
			libm = "; not run again with correctly rounded cos and pow: " + ans2.LibmError
		} else {
			for _, r := range ans2.Runs {
				c := cases[r.ID]
				where := fmt.Sprintf("%s %s (%d steps)", c.name, c.spec, c.steps)
				if r.Error != nil {
					t.Errorf("%s, with correctly rounded cos and pow: PyTorch raises %s", where, r.Error)
					continue
				}
				got, torch := coreValues[r.ID], torchValues(t, c, &r)
				if d := torchCompare(got, torch); !d.exact {
					t.Errorf("%s: core and PyTorch differ by more than glibc's rounding of cos and pow: with correctly rounded ones, %s",
						where, d.describe(got, torch))
				} else {
					tallies[torchKindOf(c.spec)].explained++
				}
			}
			ans.RunsSeconds += ans2.RunsSeconds
		}
	}

	var kinds []string
	for k := range tallies {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	var total torchTally
	for _, k := range kinds {
		t.Logf("%s: %s", k, tallies[k])
		total.add(*tallies[k])
	}
	version := "torch " + ans.Torch
	if ans.Debian != "" {
		version += " (" + ans.Debian + ")"
	}
	t.Logf("%s, Python %s: %s%s", version, ans.Python, total, libm)
	t.Logf("%.1f s: torch import %.1f s, runs %.1f s, snippets %.1f s", time.Since(start).Seconds(),
		ans.ImportSeconds, ans.RunsSeconds, ans.SnippetsSeconds)
}

// torchCheckSnippet compares what core.Code's snippet for c prints with got,
// core's values, and with torch, PyTorch's run of c's spec, which it must
// equal bit for bit: the snippet builds the same scheduler.
func torchCheckSnippet(t *testing.T, c torchCase, where string, got, torch []float64, r *torchResult, tally *torchTally) {
	tally.snippets++
	if r.Error != nil {
		tally.crashed++
		t.Errorf("%s: core.Code's snippet raises %s", where, r.Error)
		return
	}
	lrs := torchValues(t, c, r)
	if len(lrs) != len(got) {
		t.Errorf("%s: core.Code's snippet prints %d lrs, want %d", where, len(lrs), len(got))
		return
	}
	if d := torchCompare(torch, lrs); !d.exact {
		t.Errorf("%s: core.Code's snippet and PyTorch's run of the spec differ: %s", where, d.describe(torch, lrs))
	}
	d := torchCompare(got, lrs)
	if d.exact {
		tally.snippetsExact++
	}
	if d.bad >= 0 {
		tally.snippetsOutside++
		t.Errorf("%s: core.Code's snippet: %s", where, torchFirstDiff(got, lrs, d))
	}
}

// torchCheckRefusal checks that core refuses where PyTorch raises: a spec
// PyTorch refuses to build, core refuses to parse; a run PyTorch stops at
// step k, core allows k steps, with PyTorch's values, and refuses k + 1.
func torchCheckRefusal(t *testing.T, c torchCase, where string, r *torchResult, torch []float64) {
	s, err := core.Parse([]byte(c.spec))
	if err != nil {
		return // refused whatever the run
	}
	k := r.Error.At
	if k == 0 {
		t.Errorf("%s: PyTorch raises %s when built; core parses it and refuses only the run", where, r.Error)
		return
	}
	if err := s.CheckSteps(int64(k + 1)); err == nil {
		t.Errorf("%s: PyTorch raises %s at step %d; core allows a run of %d steps", where, r.Error, k, k+1)
	}
	if c.sweep && torchBeyondLimits(torch) {
		return // core refuses the lr PyTorch gives before it raises, a deliberate difference
	}
	got, err := core.Evaluate([]byte(c.spec), k)
	if err != nil {
		t.Errorf("%s: PyTorch runs %d steps before it raises; core refuses them: %v", where, k, err)
		return
	}
	if d := torchCompare(got, torch); d.bad >= 0 {
		t.Errorf("%s: the %d steps before PyTorch raises: %s", where, k, torchFirstDiff(got, torch, d))
	}
}

// torchBeyondLimits reports whether a PyTorch run has an lr that no kind
// gives: below 0, or past 1e300 (the limits in the kinds' docs).
func torchBeyondLimits(lrs []float64) bool {
	return slices.ContainsFunc(lrs, func(v float64) bool { return !(v >= 0 && v <= 1e300) })
}
