package core

import (
	"math"
	"sync"
)

// What SequentialLR and ChainedScheduler share: their children, the
// simulation of torch's objects that fill runs, and the closed form at
// uses where the composition allows one.

// torchComposeMaxSteps bounds the runs of a composition that has no closed
// form: at and events then replay torch's objects step by step, about 90 to
// 180 ns a step natively for two schedulers (a 10^7-step chain of LinearLR
// and CosineAnnealingLR took 1.8 s to check and 4 s to draw), so 10^6 steps
// keep a drawing under a second.
const torchComposeMaxSteps = 1_000_000

// torchComposed is a composition's curve.
type torchComposed struct {
	name       string // "SequentialLR" or "ChainedScheduler"
	lr         float64
	children   []*Schedule
	milestones []int64 // SequentialLR's; nil for ChainedScheduler
	sequential bool

	// segs, when not nil, is the composition as its children's own curves:
	// segment k runs from segs[k].start (see torchAnalyze); why says why
	// there is no such form otherwise.
	segs  []torchSegment
	why   string
	marks []int64 // the milestones, sorted, for events

	mu      sync.Mutex
	sim     *torchSim  // the replay at uses, when segs is nil
	scan    *torchScan // the replay events use
	checkN  int64      // the run checkSteps replayed last, and what it found
	checkOK error
}

// torchSegment is the stretch of a run that one child's own curve draws,
// started afresh: its step t is the composition's step start + t.
type torchSegment struct {
	start int64
	child int // its index in children
	curve kindCurve
	raise string // what PyTorch raises at start, where _update_lr(0) divides by zero
}

// isTorchComposite reports whether c is a composition's curve.
func isTorchComposite(c kindCurve) bool {
	_, ok := c.(*torchComposed)
	return ok
}

// torchChildCheck refuses children PyTorch's compositions do not take.
func torchChildCheck(composition string) func(k *Kind) string {
	return func(k *Kind) string {
		switch {
		case k.Name == "torch.ReduceLROnPlateau":
			return composition + " does not support `ReduceLROnPlateau` scheduler as it requires additional kwargs " +
				"to be specified when calling `step` (PyTorch's ValueError)"
		case k.Framework != "PyTorch":
			return k.Name + " is not a PyTorch scheduler: " + composition + " runs PyTorch's schedulers on one optimizer"
		}
		return ""
	}
}

// torchParseChildren parses a composition's children, which take its lr.
func torchParseChildren(a args, composition string) ([]*Schedule, error) {
	children, err := parseChildren(a, "schedulers", args{"lr": a.float("lr")}, torchChildCheck(composition))
	if err != nil {
		return nil, err
	}
	if len(children) < 1 {
		what := "at least one scheduler, but got no scheduler"
		if composition == "ChainedScheduler" {
			what = "at least one scheduler to be chained, but got no scheduler"
		}
		return nil, errorf("schedulers", "PyTorch raises ValueError: \""+composition+" expects "+what+".\"")
	}
	for i, c := range children {
		if _, ok := c.curve.(torchConstructor); !ok {
			return nil, errorf("schedulers"+listOpen+itoa(int64(i))+listClose+".kind", c.kind.Name+" cannot run inside "+composition+" here")
		}
	}
	return children, nil
}

// construct builds the children in list order on g, then the composition.
func (c *torchComposed) construct(g *torchGroup) torchScheduler {
	kids := make([]torchScheduler, len(c.children))
	for i, ch := range c.children {
		kids[i] = ch.curve.(torchConstructor).construct(g)
	}
	if !c.sequential {
		return &torchChainedObj{kids: kids}
	}
	o := &torchSequentialObj{kids: kids, milestones: c.milestones}
	g.lr = g.initialLR // "Reset learning rates back to initial values"
	o.undo()           // recursive_undo
	kids[0].initialStep(g)
	return o
}

// torchSequentialObj is SequentialLR after its __init__.
type torchSequentialObj struct {
	kids       []torchScheduler
	milestones []int64
	lastEpoch  int64
}

// torchBisectRight is Python's bisect.bisect_right, also on a list that is
// not sorted (where it gives what its binary search gives).
func torchBisectRight(a []int64, x int64) int {
	lo, hi := 0, len(a)
	for lo < hi {
		mid := (lo + hi) / 2
		if x < a[mid] {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

func (o *torchSequentialObj) step(g *torchGroup) {
	o.lastEpoch++
	idx := torchBisectRight(o.milestones, o.lastEpoch)
	if idx > 0 && o.milestones[idx-1] == o.lastEpoch {
		o.kids[idx].stepAt(g, 0)
	} else {
		o.kids[idx].step(g)
	}
}

func (o *torchSequentialObj) initialStep(g *torchGroup) { o.step(g) }

// stepAt is LRScheduler._update_lr(0) on a SequentialLR, which has neither
// a closed form nor a get_lr of its own.
func (o *torchSequentialObj) stepAt(g *torchGroup, epoch int64) {
	g.raise("NotImplementedError (SequentialLR has no get_lr for _update_lr)")
}

func (o *torchSequentialObj) undo() {
	for _, k := range o.kids {
		k.undo()
	}
}

// torchChainedObj is ChainedScheduler: its __init__ steps nothing.
type torchChainedObj struct{ kids []torchScheduler }

func (o *torchChainedObj) step(g *torchGroup) {
	for _, k := range o.kids {
		k.step(g)
	}
}

func (o *torchChainedObj) initialStep(g *torchGroup) { o.step(g) }

func (o *torchChainedObj) stepAt(g *torchGroup, epoch int64) {
	g.raise("NotImplementedError (ChainedScheduler has no get_lr for _update_lr)")
}

func (o *torchChainedObj) undo() {
	for _, k := range o.kids {
		k.undo()
	}
}

// torchSim replays a composition: g after pos calls of step().
type torchSim struct {
	g    torchGroup
	root torchScheduler
	pos  int64
}

func (c *torchComposed) newSim() *torchSim {
	s := &torchSim{g: torchGroup{lr: c.lr}}
	s.root = c.construct(&s.g)
	return s
}

func (s *torchSim) next() {
	s.root.step(&s.g)
	s.pos++
}

func (c *torchComposed) fill(dst []float64) { c.fillEvery(dst, 0, 1) }

// fillEvery replays the run; see everyFiller. Steps from the first that
// raises on are NaN; checkSteps refuses such runs first.
func (c *torchComposed) fillEvery(dst []float64, first, stride int64) {
	s := c.newSim()
	for j, next := 0, first; j < len(dst); s.next() {
		if s.pos == next {
			dst[j] = s.g.lr
			if s.g.err != "" {
				dst[j] = math.NaN()
			}
			j, next = j+1, next+stride
		}
	}
}

func (c *torchComposed) at(i, n int64) float64 {
	if c.segs != nil {
		k := c.segment(i)
		sg := c.segs[k]
		return sg.curve.at(i-sg.start, c.segEnd(k, n)-sg.start)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sim == nil || c.sim.pos > i {
		c.sim = c.newSim()
	}
	for c.sim.pos < i {
		c.sim.next()
	}
	return c.sim.g.lr
}

// segment returns the index of the segment step i lies in.
func (c *torchComposed) segment(i int64) int {
	lo, hi := 0, len(c.segs) // the last segment with start ≤ i; segs[0].start = 0
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if c.segs[mid].start <= i {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// segEnd is where segment k ends in a run of n steps.
func (c *torchComposed) segEnd(k int, n int64) int64 {
	if k+1 < len(c.segs) {
		return min(c.segs[k+1].start, n)
	}
	return n
}

func (c *torchComposed) checkSteps(n int64) error {
	if c.segs != nil {
		for k, sg := range c.segs {
			if sg.start >= n {
				break
			}
			at := "schedulers" + listOpen + itoa(int64(sg.child)) + listClose
			if sg.raise != "" {
				return errorf("steps", itoa(n)+" steps reach step "+itoa(sg.start)+", where "+c.name+" starts "+at+
					" with its closed form and PyTorch raises "+sg.raise+"; a run can have at most "+itoa(sg.start)+" steps")
			}
			if ch, ok := sg.curve.(stepChecker); ok {
				if err := ch.checkSteps(c.segEnd(k, n) - sg.start); err != nil {
					msg := err.Error()
					if e, ok := err.(*Error); ok {
						msg = e.Msg
					}
					return errorf("steps", at+" runs from step "+itoa(sg.start)+" as if alone, for "+
						itoa(c.segEnd(k, n)-sg.start)+" steps: "+msg)
				}
			}
		}
		return nil
	}
	if n > torchComposeMaxSteps {
		return errorf("steps", itoa(n)+" steps are more than the "+itoa(torchComposeMaxSteps)+" this "+c.name+
			" can run: "+c.why+", so every value comes from replaying PyTorch's schedulers step by step")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.checkN == n {
		return c.checkOK
	}
	c.checkN, c.checkOK = n, c.replayCheck(n)
	return c.checkOK
}

// replayCheck runs n steps and reports the first that raises or is not a
// usable lr.
func (c *torchComposed) replayCheck(n int64) error {
	s := c.newSim()
	for i := int64(0); i < n; i++ {
		if i > 0 {
			s.next()
		}
		if s.g.err != "" {
			return errorf("steps", itoa(n)+" steps reach step "+itoa(i)+", where PyTorch raises "+s.g.err+
				"; a run can have at most "+itoa(i)+" steps")
		}
		if v := s.g.lr; torchBad(v) {
			return errorf("steps", itoa(n)+" steps reach step "+itoa(i)+", where the lr is "+formatFloat(v)+
				" (PyTorch computes it without raising; a negative or non-finite lr is refused here); a run can have at most "+itoa(i)+" steps")
		}
	}
	return nil
}

// events: with segments, a Boundary where each starts and each child's own
// events shifted to its segment; otherwise the milestones and every turn of
// the lr, found by replaying the run up to to.
func (c *torchComposed) events(n, from, to int64, yield func(Event) bool) {
	if c.segs != nil {
		for k, sg := range c.segs {
			end := c.segEnd(k, n)
			if sg.start >= to {
				return
			}
			if end <= from {
				continue
			}
			if k > 0 && sg.start >= from && !yield(Event{sg.start, Boundary}) {
				return
			}
			stop := false
			sg.curve.events(end-sg.start, max(from-sg.start, 1), min(to, end)-sg.start, func(e Event) bool {
				e.Step += sg.start
				stop = !yield(e)
				return !stop
			})
			if stop {
				return
			}
		}
		return
	}
	c.replayEvents(n, from, to, yield)
}

// torchScan finds a replay's events step by step: where the lr turns, and
// the milestones.
type torchScan struct {
	sim  *torchSim
	prev float64
	dir  int // the sign of the last change since the last Boundary
	ms   []int64
}

// next replays one more step and returns the event it shows, if any: a
// Boundary at the new step, or a turn at the step before.
func (sc *torchScan) next() (Event, bool) {
	sc.sim.next()
	i, v := sc.sim.pos, sc.sim.g.lr
	defer func() { sc.prev = v }()
	for len(sc.ms) > 0 && sc.ms[0] < i {
		sc.ms = sc.ms[1:]
	}
	d := 0
	if v > sc.prev {
		d = 1
	} else if v < sc.prev {
		d = -1
	}
	if len(sc.ms) > 0 && sc.ms[0] == i {
		sc.dir = 0
		return Event{i, Boundary}, true
	}
	turned := d != 0 && sc.dir != 0 && d != sc.dir
	if d != 0 {
		sc.dir = d
	}
	if turned {
		if d > 0 {
			return Event{i - 1, Trough}, true
		}
		return Event{i - 1, Peak}, true
	}
	return Event{}, false
}

// replayEvents yields the events of a run without a closed form, a chunk
// at a time, from a scan kept between calls (as at keeps its replay), so
// that a drawing's windows in step order replay the run once.
func (c *torchComposed) replayEvents(n, from, to int64, yield func(Event) bool) {
	end := min(to+1, n) // a turn at step to − 1 shows at step to
	var buf []Event
	for {
		c.mu.Lock()
		if c.scan == nil || c.scan.sim.pos > from {
			sim := c.newSim()
			c.scan = &torchScan{sim: sim, prev: sim.g.lr, ms: c.marks}
		}
		sc := c.scan
		buf = buf[:0]
		for sc.sim.pos+1 < end && len(buf) < 1024 {
			if e, ok := sc.next(); ok && e.Step >= from && e.Step < to {
				buf = append(buf, e)
			}
		}
		from = sc.sim.pos // the events before it are in buf; the next chunk starts here
		done := sc.sim.pos+1 >= end
		c.mu.Unlock()
		for _, e := range buf {
			if !yield(e) {
				return
			}
		}
		if done {
			return
		}
	}
}

// torchAnalyze finds the closed form of a composition, or says why there is
// none. A SequentialLR whose milestones are sorted and at least 1 starts
// each child it reaches at a milestone with _update_lr(0): its closed form
// at epoch 0, which for the classes below is the lr its own constructor
// sets (bit for bit, TestTorchObjectRestart; CosineAnnealingLR's with
// eta_min > 0 to a rounding), after which its chainable steps read only
// what it wrote. So each segment is that child alone, with the lr it took
// as base_lr, restarted at its milestone. A ChainedScheduler of one
// scheduler is that scheduler.
func (c *torchComposed) torchAnalyze() {
	c.marks = append([]int64(nil), c.milestones...)
	for i := 1; i < len(c.marks); i++ { // an insertion sort: no sort package in the wasm
		for j := i; j > 0 && c.marks[j] < c.marks[j-1]; j-- {
			c.marks[j], c.marks[j-1] = c.marks[j-1], c.marks[j]
		}
	}
	for _, ch := range c.children {
		if isTorchComposite(ch.curve) {
			c.why = "it holds a composition, whose steps interleave with its own"
			return
		}
	}
	if !c.sequential {
		if len(c.children) == 1 {
			c.segs = []torchSegment{{curve: c.children[0].curve}}
			return
		}
		c.why = "its schedulers multiply their factors into one lr, each reading what the one before wrote"
		return
	}
	for i, m := range c.milestones {
		if m < 1 || (i > 0 && m < c.milestones[i-1]) {
			c.why = "its milestones are not sorted, or one is below 1, so a scheduler can start from another's lr"
			return
		}
	}
	// The lr each child takes as base_lr: the optimizer's, or the initial_lr
	// of a OneCycleLR, which sets it (children before it keep the lr).
	g := &torchGroup{lr: c.lr}
	bases := make([]float64, len(c.children))
	for i, ch := range c.children {
		if _, ok := ch.curve.(*torchOneCycle); ok && i > 0 {
			c.why = "a OneCycleLR after the first scheduler changes the initial_lr that SequentialLR resets the lr to"
			return
		}
		if i > 0 && !torchRestartsAtZero(ch.curve) { // the first starts with its initial step, as alone
			c.why = ch.kind.Name + " does not restart as it starts alone"
			return
		}
		ch.curve.(torchConstructor).construct(g)
		bases[i] = g.initialLR
	}
	segs := []torchSegment{{child: 0, curve: c.children[0].curve}}
	for i, m := range c.milestones {
		if i+1 < len(c.milestones) && c.milestones[i+1] == m {
			continue // bisect_right skips to the last scheduler with this milestone
		}
		k := i + 1
		curve, err := torchRebase(c.children[k], bases[k])
		if err != nil {
			c.why = err.Error()
			return
		}
		sg := torchSegment{start: m, child: k, curve: curve}
		h := &torchGroup{lr: bases[k], initialLR: bases[k], hasInitial: true}
		o := curve.(torchConstructor).construct(h)
		o.undo()
		o.stepAt(h, 0)
		sg.raise = h.err
		segs = append(segs, sg)
	}
	c.segs = segs
}

// torchRestartsAtZero reports whether a scheduler's _update_lr(0) gives the
// lr of its own initial step, and its later steps what they give alone
// (TestTorchObjectRestart). StepLR's and MultiStepLR's closed forms at 0
// are base_lr·gamma^(number of milestones at 0), as their initial steps;
// LambdaLR and CyclicLR have no closed form, and get_lr computes from
// base_lr and last_epoch alone. ConstantLR's closed form at 0 is
// base_lr·factor only when total_iters > 0: with 0 it is
// base_lr·(factor + (1 − factor)), while its initial step is lr·factor.
// MultiplicativeLR has no closed form, and its get_lr at 0 keeps the lr
// the scheduler before it left.
func torchRestartsAtZero(k kindCurve) bool {
	switch k := k.(type) {
	case *torchLinear, *torchExponential, *torchPolynomial, *torchCosine, *torchRestarts, *torchOneCycle,
		*torchStep, *torchMultiStep, *torchLambda, *torchCyclic:
		return true
	case *torchConstant:
		return k.total > 0
	}
	return false
}

// torchRebase is a child's curve with base_lr in place of the composition's lr.
func torchRebase(s *Schedule, base float64) (kindCurve, error) {
	if s.kind.Param("lr") == nil || s.args.float("lr") == base {
		return s.curve, nil
	}
	a := make(args, len(s.args))
	for k, v := range s.args {
		a[k] = v
	}
	a["lr"] = base
	return s.kind.build(a)
}

// shape: a composition whose closed form is one scheduler is its shape; a
// SequentialLR of a LinearLR warmup to lr (end_factor 1) then one scheduler
// from a milestone at or after the warmup's end is a warmup, a stable phase
// at lr until the milestone, then that scheduler's shape.
func (c *torchComposed) shape(a args, n int64) (shape, string) {
	if c.segs == nil {
		return shape{}, c.name + " here has no closed form (" + c.why + ")"
	}
	if len(c.segs) == 1 {
		ch := c.children[c.segs[0].child]
		return ch.curve.shape(ch.args, n)
	}
	w, ok := c.segs[0].curve.(*torchLinear)
	if len(c.segs) > 2 || !ok || w.end != 1 || w.start >= 1 || w.total < 1 {
		return shape{}, c.name + " of " + childNames(c.children) + " is not a warmup then one schedule"
	}
	m := c.segs[1].start
	if m < w.total {
		return shape{}, "the milestone " + itoa(m) + " cuts the LinearLR warmup (total_iters = " + itoa(w.total) + ") short"
	}
	ch := c.children[c.segs[1].child]
	sh, why := ch.curve.shape(ch.args, max(n-m, 1))
	if why != "" {
		return sh, why
	}
	if sh.warmup > 0 || sh.stable > 0 || sh.under || sh.peak != c.lr {
		return shape{}, "after its warmup, " + ch.kind.Name + " here is not a schedule from lr"
	}
	sh.warmup, sh.start, sh.stable = w.total, c.lr*w.start, m-w.total
	return sh, ""
}
