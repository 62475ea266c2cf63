package core

import (
	"math"
	"strings"
	"sync"

	"github.com/lrplay/lrplay/core/internal/xmath"
)

// PyTorch-Ignite's LRScheduler (ignite/handlers/param_scheduler.py), which
// wraps a torch.optim.lr_scheduler object as an ignite handler:
//
//	def __call__(self, engine, name=None):
//	    super().__call__(engine, name)   # lr = get_param(); event_index += 1
//	    self.lr_scheduler.last_epoch += 1
//	def get_param(self):
//	    self.lr_scheduler._get_lr_called_within_step = True
//	    lr_list = self.lr_scheduler.get_lr()
//
// Event i is torch's chainable get_lr() at last_epoch = i (i + 1 with
// use_legacy, which adds 1 at construction), reading the lr event i − 1
// set, or the lr torch's constructor set for event 0. A class whose get_lr
// at last_epoch 0 keeps the lr (StepLR, ExponentialLR, CosineAnnealingLR,
// ...) gives torch's own values; LinearLR and ConstantLR apply their factor
// twice, and are replayed as torch objects. Current PyTorch's ExponentialLR,
// PolynomialLR and MultiplicativeLR keep the lr only while _is_initial (set
// by the constructor's step alone), so under ignite they take one step more
// at event 0 (torch 1.13 tested last_epoch == 0 and kept it).
// CosineAnnealingLR's _step_count stays 1, so from last_epoch 1 on its
// get_lr is the closed form (cosineAt). CosineAnnealingWarmRestarts is
// wrapped in _CosineAnnealingWarmRestarts, whose get_lr steps T_cur first:
// event i is torch's step i + 1.

var igniteLRSchedulerKind = register(&Kind{
	Name:      "ignite.LRScheduler",
	order:     604,
	code:      igniteLRSchedulerCode,
	imports:   []importSig{{callee: "LRScheduler", params: []string{"lr_scheduler", "save_history", "use_legacy"}, singleChild: true}},
	Framework: "PyTorch-Ignite",
	Title:     "LRScheduler (a PyTorch scheduler as an ignite handler)",
	Doc: "Runs a PyTorch scheduler as an ignite handler: at each event it sets the lr to the scheduler's get_lr() " +
		"at last_epoch = the event, then adds 1 to last_epoch; it never calls step(). As current PyTorch computes " +
		"get_lr: StepLR, MultiStepLR, LambdaLR, CyclicLR and OneCycleLR give their own curve; ExponentialLR runs one " +
		"step ahead (its get_lr multiplies unless in the constructor's initial step: ignite's own test marks this " +
		"xfail from torch 2.8; torch 1.13 gave its own curve); LinearLR and ConstantLR apply their factor twice " +
		"(LinearLR(0.5, 4) on 0.1 gives 0.025, 0.03125, …); PolynomialLR and MultiplicativeLR take one more step at " +
		"event 0; CosineAnnealingLR's get_lr is its closed form from event 1 on (its _step_count stays 1); " +
		"CosineAnnealingWarmRestarts runs one step ahead (ignite's _CosineAnnealingWarmRestarts). use_legacy adds 1 " +
		"to last_epoch at construction (for a handler attached to ITERATION_COMPLETED). A SequentialLR or " +
		"ChainedScheduler has no get_lr and is refused; replayed schedulers (LinearLR, ConstantLR, PolynomialLR and " +
		"MultiplicativeLR without use_legacy, MultiStepLR with a milestone at 0) run up to 10^6 events.",
	Convention: igniteConvention,
	Link:       "https://pytorch.org/ignite/generated/ignite.handlers.param_scheduler.LRScheduler.html",
	Example: `{"kind": "ignite.LRScheduler", "lr": 0.1, "lr_scheduler": [{"kind": "` + torchStepKind.Name +
		`", "step_size": 30, "gamma": 0.1}]}`,
	ExampleSteps: 100,
	Params: []Param{
		{Name: "lr_scheduler", Type: Schedules, Required: true,
			Doc: "the PyTorch scheduler to wrap, one, built on the optimizer; it takes the optimizer's lr, so it names none"},
		igniteOptimizerLR(),
		{Name: "use_legacy", Type: Bool, Default: false,
			Doc: "add 1 to the scheduler's last_epoch at construction (for a handler attached to ITERATION_COMPLETED)"},
	},
	build: func(a args) (kindCurve, error) {
		ch, err := igniteTorchChild(a, "LRScheduler")
		if err != nil {
			return nil, err
		}
		var off int64
		if a["use_legacy"].(bool) {
			off = 1
		}
		return newIgniteTorchRun(a.float("lr"), ch, off), nil
	},
})

// igniteOptimizerLR is the optimizer's lr, which a wrapped scheduler takes.
func igniteOptimizerLR() Param {
	p := torchLR()
	p.Doc = "the optimizer's lr (param_groups[0]['lr']) when the scheduler is built"
	return p
}

// igniteTorchChild parses the one PyTorch scheduler under "lr_scheduler".
func igniteTorchChild(a args, who string) (*Schedule, error) {
	children, err := parseChildren(a, "lr_scheduler", args{"lr": a.float("lr")}, func(k *Kind) string {
		if k.Framework != "PyTorch" {
			return k.Name + " is not a PyTorch scheduler: " + who + " wraps a torch.optim.lr_scheduler object"
		}
		return igniteTorchRefusal(k, who)
	})
	if err != nil {
		return nil, err
	}
	if len(children) != 1 {
		return nil, errorf("lr_scheduler", who+" wraps one PyTorch scheduler, not "+itoa(int64(len(children))))
	}
	if _, ok := children[0].curve.(torchConstructor); !ok {
		return nil, errorf("lr_scheduler[0].kind", children[0].kind.Name+" cannot run inside "+who+" here")
	}
	return children[0], nil
}

// igniteTorchRefusal says why ignite cannot call get_lr on k's scheduler, or "".
func igniteTorchRefusal(k *Kind, who string) string {
	switch k.Name {
	case "torch.ReduceLROnPlateau":
		return "ReduceLROnPlateau is no torch.optim.lr_scheduler.LRScheduler in PyTorch 1.13 and has no get_lr: " + who +
			" cannot wrap it, and its curve depends on a metric"
	case torchSequentialKind.Name, torchChainedKind.Name:
		return k.Name + " has no get_lr of its own: " + who + " calls get_lr() and PyTorch raises NotImplementedError"
	}
	return ""
}

// igniteTorchRun is a torch scheduler stepped by ignite's LRScheduler:
// event i is get_lr() at last_epoch = i + off.
type igniteTorchRun struct {
	lr    float64
	child *Schedule
	off   int64
	// shift, when not −1, says event i is the child's own step i + shift;
	// else the events are replayed on torch objects, but for a
	// CosineAnnealingLR (cos), whose events are cosineAt(i + off).
	shift int64
	cos   *torchCosine
	cos0  float64

	mu      sync.Mutex
	sim     *igniteTorchSim
	checkN  int64
	checkOK error
}

func newIgniteTorchRun(lr float64, ch *Schedule, off int64) *igniteTorchRun {
	r := &igniteTorchRun{lr: lr, child: ch, off: off, shift: -1}
	switch c := ch.curve.(type) {
	case *torchRestarts: // _CosineAnnealingWarmRestarts steps T_cur before computing
		r.shift = 1
	case *torchExponential: // get_lr multiplies unless _is_initial, which ignite never sets
		r.shift = 1
	case *torchStep, *torchLambda, *torchCyclic, *torchOneCycle:
		r.shift = off // get_lr at last_epoch 0 keeps the lr, or reads none
	case *torchPolynomial, *torchMultiplicative:
		if off == 1 { // from last_epoch 1 on, get_lr is the chainable step
			r.shift = 1
		}
	case *torchMultiStep:
		if !igniteHasZero(ch.args["milestones"].([]int64)) {
			r.shift = off
		}
	case *torchCosine:
		r.cos = c
		s := r.newSim()
		s.next()
		r.cos0 = s.value()
	}
	return r
}

// cosineAt is CosineAnnealingLR's get_lr at last_epoch e under ignite: its
// _step_count stays 1 (ignite never calls step()), so from last_epoch 1 on
// get_lr takes the branch "_step_count == 1 and last_epoch > 0", the
// closed form eta_min + (base_lr − eta_min)·(1 + cos(π·e/T_max))/2; at 0,
// the recursion from the lr (cos0).
func (r *igniteTorchRun) cosineAt(e int64) float64 {
	if e == 0 {
		return r.cos0
	}
	c := r.cos
	return c.etaMin + float64((c.lr-c.etaMin)*(1+xmath.Cos(math.Pi*float64(e)/float64(c.tMax))))/2
}

func igniteHasZero(ms []int64) bool {
	for _, m := range ms {
		if m == 0 {
			return true
		}
	}
	return false
}

// igniteTorchSim replays the wrapped scheduler: g.lr is what event pos − 1 set.
type igniteTorchSim struct {
	g   torchGroup
	o   torchScheduler
	pos int64
}

// newSim constructs the scheduler on the optimizer; its first step() is then
// get_lr at last_epoch = off.
func (r *igniteTorchRun) newSim() *igniteTorchSim {
	s := &igniteTorchSim{g: torchGroup{lr: r.lr}}
	s.o = r.child.curve.(torchConstructor).construct(&s.g)
	if r.off == 0 {
		s.o.undo()
	}
	return s
}

func (s *igniteTorchSim) next() {
	s.o.step(&s.g)
	s.pos++
}

func (s *igniteTorchSim) value() float64 {
	if s.g.err != "" {
		return math.NaN()
	}
	return s.g.lr
}

func (r *igniteTorchRun) at(i, n int64) float64 {
	if r.cos != nil {
		return r.cosineAt(i + r.off)
	}
	if r.shift >= 0 {
		return r.child.curve.at(i+r.shift, n+r.shift)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sim == nil || r.sim.pos > i+1 {
		r.sim = r.newSim()
	}
	for r.sim.pos < i+1 {
		r.sim.next()
	}
	return r.sim.value()
}

func (r *igniteTorchRun) fill(dst []float64) { r.fillEvery(dst, 0, 1) }

// fillEvery writes the events first + j·stride: the child's own recursion,
// shifted, or the replay.
func (r *igniteTorchRun) fillEvery(dst []float64, first, stride int64) {
	if r.cos != nil {
		for j := range dst {
			dst[j] = r.cosineAt(first + int64(j)*stride + r.off)
		}
		return
	}
	if r.shift >= 0 {
		igniteFillEvery(r.child.curve, dst, first+r.shift, stride)
		return
	}
	s := r.newSim()
	for j, next := 0, first; j < len(dst); {
		s.next()
		if s.pos-1 == next {
			dst[j] = s.value()
			j, next = j+1, next+stride
		}
	}
}

// igniteFillEvery writes c's steps first + j·stride, as its own fill
// computes them where it has one.
func igniteFillEvery(c curve, dst []float64, first, stride int64) {
	if len(dst) == 0 {
		return
	}
	n := first + stride*int64(len(dst)-1) + 1
	switch f := c.(type) {
	case everyFiller:
		f.fillEvery(dst, first, stride)
	case filler:
		buf := make([]float64, n)
		f.fill(buf)
		for j := range dst {
			dst[j] = buf[first+int64(j)*stride]
		}
	default:
		for j := range dst {
			dst[j] = c.at(first+int64(j)*stride, n)
		}
	}
}

// events: the child's own, shifted; a replayed run has none.
func (r *igniteTorchRun) events(n, from, to int64, yield func(Event) bool) {
	sh := r.shift
	if r.cos != nil {
		sh = r.off // the closed form turns where the cosine does
	}
	if sh < 0 {
		return
	}
	r.child.curve.events(n+sh, max(from+sh, sh+1), to+sh, func(e Event) bool {
		e.Step -= sh
		return yield(e)
	})
}

func (r *igniteTorchRun) checkSteps(n int64) error {
	if r.cos != nil {
		if v := r.cosineAt(r.off); torchBad(v) {
			return errorf("steps", "event 0 is "+formatFloat(v)+" (a negative or non-finite lr is refused here)")
		}
		return nil
	}
	if r.shift >= 0 {
		if c, ok := r.child.curve.(stepChecker); ok {
			if err := c.checkSteps(n + r.shift); err != nil {
				return errorf("steps", itoa(n)+" events run the PyTorch scheduler to its step "+itoa(n-1+r.shift)+": "+errText(err))
			}
		}
		return nil
	}
	if n > torchComposeMaxSteps {
		return errorf("steps", itoa(n)+" events are more than the "+itoa(torchComposeMaxSteps)+" a wrapped "+
			r.child.kind.Name+" can run: under ignite its get_lr reads the lr of the event before, so every value "+
			"comes from replaying PyTorch's scheduler event by event")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.checkN != n {
		r.checkN, r.checkOK = n, r.replayCheck(n)
	}
	return r.checkOK
}

func (r *igniteTorchRun) replayCheck(n int64) error {
	s := r.newSim()
	for i := int64(0); i < n; i++ {
		s.next()
		if s.g.err != "" {
			return errorf("steps", itoa(n)+" events reach event "+itoa(i)+", where PyTorch raises "+s.g.err+
				"; a run can have at most "+itoa(i)+" events")
		}
		if v := s.g.lr; torchBad(v) {
			return errorf("steps", itoa(n)+" events reach event "+itoa(i)+", where the lr is "+formatFloat(v)+
				" (a negative or non-finite lr is refused here); a run can have at most "+itoa(i)+" events")
		}
	}
	return nil
}

// shape: a run that is the child's own curve has its shape.
func (r *igniteTorchRun) shape(_ args, n int64) (shape, string) {
	if r.shift == 0 {
		return r.child.curve.shape(r.child.args, n)
	}
	return newShape(), "ignite's LRScheduler of " + r.child.kind.Name + " here is not PyTorch's own curve of it"
}

// lintFacts: the child's facts, where the run is its own curve.
func (r *igniteTorchRun) lintFacts(ls lintSpec, n int64) lintFacts {
	if r.shift == 0 { // as a ChainedScheduler of one scheduler
		return lintFactsOf(r.child, n)
	}
	return lintFacts{unit: "events (one per iteration when bound to ITERATION_STARTED)", noMin: true}
}

// igniteTorchCall writes the PyTorch scheduler's construction on optimizer.
func igniteTorchCall(ch *Schedule) string {
	return "torch_lr_scheduler = " + torchChildCall(ch) + "\n"
}

// torchChildCall is a torch child's constructor call on optimizer.
func torchChildCall(ch *Schedule) string {
	_, cls, _ := strings.Cut(ch.kind.Name, ".")
	return "torch.optim.lr_scheduler." + cls + "(\n    optimizer,\n" + torchChildKeywords(ch) + ")"
}

func igniteLRSchedulerCode(w *pyWriter, s *Schedule, steps int64) {
	ch := s.args["lr_scheduler"].([]*Schedule)[0]
	legacy := ", use_legacy=False"
	if s.args["use_legacy"].(bool) {
		legacy = ", use_legacy=True"
	}
	w.set("lr", pyFloatLiteral(s.args.float("lr")), "build", igniteTorchCall(ch), "legacy", legacy)
	w.put(`import torch
from ignite.handlers.param_scheduler import LRScheduler

` + pyStandIn + `optimizer = torch.optim.SGD(params, lr={lr})
{build}scheduler = LRScheduler(torch_lr_scheduler{legacy})

# In training: trainer.add_event_handler(Events.ITERATION_STARTED, scheduler). Each call sets the lr.
lrs = []
for _ in range({n}):
    scheduler(None)
    lrs.append(optimizer.param_groups[0]["lr"])
print(lrs)
`)
}
